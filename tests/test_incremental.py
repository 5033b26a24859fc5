"""The editor's incremental parse gives the same tree text and the same findings as a whole parse."""

from __future__ import annotations

import ast
import gc
import random
import warnings
from pathlib import Path

import hypothesmith
import libcst as cst
import pytest
from hypothesis import HealthCheck, given, settings

from tflint.api import lint_text
from tflint.incremental import IncrementalParser, _unsupported
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
    module = IncrementalParser().parse(text).module
    whole = cst.parse_module(text)
    assert module.code == text
    assert (module.default_indent, module.default_newline) == (whole.default_indent, whole.default_newline)
    assert len(module.body) == len(whole.body)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_render_exactly_and_lint_the_same(path):
    text = path.read_text(encoding="utf-8")
    assert IncrementalParser().parse(text).module.code == text
    assert _findings(text, IncrementalParser()) == _findings(text)


def test_an_edit_reparses_only_its_own_statement():
    text = (ROOT / "examples" / "churn_tabular.py").read_text(encoding="utf-8")
    parser = IncrementalParser()
    parser.parse(text)
    chunks = len(ast.parse(text).body)
    edited = text.replace("batch_size=64", "batch_size=65", 1)
    assert edited != text
    parsed = parser.parse(edited)
    assert parser.reused == chunks - 1  # only the edited statement is parsed again
    assert parsed.module.code == edited
    assert ast.dump(parsed.tree, include_attributes=True) == ast.dump(ast.parse(edited), include_attributes=True)


def test_identical_statements_get_their_own_nodes():
    """Node identity keys positions: a reused chunk must not appear twice in one tree."""
    text = AWKWARD["identical statements"]
    parser = IncrementalParser()
    parser.parse(text)
    module = parser.parse(text.replace("Sequential()", "Sequential([])")).module
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
        cst.parse_module(source)  # (libcst itself drops a last line of only spaces: compare with it)
    except (SyntaxError, cst.ParserSyntaxError, RecursionError, ValueError):
        return
    parser = IncrementalParser()
    grown = source + "\nx = 1\n"
    for text in (source, grown):  # the second: an edit of the first
        parsed = parser.parse(text)
        if not ast.parse(text).body or _unsupported(text):
            assert parsed is None  # the engine parses it whole, keeping every newline as it is
        else:
            assert parsed.module.code == cst.parse_module(text).code


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


EDITS = {
    "join two lines": ("x = 1\ny = 2\n", "x = 1y = 2\n"),
    "comment a statement out": ("x = 1\ny = 2\nz = 3\n", "x = 1\n# y = 2\nz = 3\n"),
    "indent a statement into the block above": ("if x:\n    a = 1\nb = 2\nc = 3\n", "if x:\n    a = 1\n    b = 2\nc = 3\n"),
    "open a bracket": ("x = f(1)\ny = 2\n", "x = f(1\ny = 2\n"),
    "open a string": ("x = 1\ny = 2\nz = 3\n", 'x = 1\ny = """2\nz = 3\n'),
    "add a line": ("x = 1\ny = 2\nz = 3\n", "x = 1\ny = 2\nw = 9\nz = 3\n"),
    "delete a statement": ("x = 1\ny = 2\nz = 3\n", "x = 1\nz = 3\n"),
    "delete everything": ("x = 1\ny = 2\n", ""),
    "append at the end": ("x = 1\ny = 2", "x = 1\ny = 2\nz = 3\n"),
    "edit the header comment": ("# head\nx = 1\ny = 2\n", "# header\n\nx = 1\ny = 2\n"),
    "add an else": ("if a:\n    x = 1\ny = 2\n", "if a:\n    x = 1\nelse:\n    x = 2\ny = 2\n"),
    "decorator alone": ("x = 1\ndef f():\n    pass\n", "x = 1\n@dec\n\ndef f():\n    pass\n"),
    "semicolon": ("x = 1\ny = 2\n", "x = 1; w = 0\ny = 2\n"),
}


def _parses_like_the_whole_text(parsed, text: str) -> bool:
    """Both trees equal a whole parse's (False: the text does not parse, and neither did the increment)."""
    try:
        with warnings.catch_warnings():  # typos make invalid escape sequences
            warnings.simplefilter("ignore")
            tree = ast.parse(text)
        whole = cst.parse_module(text)
    except (SyntaxError, ValueError, cst.ParserSyntaxError):
        assert parsed is None, text  # the engine then reports the error from a whole parse
        return False
    assert parsed is not None
    assert parsed.module.code == whole.code
    assert ast.dump(parsed.tree, include_attributes=True) == ast.dump(tree, include_attributes=True)
    return True


@pytest.mark.parametrize("name", sorted(EDITS))
def test_edits_that_change_structure_parse_like_the_whole_text(name):
    header = "import keras\nmodel = keras.Sequential()\n"
    before, after = (header + t for t in EDITS[name])
    parser = IncrementalParser()
    assert parser.parse(before) is not None
    if _parses_like_the_whole_text(parser.parse(after), after):
        assert _findings(after, IncrementalParser()) == _findings(after)


