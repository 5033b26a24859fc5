"""Source ranges for the few nodes that become diagnostics.

libcst's PositionProvider costs two to three parses, so instead the file is
parsed a second time with ``ast`` (about a tenth of a libcst parse), and
libcst nodes are matched to ``ast`` nodes of the same kind in lexical order:
the k-th statement the facts walk met is the k-th ``ast.stmt`` in source
order, and a call is the j-th call of its statement (only the statements that
hold a diagnostic are walked). Arguments are found through their call. Should
the two parsers disagree (counts differ or a callee name does not match), the
match falls back to the whole tree, then to libcst's PositionProvider.
"""

from __future__ import annotations

import ast
import warnings
from typing import TYPE_CHECKING

import libcst as cst

from tflint.diagnostics import Position, Range

if TYPE_CHECKING:
    from tflint.analysis.facts import FileFacts


def _sort_key(node: ast.AST) -> tuple[int, int, int, int]:
    return (node.lineno, node.col_offset, -(node.end_lineno or 0), -(node.end_col_offset or 0))


_BODY_FIELDS = ("body", "orelse", "finalbody", "handlers", "cases")


class _AstIndex:
    """Statements of the ``ast`` tree in source order, and their calls on demand.

    Only statement bodies are walked up front (a few hundred nodes, not the
    whole tree); the calls of a statement are collected the first time a
    diagnostic needs one of them.
    """

    def __init__(self, text: str, tree: ast.Module | None = None):
        if tree is None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text)
        self.tree = tree
        stmts: list[ast.stmt] = []
        stack: list[ast.AST] = [tree]
        while stack:
            node = stack.pop()
            for name in _BODY_FIELDS:
                children = getattr(node, name, None)
                if type(children) is list:
                    for child in children:
                        if isinstance(child, ast.stmt):
                            stmts.append(child)
                        stack.append(child)  # statements, except handlers, match cases
        stmts.sort(key=_sort_key)
        self.stmts = stmts
        self.lines = text.split("\n")
        self._calls_of_stmt: dict[int, list[ast.Call]] = {}
        self._all_calls: list[ast.Call] | None = None

    def calls_of_statement(self, index: int) -> list[ast.Call]:
        """Calls inside statement ``index`` but not inside the statements it contains."""
        found = self._calls_of_stmt.get(index)
        if found is None:
            found = []
            root = self.stmts[index]
            stack: list[ast.AST] = [root]
            while stack:
                node = stack.pop()
                if isinstance(node, ast.Call):
                    found.append(node)
                for child in ast.iter_child_nodes(node):
                    if not isinstance(child, ast.stmt):
                        stack.append(child)
            found.sort(key=_sort_key)
            self._calls_of_stmt[index] = found
        return found

    def all_calls(self) -> list[ast.Call]:
        """Every call in source order (the slower, whole-tree match)."""
        if self._all_calls is None:
            self._all_calls = sorted((n for n in ast.walk(self.tree) if isinstance(n, ast.Call)), key=_sort_key)
        return self._all_calls

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
            if len(index.stmts) == len(facts.statements):
                self.ast_index = index
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            pass
        if self.ast_index is None:
            self.fallback = _Fallback(facts.module)
        self._stmt_index = {id(s): i for i, s in enumerate(facts.statements)} if self.ast_index else {}
        self._calls_by_order: dict[int, list] | None = None
        self._whole_tree_checked = False

    def _use_fallback(self) -> None:
        if self.fallback is None:
            self.fallback = _Fallback(self.facts.module)
        self.ast_index = None

    def _candidate_in_statement(self, fact) -> ast.Call | None:
        """The call matched within its own statement (cheap), or None if they disagree."""
        if self._calls_by_order is None:
            self._calls_by_order = {}
            for call in self.facts.calls:
                self._calls_by_order.setdefault(call.order, []).append(call)
        mine = self._calls_by_order.get(fact.order, [])
        if not 0 <= fact.order < len(self.ast_index.stmts):
            return None
        theirs = self.ast_index.calls_of_statement(fact.order)
        if len(mine) != len(theirs):
            return None  # e.g. a call in an `except` clause: libcst and ast file it differently
        return theirs[mine.index(fact)]

    def _candidate_in_tree(self, fact) -> ast.Call | None:
        calls = self.ast_index.all_calls()
        if len(calls) != len(self.facts.calls):
            return None
        return calls[fact.index]

    def _ast_call(self, node: cst.Call) -> ast.Call | None:
        fact = self.facts.call_of(node)
        if fact is None or self.ast_index is None:
            return None
        actual = (
            node.func.attr.value
            if isinstance(node.func, cst.Attribute)
            else node.func.value
            if isinstance(node.func, cst.Name)
            else None
        )
        for finder in (self._candidate_in_statement, self._candidate_in_tree):
            candidate = finder(fact)
            if candidate is None:
                continue
            func = candidate.func
            expected = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else None
            if expected == actual:
                return candidate
        self._use_fallback()
        return None

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
        if type(node) is cst.Arg and self.facts.owner_call(node) is None:
            node = node.value  # an entry of a ``**dict`` bound as a keyword: the value where it was written
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
