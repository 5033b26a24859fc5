"""Positions from the cheap ast match agree with libcst's own PositionProvider."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, PositionProvider

from tflint.analysis.positions import locate
from tflint import rulebook
from tflint.analysis.facts import collect_facts

ROOT = Path(__file__).resolve().parent.parent
TRICKY = '''
import keras
@deco(a(1))
def f(x=g(2), *, y=[h(3) for _ in k(4)]) -> r(5):
    try:
        m(6)
    except e(7) as err:
        n(8)
    else:
        o(9)
    return p(10) if q(11) else s(12)
class C(base(13), metaclass=meta(14)):
    v = t(15); w = u(16)
for i in z(17):
    with cm(18) as c, cm2(19):
        print(f"{fmt(20)} é 😀 {fmt2(21)}")
lam = lambda: inner(22)
'''


def _sources():
    yield "tricky", TRICKY
    for path in sorted((ROOT / "examples").glob("*.py")):
        yield path.name, path.read_text()
    for code, info in sorted(rulebook.all_rules().items()):
        for i, block in enumerate(rulebook.code_blocks(info.page, "Example")):
            yield f"{code}-{i}", block
    for path in sorted((ROOT / "tests" / "leakage_corpus").glob("*.py"))[:60]:
        yield path.name, path.read_text()


@pytest.mark.parametrize("name,source", list(_sources()), ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_every_call_and_statement_matches_libcst(name, source):
    module = cst.parse_module(source)
    facts = collect_facts(module, source)
    truth = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    for node in [c.node for c in facts.calls] + facts.statements:
        expected = truth[node]
        got = locate(facts, node)
        assert (got.start.line, got.start.column) == (expected.start.line, expected.start.column), (name, cst.Module([]).code_for_node(node)[:60])
        assert (got.end.line, got.end.column) == (expected.end.line, expected.end.column), name
