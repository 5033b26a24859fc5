"""Generated programs through the whole engine: nothing escapes, nothing is lost.

Two sources: hypothesmith (random, syntactically valid Python from the
grammar) and mutations of every rule page's examples (lines dropped,
duplicated, swapped; tokens deleted), as scripts and as notebooks. A bounded
number runs here; ``bench/fuzz.py`` runs many more for the report. The oracle
is ``fuzzlib.check_program``.
"""

from __future__ import annotations

import random
import time

import hypothesmith
import pytest
from hypothesis import HealthCheck, given, settings

from tests.reliability.fuzzlib import ML_HEADER, all_mutations, check_program, random_mutation, rule_blocks

BLOCKS = rule_blocks()
FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)


def test_the_oracle_can_fail():
    """check_program notices a crash, a missing TFL001 and a bad fix (else it proves nothing)."""
    import tflint.engine as engine

    original = engine.collect_facts
    engine.collect_facts = lambda module, text: 1 / 0
    try:
        assert any("exception escaped" in p for p in check_program(ML_HEADER + "x = 1\n"))
    finally:
        engine.collect_facts = original
    assert check_program(ML_HEADER + "x = 1\n") == []
    assert check_program(ML_HEADER + "def f(:\n") == []  # TFL001 is reported, so all is well


def test_rule_examples_are_found():
    codes = {block_id.split("-")[0] for block_id, _ in BLOCKS}
    assert len(BLOCKS) >= 20 and {"TFL201", "TFL303"} <= codes


@given(hypothesmith.from_grammar())
@FAST
def test_hypothesmith_programs(source):
    assert check_program(ML_HEADER + source, fixes=False) == []


@given(hypothesmith.from_grammar())
@settings(FAST, max_examples=10)
def test_hypothesmith_programs_as_notebooks(source):
    assert check_program(ML_HEADER + source, notebook=True) == []


@pytest.mark.parametrize("block_id,block", BLOCKS, ids=[b[0] for b in BLOCKS])
def test_rule_example_mutations(block_id, block):
    """A seeded sample of single and multi-step mutations of each example block."""
    rng = random.Random(block_id)
    singles = list(all_mutations(block))
    sample = rng.sample(singles, min(6, len(singles)))
    sample += [random_mutation(block, rng, steps=3) for _ in range(2)]
    failures = []
    for what, mutant in sample:
        problems = check_program(mutant)
        if problems:
            failures.append(f"{what}: {problems}\n{mutant}")
    assert not failures, "\n\n".join(failures)


def test_rule_example_mutations_as_notebooks():
    rng = random.Random(9)
    failures = []
    for block_id, block in rng.sample(BLOCKS, min(12, len(BLOCKS))):
        what, mutant = random_mutation(block, rng, steps=2)
        problems = check_program(mutant, notebook=True)
        if problems:
            failures.append(f"{block_id} {what}: {problems}\n{mutant}")
    assert not failures, "\n\n".join(failures)


# -- adversarial shapes that used to take exponential time or overflow the stack

_NESTINGS = [
    "f({})", "a.b({})", "{}.b()", "{}[0]", "{} + 1", "[{}]", "({},)", "{{'k': {}}}", "(lambda: {})",
    "({} if c else d)", "(not {})", "-{}", "f(x={})", "keras.optimizers.Adam({})", "train_test_split({})",
    "StandardScaler().fit_transform({})", "keras.layers.Dense(4)({})", "zip({}, y)", "len({})", "X[{}]",
]
_CHAINS = [
    "x{i} = x{j} + x{j}", "x{i} = [x{j}, x{j}]", "x{i} = {{'a': x{j}, 'b': x{j}}}", "x{i} = x{j}[x{j}]",
    "x{i} = x{j} * x{j}", "x{i} = f(x{j}, x{j})", "x{i} = keras.layers.concatenate([x{j}, x{j}])",
    "x{i}, y{i} = train_test_split(x{j}, x{j})", "x{i} = x{j} if x{j} else x{j}",
]


def _timed_check(source: str, budget: float) -> list[str]:
    start = time.process_time()  # CPU time: other processes on the machine do not count
    problems = check_program(source, fixes=False)
    spent = time.process_time() - start
    if spent > budget:
        problems.append(f"took {spent:.1f} s of CPU (budget {budget} s)")
    return problems


@pytest.mark.parametrize("template", _NESTINGS)
def test_deep_nesting_is_bounded(template):
    """40 levels are analysed; 300 levels are refused with a message, not minutes of parsing."""
    for levels, budget in ((40, 5.0), (300, 5.0)):
        expr = "X"
        for _ in range(levels):
            expr = template.format(expr)
        source = ML_HEADER + f"opt = keras.optimizers.Adam(lr={expr})\nmodel.compile(optimizer=opt)\n"
        assert _timed_check(source, budget) == [], f"{template} x {levels}"


@pytest.mark.parametrize("template", _CHAINS)
def test_assignment_chains_are_linear(template):
    """``x2 = x1 + x1`` forty times: each value is folded once, and big values give up."""
    lines = ["x0 = 2"] + [template.format(i=i, j=i - 1) for i in range(1, 41)]
    source = ML_HEADER + "\n".join(lines) + "\nopt = keras.optimizers.Adam(learning_rate=x40)\nmodel.fit(x40, x40, epochs=x40)\n"
    assert _timed_check(source, 5.0) == []


@pytest.mark.parametrize("template", ["{}.b()", "keras.layers.Dense(4)({})", "StandardScaler().fit_transform({})", "(lambda: {})"])
def test_just_under_the_nesting_limit_with_a_deep_caller_stack(template):
    """95 levels are analysed even when the caller (an LSP, a test runner) already uses 600 frames."""

    def at_depth(n, fn):
        return fn() if n == 0 else at_depth(n - 1, fn)

    expr = "X"
    for _ in range(95):
        expr = template.format(expr)
    source = ML_HEADER + f"opt = keras.optimizers.Adam(lr={expr})\nmodel.compile(optimizer=opt)\nmodel.fit(X, y)\n"
    assert at_depth(600, lambda: check_program(source)) == []
