"""Incremental parsing for the editor: parse only the top-level statements an edit touched.

Parsing is most of the cost of linting a file (bench/lsp_bench.py), and while
the user types, one top-level statement changes between two versions.
``IncrementalParser`` keeps the last version cut into *chunks* (each the
lines of one or more top-level statements, with the comments and blank lines
above them), finds what changed by comparing the new text with the last one,
parses only the chunks the change touches (with ``ast`` and with libcst),
and joins everything into one ``ast.Module`` and one ``cst.Module``.

Why a chunk can be parsed alone: a chunk starts after a complete top-level
statement and ends with one, so the tokenizer is in the same state there as
at the start of a file. An edit that breaks that (an unclosed bracket, a
line indented into the statement above) makes the chunk fail to parse on its
own; the whole text is then parsed and cut into chunks afresh, and if that
fails too, ``parse`` returns None and the engine reports the error exactly as
the CLI does.

The joined libcst module renders back to exactly the text; comments above a
statement become its ``leading_lines`` (a whole-file parse sometimes keeps
them in the footer of the block above instead: no check reads comments).
"""

from __future__ import annotations

import ast
import re
import warnings
from dataclasses import dataclass, replace

import libcst as cst

from tflint.nesting import too_deep

_LINE = re.compile(r".*?(?:\r\n|\n|$)", re.S)
_DEFAULT_INDENT = "    "
_INDENT = re.compile(r"[ \t\f]*")


@dataclass
class Parsed:
    tree: ast.Module
    module: cst.Module
    too_deep: bool  # some node is nested deeper than the engine analyses
    bodies: list[tuple[cst.BaseStatement, ...]]  # the module's body chunk by chunk: an untouched chunk's is the same tuple


@dataclass
class _Chunk:
    text: str
    first_line: int  # 1-based
    stmts: list[ast.stmt]  # with line numbers counted from the top of the file
    too_deep: bool
    body: tuple[cst.BaseStatement, ...]  # the chunk's header moved onto its first statement
    footer: tuple[cst.EmptyLine, ...]
    has_trailing_newline: bool