def test_typing_character_by_character_lints_like_a_whole_parse():
    """Editor-like edits, each version checked against a whole parse.

    A random character typed anywhere (then deleted again, as a user fixes a
    typo), digits changed, blank lines added and removed.
    """
    rng = random.Random(11)
    text = (ROOT / "examples" / "churn_tabular.py").read_text(encoding="utf-8")
    alphabet = "x1 ()[]:,.=\n\"'#\\\t"
    parser = IncrementalParser()
    versions = reused = 0

    def check(text: str, lint: bool) -> None:
        nonlocal versions, reused
        if not _parses_like_the_whole_text(parser.parse(text), text):
            return
        versions += 1
        reused += parser.reused > 0
        if lint:
            assert _findings(text, parser) == _findings(text)

    for step in range(200):
        kind = rng.random()
        if kind < 0.4:  # a typo, then its fix
            pos = rng.randrange(len(text) + 1)
            check(text[:pos] + rng.choice(alphabet) + text[pos:], lint=False)
        elif kind < 0.7:
            digits = [i for i, ch in enumerate(text) if ch.isdigit()]
            pos = rng.choice(digits)
            text = text[:pos] + str(rng.randrange(10)) + text[pos + 1 :]
        elif kind < 0.85:
            ends = [i for i, ch in enumerate(text) if ch == "\n"]
            pos = rng.choice(ends)
            text = text[:pos] + "\n" + text[pos:]
        else:
            blank = text.find("\n\n", rng.randrange(len(text)))
            if blank >= 0:
                text = text[:blank] + text[blank + 1 :]
        check(text, lint=step % 10 == 0)
    assert versions > 100 and reused > 0.9 * versions, (versions, reused)


def test_a_failing_incremental_parse_falls_back_to_a_whole_parse(monkeypatch):
    text = (ROOT / "examples" / "churn_tabular.py").read_text(encoding="utf-8")
    parser = IncrementalParser()
    expected = _findings(text)

    calls = []

    def broken(self, text):
        calls.append(text)
        raise RuntimeError("a bug in the incremental parser")

    monkeypatch.setattr(IncrementalParser, "_update", broken)
    parser.parse(text)
    assert _findings(text.replace("batch_size=64", "batch_size=65", 1), parser) == _findings(
        text.replace("batch_size=64", "batch_size=65", 1)
    )
    assert _findings(text, parser) == expected
    assert calls, "the broken path never ran"


#: Found by a fuzzing review of this module (12,000 editor-like edits on 305 real files).
REVIEW_CASES = {
    "match indented with tabs": ["match v:\n\tcase 1:\n\t\tx = 1\n"],
    "match indented with two spaces": ["match v:\n  case 1:\n    x = 1\n"],
    "two-space match in a four-space file": ["def f():\n    return 1\nmatch v:\n  case 1:\n    x = 1\n"],
    "indent of a failed rebuild is not kept": [
        "if x:\n    a = 1\ny = 2\n", "if x:\n  a = 1\nb = 1; c = (\n2)\n", "if x:\n    a = 1\ny = 3\n"
    ],
    "form feed in an indent": ["if x:\n    a = 1\nif y:\n\f  y = 1\n"],
    "semicolon, then a statement over two lines": ["x = 1; y = (\n2)\n"],
    "backslash at the end of a statement, blank line": ["x = 1 \\\n\ny = 2\n"],
    "backslash at the end of a statement, comment": ["x = 1 \\\n# c\ny = 2\n"],
}


@pytest.mark.parametrize("name", sorted(REVIEW_CASES))
def test_cases_found_by_review(name):
    *before, text = REVIEW_CASES[name]
    parser = IncrementalParser()
    for version in before:
        parser.parse(version)
    assert _parses_like_the_whole_text(parser.parse(text), text)


@pytest.mark.parametrize(
    "text", ["import keras\ndef y():\n    pass\n\\\ndef e():\n    pass\n", "import keras\nif a:\n    pass\n\\\nx = 1\n"]
)
def test_a_line_of_only_a_backslash_gets_what_the_cli_reports(text):
    """libcst rejects or misreads such a file as a whole while each chunk parses: the editor parses it whole."""
    assert IncrementalParser().parse(text) is None
    assert _findings(text, IncrementalParser()) == _findings(text)


def _heads_script(count: int) -> str:
    """A long script (about six lines per head) whose findings depend on call sites across the file:
    ``head_i`` builds a softmax Dense of ``units`` units, and only its one call says how many."""
    parts = ["import tensorflow as tf\nfrom tensorflow.keras import layers\n\n"]
    for i in range(count):
        parts.append(f"def head_{i}(x, units, act='softmax'):\n    \"\"\"Output head {i}.\"\"\"\n"
                     f"    return layers.Dense(units, activation=act)(x)\n\n\n")
    for i in range(count):
        parts.append(f"out_{i} = head_{i}(tf.keras.Input(shape=(8,)), {1 if i % 3 == 0 else 4})\n")
    return "".join(parts)


def test_a_two_thousand_line_script_edited_in_place_lints_like_a_whole_parse():
    """The editor's path on a big file: every version gives the whole-file findings, and the edits
    that change what a function is called with (its call sites, a use as a value) change them."""
    text = _heads_script(336)
    assert text.count("\n") >= 2000
    parser = IncrementalParser()
    first = _findings(text, parser)
    assert first == _findings(text)
    assert sum(code == "TFL401" for code, *_ in first) == 112  # one per head called with 1 unit
    steps = [
        ("out_3 = head_3(tf.keras.Input(shape=(8,)), 1)", "out_3 = head_3(tf.keras.Input(shape=(8,)), 4)", 111),
        ("out_6 = head_6(", "alias = head_6\nout_6 = head_6(", 110),  # used as a value: its calls are not all known
        ("def head_9(x, units, act='softmax'):", "def head_9(x, units, act='relu'):", 109),
        ("alias = head_6\n", "", 110),
    ]
    for old, new, expected in steps:
        assert old in text
        text = text.replace(old, new, 1)
        found = _findings(text, parser)
        assert parser.reused > 100  # only the edited statements were parsed again
        assert found == _findings(text), (old, new)
        assert sum(code == "TFL401" for code, *_ in found) == expected, (old, new)
