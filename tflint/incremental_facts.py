"""The facts walk for the editor, reused per chunk: only the chunks an edit touched are walked again.

``IncrementalParser`` keeps a document cut into chunks (top-level
statements) and hands back, for each version, the chunks' statement tuples:
a chunk the edit did not touch is the very same tuple, with the very same
libcst nodes. The facts walk (tflint/analysis/facts.py) starts every
top-level statement in the same state (module scope, no loop, no if-arm),
so what it records for a chunk depends on the chunk alone, with two
exceptions handled here:

- *where* the chunk sits: statement orders and call indexes count from the
  top of the file. A reused chunk's records are shifted in place when the
  chunks above it gained or lost statements or calls;
- a class's base names are resolved through the imports above it: a chunk
  with a class that has bases is reused only under the same imports, and a
  file with a star import (whose resolution reads every assignment) is
  walked whole.

The records of all chunks are then joined in order into one ``FileFacts``
and finished as ``collect_facts`` finishes them (``resolve_calls``), so the
checks see what a whole walk would have given them; tests/test_incremental.py
compares the two record by record over sequences of edits.

The records of a reused chunk are the objects the last version's facts
held: a ``FileFacts`` from an earlier version of the document is not valid
after the next lint with the same parser (the language server drops it).
"""

from __future__ import annotations

from collections import ChainMap
from dataclasses import dataclass, field

import libcst as cst

from tflint.analysis.facts import AssignFact, CallFact, ClassFact, FileFacts, FunctionFact, Scope, _Collector, collect_facts, resolve_calls


@dataclass(eq=False)
class _Fragment:
    """What the walk recorded for one chunk (no reference to the module it was walked in)."""

    body: tuple[cst.BaseStatement, ...]
    order_base: int  # the order its first statement carries now
    call_base: int  # the index its first call carries now
    statements: list[cst.CSTNode]
    statement_scopes: list[Scope]
    statement_branches: list[tuple]
    calls: list[CallFact]
    assignments: list[AssignFact]
    assignments_by_name: dict[str, list[AssignFact]]
    functions: dict[str, FunctionFact]
    classes: dict[str, ClassFact]
    imports: dict[str, str]
    imported_roots: set[str]
    star_imports: list[str]
    has_dynamic_code: bool
    call_by_node: dict[int, CallFact]
    arg_owner: dict[int, cst.Call]
    value_arg: dict[int, cst.Arg]
    keyword_arg: dict[int, cst.Arg]
    # calls with ``*``/``**`` arguments and their keywords as walked (resolve_calls adds spread ones)
    star_calls: list[tuple[CallFact, dict[str, cst.Arg]]] = field(default_factory=list)
    env: dict[str, str] | None = None  # the imports above it, where its walk read them (class bases)


class ChunkedFacts:
    """Per-document cache of chunk fragments; ``collect`` builds the facts of one version."""

    def __init__(self) -> None:
        self._fragments: dict[int, _Fragment] = {}  # id(chunk body) -> its fragment (the body is held: ids stay unique)
        self._scope: Scope | None = None  # the module scope every fragment's scopes hang under
        self.walked = 0  # chunks walked in the last collect (tests, bench)
        self.reuse: dict = {}  # what analyses keep across versions (FileFacts.reuse), e.g. provenance's units

    def reset(self) -> None:
        self._fragments, self._scope, self.walked = {}, None, 0
        self.reuse = {}

    def collect(
        self, module: cst.Module, text: str, bodies: list[tuple[cst.BaseStatement, ...]], tree=None
    ) -> FileFacts:
        """The facts of ``module``, whose body is ``bodies`` joined, as ``collect_facts`` would build them."""
        facts = FileFacts(module, text)
        facts._ast_tree = tree
        if self._scope is None:
            self._scope = facts.module_scope
        scope = self._scope
        scope.node = module
        facts.module_scope = scope
        old = self._fragments
        fresh: dict[int, _Fragment] = {}
        order = calls = walked = 0
        for body in bodies:
            frag = old.get(id(body))
            if frag is None or frag.body is not body or (frag.env is not None and frag.env != facts.imports):
                frag = _walk(body, module, text, scope, order, calls, facts.imports)
                walked += 1
            elif frag.order_base != order or frag.call_base != calls:
                _shift(frag, order - frag.order_base, calls - frag.call_base)
            for call, keywords in frag.star_calls:  # as walked: resolve_calls spreads them again
                call.keywords = dict(keywords)
                call.has_star_args = True
            _merge(facts, frag)
            fresh[id(body)] = frag
            order += len(frag.statements)
            calls += len(frag.calls)
        if facts.star_imports:  # resolution may read any assignment of the file: walk it whole
            self.reset()
            return collect_facts(module, text, tree)
        self._fragments = fresh
        self.walked = walked
        resolve_calls(facts)
        facts.reuse = self.reuse
        return facts


