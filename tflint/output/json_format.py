"""``--format json``: the machine-readable contract (fields fixed by issue 2)."""

from __future__ import annotations

import json
from typing import TextIO

from tflint import __version__
from tflint.diagnostics import Diagnostic, Range
from tflint.output.summary import RunSummary


def _range_fields(rng: Range) -> dict:
    return {
        "line": rng.start.line,
        "column": rng.start.column + 1,
        "end_line": rng.end.line,
        "end_column": rng.end.column + 1,
    }


def diagnostic_to_dict(d: Diagnostic) -> dict:
    fix = None
    if d.fix is not None:
        fix = {
            "message": d.fix.description,
            "applicability": "safe" if d.fix.safe else "unsafe",
            "edits": [
                {"content": e.new_text, "cell": e.cell, **_range_fields(e.range)} for e in d.fix.edits
            ],
        }
    return {
        "code": d.code,
        "name": d.name,
        "severity": str(d.severity),
        "message": d.message,
        "help": d.help,
        "path": d.path,
        **_range_fields(d.range),
        "cell": d.cell,
        "fix": fix,
        "related": [
            {"message": r.message, "path": r.path or d.path, "cell": r.cell, **_range_fields(r.range)}
            for r in d.related
        ],
        "url": _url(d.code),
    }


def _url(code: str) -> str:
    from tflint.rulebook import docs_url

    return docs_url(code)


def render(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    payload = {
        "tflint_version": __version__,
        "diagnostics": [diagnostic_to_dict(d) for d in diagnostics],
        "summary": {
            "files_checked": summary.files_checked,
            "files_with_findings": summary.files_with_findings,
            "total": len(diagnostics),
            "by_severity": {k: summary.by_severity.get(k, 0) for k in ("error", "warning", "info")},
            "fixed": summary.fixed,
            "path_errors": list(summary.path_errors),
        },
    }
    json.dump(payload, stream, indent=2, ensure_ascii=False)
    stream.write("\n")


def render_statistics(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    """``--statistics --format json``: one entry per rule, most frequent first (ruff's fields)."""
    by_code: dict[str, dict] = {}
    for d in diagnostics:
        entry = by_code.setdefault(d.code, {"code": d.code, "name": d.name, "count": 0, "fixable": False})
        entry["count"] += 1
        entry["fixable"] = entry["fixable"] or (d.fix is not None and d.fix.safe)
    entries = sorted(by_code.values(), key=lambda e: (-e["count"], e["code"]))
    json.dump(entries, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
