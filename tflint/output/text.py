"""``--format text``: ruff-like findings with a code frame and a summary.

Colour only on a terminal (rich decides); plain text otherwise so that logs
and pipes stay readable.
"""

from __future__ import annotations

import os
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from tflint.diagnostics import Diagnostic, Severity
from tflint.output import RunSummary
from tflint.output.concise import location

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}


def _lines(summary: RunSummary, d: Diagnostic) -> list[str] | None:
    if d.cell is not None:
        text = summary.cell_texts.get((d.path, d.cell))
    else:
        text = summary.sources.get(d.path)
    return text.split("\n") if text is not None else None


def _frame(console: Console, lines: list[str], d: Diagnostic) -> None:
    start = d.range.start
    end = d.range.end
    first = max(start.line - 1, 1)
    last = min(start.line + 1, len(lines))
    width = len(str(last))
    pad = " " * width
    console.print(f"[blue]{pad} |[/blue]")
    for number in range(first, last + 1):
        text = lines[number - 1].expandtabs(1) if number - 1 < len(lines) else ""
        console.print(f"[blue]{number:>{width}} |[/blue] {escape(text)}", highlight=False)
        if number == start.line:
            stop = end.column if end.line == start.line else len(text)
            carets = "^" * max(stop - start.column, 1)
            console.print(f"[blue]{pad} |[/blue] {' ' * start.column}[{_STYLE[d.severity]}]{carets} {d.code}[/]")
    console.print(f"[blue]{pad} |[/blue]")


def render(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    console = Console(
        file=stream,
        highlight=False,
        soft_wrap=True,
        no_color=bool(os.environ.get("NO_COLOR")),
        force_terminal=True if os.environ.get("FORCE_COLOR") else None,
    )
    fixable = 0
    for d in diagnostics:
        marker = " [*]" if d.fix is not None and d.fix.safe else ""
        fixable += bool(marker)
        console.print(
            f"[bold]{escape(location(d))}[/bold]: [{_STYLE[d.severity]}]{d.code}[/]{marker} "
            f"{escape(d.message)} [dim]({d.name}, {d.severity})[/dim]"
        )
        lines = _lines(summary, d)
        if lines is not None and 0 < d.line <= len(lines):
            _frame(console, lines, d)
        for r in d.related:
            cell = f"cell {r.cell}:" if r.cell is not None else ""
            console.print(f"  [blue]=[/blue] note: {escape(r.message)} at {cell}{r.range.start.line}:{r.range.start.column + 1}")
        console.print()
    if summary.statistics and diagnostics:
        counts: dict[tuple[str, str], int] = {}
        for d in diagnostics:
            counts[(d.code, d.name)] = counts.get((d.code, d.name), 0) + 1
        for (code, name), n in sorted(counts.items(), key=lambda kv: -kv[1]):
            console.print(f"{n:>5}  {code}  {name}")
        console.print()
    total = len(diagnostics)
    if total == 0:
        console.print(f"[bold green]All checks passed![/bold green] ({summary.files_checked} file{'s' * (summary.files_checked != 1)} checked)")
    else:
        parts = ", ".join(f"{summary.by_severity[k]} {k}{'s' if summary.by_severity[k] != 1 and k != 'info' else ''}" for k in ("error", "warning", "info") if summary.by_severity.get(k))
        console.print(
            f"Found {total} problem{'s' * (total != 1)} ({parts}) in {summary.files_with_findings} of "
            f"{summary.files_checked} file{'s' * (summary.files_checked != 1)}."
        )
        if fixable:
            console.print(f"[*] {fixable} fixable with `tflint --fix`.", markup=False)
    if summary.fixed:
        console.print(f"Fixed {summary.fixed} problem{'s' * (summary.fixed != 1)}.")
