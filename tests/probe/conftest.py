"""Shared probe runs: every script is probed once per session, two at a time.

Importing TensorFlow dominates each run (several seconds), so the scripts in
fixtures/ and the code blocks of the TFL6xx rule pages are all started
together in a thread pool at the first test that needs them, and each test
reads its script's report.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
RULES = ROOT / "rules"
WORKERS = int(os.environ.get("TFLINT_PROBE_TEST_WORKERS", "2"))
WARM = os.environ.get("TFLINT_PROBE_TEST_COLD") != "1"  # TFLINT_PROBE_TEST_COLD=1: every run imports TF itself

HAS_TF = importlib.util.find_spec("tensorflow") is not None
needs_tf = pytest.mark.skipif(not HAS_TF, reason="TensorFlow is not installed (pip install 'tflint[probe]')")

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


@dataclass
class Job:
    name: str
    path: Path
    expect: set[str] = field(default_factory=set)  # codes; empty: no findings at all
    lines: dict[str, int] = field(default_factory=dict)  # code -> expected line
    absent: set[str] = field(default_factory=set)
    kwargs: dict = field(default_factory=dict)


def parse_expect(text: str) -> tuple[set[str], dict[str, int]] | None:
    m = re.search(r"^# expect: (.+)$", text, re.M)
    if not m:
        return None
    codes, lines = set(), {}
    for tok in m.group(1).split():
        if tok == "none":
            continue
        code, _, line = tok.partition("@")
        codes.add(code)
        if line:
            lines[code] = int(line)
    return codes, lines


#: Page blocks that cannot run here: TFL613's examples need tens of GB of data
#: (test_memory_finding covers the rule with a small device-memory-mb instead).
NOT_RUNNABLE = {"TFL613"}


def page_blocks() -> list[tuple[str, str, str]]:
    """(code, section, source) of every ```python probe block in rules/TFL6*.md."""
    from tflint import rulebook

    out = []
    for page in sorted(RULES.glob("TFL6*.md")):
        if page.stem in NOT_RUNNABLE:
            continue
        text = page.read_text(encoding="utf-8")
        for section in ("Example", "Use instead"):
            for source in rulebook.code_blocks(text, section, "python probe"):
                out.append((page.stem, section, source))
    return out


def _jobs(tmp: Path) -> dict[str, Job]:
    jobs: dict[str, Job] = {}
    by_hash: dict[str, str] = {}
    for path in sorted(FIXTURES.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        parsed = parse_expect(text)
        if parsed is None:
            continue
        codes, lines = parsed
        jobs[path.stem] = Job(path.stem, path, codes, lines)
        body = "\n".join(l for l in text.splitlines() if not l.startswith("# expect:")).strip()
        by_hash[hashlib.sha1(body.encode()).hexdigest()] = path.stem
    for i, (code, section, source) in enumerate(page_blocks()):
        name = f"page_{code}_{'example' if section == 'Example' else 'use_instead'}_{i}"
        digest = hashlib.sha1(source.strip().encode()).hexdigest()
        if digest in by_hash:  # the page shows a fixture verbatim: one run serves both
            job = jobs[by_hash[digest]]
            jobs[name] = Job(name, job.path, {code} if section == "Example" else set(), {}, set() if section == "Example" else {code})
            jobs[name].kwargs["same_as"] = job.name
            continue
        folder = tmp / name
        folder.mkdir()
        path = folder / "train.py"
        path.write_text(source, encoding="utf-8")
        if section == "Example":
            jobs[name] = Job(name, path, {code})
        else:
            jobs[name] = Job(name, path, set(), {}, {code})
        by_hash[digest] = name
    return jobs


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


class Runs:
    def __init__(self, jobs: dict[str, Job]):
        self.jobs = jobs
        self.reports: dict[str, object] = {}
        self.errors: dict[str, BaseException] = {}

    def report(self, name: str):
        job = self.jobs[name]
        key = job.kwargs.get("same_as", name)
        if key in self.errors:
            raise self.errors[key]
        return self.reports[key]


@pytest.fixture(scope="session")
def zygote():
    """One process that has imported TensorFlow and forks a child per probe (see warm.py)."""
    if not HAS_TF:
        pytest.skip("TensorFlow is not installed")
    if not WARM:
        yield None
        return
    from tflint.probe.warm import Zygote

    with Zygote() as z:
        yield z


@pytest.fixture(scope="session")
def probe_runs(zygote):
    """Probe every fixture and rule-page script once, in parallel."""
    from tflint.probe.command import run_probe
    from tflint.probe.config import ProbeConfig

    tmp = Path(tempfile.mkdtemp(prefix="tflint-probe-tests-"))
    jobs = _jobs(tmp)
    runs = Runs(jobs)
    before = _snapshot(FIXTURES)

    todo = [j for j in jobs.values() if "same_as" not in j.kwargs]
    # TensorFlow is imported once and each script runs in a fresh fork (see warm.py);
    # the cold path is covered by test_sandbox.py, test_cli.py and the benchmark.
    spawner = zygote.spawn if zygote else None

    def one(job: Job):
        return job.name, run_probe(str(job.path), probe=ProbeConfig(time_limit=120), spawner=spawner)

    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {pool.submit(one, j): j.name for j in todo}
        for fut, name in futures.items():
            try:
                runs.reports[name] = fut.result()[1]
            except BaseException as exc:  # noqa: BLE001 - reported by the test that reads it
                runs.errors[name] = exc
    runs.fixture_writes = {k: v for k, v in _snapshot(FIXTURES).items() if before.get(k) != v}
    return runs


def run_cli(*args: str, env: dict | None = None, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tflint", "probe", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
    )
