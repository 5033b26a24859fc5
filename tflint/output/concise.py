"""``--format concise``: one line per finding, ``path:line:col: CODE message``."""

from __future__ import annotations

from typing import TextIO

from tflint.diagnostics import Diagnostic
from tflint.output.summary import RunSummary


def location(d: Diagnostic) -> str:
    cell = f"cell {d.cell}:" if d.cell is not None else ""
    return f"{d.path}:{cell}{d.line}:{d.column + 1}"


def render(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    for d in diagnostics:
        stream.write(f"{location(d)}: {d.code} {d.message}\n")
