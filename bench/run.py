"""tflint's benchmark suite: one command, one table.

    .venv/bin/python bench/run.py            # full: 100 + 1,000 generated files, real code
    .venv/bin/python bench/run.py --quick    # 100 generated files, a small real sample
    .venv/bin/python bench/run.py --phases   # also: where the engine's time goes
    .venv/bin/python bench/run.py --quick --baseline ../main   # also another checkout's command, run by run

Everything in one run, on the same files: the bare ``libcst.parse_module``
time (the floor), ``ast.parse`` (for reference), the tflint engine in process,
the ``tflint`` command with one and two worker processes, a cold and a warm
cache, cold start on one 200-line script and of ``tflint --version``, and the
peak memory of a 1,000-file run.

The machine this runs on is shared and noisy, so the figures of record are
ratios measured in the same run (interleaved, so a burst of load hits both
sides), medians of several repeats. In-process figures are CPU time of this
process (``time.process_time``), which other processes disturb far less than
wall time; whole-process figures are wall time (and CPU time where it helps).
The same numbers are written as JSON to ``bench/out/last.json``.

``--baseline TREE`` runs the whole-process measurements (the command on the
tree, the cache, cold start) also with another checkout's tflint
(``PYTHONPATH=TREE``), interleaved with this one's: before and after figures
from one run, under the same load. Whole processes always run the tflint of
the checkout they are asked for, never whichever one is installed.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))  # this checkout's tflint for the in-process figures

import corpus  # noqa: E402

PYTHON = sys.executable
TFLINT = [PYTHON, "-m", "tflint"]
CLI_FLAGS = ["--no-gitignore", "--quiet", "--exit-zero", "--format", "concise"]
TARGETS = {
    "engine/parse": 2.0,  # required; the goal is 1.5
    "engine/parse goal": 1.5,
    "cli1/parse": 2.0,
    "warm/cold": 0.10,
    "jobs2 speedup": 1.7,
    "cold start s": 0.35,
    "start/libcst": 1.5,  # issue 20: one 200-line file at most 1.5x a bare `import libcst`
    "peak rss MB": 250.0,
}


# --------------------------------------------------------------------------
# helpers


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


#: Whole processes run as after ``pip install`` (which writes bytecode): with
#: PYTHONDONTWRITEBYTECODE set, every start would compile tflint's modules.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
#: ...and run this checkout's tflint, not whichever one is installed (``python -m`` drops the working directory)
ENV["PYTHONPATH"] = os.pathsep.join([str(REPO), *[p for p in ENV.get("PYTHONPATH", "").split(os.pathsep) if p]])


#: GNU time reports the peak RSS of the command itself. wait4() on a child of
#: this (large) process would not: Linux carries the parent's high-water mark
#: into a child that forks and execs, so every figure would read >= our own RSS.
GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def run_process(
    cmd: list[str], cwd: Path | None = None, timeout: float = 900, env: dict | None = None
) -> tuple[float, float, float, int]:
    """(wall s, cpu s of the whole process tree, peak RSS MB of its largest process, exit code)."""
    full = [GNU_TIME, "-f", "@@maxrss %M", *cmd] if GNU_TIME else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(full, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env or ENV)
    try:
        _, err_bytes = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err_bytes = proc.communicate()
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime
    err = err_bytes.decode(errors="replace")
    found = re.findall(r"^@@maxrss (\d+)$", err, re.M)
    rss = int(found[-1]) / 1024 if found else usage.ru_maxrss / 1024
    if GNU_TIME and "exited with non-zero status" in err:
        code = int(re.findall(r"exited with non-zero status (\d+)", err)[-1])
    else:
        code = proc.returncode
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(cmd)} exited {code}:\n{err[-2000:]}")
    return wall, cpu, rss, code


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, ...]] = []
        self.record: dict[str, dict] = {}

    def section(self, title: str) -> None:
        self.rows.append(("", "", "", "", ""))
        self.rows.append((f"== {title}", "", "", "", ""))

    def add(self, what: str, seconds: float | None, ratio: str = "", target: str = "", verdict: str = "", key: str | None = None, **extra) -> None:
        shown = "" if seconds is None else f"{seconds:.3f}"
        self.rows.append((what, shown, ratio, target, verdict))
        if key:
            self.record[key] = {"seconds": seconds, "ratio": ratio, "target": target, "verdict": verdict, **extra}
        print(f"  {what:<58} {shown:>9} {ratio:>9} {target:>10} {verdict}", flush=True)

    def render(self) -> str:
        head = ("measurement", "seconds", "ratio", "target", "")
        body = [r for r in self.rows if not r[0].startswith("== ")]
        widths = [max(len(r[i]) for r in [head, *body]) for i in range(5)]
        lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(head, widths)))]
        lines.append("-" * len(lines[0]))
        for row in self.rows:
            if row[0].startswith("== "):
                lines.append(row[0])
                continue
            lines.append("  ".join(c.ljust(w) if i in (0, 4) else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))).rstrip())
        return "\n".join(lines)


def verdict(value: float, limit: float, lower_is_better: bool = True) -> str:
    ok = value <= limit if lower_is_better else value >= limit
    return "ok" if ok else "MISSED"


# --------------------------------------------------------------------------
# in-process: parse floor vs engine


def load_sources(files: list[Path]):
    from tflint import source

    out = []
    for path in files:
        try:
            out.append(source.load(str(path)))
        except source.SourceError:
            pass
    return out


def time_in_process(sources, repeats: int) -> dict[str, list[float]]:
    """CPU seconds per pass over all files.

    Interleaved file by file (the order rotating), so a burst of load from
    other processes lands on every side alike; the ratio is taken per pass.
    """
    import gc

    import libcst

    from tflint.config import Config
    from tflint.engine import enabled_checks, lint_source

    config = Config()
    checks = enabled_checks(config)
    clock = time.process_time

    def parse(src) -> None:
        try:
            libcst.parse_module(src.text)
        except (libcst.ParserSyntaxError, RecursionError):
            pass

    def parse_no_gc(src) -> None:
        gc.disable()
        try:
            parse(src)
        finally:
            gc.enable()

    def ast_parse(src) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                ast.parse(src.text)
            except (SyntaxError, ValueError, RecursionError):
                pass

    def engine(src) -> None:
        lint_source(src, config, checks)

    sides = [("libcst", parse), ("engine", engine), ("ast", ast_parse), ("libcst_nogc", parse_no_gc)]
    for src in sources:  # warm-up: imports, rule pages, knowledge tables
        engine(src)
    out: dict[str, list[float]] = {name: [] for name, _ in sides}
    out["ratio"] = []
    for _ in range(repeats):
        spent = dict.fromkeys(out, 0.0)
        for i, src in enumerate(sources):
            shift = i % len(sides)
            for name, fn in sides[shift:] + sides[:shift]:
                t = clock()
                fn(src)
                spent[name] += clock() - t
        for name, _ in sides:
            out[name].append(spent[name])
        out["ratio"].append(spent["engine"] / spent["libcst"])
    return out


def skipped_share(sources) -> tuple[int, list]:
    from tflint.config import Config
    from tflint.engine import lint_source

    config = Config()
    skipped = [s for s in sources if lint_source(s, config).skipped_deep_analysis]
    return len(skipped), skipped


#: Derived analyses cached on the facts (module, class whose constructor does the work).
DERIVED = (
    ("tflint.analysis.keras_calls", "KerasFacts", "keras calls"),
    ("tflint.analysis.provenance", "DataFlow", "data flow (leakage)"),
    ("tflint.analysis.datasources", "DataFacts", "data sources"),
    ("tflint.analysis.models", "ModelFacts", "models"),
)


def phases(sources) -> dict[str, float]:
    """Where the engine's CPU time goes, each phase timed exclusive of the phases it calls."""
    import importlib

    import libcst

    from tflint import engine
    from tflint.analysis import positions
    from tflint.config import Config

    clock = time.process_time
    spent: dict[str, float] = {}
    running: list[list[float]] = []  # [start, time spent in nested phases]

    def timed(name, fn):
        spent.setdefault(name, 0.0)

        def wrapper(*a, **k):
            frame = [clock(), 0.0]
            running.append(frame)
            try:
                return fn(*a, **k)
            finally:
                running.pop()
                total = clock() - frame[0]
                spent[name] += total - frame[1]
                if running:
                    running[-1][1] += total

        return wrapper

    patches = [(libcst, "parse_module", "parse"), (engine, "collect_facts", "facts walk"),
               (engine, "_ast_tree", "ast pre-parse (syntax, nesting)"),
               (engine, "too_deep", "nesting check"),
               (positions.PositionIndex, "__init__", "positions (ast index)")]
    for module_name, cls_name, label in DERIVED:
        try:
            cls = getattr(importlib.import_module(module_name), cls_name)
        except (ImportError, AttributeError):
            continue
        patches.append((cls, "__init__", label))
    patches = [(owner, attr, label) for owner, attr, label in patches if hasattr(owner, attr)]
    saved = [(owner, attr, owner.__dict__[attr] if isinstance(owner, type) else getattr(owner, attr)) for owner, attr, _ in patches]
    for owner, attr, label in patches:
        setattr(owner, attr, timed(label, getattr(owner, attr)))
    try:
        config = Config()
        checks = engine.enabled_checks(config)
        t = clock()
        for src in sources:
            engine.lint_source(src, config, checks)
        total = clock() - t
    finally:
        for owner, attr, original in saved:
            setattr(owner, attr, original)
    spent["checks and the rest"] = total - sum(spent.values())
    spent["total"] = total
    return spent


