"""tflint's plain types <-> LSP types.

tflint positions are 1-based lines and 0-based code-point columns; LSP
positions are 0-based lines and columns in the negotiated encoding (UTF-16
unless the client offered another). Columns go through the document's
``PositionCodec``; lines are split the way both the engine and the LSP
specification split them (``\\n``, ``\\r\\n``, ``\\r`` only -- not
``str.splitlines``, which also breaks at form feeds and U+2028).
"""

from __future__ import annotations

from typing import Callable

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from tflint import rulebook
from tflint.diagnostics import Diagnostic, Edit, Position, Range, Severity
from tflint.source import LINE_SPLIT

SOURCE = "tflint"
SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def split_lines(text: str) -> list[str]:
    return LINE_SPLIT.split(text)


class Lines:
    """One document's lines and encoding: converts columns both ways."""

    __slots__ = ("lines", "codec", "bom", "newline")

    def __init__(self, text: str, codec: PositionCodec):
        self.lines = split_lines(text)
        self.codec = codec
        # the engine drops a leading BOM, so its columns on line 1 are one short
        self.bom = text.startswith("\ufeff")
        self.newline = "\n" if "\r" not in text else ("\r\n" if "\r\n" in text else "\r")

    def units(self, s: str) -> int:
        return len(s) if s.isascii() else self.codec.client_num_units(s)

    def to_lsp(self, pos: Position) -> types.Position:
        line = pos.line - 1
        if line < 0:
            return types.Position(line=0, character=0)
        if line >= len(self.lines):
            last = len(self.lines) - 1
            return types.Position(line=last, character=self.units(self.lines[last]))
        text = self.lines[line]
        column = pos.column + (1 if self.bom and line == 0 else 0)
        return types.Position(line=line, character=self.units(text[: max(column, 0)]))

    def range_to_lsp(self, rng: Range) -> types.Range:
        return types.Range(start=self.to_lsp(rng.start), end=self.to_lsp(rng.end))

    def from_lsp(self, pos: types.Position) -> Position:
        """A client position as a tflint position (clamped into the document)."""
        if pos.line >= len(self.lines):
            return Position(len(self.lines), len(self.lines[-1]))
        text = self.lines[pos.line]
        if text.isascii():
            column = min(pos.character, len(text))
        else:
            units, column = 0, 0
            impl = self.codec.impl
            for ch in text:
                if units >= pos.character:
                    break
                units += impl.code_units_for_char(ch)
                column += 1
        if self.bom and pos.line == 0:
            column = max(column - 1, 0)
        return Position(pos.line + 1, column)

    def range_from_lsp(self, rng: types.Range) -> Range:
        return Range(self.from_lsp(rng.start), self.from_lsp(rng.end))


#: (cell number or None) -> (uri, Lines) of the document that holds that cell; None if unknown
Locator = Callable[[int | None], "tuple[str, Lines] | None"]


def diagnostic(d: Diagnostic, lines: Lines, locate: Locator) -> types.Diagnostic:
    related = []
    for rel in d.related:
        if rel.path is not None:
            from pygls.uris import from_fs_path

            uri = from_fs_path(rel.path) or rel.path
            # another file: its text is not at hand, columns are code points
            rng = types.Range(
                start=types.Position(line=rel.range.start.line - 1, character=rel.range.start.column),
                end=types.Position(line=rel.range.end.line - 1, character=rel.range.end.column),
            )
        else:
            where = locate(rel.cell)
            if where is None:
                continue
            uri, rel_lines = where
            rng = rel_lines.range_to_lsp(rel.range)
        related.append(types.DiagnosticRelatedInformation(location=types.Location(uri=uri, range=rng), message=rel.message))
    own = lines.range_to_lsp(d.range)
    home = locate(d.cell) if d.help else None
    if home is not None:  # editors show related information under the message: the remedy goes there, last
        related.append(types.DiagnosticRelatedInformation(location=types.Location(uri=home[0], range=own), message=f"help: {d.help}"))
    return types.Diagnostic(
        range=own,
        severity=SEVERITY.get(d.severity, types.DiagnosticSeverity.Warning),
        code=d.code,
        code_description=types.CodeDescription(href=rulebook.docs_url(d.code)),
        source=SOURCE,
        message=d.message,
        related_information=related or None,
        data={"name": d.name, "fixable": d.fix is not None},
    )


def text_edits(edits: tuple[Edit, ...] | list[Edit], locate: Locator) -> dict[str, list[types.TextEdit]] | None:
    """Edits grouped by the document they land in; None when one cannot be placed."""
    out: dict[str, list[types.TextEdit]] = {}
    for edit in edits:
        where = locate(edit.cell)
        if where is None:
            return None
        uri, lines = where
        out.setdefault(uri, []).append(types.TextEdit(range=lines.range_to_lsp(edit.range), new_text=edit.new_text))
    return out


def overlaps(a: Range, b: Range) -> bool:
    """Ranges touch or overlap (an empty range at a diagnostic's edge still counts)."""
    return not (a.end < b.start or b.end < a.start)