class IncrementalParser:
    """Parses successive versions of one document, reusing the chunks an edit did not touch.

    The engine's nesting limit (nesting.py) is applied chunk by chunk: the
    deepest chunk decides, as for the whole tree.
    """

    def __init__(self) -> None:
        self._text: str | None = None
        self._chunks: list[_Chunk] = []
        self._indent = _DEFAULT_INDENT
        self.reused = 0  # chunks kept from the last version in the last parse (tests, bench)
        self.facts = None  # the engine's ChunkedFacts for this document (tflint/incremental_facts.py)

    def parse(self, text: str) -> Parsed | None:
        """Both trees of ``text``; None where the text does not parse (the engine reports why)."""
        if _unsupported(text):
            self.reset()
            return None
        chunks = self._update(text) if self._text is not None else None
        if not chunks:
            built = self._build(text)
            if built is None:
                return None
            chunks, self._indent = built
            self.reused = 0
        self._text, self._chunks = text, chunks
        return self._join(chunks)

    # -- the two ways to chunks -------------------------------------------------

    def _build(self, text: str) -> tuple[list[_Chunk], str] | None:
        """Cut the whole text into chunks (first version, or an edit that changed the structure).

        The file's indent is returned, not stored: the last version's chunks
        stay valid (with their indent) until this build succeeds.
        """
        tree = _ast_parse(text)
        if tree is None or not tree.body:
            return None
        indent = _detect_indent(text, tree)
        chunks = self._chunks_of(text, 1, tree.body, indent)
        return (chunks, indent) if chunks else None

    def _update(self, text: str) -> list[_Chunk] | None:
        """Re-parse the chunks the edit touched; None if that cannot stand alone."""
        old, chunks = self._text, self._chunks
        assert old is not None
        prefix = _common_prefix(old, text)
        suffix = _common_suffix(old, text, min(len(old), len(text)) - prefix)
        if prefix == len(old) == len(text):
            self.reused = len(chunks)
            return chunks
        starts = []
        offset = 0
        for chunk in chunks:
            starts.append(offset)
            offset += len(chunk.text)
        first = _chunk_at(starts, prefix)
        last = max(first, _chunk_at(starts, max(prefix, len(old) - suffix - 1)))
        middle_start = starts[first]
        first_line = chunks[first].first_line
        while True:
            middle_end = len(text) - (len(old) - (starts[last] + len(chunks[last].text)))
            middle = text[middle_start:middle_end]
            if not middle:
                stmts: list[ast.stmt] = []
                break
            if middle_end < len(text) and not middle.endswith("\n"):
                return None  # the edit joined the middle's last line with the next chunk's first
            tree = _ast_parse("\n" * (first_line - 1) + middle)
            if tree is None:
                return None
            stmts = tree.body
            trailing = not stmts or stmts[-1].end_lineno < first_line + middle.count("\n") - 1
            if trailing and last + 1 < len(chunks):
                last += 1  # comments or blank lines after the last statement: they belong to the next chunk
                continue
            if not stmts:
                return None
            break
        fresh = self._chunks_of(middle, first_line, stmts, self._indent) if middle else []
        if fresh is None:
            return None
        after = chunks[last + 1 :]
        if after:
            line = first_line + middle.count("\n")
            if line != after[0].first_line:
                after = self._shifted(after, line)
                if after is None:
                    return None
        before = chunks[:first]
        self.reused = len(before) + len(after)
        return before + fresh + after

    def _chunks_of(self, text: str, first_line: int, stmts: list[ast.stmt], indent: str) -> list[_Chunk] | None:
        """``text`` (starting at ``first_line``) cut after top-level statements, each chunk parsed.

        A cut goes after a statement's last line only where the next statement
        starts below it (``x = 1; y = (`` goes on) and the line does not end
        in a backslash (the logical line goes on).
        """
        lines = _LINE.findall(text)
        if lines and lines[-1] == "":
            lines.pop()
        ends = []
        for stmt, following in zip(stmts, stmts[1:]):
            end = stmt.end_lineno - first_line + 1
            if _start_line(following) - first_line + 1 > end and not lines[end - 1].rstrip("\r\n").endswith("\\"):
                ends.append(end)
        ends.append(len(lines))  # the last statement and what follows it
        out: list[_Chunk] = []
        start = 0
        k = 0
        for end in ends:
            chunk_stmts = []
            while k < len(stmts) and stmts[k].lineno - first_line < end:
                chunk_stmts.append(stmts[k])
                k += 1
            chunk = self._chunk("".join(lines[start:end]), first_line + start, chunk_stmts, indent)
            if chunk is None:
                return None
            out.append(chunk)
            start = end
        return out

    def _chunk(self, text: str, first_line: int, stmts: list[ast.stmt], indent: str) -> _Chunk | None:
        try:
            module = cst.parse_module(text)
        except (cst.ParserSyntaxError, RecursionError, ValueError):
            return None
        if not module.body:
            return None
        if module.default_indent != indent and ("\n " in text or "\n\t" in text or "\n\f" in text):
            module = module.visit(_ExplicitIndent(module.default_indent))
        body = list(module.body)
        if module.header:
            body[0] = body[0].with_changes(leading_lines=(*module.header, *body[0].leading_lines))
        deep = too_deep(ast.Module(body=stmts, type_ignores=[]))
        return _Chunk(text, first_line, stmts, deep, tuple(body), tuple(module.footer), module.has_trailing_newline)

    def _shifted(self, chunks: list[_Chunk], first_line: int) -> list[_Chunk] | None:
        """The same chunks moved to start at ``first_line``: their ``ast`` line numbers are parsed anew."""
        text = "".join(c.text for c in chunks)
        tree = _ast_parse("\n" * (first_line - 1) + text)
        if tree is None:
            return None
        stmts = tree.body
        out = []
        k = 0
        line = first_line
        for n, chunk in enumerate(chunks):
            end = line + chunk.text.count("\n")
            own = []
            while k < len(stmts) and (stmts[k].lineno < end or n == len(chunks) - 1):
                own.append(stmts[k])
                k += 1
            if len(own) != len(chunk.stmts):
                return None
            out.append(replace(chunk, first_line=line, stmts=own))
            line = end
        return out

    def _join(self, chunks: list[_Chunk]) -> Parsed:
        stmts: list[ast.stmt] = []
        body: list[cst.BaseStatement] = []
        for chunk in chunks:
            stmts.extend(chunk.stmts)
            body.extend(chunk.body)
        last = chunks[-1]
        module = cst.Module(
            body=body,
            header=(),
            footer=last.footer,
            default_indent=self._indent,
            default_newline="\r\n" if "\r\n" in chunks[0].text else "\n",
            has_trailing_newline=last.has_trailing_newline,
        )
        return Parsed(
            ast.Module(body=stmts, type_ignores=[]), module, any(c.too_deep for c in chunks), [c.body for c in chunks]
        )

    def reset(self) -> None:
        """Forget the last version: the next parse cuts the whole text afresh."""
        self._text, self._chunks, self.reused = None, [], 0
        if self.facts is not None:
            self.facts.reset()


