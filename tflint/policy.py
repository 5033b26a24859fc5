"""One diagnostic policy for every finding, from the static checks or from the probe.

Which rules are on (select/ignore/extend-select over each page's default),
their severity (severity-overrides), per-file ignores, ``# noqa`` comments
(and TFL003 for the unused ones), then duplicates dropped and the rest sorted.
Suppression reads program lines; a diagnostic in a notebook cell carries its
program range in ``_program_range`` (set by the engine).
"""

from __future__ import annotations

from tflint import rulebook, suppression
from tflint.config import Config
from tflint.diagnostics import Diagnostic, Position, Range, Severity
from tflint.source import SourceFile

#: never silenced: the file could not be read or parsed, nothing else was checked
_ALWAYS_SHOWN = ("TFL001", "TFL004")


def enabled(code: str, config: Config) -> bool:
    info = rulebook.get(code)
    return config.is_enabled(code, info.default_enabled if info else True)


def severity(code: str, config: Config) -> Severity:
    if code in config.severity_overrides:
        return config.severity_overrides[code]
    info = rulebook.get(code)
    return info.severity if info else Severity.ERROR


def apply(diagnostics: list[Diagnostic], config: Config, src: SourceFile | None, *, select_and_severity: bool = False) -> list[Diagnostic]:
    """The findings a user sees from ``diagnostics`` of one file.

    ``select_and_severity``: also drop disabled codes and apply severity
    overrides (the engine's checks did both already when they reported).
    """
    if select_and_severity:
        kept = []
        for d in diagnostics:
            if d.code in _ALWAYS_SHOWN or enabled(d.code, config):
                if d.code in config.severity_overrides:
                    d.severity = config.severity_overrides[d.code]
                kept.append(d)
        diagnostics = kept
    path = src.path if src is not None else (diagnostics[0].path if diagnostics else "")
    ignored = config.ignored_in(path)
    if ignored:
        diagnostics = [d for d in diagnostics if d.code in _ALWAYS_SHOWN or not any(d.code.startswith(c) for c in ignored)]
    marks = suppression.parse(src.text) if src is not None else []
    if marks:
        kept = []
        for d in diagnostics:
            rng = getattr(d, "_program_range", None) or d.range
            if d.code == "TFL001" or not suppression.is_suppressed(marks, d.code, rng.start.line, rng.end.line):
                kept.append(d)
        diagnostics = kept
        if enabled("TFL003", config):
            diagnostics.extend(_unused_suppressions(marks, src, severity("TFL003", config)))
    seen = set()
    unique = []
    for d in diagnostics:  # a check may reach one call by two routes
        key = (d.code, d.cell, d.range, d.message)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    unique.sort(key=Diagnostic.sort_key)
    return unique


def _unused_suppressions(marks, src: SourceFile, level: Severity) -> list[Diagnostic]:
    info = rulebook.get("TFL003")
    out = []
    for mark in marks:
        if mark.codes is None:
            continue  # a bare noqa may serve other linters
        unused = [c for c in mark.codes if c.startswith("TFL") and not any(u.startswith(c) for u in mark.used)]
        if unused:
            rng = Range(Position(mark.line, mark.column), Position(mark.line, mark.column + 1))
            cell, rng = src.to_cell_range(rng)
            message = f"unused suppression for {', '.join(unused)}: nothing is reported here"
            out.append(Diagnostic("TFL003", info.name if info else "unused-noqa", level, message, src.path, rng, cell=cell))
    return out
