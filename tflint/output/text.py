"""``--format text``: ruff-like findings with a code frame and a summary.

Each line is built as (text, style) segments. On a terminal rich renders the
styles; anywhere else (pipes, logs, CI) the segments are joined as plain
text, and rich is not even imported (it is a tenth of a second of start-up).
"""

from __future__ import annotations

import os
from typing import TextIO

from tflint.diagnostics import Diagnostic, Severity
from tflint.output.summary import RunSummary
from tflint.output.concise import location

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "bold cyan"}
Line = list[tuple[str, str]]  # (text, rich style or "")


class _Plain:
    def __init__(self, stream: TextIO):
        self.stream = stream

    def line(self, segments: Line = ()) -> None:
        self.stream.write("".join(text for text, _ in segments) + "\n")


class _Styled:
    def __init__(self, stream: TextIO):
        from rich.console import Console

        self.console = Console(file=stream, highlight=False, soft_wrap=True, force_terminal=True)

    def line(self, segments: Line = ()) -> None:
        from rich.text import Text

        text = Text()
        for part, style in segments:
            text.append(part, style=style or None)
        self.console.print(text)


def _printer(stream: TextIO):
    if os.environ.get("NO_COLOR"):
        return _Plain(stream)
    wants_color = bool(os.environ.get("FORCE_COLOR"))
    if not wants_color:
        try:
            wants_color = stream.isatty() and os.environ.get("TERM") != "dumb"
        except (AttributeError, ValueError):
            wants_color = False
    return _Styled(stream) if wants_color else _Plain(stream)


def _source_lines(summary: RunSummary, d: Diagnostic) -> list[str] | None:
    if d.cell is not None:
        text = summary.cell_texts.get((d.path, d.cell))
    else:
        text = summary.sources.get(d.path)
    return text.split("\n") if text is not None else None


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: CJK and most emoji take two, combining marks none.

    rich's cell measure (rich is imported only for lines that are not ASCII).
    """
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _frame(out, lines: list[str], d: Diagnostic) -> None:
    start, end = d.range.start, d.range.end
    first = max(start.line - 1, 1)
    last = min(start.line + 1, len(lines))
    width = len(str(last))
    gutter = " " * width + " |"
    out.line([(gutter, "blue")])
    for number in range(first, last + 1):
        text = lines[number - 1].expandtabs(1) if number - 1 < len(lines) else ""
        out.line([(f"{number:>{width}} |", "blue"), (" " + text, "")])
        if number == start.line:
            stop = end.column if end.line == start.line else len(text)
            indent = display_width(text[: start.column])
            carets = "^" * max(display_width(text[start.column : stop]), 1)
            out.line([(gutter, "blue"), (" " + " " * indent, ""), (f"{carets} {d.code}", _STYLE[d.severity])])
    out.line([(gutter, "blue")])


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    out = _printer(stream)
    fixable = 0
    for d in diagnostics:
        marker = " [*]" if d.fix is not None and d.fix.safe else ""
        fixable += bool(marker)
        out.line(
            [
                (location(d), "bold"), (": ", ""), (d.code, _STYLE[d.severity]), (marker, ""),
                (f" {d.message} ", ""), (f"({d.name}, {d.severity})", "dim"),
            ]
        )
        lines = _source_lines(summary, d)
        if lines is not None and 0 < d.line <= len(lines):
            _frame(out, lines, d)
        for r in d.related:
            cell = f"cell {r.cell}:" if r.cell is not None else ""
            out.line([("  =", "blue"), (f" note: {r.message} at {cell}{r.range.start.line}:{r.range.start.column + 1}", "")])
        if d.help:
            out.line([("  =", "blue"), (" help: ", "bold"), (d.help, "")])
        out.line()
    _summary(out, diagnostics, summary, fixable)


def _summary(out, diagnostics: list[Diagnostic], summary: RunSummary, fixable: int) -> None:
    total = len(diagnostics)
    files = _plural(summary.files_checked, "file")
    if summary.path_errors:
        failed = _plural(len(summary.path_errors), "path")
        out.line([(f"Error: {failed} could not be linted (see above).", "bold red")])
    if total == 0:
        if summary.files_checked and not summary.path_errors:
            out.line([("All checks passed!", "bold green"), (f" ({files} checked)", "")])
        elif summary.files_checked:
            out.line([(f"No problems found in the {files} checked.", "")])
        elif not summary.path_errors:
            out.line([("No Python files or notebooks to check.", "")])
    if total:
        parts = ", ".join(
            f"{summary.by_severity[k]} {k if k == 'info' or summary.by_severity[k] == 1 else k + 's'}"
            for k in ("error", "warning", "info")
            if summary.by_severity.get(k)
        )
        out.line([(f"Found {_plural(total, 'problem')} ({parts}) in {summary.files_with_findings} of {files}.", "")])
        if fixable:
            out.line([(f"[*] {fixable} fixable with `tflint --fix`.", "")])
    if summary.fixed:
        out.line([(f"Fixed {_plural(summary.fixed, 'problem')}.", "")])


def render_statistics(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    """``--statistics``: how many findings of each rule, most frequent first, then the summary (as ruff)."""
    out = _printer(stream)
    counts: dict[tuple[str, str], int] = {}
    fixable_codes: set[str] = set()
    for d in diagnostics:
        counts[(d.code, d.name)] = counts.get((d.code, d.name), 0) + 1
        if d.fix is not None and d.fix.safe:
            fixable_codes.add(d.code)
    for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        marker = "[*]" if code in fixable_codes else "[ ]"
        out.line([(f"{n:>5}  ", ""), (code, "bold"), (f"  {name}  {marker}", "")])
    fixable = sum(1 for d in diagnostics if d.fix is not None and d.fix.safe)
    _summary(out, diagnostics, summary, fixable)
