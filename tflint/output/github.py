"""``--format github``: workflow commands that GitHub Actions shows as annotations."""

from __future__ import annotations

from typing import TextIO

from tflint.diagnostics import Diagnostic, Severity
from tflint.output.summary import RunSummary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    for d in diagnostics:
        where = f" (cell {d.cell})" if d.cell is not None else ""
        props = ",".join(
            [
                f"file={_escape_property(d.path)}",
                f"line={d.line}",
                f"col={d.column + 1}",
                f"endLine={d.range.end.line}",
                f"endColumn={d.range.end.column + 1}",
                f"title={_escape_property(d.code)}",
            ]
        )
        stream.write(f"::{_LEVEL[d.severity]} {props}::{_escape_data(d.code + ' ' + d.message + where)}\n")