# --------------------------------------------------------------------------
# whole processes


def env_for(tree: Path) -> dict:
    """The environment of a process that runs the tflint of ``tree``."""
    paths = [str(tree), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]]
    return {**ENV, "PYTHONPATH": os.pathsep.join(paths)}


def cli_runs(
    folder: Path, jobs: int | None, repeats: int, cache: bool = False, baseline: dict | None = None
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """(this tree's runs, the baseline's runs), interleaved run by run."""
    cmd = [*TFLINT, *CLI_FLAGS, "."]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    if not cache:
        cmd.append("--no-cache")
    mine, theirs = [], []
    for _ in range(repeats):
        mine.append(run_process(cmd, cwd=folder)[:3])
        if baseline is not None:
            theirs.append(run_process(cmd, cwd=folder, env=baseline)[:3])
    return mine, theirs


def cache_folder(files: list[Path]) -> Path:
    """Where the ``tflint`` command keeps these files' cache: tflint decides (its config file or
    repository root, which for the generated trees under bench/ is this repository's root)."""
    from tflint.cache import CACHE_DIR, project_root

    return project_root([str(f) for f in files]) / CACHE_DIR


def cache_runs(folder: Path, files: list[Path], repeats: int, env: dict | None = None) -> tuple[list[float], list[float]]:
    """(cold wall times, warm wall times): each cold run starts from no cache, then one warm re-run.

    The cache is removed where tflint keeps it: removing ``folder/.tflint_cache``
    (where it is not) made every "cold" run after the first a warm one.
    """
    cold, warm = [], []
    cmd = [*TFLINT, *CLI_FLAGS, "."]
    where = cache_folder(files)
    for _ in range(repeats):
        shutil.rmtree(where, ignore_errors=True)
        cold.append(run_process(cmd, cwd=folder, env=env)[0])
        warm.append(run_process(cmd, cwd=folder, env=env)[0])
    shutil.rmtree(where, ignore_errors=True)
    return cold, warm


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def parallel_ceiling(repeats: int = 3) -> float:
    """Speed-up of a perfectly parallel pure-Python loop with 2 processes on this machine now.

    Two vCPUs that are one core's hyperthreads, or cores busy with other
    work, cap what ``--jobs 2`` can reach; this is that cap.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    work = [3_000_000] * 8
    ratios = []
    with ctx.Pool(2) as pool:
        pool.map(_burn, [1000, 1000])
        for _ in range(repeats):
            t = time.perf_counter()
            for n in work:
                _burn(n)
            serial = time.perf_counter() - t
            t = time.perf_counter()
            pool.map(_burn, work, chunksize=1)
            ratios.append(serial / (time.perf_counter() - t))
    return median(ratios)


def cold_start(repeats: int, baseline: dict | None = None) -> dict[str, list[tuple[float, float]]]:
    """Whole processes on one 200-line script, interleaved; a baseline's in a folder of its own (own cache)."""
    tmp = Path(tempfile.mkdtemp(prefix="tflint-bench-"))
    try:
        folders = {"": tmp / "this", "baseline: ": tmp / "baseline"}
        for folder in folders.values():
            folder.mkdir()
            (folder / "train.py").write_text(corpus.script_of_lines(200), encoding="utf-8")
        commands = {
            "python -c pass": ([PYTHON, "-c", "pass"], tmp, None),
            "python -c 'import libcst'": ([PYTHON, "-c", "import libcst"], tmp, None),
        }
        for prefix, folder in folders.items():
            if prefix and baseline is None:
                continue
            env = baseline if prefix else None
            commands[f"{prefix}tflint --version"] = ([*TFLINT, "--version"], folder, env)
            commands[f"{prefix}tflint train.py (200 lines)"] = ([*TFLINT, "--no-cache", "--exit-zero", "train.py"], folder, env)
            # the pre-commit case: the file has not changed since the last run (the warm-up wrote the cache)
            commands[f"{prefix}tflint train.py (200 lines, unchanged: cached)"] = ([*TFLINT, "--exit-zero", "train.py"], folder, env)
        for cmd, cwd, env in commands.values():  # writes bytecode, warms the disk cache
            run_process(cmd, cwd=cwd, env=env)
        out: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(repeats):
            for name, (cmd, cwd, env) in commands.items():
                out[name].append(run_process(cmd, cwd=cwd, env=env)[:2])
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# --------------------------------------------------------------------------
# the other engineers' benchmarks


#: The other benchmarks: (script, arguments for --quick, arguments otherwise, heavy?).
COMPANIONS = (
    ("lsp_bench.py", ["--quick"], [], False),
    ("leakage_eval.py", ["--repeat", "1"], ["--repeat", "3"], False),
    ("probe_bench.py", ["--repeat", "1"], ["--repeat", "3"], True),  # imports TensorFlow: minutes
)


def companion_benchmarks(quick: bool, heavy: bool) -> list[tuple[str, str]]:
    out = []
    for name, quick_args, full_args, is_heavy in COMPANIONS:
        path = HERE / name
        if not path.exists():
            out.append((name, "(not written yet)"))
            continue
        if is_heavy and not heavy:
            out.append((name, "(skipped: it starts TensorFlow; run with --probe, or see bench/probe_results.md)"))
            continue
        cmd = [PYTHON, str(path), *(quick_args if quick else full_args)]
        print(f"running {name} ...", flush=True)
        try:
            done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=1200, env=ENV)
            text = (done.stdout + ("\n" + done.stderr[-3000:] if done.returncode else "")).strip()
            out.append((name, text or f"(exit {done.returncode}, no output)"))
        except subprocess.TimeoutExpired:
            out.append((name, "(timed out after 1200 s)"))
    return out


