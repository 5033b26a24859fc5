"""Incremental parsing for the editor: re-parse only the top-level statements that changed.

A libcst parse is most of the cost of linting a file (bench/lsp_bench.py:
about 70% at 500 lines), and while the user types, one top-level statement
changes between two versions. ``IncrementalParser`` cuts the text into
chunks at top-level statement boundaries (found with ``ast``, which the
engine has parsed anyway), parses each chunk on its own, keeps the parsed
chunks of the last version, and joins them into one ``cst.Module``.

The joined module renders back to exactly the source text: a chunk whose
own default indent differs from the file's spells its indents out, and the comments and blank
lines above a chunk's first statement become that statement's
``leading_lines``, where a whole-file parse puts them too. Anything unusual
(no statements, lone or mixed carriage returns, a chunk libcst rejects) falls back to
one whole-file parse, so errors are reported exactly as the CLI reports them.
"""

from __future__ import annotations

import ast
import re

import libcst as cst

_LINE = re.compile(r".*?(?:\r\n|\n|$)", re.S)
_DEFAULT_INDENT = "    "


class IncrementalParser:
    """Parses successive versions of one document, reusing unchanged chunks."""

    def __init__(self) -> None:
        self._chunks: dict[str, tuple[tuple[cst.BaseStatement, ...], cst.Module]] = {}
        self._layout: tuple[str, str] | None = None  # (indent, newline) the chunks were parsed with
        self.reused = 0  # chunks taken from the last version in the last parse (for tests and the bench)

    def parse(self, text: str, tree: ast.Module | None) -> cst.Module:
        chunks = _chunk_texts(text, tree) if tree is not None else None
        if not chunks:
            self._chunks, self.reused = {}, 0
            return cst.parse_module(text)
        layout = (_detect_indent(text, tree), "\r\n" if "\r\n" in text else "\n")
        if layout != self._layout:
            self._chunks, self._layout = {}, layout
        kept: dict[str, tuple[tuple[cst.BaseStatement, ...], cst.Module]] = {}
        body: list[cst.BaseStatement] = []
        reused = 0
        last: cst.Module | None = None
        for chunk in chunks:
            parsed = self._chunks.get(chunk)
            if parsed is None or chunk in kept:  # a node object may appear only once in a tree
                parsed = _parse_chunk(chunk, layout[0])
                if parsed is None:
                    self._chunks, self.reused = {}, 0
                    return cst.parse_module(text)
            else:
                reused += 1
            kept.setdefault(chunk, parsed)
            body.extend(parsed[0])
            last = parsed[1]
        self._chunks, self.reused = kept, reused
        return cst.Module(
            body=body,
            header=(),
            footer=last.footer,
            encoding=last.encoding,
            default_indent=layout[0],
            default_newline=layout[1],
            has_trailing_newline=last.has_trailing_newline,
        )


class _ExplicitIndent(cst.CSTTransformer):
    """Blocks that used their chunk's default indent spell it out, for a module with another default."""

    def __init__(self, indent: str):
        super().__init__()
        self.indent = indent

    def leave_IndentedBlock(self, original_node, updated_node):
        return updated_node if updated_node.indent is not None else updated_node.with_changes(indent=self.indent)


def _parse_chunk(chunk: str, indent: str):
    """The chunk's statements, with the chunk's header moved onto its first statement.

    libcst infers a chunk's default indent from the chunk alone; where that
    differs from the file's, the chunk's blocks get their indent spelled out
    so that they render the same inside the joined module.
    """
    try:
        module = cst.parse_module(chunk)
    except (cst.ParserSyntaxError, RecursionError):
        return None
    if not module.body:
        return None
    if module.default_indent != indent and ("\n " in chunk or "\n\t" in chunk):
        module = module.visit(_ExplicitIndent(module.default_indent))
    first = module.body[0]
    if module.header:
        first = first.with_changes(leading_lines=(*module.header, *first.leading_lines))
    return (first, *module.body[1:]), module


def _chunk_texts(text: str, tree: ast.Module) -> list[str] | None:
    """The text cut after the last line of each top-level statement (the rest joins the last chunk)."""
    without_crlf = text.replace("\r\n", "")
    if not tree.body or "\r" in without_crlf or ("\n" in without_crlf and len(without_crlf) != len(text)):
        return None  # lone or mixed carriage returns: a whole parse keeps every newline as it is
    lines = _LINE.findall(text)
    if lines and lines[-1] == "":
        lines.pop()
    ends = sorted({stmt.end_lineno for stmt in tree.body if stmt.end_lineno})
    if not ends or ends[-1] > len(lines):
        return None
    chunks = []
    start = 0
    for end in ends[:-1]:
        chunks.append("".join(lines[start:end]))
        start = end
    chunks.append("".join(lines[start:]))
    return chunks


def _detect_indent(text: str, tree: ast.Module) -> str:
    """The file's indent unit: the indent of the first block that starts on a line of its own."""
    lines: list[str] | None = None
    for stmt in tree.body:
        for field in ("body", "handlers", "orelse", "finalbody", "cases"):
            block = getattr(stmt, field, None)
            if not block or not isinstance(block, list):
                continue
            first = block[0]
            line = getattr(first, "lineno", None)
            if line is None or line == stmt.lineno:
                continue
            if lines is None:
                lines = text.split("\n")
            indent = lines[line - 1][: first.col_offset]
            if indent and not indent.strip():
                return indent
    return _DEFAULT_INDENT
