"""The editor's per-chunk facts (tflint/incremental_facts.py) hold, record by record, what one walk
of the same module records, over sequences of edits; and the findings are the whole-file lint's."""

from __future__ import annotations

import ast
import random
from pathlib import Path

import pytest

from tflint.analysis.facts import FileFacts, collect_facts
from tflint import source
from tflint.api import lint_text
from tflint.config import Config
from tflint.engine import _Reporter, enabled_checks
from tflint.incremental import IncrementalParser
from tflint.incremental_facts import ChunkedFacts
from tests.reliability.fuzzlib import ML_HEADER, random_mutation, rule_blocks

ROOT = Path(__file__).resolve().parents[1]


def _scope(scope) -> tuple:
    return tuple((s.name, s.kind, id(s.node)) for s in scope.chain())


def _record(facts: FileFacts) -> dict:
    """Everything the walk and ``resolve_calls`` record, with nodes by identity."""
    calls = [
        (c.index, c.order, _scope(c.scope), c.loop_depth, c.callee, c.func_text, c.method, id(c.receiver), id(c.node),
         [(k, id(a.value)) for k, a in c.keywords.items()], [id(a) for a in c.positional], c.has_star_args)
        for c in facts.calls
    ]
    assignments = [
        (id(a.node), a.order, _scope(a.scope), a.loop_depth, [id(t) for t in a.targets], a.names, id(a.value),
         a.augmented, id(a.statement), a.branch)
        for a in facts.assignments
    ]
    return {
        "calls": calls,
        "assignments": assignments,
        "statements": [id(s) for s in facts.statements],
        "statement_scopes": [_scope(s) for s in facts.statement_scopes],
        "statement_branches": facts.statement_branches,
        "functions": [(k, id(f.node), f.qualname, _scope(f.scope), f.params, [id(r) for r in f.returns])
                      for k, f in facts.functions.items()],
        "classes": [(k, id(c.node), c.name, _scope(c.scope), c.bases) for k, c in facts.classes.items()],
        "imports": list(facts.imports.items()),
        "imported_roots": facts.imported_roots,
        "star_imports": facts.star_imports,
        "has_dynamic_code": facts.has_dynamic_code,
        "by_callee": {k: [c.index for c in v] for k, v in facts.calls_by_callee.items() if v},
        "by_method": {k: [c.index for c in v] for k, v in facts.calls_by_method.items() if v},
        "by_name": [(k, [(a.order, id(a.node)) for a in v]) for k, v in facts.assignments_by_name.items() if v],
        "call_by_node": {k: v.index for k, v in facts._call_by_node.items()},
        "arg_owner": {k: id(v) for k, v in facts._arg_owner.items()},
        "value_arg": {k: id(v) for k, v in facts._value_arg.items()},
        "keyword_arg": {k: id(v) for k, v in facts._keyword_arg.items()},
        "module_scope": (facts.module_scope.name, facts.module_scope.kind, id(facts.module_scope.node)),
    }


class _Checker:
    """One document: each version is parsed incrementally, its chunked facts compared with a walk."""

    def __init__(self) -> None:
        self.parser = IncrementalParser()
        self.chunked = ChunkedFacts()
        self.versions = self.reused_chunks = 0

    def check(self, text: str) -> None:
        parsed = self.parser.parse(text)
        if parsed is None:
            return
        got = self.chunked.collect(parsed.module, text, parsed.bodies)
        assert _record(got) == _record(collect_facts(parsed.module, text)), text
        self.versions += 1
        self.reused_chunks += len(parsed.bodies) - self.chunked.walked
        _run_every_check(got, text)  # whatever the analyses do to the records must not reach the next version


def _run_every_check(facts: FileFacts, text: str) -> None:
    """Every check and the analyses they build, on these facts (as the engine runs them)."""
    config = Config(select=("ALL",))
    src = source.from_text("train.py", text)
    facts._ast_tree = ast.parse(text)
    for chk, codes in enabled_checks(config):
        try:
            chk.run(facts, _Reporter(chk, facts, src, config, codes, []))
        except Exception:  # a crash is the engine's TFL002, not this test's concern
            pass
    facts.release()


