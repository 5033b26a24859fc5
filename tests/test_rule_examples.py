"""Every rule page's examples are tests: Example must report, Use instead must not."""

from __future__ import annotations

import pytest

from tflint import rulebook
from tflint.api import fix_text, lint_text
from tflint.config import Config

RULES = rulebook.all_rules()


def _cases(heading: str):
    for code, info in sorted(RULES.items()):
        for i, block in enumerate(rulebook.code_blocks(info.page, heading)):
            yield pytest.param(code, block, id=f"{code}-{i}")


@pytest.mark.parametrize("code,source", list(_cases("Example")))
def test_example_reports_rule(code, source):
    found = [d.code for d in lint_text(source, "example.py", Config(select=(code,))).diagnostics]
    assert code in found, f"{code} example did not report {code}; got {found}"


@pytest.mark.parametrize("code,source", list(_cases("Example")))
def test_example_reports_on_the_lines_it_marks(code, source):
    """Each ``# <- TFLnnn`` mark pins a reported line; nothing is reported on an unmarked line."""
    marks = rulebook.marked_lines(source)
    assert marks and set(marks.values()) == {code}, f"{code} example marks no line (or another code): {marks}"
    clean = rulebook.without_marks(source)
    lines = sorted({d.range.start.line for d in lint_text(clean, "example.py", Config(select=(code,))).diagnostics if d.code == code})
    assert lines == sorted(marks), f"{code} example: reported on lines {lines}, the page marks {sorted(marks)}"


@pytest.mark.parametrize("code,source", [c for c in _cases("Example") if not c.values[0].startswith(("TFL0", "TFL6", "TFL7"))])
def test_example_findings_name_the_problem_briefly_and_give_the_remedy_apart(code, source):
    """One clause for the problem (code quoted in it may run long), the remedy in ``help`` (issue 18)."""
    found = [d for d in lint_text(rulebook.without_marks(source), "example.py", Config(select=(code,))).diagnostics if d.code == code]
    for d in found:
        assert "\n" not in d.message and len(d.message) <= 160, f"{code}: {len(d.message)} chars: {d.message}"
        assert d.help and "\n" not in d.help, f"{code} gives no help line: {d.message}"
        assert not d.message.rstrip().endswith((".", ";")), d.message


def _fixable_pages():
    for code, info in sorted(RULES.items()):
        if info.fixable and not code.startswith(("TFL0", "TFL6")):
            yield pytest.param(code, info, id=code)


@pytest.mark.parametrize("code,info", list(_fixable_pages()))
def test_fixable_page_pins_the_fixed_text(code, info):
    """The page's 'After the fix' block is exactly what --fix makes of its first Example."""
    (after,) = rulebook.code_blocks(info.page, "After the fix")
    example = rulebook.without_marks(rulebook.code_blocks(info.page, "Example")[0])
    fixed = fix_text(example, "example.py", Config(select=(code,)), unsafe=info.fix == "unsafe")
    assert fixed != example, f"{code}: the fix changed nothing"
    assert fixed == after, f"{code}: --fix gives\n{fixed}"
    assert code not in [d.code for d in lint_text(fixed, "example.py", Config(select=(code,))).diagnostics]


@pytest.mark.parametrize("code,source", list(_cases("Use instead")))
def test_use_instead_is_clean(code, source):
    found = [d for d in lint_text(source, "example.py", Config(select=(code,))).diagnostics if d.code == code]
    assert not found, f"{code} 'Use instead' still reports: {[d.message for d in found]}"


def test_every_page_is_well_formed():
    required = ("What it does", "Why is this bad?", "Example", "Use instead", "References")
    for code, info in RULES.items():
        for heading in required:
            assert f"## {heading}" in info.page, f"{code} page lacks '## {heading}'"
        assert info.name and info.name == info.name.lower() and " " not in info.name, code
        assert info.summary, f"{code} has no summary"
        if info.fixable:
            assert "## Fix safety" in info.page, f"{code} is fixable but its page has no 'Fix safety'"


def test_every_declaration_matches_its_page():
    from tflint.config import THRESHOLDS
    from tflint.checks import load_checks

    declared = {}
    for chk in load_checks():
        for rule in chk.rules:
            info = RULES.get(rule.code)
            assert info is not None, f"check {chk.name} declares {rule.code}, which has no rules/{rule.code}.md"
            assert rule.name == info.name, f"{rule.code}: declared '{rule.name}', its page says '{info.name}'"
            assert (rule.fix is not None) == info.fixable, f"{rule.code}: declared fix {rule.fix!r}, page fix: {info.fix}"
            for key in rule.thresholds:
                assert key in THRESHOLDS, f"{rule.code} declares threshold '{key}', unknown to config.THRESHOLDS"
                assert rule.code in THRESHOLDS[key][2], f"config.THRESHOLDS['{key}'] does not name {rule.code}"
            declared[rule.code] = rule
    static = {c for c in RULES if not c.startswith(("TFL0", "TFL6", "TFL7"))}
    assert static <= set(declared), f"pages no check declares: {sorted(static - set(declared))}"
    for key in THRESHOLDS:
        assert any(key in rule.thresholds for rule in declared.values()), f"threshold '{key}' is read by no rule"


def test_rule_names_are_unique():
    names = [info.name for info in RULES.values()]
    assert len(names) == len(set(names))


def test_examples_exist_for_every_static_rule():
    for code, info in RULES.items():
        if code.startswith(("TFL0", "TFL6", "TFL7")):
            continue  # tool diagnostics, probe and run findings have no static example (TFL7: csv blocks)
        assert rulebook.code_blocks(info.page, "Example"), f"{code} has no python Example block"
        assert rulebook.code_blocks(info.page, "Use instead"), f"{code} has no python 'Use instead' block"
