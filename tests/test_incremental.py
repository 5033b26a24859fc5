"""The editor's incremental parse gives the same tree text and the same findings as a whole parse."""

from __future__ import annotations

import ast
import gc
import random
from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings

from tflint.api import lint_text
from tflint.incremental import IncrementalParser
from tests.reliability.fuzzlib import ML_HEADER, random_mutation, rule_blocks

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))

AWKWARD = {
    "comments between and after statements": (
        "import tensorflow as tf\n# one\n\n  # indented\nx = 1\n\n\ndef f():\n    return 1\n    # in the body\n\n# tail\n"
    ),
    "decorators and classes": (
        "from tensorflow import keras\n\n@keras.saving.register_keras_serializable()\nclass Block(keras.layers.Layer):\n"
        "    def call(self, x):\n        return x\n\n\n@staticmethod\ndef g(): pass\n"
    ),
    "semicolons and one-line bodies": "import keras; import numpy as np\nif True: x = 1; y = 2\nfor i in range(3): pass\n",
    "tabs and two-space indents": "import keras\nif x:\n\ty = 1\ndef f():\n  return 2\n",
    "windows newlines": "import keras\r\n\r\nmodel = keras.Sequential()\r\nif model:\r\n    model.fit(x, y)\r\n",
    "no trailing newline": "import keras\nmodel = keras.Sequential()\nmodel.fit(x, y)",
    "continuations and strings": 'import keras\nx = 1 + \\\n    2\ns = """\nnot code\n"""\nmodel = keras.Sequential([\n    keras.layers.Dense(1),\n])\n',
    "one statement": "import keras\n",
    "identical statements": "import keras\nmodel = keras.Sequential()\nmodel.fit(x, y)\nmodel.fit(x, y)\nmodel.fit(x, y)\n",
}


def _findings(text: str, parser: IncrementalParser | None = None) -> list[tuple]:
    return [(d.code, d.cell, d.range, d.message) for d in lint_text(text, "train.py", parser=parser).diagnostics]


@pytest.mark.parametrize("name", sorted(AWKWARD))
def test_joined_module_renders_the_source_exactly(name):
    text = AWKWARD[name]
    module = IncrementalParser().parse(text, ast.parse(text))
    whole = cst.parse_module(text)
    assert module.code == text
    assert (module.default_indent, module.default_newline) == (whole.default_indent, whole.default_newline)
    assert len(module.body) == len(whole.body)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_render_exactly_and_lint_the_same(path):
    text = path.read_text(encoding="utf-8")
    assert IncrementalParser().parse(text, ast.parse(text)).code == text
    assert _findings(text, IncrementalParser()) == _findings(text)


def test_an_edit_reparses_only_its_own_statement():
    text = (ROOT / "examples" / "churn_tabular.py").read_text(encoding="utf-8")
    parser = IncrementalParser()
    parser.parse(text, ast.parse(text))
    chunks = len(ast.parse(text).body)
    edited = text.replace("batch_size=64", "batch_size=65", 1)
    assert edited != text
    parser.parse(edited, ast.parse(edited))
    assert parser.reused >= chunks - 2  # at most the edited statement and its neighbour are parsed again
    assert parser.reused > 0


def test_identical_statements_get_their_own_nodes():
    """Node identity keys positions: a reused chunk must not appear twice in one tree."""
    text = AWKWARD["identical statements"]
    parser = IncrementalParser()
    parser.parse(text, ast.parse(text))
    module = parser.parse(text, ast.parse(text))
    assert len({id(stmt) for stmt in module.body}) == len(module.body)


def test_a_sequence_of_edits_lints_like_a_whole_parse():
    """Mutations of the rule pages' examples, applied one after another to one parser (as in an editor)."""
    rng = random.Random(7)
    blocks = [ML_HEADER + source for _, source in rule_blocks()]
    parser = IncrementalParser()
    checked = 0
    for text in rng.sample(blocks, 12):
        for _ in range(6):
            mutated, _how = random_mutation(text, rng, steps=1)
            assert _findings(mutated, parser) == _findings(mutated), mutated
            checked += 1
            text = mutated
    assert checked == 72


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
@given(hypothesmith.from_grammar())
def test_generated_programs_render_exactly(source):
    try:
        tree = ast.parse(source)
        whole = cst.parse_module(source).code  # libcst itself drops a last line of only spaces
    except (SyntaxError, cst.ParserSyntaxError, RecursionError, ValueError):
        return
    parser = IncrementalParser()
    assert parser.parse(source, tree).code == whole
    assert parser.parse(source, tree).code == whole  # and again, from the cache


def test_a_lint_leaves_no_garbage_for_the_cyclic_collector():
    """Reference cycles would keep every tree alive until the GC runs: in the editor that cost more than the parse."""
    text = (ROOT / "examples" / "churn_tabular.py").read_text(encoding="utf-8")
    parser = IncrementalParser()
    _findings(text, parser)
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        _findings(text.replace("batch_size=64", "batch_size=65", 1), parser)
        _findings(text, None)
        assert gc.collect() == 0
    finally:
        if was_enabled:
            gc.enable()
