"""Linting many files: cache lookups, a process pool, a progress bar."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tflint.cache import Cache, file_key, project_root
from tflint.config import ConfigResolver
from tflint.diagnostics import Diagnostic
from tflint.source import SourceError, read_bytes

#: Below this many files to lint, a process pool costs more than it saves.
MIN_FILES_FOR_POOL = 8


@dataclass
class RunResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    cached: int = 0


_resolver: ConfigResolver | None = None  # set before the pool forks


def _lint_one(job: tuple[str, bytes | None]) -> tuple[str, list[Diagnostic]]:
    from tflint.api import lint_file  # imported by run() before a pool forks

    path, data = job
    assert _resolver is not None
    try:
        config = _resolver.for_path(path)
        return path, lint_file(path, config, data).diagnostics
    except Exception as exc:  # never lose the other files to one bad one
        from tflint.api import tool_diagnostic

        return path, [tool_diagnostic("TFL002", path, f"internal error: {type(exc).__name__}: {exc}")]


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover
        return os.cpu_count() or 1


def run(
    files: list[str],
    resolver: ConfigResolver,
    *,
    jobs: int | None = None,
    use_cache: bool = True,
    cache_root: Path | None = None,
    progress: bool = False,
) -> RunResult:
    global _resolver
    _resolver = resolver
    result = RunResult(files_checked=len(files))
    if use_cache and cache_root is None:
        explicit = resolver.explicit.source if resolver.explicit is not None else None
        cache_root = project_root(files, explicit)
    cache = Cache(cache_root) if use_cache and cache_root is not None else None
    todo: list[tuple[str, bytes | None]] = []
    keys: dict[str, str] = {}
    fingerprints: dict[int, str] = {}  # id(config) -> its fingerprint: one per config, not one per file
    for path in files:
        data = None
        if cache is not None:
            try:
                data = read_bytes(path)
            except SourceError:  # the worker reports it as TFL004
                todo.append((path, None))
                continue
            config = resolver.for_path(path)
            fingerprint = fingerprints.get(id(config))
            if fingerprint is None:
                fingerprint = fingerprints[id(config)] = config.fingerprint()
            key = file_key(path, data, fingerprint)
            hit = cache.get(key, path)
            if hit is not None:
                result.diagnostics.extend(hit)
                result.cached += 1
                continue
            keys[path] = key
        todo.append((path, data))

    jobs = jobs or default_jobs()
    if todo:
        # Only now: a run where every file is cached never imports libcst or the checks.
        import tflint.api  # noqa: F401
    pool = None
    if jobs > 1 and len(todo) >= MIN_FILES_FOR_POOL:
        # fork before the progress bar starts its refresh thread
        import multiprocessing

        ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        pool = ctx.Pool(min(jobs, len(todo)))
    bar = _progress(len(todo)) if progress and len(todo) > 20 else None
    try:
        if pool is not None:
            chunk = max(1, min(32, len(todo) // (jobs * 8)))
            for path, diagnostics in pool.imap_unordered(_lint_one, todo, chunksize=chunk):
                _collect(result, cache, keys, path, diagnostics, bar)
        else:
            for job in todo:
                path, diagnostics = _lint_one(job)
                _collect(result, cache, keys, path, diagnostics, bar)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if bar is not None:
            bar[0].stop()
    if cache is not None:
        cache.save()
    return result


def _collect(result: RunResult, cache, keys, path, diagnostics, bar) -> None:
    result.diagnostics.extend(diagnostics)
    if cache is not None and path in keys and not any(d.code == "TFL002" for d in diagnostics):
        cache.put(keys[path], diagnostics)
    if bar is not None:
        bar[0].advance(bar[1])


def _progress(total: int):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(
        TextColumn("tflint"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True,
        console=__import__("rich.console", fromlist=["Console"]).Console(stderr=True),
    )
    task = progress.add_task("lint", total=total)
    progress.start()
    return progress, task
