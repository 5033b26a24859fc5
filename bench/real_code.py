"""Lint real code nobody here wrote: every .py file of installed packages.

    .venv/bin/python bench/real_code.py                       # all five packages
    .venv/bin/python bench/real_code.py --sample 200 --jobs 1 # a quick subset
    .venv/bin/python bench/real_code.py --deep                # force the deep analysis

Each file is linted with every rule enabled (``Config(select=("ALL",))``) in
a worker process that is killed when it exceeds the per-file time budget, so
one pathological file costs at most the budget and is reported as a
timeout. Reports internal errors (TFL002), exceptions that escaped the
engine, timeouts, diagnostic counts and the slowest files with their times.
Exit status 1 when anything went wrong (TFL002, exception or timeout).

``--deep`` appends ``import tensorflow as tf`` to every file (line numbers
unchanged) so that files which import no ML library (numpy, scipy) go
through the facts walk and every check instead of the syntax-only path.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import time
import traceback
from collections import Counter
from multiprocessing.connection import wait
from pathlib import Path

PACKAGES = ("tensorflow", "keras", "sklearn", "numpy", "scipy")
DEEP_SUFFIX = "\nimport tensorflow as tf\n"


def site_packages() -> Path:
    import sysconfig

    return Path(sysconfig.get_paths()["purelib"])


def package_files(packages, root: Path | None = None) -> list[Path]:
    root = root or site_packages()
    files: list[Path] = []
    for package in packages:
        base = root / package
        if not base.is_dir():
            print(f"real_code: {package} is not installed under {root}; skipped", file=sys.stderr)
            continue
        files.extend(sorted(p for p in base.rglob("*.py") if p.is_file()))
    return files


def lint_one(path: str, deep: bool) -> dict:
    """Lint one file in this process; never raises."""
    from tflint.api import lint_text
    from tflint.config import Config
    from tflint.engine import lint_path

    config = Config(select=("ALL",))
    start = time.perf_counter()
    try:
        if deep:
            data = Path(path).read_bytes()
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                result = lint_path(path, config, data)
            else:
                result = lint_text(text + DEEP_SUFFIX, path, config)
        else:
            result = lint_path(path, config)
    except BaseException as exc:  # the point of the run: nothing may escape
        return {
            "path": path,
            "seconds": time.perf_counter() - start,
            "exception": "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-4000:],
        }
    seconds = time.perf_counter() - start
    codes = Counter(d.code for d in result.diagnostics)
    return {
        "path": path,
        "seconds": seconds,
        "codes": dict(codes),
        "internal": [d.message for d in result.diagnostics if d.code == "TFL002"],
        "tool": [f"{d.code} {d.line}: {d.message}" for d in result.diagnostics if d.code in ("TFL001", "TFL004")],
        "deep": not result.skipped_deep_analysis,
    }


def _worker(conn, deep: bool) -> None:
    import tflint.engine  # noqa: F401  (warm the imports once per worker)

    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        conn.send(lint_one(path, deep))


class _Slot:
    def __init__(self, ctx, deep: bool):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker, args=(child, deep), daemon=True)
        self.proc.start()
        child.close()
        self.path: str | None = None
        self.started = 0.0

    def give(self, path: str) -> None:
        self.path, self.started = path, time.perf_counter()
        self.conn.send(path)

    def kill(self) -> None:
        self.proc.kill()
        self.proc.join()
        self.conn.close()


def run(files: list[str], *, jobs: int, budget: float, deep: bool, progress: bool = True) -> list[dict]:
    """Lint ``files`` in ``jobs`` worker processes, each file within ``budget`` seconds."""
    ctx = multiprocessing.get_context("fork")
    todo = list(reversed(files))
    slots = [_Slot(ctx, deep) for _ in range(min(jobs, len(files)) or 1)]
    results: list[dict] = []
    done = 0
    try:
        for slot in slots:
            if todo:
                slot.give(todo.pop())
        while any(s.path for s in slots):
            busy = [s for s in slots if s.path]
            now = time.perf_counter()
            timeout = max(0.0, min(s.started + budget - now for s in busy))
            ready = wait([s.conn for s in busy], timeout=timeout)
            now = time.perf_counter()
            for i, slot in enumerate(slots):
                if not slot.path:
                    continue
                record = None
                if slot.conn in ready:
                    try:
                        record = slot.conn.recv()
                    except (EOFError, OSError):
                        record = {"path": slot.path, "seconds": now - slot.started, "exception": "worker died"}
                        slot.kill()
                        slots[i] = slot = _Slot(ctx, deep)
                elif now - slot.started > budget:
                    record = {"path": slot.path, "seconds": now - slot.started, "timeout": budget}
                    slot.kill()
                    slots[i] = slot = _Slot(ctx, deep)
                if record is None:
                    continue
                results.append(record)
                done += 1
                slot.path = None
                if todo:
                    slot.give(todo.pop())
                if progress and (done % 100 == 0 or done == len(files)):
                    print(f"  {done}/{len(files)} files", file=sys.stderr, flush=True)
    finally:
        for slot in slots:
            try:
                slot.conn.send(None)
            except OSError:
                pass
            slot.proc.join(timeout=1)
            if slot.proc.is_alive():
                slot.proc.kill()
    return results


def summarise(results: list[dict], top: int, root: Path) -> tuple[str, bool]:
    def rel(path: str) -> str:
        try:
            return str(Path(path).relative_to(root))
        except ValueError:
            return path

    failures = [r for r in results if r.get("exception") or r.get("timeout") or r.get("internal")]
    codes: Counter = Counter()
    for r in results:
        codes.update(r.get("codes", {}))
    times = sorted(results, key=lambda r: r["seconds"], reverse=True)
    total = sum(r["seconds"] for r in results)
    lines = [
        f"files linted: {len(results)}  (deep analysis: {sum(1 for r in results if r.get('deep'))})",
        f"total lint time: {total:.1f} s  (mean {total / max(len(results), 1) * 1000:.1f} ms per file)",
        f"internal errors (TFL002): {sum(len(r.get('internal', ())) for r in results)}",
        f"exceptions escaped: {sum(1 for r in results if r.get('exception'))}",
        f"timeouts: {sum(1 for r in results if r.get('timeout'))}",
        "diagnostics by code: " + (", ".join(f"{c}={n}" for c, n in sorted(codes.items())) or "none"),
        f"slowest {top} files:",
    ]
    for r in times[:top]:
        size = Path(r["path"]).stat().st_size if os.path.exists(r["path"]) else 0
        mark = "  TIMEOUT" if r.get("timeout") else ""
        lines.append(f"  {r['seconds']:7.2f} s  {size / 1024:8.1f} KiB  {rel(r['path'])}{mark}")
    tool = [(rel(r["path"]), t) for r in results for t in r.get("tool", ())]
    if tool:
        lines.append(f"TFL001/TFL004 reported ({len(tool)}):")
        lines.extend(f"  {p}: {t}" for p, t in tool[:30])
    for r in failures[:30]:
        lines.append(f"FAILURE {rel(r['path'])}:")
        for message in r.get("internal", ()):
            lines.append(f"  TFL002 {message}")
        if r.get("exception"):
            lines.append("  " + r["exception"].replace("\n", "\n  "))
        if r.get("timeout"):
            lines.append(f"  over the {r['timeout']} s budget")
    return "\n".join(lines), not failures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("packages", nargs="*", default=list(PACKAGES), help=f"packages under site-packages (default: {' '.join(PACKAGES)})")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--budget", type=float, default=60.0, help="seconds per file before the worker is killed (default 60)")
    p.add_argument("--sample", type=int, help="lint a random sample of this many files")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--deep", action="store_true", help="append 'import tensorflow as tf' so every file gets the deep analysis")
    p.add_argument("--top", type=int, default=15, help="how many of the slowest files to list")
    p.add_argument("--json", type=Path, help="write every per-file record to this JSON file")
    args = p.parse_args(argv)
    root = site_packages()
    files = [str(f) for f in package_files(args.packages, root)]
    if args.sample and args.sample < len(files):
        files = sorted(random.Random(args.seed).sample(files, args.sample))
    print(f"real_code: linting {len(files)} files from {', '.join(args.packages)} with {args.jobs} job(s), "
          f"budget {args.budget} s per file{' (deep)' if args.deep else ''}", file=sys.stderr)
    started = time.perf_counter()
    results = run(files, jobs=args.jobs, budget=args.budget, deep=args.deep)
    text, ok = summarise(results, args.top, root)
    print(text)
    print(f"wall time: {time.perf_counter() - started:.1f} s")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
