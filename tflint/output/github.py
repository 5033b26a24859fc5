"""``--format github``: workflow commands that GitHub Actions shows as annotations."""

from __future__ import annotations

from typing import TextIO

from tflint.diagnostics import Diagnostic, Severity
from tflint.output.locations import FileLocator
from tflint.output.summary import RunSummary

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    locator = FileLocator()  # notebooks: annotate the .ipynb file's own line
    for d in diagnostics:
        where = f" (cell {d.cell}, line {d.line})" if d.cell is not None else ""
        rng = locator.file_range(d.path, d.cell, d.range) or d.range
        props = ",".join(
            [
                f"file={_escape_property(d.path)}",
                f"line={rng.start.line}",
                f"col={rng.start.column + 1}",
                f"endLine={rng.end.line}",
                f"endColumn={rng.end.column + 1}",
                f"title={_escape_property(d.code)}",
            ]
        )
        stream.write(f"::{_LEVEL[d.severity]} {props}::{_escape_data(d.code + ' ' + d.message + where + (f' (help: {d.help})' if d.help else ''))}\n")
    for message in summary.path_errors:  # a named path that could not be linted fails the job visibly
        stream.write(f"::error title=tflint::{_escape_data(message)}\n")