BASE = """\
import numpy as np
import tensorflow as tf
from tensorflow import keras

SEED = 3


def build(units, rate=0.1, **extra):
    model = keras.Sequential([keras.layers.Dense(units, activation="relu")])
    for i in range(3):
        model.add(keras.layers.Dropout(rate))
    return model


class Head(keras.layers.Layer):
    def call(self, x):
        return tf.nn.softmax(x)


settings = dict(epochs=5, batch_size=32)
if SEED > 1:
    x = np.zeros((10, 4))
else:
    x = np.ones((10, 4))
model = build(4)
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.1), loss="mse")
model.fit(x, x, **settings)
"""

EDITS = [
    ("a statement added at the top", "SEED = 3\n", "SEED = 3\nOTHER = 4\n"),
    ("a call added above the rest", "SEED = 3\n", "SEED = 3\nprint(SEED)\n"),
    ("an import that changes a class's base", "from tensorflow import keras\n", "from tensorflow import keras\nimport mylib as keras\n"),
    ("a constant in a function", "range(3)", "range(4)"),
    ("a keyword spread edited", "epochs=5", "epochs=50, verbose=0"),
    ("an if arm gains a statement", "    x = np.zeros((10, 4))\n", "    x = np.zeros((10, 4))\n    y = 1\n"),
    ("a function removed", "\n\ndef build(", "\n\ndef unused(): pass\n\n\ndef build("),
    ("a star import", "import numpy as np\n", "import numpy as np\nfrom keras.layers import *\n"),
    ("the star import again removed", "from keras.layers import *\n", ""),
    ("a dynamic call", "model = build(4)\n", "model = build(4)\nexec('x = 1')\n"),
]


def test_each_edit_gives_the_records_of_a_whole_walk():
    checker = _Checker()
    text = BASE
    checker.check(text)
    for name, old, new in EDITS:
        assert old in text, name
        text = text.replace(old, new, 1)
        checker.check(text)
    assert checker.versions == len(EDITS) + 1
    assert checker.reused_chunks > 3 * len(EDITS)  # most chunks were reused, not walked again


def test_random_mutations_give_the_records_of_a_whole_walk():
    """Mutations of the rule pages' examples applied one after another to one document."""
    rng = random.Random(5)
    blocks = [ML_HEADER + source for _, source in rule_blocks()]
    for text in rng.sample(blocks, 10):
        checker = _Checker()
        checker.check(text)
        for _ in range(8):
            text, _how = random_mutation(text, rng, steps=1)
            checker.check(text)
        assert checker.versions >= 1


def test_examples_edited_line_by_line_lint_like_a_whole_parse():
    """Statements added, removed and edited in place, in every example; the findings are the CLI's."""
    rng = random.Random(9)
    for path in sorted((ROOT / "examples").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        parser = IncrementalParser()
        checker = _Checker()
        for step in range(12):
            lines = text.split("\n")
            n = rng.randrange(len(lines))
            kind = step % 3
            if kind == 0:
                lines.insert(n, "extra_value = 1")
            elif kind == 1 and lines[n].strip():
                lines[n] = lines[n].replace("1", "2", 1)
            else:
                del lines[n]
            text = "\n".join(lines)
            checker.check(text)
            whole = lint_text(text, "train.py").diagnostics
            edited = lint_text(text, "train.py", parser=parser).diagnostics
            assert [(d.code, d.range, d.message) for d in edited] == [(d.code, d.range, d.message) for d in whole], path


def test_a_fragment_that_fails_falls_back_to_a_whole_walk(monkeypatch):
    """A bug in the chunked walk costs speed, never a result."""
    from tflint import incremental_facts

    parser = IncrementalParser()
    lint_text(BASE, "train.py", parser=parser)
    edited = BASE.replace("range(3)", "range(4)")

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the chunked walk")

    monkeypatch.setattr(incremental_facts, "_walk", broken)
    got = lint_text(edited, "train.py", parser=parser).diagnostics
    assert [(d.code, d.range) for d in got] == [(d.code, d.range) for d in lint_text(edited, "train.py").diagnostics]
    assert got, "the base script has findings"


@pytest.mark.parametrize("edits", [200])
def test_memory_is_bounded_by_the_current_chunks(edits):
    """Only the current version's chunks keep fragments, however many edits."""
    parser = IncrementalParser()
    text = BASE
    for k in range(edits):
        text = text.replace(f"SEED = {k + 2}", f"SEED = {k + 3}") if k else text
        if k % 10 == 0:
            text = text + f"extra_{k} = {k}\n"
        lint_text(text, "train.py", parser=parser)
    fragments = parser.facts._fragments
    assert len(fragments) == len(parser._chunks)
    assert {id(c.body) for c in parser._chunks} == set(fragments)
