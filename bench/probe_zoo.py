"""Calibration zoo for `tflint probe`: do its verdicts hold on the setups users write?

    python bench/probe_zoo.py [--seeds 3] [--repeat 1] [--workers 2] [--backend tensorflow|jax] [--only NAME ...] [--json OUT]

The scripts live in bench/probe_zoo/healthy/ (models that train: an MLP, CNNs
with pooling and global average pooling, LSTM/GRU, an embedding text
classifier, a transformer block, BatchNorm, Dropout, functional multi-input and
multi-output models, a subclassed model, GradientTape loops with and without
tf.function, tf.data, train_on_batch) and bench/probe_zoo/sick/ (one failure of
TFL601-TFL613 each, named in the script's first line: ``# zoo: sick TFL606 - ...``).
Every script makes up its data, with learnable signal, from the seed it gets as
its first argument; the probe is seeded with the same number.

Each healthy script runs with --seeds seeds, each sick one with seed 0; then
every setup runs --repeat more times with seed 0 to check that the findings do
not change from run to run. With --backend jax the setups run on Keras 3's JAX
backend, except those that import TensorFlow themselves (tf.data, GradientTape
loops). TensorFlow is imported once (the warm start of
warm.py), so the times are the probe's own; a cold run pays the import on top.

Prints the findings per run, then the totals: the healthy runs with an error or
a warning, the sick setups detected with their intended code, the setups whose
findings changed between identical runs, and the time to verdict. Targets: no
error and at most 5% warnings on the healthy zoo, at least 95% of the sick zoo
detected with the intended code.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tflint.probe.command import run_probe  # noqa: E402
from tflint.probe.config import ProbeConfig  # noqa: E402

ZOO = Path(__file__).resolve().parent / "probe_zoo"
HEADER = re.compile(r"^# zoo: (healthy|sick)(?: (TFL6\d\d))? - (.+)$", re.M)
OVERRIDE = re.compile(r"^# probe: ([a-z-]+)=(\S+)$", re.M)


@dataclass
class Setup:
    name: str
    path: Path
    healthy: bool
    intended: str | None  # the code a sick setup must get
    about: str
    overrides: dict = field(default_factory=dict)  # probe keys the setup needs (TFL613's device size)


@dataclass
class Run:
    setup: Setup
    seed: int
    findings: list[tuple[str, str, int, str]]
    losses: list[float]
    outcome: str
    seconds: float  # wall time of the probe, warm start
    reached: bool

    @property
    def codes(self) -> dict[str, str]:
        return {code: sev for code, sev, _line, _msg in self.findings}


def setups(only: list[str] | None, backend: str) -> list[Setup]:
    out = []
    for path in sorted(ZOO.glob("*/*.py")):
        if only and path.stem not in only:
            continue
        text = path.read_text(encoding="utf-8")
        if backend != "tensorflow" and "import tensorflow" in text:
            continue
        m = HEADER.search(text)
        if m is None:
            raise SystemExit(f"{path}: no '# zoo: healthy|sick TFL6xx - ...' line")
        overrides = {k: float(v) for k, v in OVERRIDE.findall(text)}
        out.append(Setup(path.stem, path, m.group(1) == "healthy", m.group(2), m.group(3), overrides))
    return out


def probe(setup: Setup, seed: int, spawner) -> Run:
    cfg = ProbeConfig.from_table({"time-limit": 120, "seed": seed, **setup.overrides})
    started = time.perf_counter()
    report = run_probe(str(setup.path), [str(seed)], probe=cfg, spawner=spawner)
    seconds = time.perf_counter() - started
    findings = [(d.code, str(d.severity), d.line, d.message) for d in report.diagnostics]
    return Run(setup, seed, findings, report.losses, report.outcome, seconds, report.result is not None)


def show(run: Run) -> str:
    found = ", ".join(f"{c} {s}" for c, s in sorted(run.codes.items())) or "nothing"
    return f"  {run.setup.name:<26} seed {run.seed}  {run.seconds:5.1f} s  {found}" + ("" if run.reached else f"  ({run.outcome})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seeds", type=int, default=3, help="seeds per healthy setup (default 3)")
    ap.add_argument("--repeat", type=int, default=1, help="extra identical runs per setup for stability (default 1)")
    ap.add_argument("--workers", type=int, default=2, help="probes at a time (default 2)")
    ap.add_argument("--only", nargs="*", help="setup names")
    ap.add_argument("--backend", choices=("tensorflow", "jax"), default="tensorflow", help="Keras backend (default tensorflow)")
    ap.add_argument("--verbose", "-v", action="store_true", help="print every finding's message")
    ap.add_argument("--json", metavar="OUT", help="write the runs and totals as JSON")
    args = ap.parse_args()

    from tflint.probe.warm import Zygote

    os.environ["KERAS_BACKEND"] = args.backend  # the zygote and every child inherit it
    zoo = setups(args.only, args.backend)
    jobs = [(s, seed) for s in zoo for seed in (range(args.seeds) if s.healthy else [0])]
    repeats = [(s, 0) for s in zoo for _ in range(args.repeat)]
    started = time.perf_counter()
    with Zygote() as zygote:
        print(f"Keras ({args.backend}) imported once in {zygote.import_seconds:.1f} s; {len(jobs)} runs + {len(repeats)} repeats, "
              f"{args.workers} at a time", flush=True)
        with ThreadPoolExecutor(args.workers) as pool:
            runs = []
            for run in pool.map(lambda job: probe(*job, zygote.spawn), jobs):
                runs.append(run)
                print(show(run), flush=True)
                if args.verbose:
                    for code, sev, line, msg in run.findings:
                        print(f"      {code} {sev} line {line}: {msg}")
            again = list(pool.map(lambda job: probe(*job, zygote.spawn), repeats))
    total = time.perf_counter() - started

    healthy = [r for r in runs if r.setup.healthy]
    sick = [r for r in runs if not r.setup.healthy]
    with_error = [r for r in healthy if "error" in r.codes.values()]
    with_warning = [r for r in healthy if "warning" in r.codes.values() and r not in with_error]
    detected = [r for r in sick if r.setup.intended in r.codes]
    first = {r.setup.name: r for r in runs if r.seed == 0}
    unstable = sorted({r.setup.name for r in again if _verdict(r) != _verdict(first[r.setup.name])})
    reworded = sorted({r.setup.name for r in again if r.findings != first[r.setup.name].findings} - set(unstable))
    times = [r.seconds for r in runs + again]

    print("\nhealthy zoo:")
    for r in with_error + with_warning:
        for code, sev, line, msg in r.findings:
            print(f"  {r.setup.name} seed {r.seed}: {code} {sev} line {line}: {msg}")
    by_severity: dict[str, int] = {}
    for r in healthy:
        for sev in r.codes.values():
            by_severity[sev] = by_severity.get(sev, 0) + 1
    print(f"  {len({r.setup.name for r in healthy})} setups x {args.seeds} seeds = {len(healthy)} runs; "
          f"findings by severity: {by_severity or 'none'}")
    print(f"  runs with an error: {len(with_error)}/{len(healthy)} ({_pct(with_error, healthy)}); "
          f"with a warning (no error): {len(with_warning)}/{len(healthy)} ({_pct(with_warning, healthy)})")
    print("sick zoo:")
    for r in sick:
        mark = "detected" if r in detected else "MISSED"
        others = sorted(c for c in r.codes if c != r.setup.intended)
        print(f"  {r.setup.intended} {r.setup.name:<24} {mark}" + (f" (also {', '.join(others)})" if others else ""))
    print(f"  detected with the intended code: {len(detected)}/{len(sick)} ({_pct(detected, sick)}); "
          f"codes covered: {len({r.setup.intended for r in detected})}/{len({r.setup.intended for r in sick})}")
    print("stability:")
    print(f"  setups whose findings or losses changed over {args.repeat + 1} identical runs: "
          f"{len(unstable)}/{len(zoo)}" + (f" ({', '.join(unstable)})" if unstable else ""))
    if reworded:  # the same verdict; a measured figure in a message moved (resident memory of one step)
        print(f"  same findings, a measured figure in a message differs: {', '.join(reworded)}")
    print(f"time to verdict (warm start, Keras on {args.backend} already imported):")
    if times:
        print(f"  median {statistics.median(times):.1f} s, max {max(times):.1f} s over {len(times)} runs; "
              f"whole zoo {total:.0f} s with {args.workers} workers")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "runs": [{"setup": r.setup.name, "healthy": r.setup.healthy, "intended": r.setup.intended, "seed": r.seed,
                      "findings": r.findings, "seconds": r.seconds, "outcome": r.outcome} for r in runs],
            "healthy_error_rate": len(with_error) / max(len(healthy), 1),
            "healthy_warning_rate": len(with_warning) / max(len(healthy), 1),
            "sick_detection_rate": len(detected) / max(len(sick), 1),
            "unstable": unstable,
            "reworded": reworded,
            "median_seconds": statistics.median(times) if times else None,
        }, indent=1))
    ok = not with_error and len(with_warning) <= 0.05 * len(healthy) and len(detected) >= 0.95 * len(sick) and not unstable
    return 0 if ok else 1


def _verdict(run: Run) -> tuple:
    """What must not change between identical runs: each finding's code, severity and line, and the loss curve."""
    return [f[:3] for f in run.findings], [repr(v) for v in run.losses]  # repr: nan == nan


def _pct(part: list, whole: list) -> str:
    return f"{100 * len(part) / len(whole):.0f}%" if whole else "-"


if __name__ == "__main__":
    sys.exit(main())
