"""The latest run's findings in the editor, at the ``fit`` line they came from.

``tflint.keras.Monitor`` leaves ``.tflint/last_run.json`` (see
``tflint.diagnose.record``) with the ``fit`` call's file, line and text.
When that file is open, its findings are shown on the ``fit`` line, marked
as coming from a run with the run's time. They follow the line when lines
are inserted above it, and are dropped once the line itself is edited (the
run no longer describes this code) or a new run replaces the record.
"""

from __future__ import annotations

import os
from pathlib import Path

from tflint.diagnose import record
from tflint.diagnostics import Diagnostic, Range, Severity

RECORD_NAME = record.DEFAULT_PATH.as_posix()  # ".tflint/last_run.json"
_MAX_LEVELS = 30
_cache: dict[str, tuple[tuple[int, int], dict | None]] = {}


def find_record(path: str) -> Path | None:
    """The closest ``.tflint/last_run.json`` in the file's folder or above it."""
    folder = Path(os.path.abspath(path)).parent
    for level, candidate in enumerate((folder, *folder.parents)):
        if level > _MAX_LEVELS:
            break
        target = candidate / record.DEFAULT_PATH
        if target.is_file():
            return target
    return None


def _read(target: Path) -> dict | None:
    """The record, re-read only when its size or modification time changed."""
    try:
        stat = target.stat()
    except OSError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(str(target))
    if cached is not None and cached[0] == stamp:
        return cached[1]
    data = record.read(target)
    _cache[str(target)] = (stamp, data)
    return data


def _fit_line(lines: list[str], line: int, text: str | None) -> int | None:
    """Where the recorded ``fit`` line is now: the same line if unchanged, else its only exact copy."""
    if not text:
        return line if 0 < line <= len(lines) else None
    if 0 < line <= len(lines) and lines[line - 1].strip() == text:
        return line
    matches = [i for i, current in enumerate(lines, 1) if current.strip() == text]
    return matches[0] if len(matches) == 1 else None


def run_diagnostics(path: str | None, text: str, config=None) -> list[Diagnostic]:
    """Diagnostics for the open file ``path`` (current ``text``) from the latest run record, if it is about it."""
    if not path:
        return []
    target = find_record(path)
    data = _read(target) if target is not None else None
    location = record.fit_location(data) if data else None
    if location is None or os.path.realpath(location[0]) != os.path.realpath(path):
        return []
    lines = text.split("\n")
    fit = data["fit"]
    line = _fit_line(lines, location[1], fit.get("text") if isinstance(fit.get("text"), str) else None)
    if line is None:
        return []
    current = lines[line - 1]
    start = len(current) - len(current.lstrip())
    when = str(data.get("updated") or data.get("started") or "").replace("T", " ").replace("+00:00", " UTC")
    out = []
    for f in data.get("findings") or []:
        if not isinstance(f, dict) or not isinstance(f.get("code"), str):
            continue
        code = f["code"]
        try:
            severity = Severity.parse(str(f.get("severity", "warning")))
        except ValueError:
            severity = Severity.WARNING
        if config is not None:
            if not config.is_enabled(code):
                continue
            severity = config.severity_overrides.get(code, severity)
        out.append(Diagnostic(
            code=code,
            name=str(f.get("name", "")),
            severity=severity,
            message=f"from the run of {when}: epoch {f.get('epoch')}: {f.get('message', '')}",
            path=path,
            range=Range.of(line, start, line, len(current.rstrip())),
            help=str(f["help"]) if f.get("help") else None,
        ))
    return out
