"""Hover over a flagged range: the rule page (what, why, use instead) as Markdown."""

from __future__ import annotations

from lsprotocol import types

from tflint import rulebook
from tflint.diagnostics import Diagnostic, Range
from tflint.lsp.convert import Lines

SECTIONS = ("What it does", "Why is this bad?", "Use instead")


def rule_markdown(code: str, *, message: str | None = None, help: str | None = None) -> str | None:
    """The hover text for one rule, or None for an unknown code."""
    info = rulebook.get(code)
    if info is None:
        return None
    parts = [f"### {info.name} ({info.code})"]
    if message:
        parts.append(f"*{_escape(message)}*")
    if help:
        parts.append(f"**Help:** {_escape(help)}")
    for heading in SECTIONS:
        text = rulebook.section_text(info.page, heading).strip()
        if text:
            parts.append(f"#### {heading}\n\n{text}")
    parts.append(f"[Rule page]({rulebook.docs_url(info.code)}) · disable with `# noqa: {info.code}`")
    return "\n\n".join(parts) + "\n"


def _escape(text: str) -> str:
    """Escape Markdown emphasis outside `code spans` (inside them a backslash would show)."""
    parts = text.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = parts[i].replace("*", "\\*").replace("_", "\\_")
    return "`".join(parts)


def hover(diagnostics: list[Diagnostic], lines: Lines, position: types.Position) -> types.Hover | None:
    """Docs for every rule flagged at ``position`` (the client's coordinates)."""
    pos = lines.from_lsp(position)
    point = Range(pos, pos)
    hits = [d for d in diagnostics if d.range.start <= pos <= d.range.end or _on_empty_range(d.range, point)]
    if not hits:
        return None
    seen: set[str] = set()
    parts = []
    for d in hits:
        if d.code in seen:
            continue
        seen.add(d.code)
        text = rule_markdown(d.code, message=d.message, help=d.help)
        if text:
            parts.append(text)
    if not parts:
        return None
    first = hits[0].range
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n---\n\n".join(parts)),
        range=lines.range_to_lsp(first),
    )


def _on_empty_range(rng: Range, point: Range) -> bool:
    # a zero-width diagnostic (e.g. at 1:0) is hovered from its line's first character
    return rng.start == rng.end and rng.start.line == point.start.line and point.start.column <= rng.start.column + 1