class _ExplicitIndent(cst.CSTTransformer):
    """Blocks that used their chunk's default indent spell it out, for a module with another default."""

    def __init__(self, indent: str):
        super().__init__()
        self.indent = indent

    def leave_IndentedBlock(self, original_node, updated_node):
        return updated_node if updated_node.indent is not None else updated_node.with_changes(indent=self.indent)

    def leave_Match(self, original_node, updated_node):  # the indent of its ``case`` lines
        return updated_node if updated_node.indent is not None else updated_node.with_changes(indent=self.indent)


def _start_line(stmt: ast.stmt) -> int:
    """The first line of a statement, its decorators included."""
    decorators = getattr(stmt, "decorator_list", None)
    return decorators[0].lineno if decorators else stmt.lineno


def _ast_parse(text: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


_LONE_BACKSLASH = re.compile(r"^[ \t\f]*\\\r?$", re.M)


def _unsupported(text: str) -> bool:
    """Texts only a whole parse gets right.

    Lone or mixed carriage returns (it keeps every newline as it is), and a
    line that is only a backslash: libcst then rejects or misreads the whole
    file while each chunk parses, and the editor must show what the CLI shows.
    """
    without_crlf = text.replace("\r\n", "")
    if "\r" in without_crlf or (len(without_crlf) != len(text) and "\n" in without_crlf):
        return True
    return "\\" in text and _LONE_BACKSLASH.search(text) is not None


def _common_prefix(a: str, b: str) -> int:
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:  # string comparison runs in C: a binary search beats a character loop
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _chunk_at(starts: list[int], offset: int) -> int:
    """The index of the chunk holding character ``offset`` (the last chunk for the very end)."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _detect_indent(text: str, tree: ast.Module) -> str:
    """The file's indent unit: the indent of the first block that starts on a line of its own."""
    lines: list[str] | None = None
    for stmt in tree.body:
        for field in ("body", "handlers", "orelse", "finalbody", "cases"):
            block = getattr(stmt, field, None)
            if not block or not isinstance(block, list):
                continue
            first = block[0]
            line = getattr(first, "lineno", None) or getattr(getattr(first, "pattern", None), "lineno", None)
            if line is None or line == stmt.lineno:
                continue
            if lines is None:
                lines = text.split("\n")
            indent = _INDENT.match(lines[line - 1]).group()
            if indent:
                return indent
    return _DEFAULT_INDENT