# --------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="100 generated files and a small real sample; fewer repeats")
    p.add_argument("--repeats", type=int, help="repeats per measurement (default 3)")
    p.add_argument("--real-files", type=int, help="sample of keras+sklearn files (default 200, quick 100; 0 = all 1,575)")
    p.add_argument("--phases", action="store_true", help="also break the engine's time down by phase")
    p.add_argument("--no-companions", action="store_true", help="skip the LSP / leakage / probe benchmarks")
    p.add_argument("--cli-only", action="store_true",
                   help="only the whole-process figures on the 1,000-file tree (one parse pass for the floor)")
    p.add_argument("--probe", action="store_true", help="also run bench/probe_bench.py (starts TensorFlow)")
    p.add_argument("--baseline", metavar="TREE", type=Path,
                   help="another tflint checkout whose command is timed beside this one's (before/after, one run)")
    args = p.parse_args(argv)
    repeats = args.repeats or 3
    real_files = args.real_files if args.real_files is not None else (100 if args.quick else 200)

    print(f"tflint benchmarks ({'quick' if args.quick else 'full'}); {os.cpu_count()} cores; "
          f"load average {os.getloadavg()[0]:.1f} at start", flush=True)
    from tflint import __version__
    from tflint.checks import load_checks

    print(f"tflint {__version__}; {len(load_checks())} checks registered", flush=True)
    table = Table()
    corpora: list[tuple[str, list[Path], Path]] = []
    small = corpus.generate(100)
    corpora.append(("generated, 100 files", corpus.files_of(small), small))
    if not args.quick:
        large = corpus.generate(1000)
        corpora.append(("generated, 1,000 files", corpus.files_of(large), large))
    real = corpus.real_corpus()
    if real is not None:
        files = corpus.files_of(real)
        if real_files and real_files < len(files):
            files = sorted(random.Random(0).sample(files, real_files))
        corpora.append((f"keras + scikit-learn sources, {len(files)} files", files, real))

    floors: dict[str, float] = {}
    if args.cli_only:
        import libcst

        title, files, _folder = corpora[1] if len(corpora) > 2 else corpora[0]
        texts = [s.text for s in load_sources(files)]
        t = time.process_time()
        for text in texts:
            try:
                libcst.parse_module(text)
            except (libcst.ParserSyntaxError, RecursionError):
                pass
        floors[title] = time.process_time() - t
        del texts
    for title, files, _folder in [] if args.cli_only else corpora:
        sources = load_sources(files)
        lines = sum(s.text.count("\n") for s in sources)
        table.section(f"{title}, {lines:,} lines (in process, CPU s, median of {repeats})")
        got = time_in_process(sources, repeats)
        floor = floors[title] = median(got["libcst"])
        key = title.split(",")[0].replace(" ", "_") + f"_{len(files)}"
        table.add("libcst.parse_module (the floor)", floor, "1.00x", key=f"{key}.libcst")
        table.add("ast.parse", median(got["ast"]), f"{median(got['ast']) / floor:.2f}x", key=f"{key}.ast")
        nogc = median(got["libcst_nogc"])
        table.add("libcst.parse_module with the GC paused", nogc, f"{nogc / floor:.2f}x", key=f"{key}.libcst_nogc")
        ratio = median(got["ratio"])
        ratio_nogc = median([e / n for e, n in zip(got["engine"], got["libcst_nogc"])])
        table.add(
            "tflint engine, single process", median(got["engine"]), f"{ratio:.2f}x", "<=2.0x (1.5x)",
            verdict(ratio, TARGETS["engine/parse"]) + (" (goal met)" if ratio <= TARGETS["engine/parse goal"] else ""),
            key=f"{key}.engine", ratios=got["ratio"],
        )
        table.add("  the same, against the GC-paused parse", None, f"{ratio_nogc:.2f}x", key=f"{key}.engine_vs_nogc")
        n_skipped, skipped = skipped_share(sources)
        if skipped:
            sk = time_in_process(skipped, repeats)
            table.add(
                f"  files importing no ML library ({n_skipped}): tflint vs their parse", median(sk["engine"]),
                f"{median(sk['ratio']):.2f}x", "cheap", key=f"{key}.skipped",
            )
        if args.phases:
            spent = phases(sources)
            for name, value in spent.items():
                if name != "total":
                    table.add(f"  phase: {name}", value, f"{value / floor:.2f}x", key=f"{key}.phase.{name}")

    # whole processes on the largest generated corpus
    name, files, folder = corpora[1] if len(corpora) > 2 else corpora[0]
    cli_repeats = max(1, repeats - 1) if args.repeats else 2
    table.section(f"tflint command on the {name.split(', ')[1]} ({len(files)} files; wall s, median of {cli_repeats})")
    floor = floors[name]
    table.add("libcst.parse_module, in process (CPU s, from above)", floor, "1.00x")
    baseline = env_for(args.baseline.resolve()) if args.baseline else None
    one, base_one = cli_runs(folder, 1, cli_repeats, baseline=baseline)
    one_wall = median([r[0] for r in one])
    one_cpu = median([r[1] for r in one])
    table.add("tflint --jobs 1 --no-cache (wall)", one_wall, f"{one_wall / floor:.2f}x", key="cli.jobs1")
    table.add("tflint --jobs 1 --no-cache (CPU)", one_cpu, f"{one_cpu / floor:.2f}x", "<=2.0x (1.5x)",
              verdict(one_cpu / floor, TARGETS["cli1/parse"]) + (" (goal met)" if one_cpu / floor <= 1.5 else ""),
              key="cli.jobs1.cpu")
    if base_one:
        base_cpu = median([r[1] for r in base_one])
        table.add("  baseline: tflint --jobs 1 --no-cache (CPU)", base_cpu, f"{base_cpu / floor:.2f}x", "",
                  key="baseline.cli.jobs1.cpu")
    two, _ = cli_runs(folder, 2, cli_repeats)
    two_wall = median([r[0] for r in two])
    speedup = one_wall / two_wall
    table.add("tflint --jobs 2 --no-cache (wall)", two_wall, f"{speedup:.2f}x faster", ">=1.7x",
              verdict(speedup, TARGETS["jobs2 speedup"], lower_is_better=False) + f" (load {os.getloadavg()[0]:.1f})",
              key="cli.jobs2")
    ceiling = parallel_ceiling()
    table.add("  machine ceiling: a perfectly parallel loop, 2 processes", None, f"{ceiling:.2f}x faster", "",
              f"tflint reaches {speedup / ceiling:.0%} of it", key="cli.parallel_ceiling", speedup=ceiling)
    two_cpu = median([r[1] for r in two])
    table.add("tflint --jobs 2 --no-cache (CPU, all processes)", two_cpu, f"{two_cpu / one_cpu:.2f}x of -j1", "~1.0x",
              key="cli.jobs2.cpu")
    cold, warm = cache_runs(folder, files, cli_repeats)
    share = median([w / c for w, c in zip(warm, cold)])
    table.add("tflint, empty cache (default jobs)", median(cold), "1.00", key="cli.cache_cold")
    table.add("tflint, warm cache, nothing changed", median(warm), f"{share:.2f}", "<=0.10",
              verdict(share, TARGETS["warm/cold"]), key="cli.cache_warm")
    if baseline is not None:
        base_cold, base_warm = cache_runs(folder, files, cli_repeats, env=baseline)
        base_share = median([w / c for w, c in zip(base_warm, base_cold)])
        table.add("  baseline: tflint, empty cache", median(base_cold), "1.00", key="baseline.cli.cache_cold")
        table.add("  baseline: tflint, warm cache, nothing changed", median(base_warm), f"{base_share:.2f}", "",
                  key="baseline.cli.cache_warm")
    rss = max(r[2] for r in one)
    table.add(f"peak RSS, --jobs 1, {len(files)} files (MB)", None, f"{rss:.0f}", "<=250",
              verdict(rss, TARGETS["peak rss MB"]), key="cli.peak_rss_mb", mb=rss)
    rss2 = max(r[2] for r in two)
    table.add(f"peak RSS of the largest process, --jobs 2 (MB)", None, f"{rss2:.0f}", "", key="cli.peak_rss_jobs2_mb", mb=rss2)

    start_repeats = 5 if args.quick or args.cli_only else 9
    table.section(f"cold start (whole processes, median of {start_repeats}; ratio: CPU s)")
    starts = cold_start(start_repeats, baseline)
    for label, values in starts.items():
        wall = median([v[0] for v in values])
        cpu = median([v[1] for v in values])
        prefix = "baseline." if label.startswith("baseline: ") else ""
        bare = label.removeprefix("baseline: ")
        if bare.startswith("tflint") and "cached" not in bare:
            table.add(f"{label} (wall)", wall, f"{cpu:.3f}", "<=0.35" if not prefix else "",
                      verdict(wall, TARGETS["cold start s"]) if not prefix else "",
                      key=f"{prefix}start.{bare.split()[1]}", cpu=cpu)
        elif bare.startswith("tflint"):
            table.add(f"{label} (wall)", wall, f"{cpu:.3f}", "(no libcst)", key=f"{prefix}start.train.py_cached", cpu=cpu)
        else:
            table.add(f"{label} (wall)", wall, f"{cpu:.3f}", "(reference)", key=f"start.{label}", cpu=cpu)
    floor_runs = starts["python -c 'import libcst'"]
    for prefix in ("", "baseline: ") if baseline is not None else ("",):
        runs = starts[f"{prefix}tflint train.py (200 lines)"]
        ratio = median([t[1] / f[1] for t, f in zip(runs, floor_runs)])  # per round: the same load on both
        table.add(f"{prefix}tflint train.py / python -c 'import libcst' (CPU, per round)", None, f"{ratio:.2f}x",
                  "<=1.5x" if not prefix else "", verdict(ratio, TARGETS["start/libcst"]) if not prefix else "",
                  key=f"{prefix.replace(': ', '.')}start.ratio_to_libcst", ratio_value=ratio)

    print("\n" + table.render())
    if not args.no_companions:
        for name, text in companion_benchmarks(args.quick, args.probe):
            print(f"\n== {name}\n{text}")
            table.record[f"companion.{name}"] = {"output": text}
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f} (2 shared cores: other work inflates wall times; "
          "the in-process ratios use CPU time)")
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "last.json").write_text(json.dumps(table.record, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