def _walk(body, module, text, scope: Scope, order: int, calls: int, imports_above: dict[str, str]) -> _Fragment:
    part = FileFacts(module, text)
    part.module_scope = scope
    part.imports = ChainMap({}, imports_above)  # type: ignore[assignment]  (class bases resolve through both)
    collector = _Collector(part)
    collector.order = order - 1
    for stmt in body:
        collector.run(stmt)
    collector.handlers.clear()  # bound methods: a cycle through the tree otherwise
    own_imports = part.imports.maps[0]  # type: ignore[attr-defined]
    frag = _Fragment(
        body=body, order_base=order, call_base=0,
        statements=part.statements, statement_scopes=part.statement_scopes, statement_branches=part.statement_branches,
        calls=part.calls, assignments=part.assignments, assignments_by_name=dict(part.assignments_by_name),
        functions=part.functions, classes=part.classes, imports=own_imports, imported_roots=part.imported_roots,
        star_imports=part.star_imports, has_dynamic_code=part.has_dynamic_code,
        call_by_node=part._call_by_node, arg_owner=part._arg_owner, value_arg=part._value_arg,
        keyword_arg=part._keyword_arg,
        star_calls=[(c, dict(c.keywords)) for c in part.calls if c.has_star_args],
        env=dict(imports_above) if any(c.bases for c in part.classes.values()) else None,
    )
    if calls:
        _shift(frag, 0, calls)
    return frag


def _shift(frag: _Fragment, by_order: int, by_call: int) -> None:
    """Move a fragment's records to where its chunk sits now (in place)."""
    if by_call:
        for call in frag.calls:
            call.index += by_call
    if by_order:
        for call in frag.calls:
            call.order += by_order
        for assign in frag.assignments:
            assign.order += by_order
            if assign.branch:
                assign.branch = tuple((o + by_order, arm) for o, arm in assign.branch)
        frag.statement_branches[:] = [
            tuple((o + by_order, arm) for o, arm in b) if b else b for b in frag.statement_branches
        ]
    frag.order_base += by_order
    frag.call_base += by_call


def _merge(facts: FileFacts, frag: _Fragment) -> None:
    facts.statements.extend(frag.statements)
    facts.statement_scopes.extend(frag.statement_scopes)
    facts.statement_branches.extend(frag.statement_branches)
    facts.calls.extend(frag.calls)
    facts.assignments.extend(frag.assignments)
    by_name = facts.assignments_by_name
    for name, found in frag.assignments_by_name.items():
        by_name[name].extend(found)
    facts.functions.update(frag.functions)
    facts.classes.update(frag.classes)
    facts.imports.update(frag.imports)
    facts.imported_roots |= frag.imported_roots
    facts.star_imports.extend(frag.star_imports)
    facts.has_dynamic_code = facts.has_dynamic_code or frag.has_dynamic_code
    facts._call_by_node.update(frag.call_by_node)
    facts._arg_owner.update(frag.arg_owner)
    facts._value_arg.update(frag.value_arg)
    facts._keyword_arg.update(frag.keyword_arg)
