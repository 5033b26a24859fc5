"""Source ranges for the few nodes that become diagnostics.

libcst's PositionProvider costs two to three parses, so instead the file is
parsed a second time with ``ast`` (about a tenth of a libcst parse) only when
a position is needed, and libcst nodes are matched to ``ast`` nodes of the
same kind in lexical order: the k-th ``Call`` the facts walk met is the k-th
``ast.Call`` in source order, and likewise for statements. Arguments are
found through their call. Should the two parsers ever disagree (counts differ
or a callee name does not match), the file falls back to PositionProvider.
"""

from __future__ import annotations

import ast
import warnings
from typing import TYPE_CHECKING

import libcst as cst

from tflint.diagnostics import Position, Range

if TYPE_CHECKING:
    from tflint.facts import FileFacts


def _sort_key(node: ast.AST) -> tuple[int, int, int, int]:
    return (node.lineno, node.col_offset, -(node.end_lineno or 0), -(node.end_col_offset or 0))


class _AstIndex:
    def __init__(self, text: str, tree: ast.Module | None = None):
        if tree is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text)
        calls: list[ast.Call] = []
        stmts: list[ast.stmt] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                calls.append(node)
            elif isinstance(node, ast.stmt):
                stmts.append(node)
        calls.sort(key=_sort_key)
        stmts.sort(key=_sort_key)
        self.calls = calls
        self.stmts = stmts
        self.lines = text.split("\n")

    def column(self, line: int, byte_col: int) -> int:
        """ast counts UTF-8 bytes; we count code points."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        if text.isascii():
            return byte_col
        return len(text.encode("utf-8")[:byte_col].decode("utf-8", errors="replace"))

    def range(self, node: ast.AST) -> Range:
        return Range(
            Position(node.lineno, self.column(node.lineno, node.col_offset)),
            Position(node.end_lineno, self.column(node.end_lineno, node.end_col_offset)),
        )


class _Fallback:
    """libcst's own positions, used only when the ast match is not trustworthy."""

    def __init__(self, module: cst.Module):
        from libcst.metadata import MetadataWrapper, PositionProvider

        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        self.positions = wrapper.resolve(PositionProvider)

    def range(self, node: cst.CSTNode) -> Range | None:
        pos = self.positions.get(node)
        if pos is None:
            return None
        return Range(Position(pos.start.line, pos.start.column), Position(pos.end.line, pos.end.column))


class PositionIndex:
    def __init__(self, facts: "FileFacts"):
        self.facts = facts
        self.fallback: _Fallback | None = None
        self.ast_index: _AstIndex | None = None
        try:
            index = _AstIndex(facts.text, facts._ast_tree)  # the engine's nesting check parsed it
            if len(index.calls) == len(facts.calls) and len(index.stmts) == len(facts.statements):
                self.ast_index = index
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
        if self.ast_index is None:
            self.fallback = _Fallback(facts.module)
        self._stmt_index = {id(s): i for i, s in enumerate(facts.statements)} if self.ast_index else {}

    def _use_fallback(self) -> None:
        if self.fallback is None:
            self.fallback = _Fallback(self.facts.module)
        self.ast_index = None

    def _ast_call(self, node: cst.Call) -> ast.Call | None:
        fact = self.facts.call_of(node)
        if fact is None or self.ast_index is None:
            return None
        candidate = self.ast_index.calls[fact.index]
        func = candidate.func
        expected = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
        actual = (
            node.func.attr.value
            if isinstance(node.func, cst.Attribute)
            else node.func.value
            if isinstance(node.func, cst.Name)
            else None
        )
        if expected != actual:
            self._use_fallback()
            return None
        return candidate

    def locate(self, node: cst.CSTNode) -> Range | None:
        if self.ast_index is not None:
            found = self._locate_ast(node)
            if found is not None or self.ast_index is not None:
                return found
        assert self.fallback is not None
        return self.fallback.range(node)

    def _locate_ast(self, node: cst.CSTNode) -> Range | None:
        index = self.ast_index
        assert index is not None
        if isinstance(node, cst.Call):
            call = self._ast_call(node)
            return index.range(call) if call is not None else None
        stmt = self._stmt_index.get(id(node))
        if stmt is not None:
            return index.range(index.stmts[stmt])
        keyword_of = self.facts._keyword_arg.get(id(node))
        arg = node if isinstance(node, cst.Arg) else keyword_of or self.facts.arg_of_value(node)
        if arg is not None:
            owner = self.facts.owner_call(arg)
            call = self._ast_call(owner) if owner is not None else None
            if call is None:
                return None
            ast_args = sorted([*call.args, *call.keywords], key=_sort_key)
            try:
                position = owner.args.index(arg)
            except ValueError:
                return None
            if position >= len(ast_args):
                self._use_fallback()
                return None
            target = ast_args[position]
            if keyword_of is not None and isinstance(target, ast.keyword) and isinstance(node, cst.Name):
                start = Position(target.lineno, index.column(target.lineno, target.col_offset))
                return Range(start, Position(start.line, start.column + len(node.value)))
            if node is not arg and isinstance(target, ast.keyword):
                target = target.value
            elif node is not arg and isinstance(target, ast.Starred):
                target = target.value
            return index.range(target)
        # any other node: libcst's own positions for this file
        self._use_fallback()
        return None


def locate(facts: "FileFacts", node: cst.CSTNode) -> Range:
    if facts._positions is None:
        facts._positions = PositionIndex(facts)
    found = facts._positions.locate(node)
    return found if found is not None else Range(Position(1, 0), Position(1, 0))
