"""Every rule page's examples are tests: Example must report, Use instead must not."""

from __future__ import annotations

import pytest

from tflint import rulebook
from tflint.api import lint_text
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


def test_every_registered_code_has_a_page():
    from tflint.registry import load_checks

    for chk in load_checks():
        for code in chk.codes:
            assert code in RULES, f"check {chk.name} reports {code}, which has no rules/{code}.md"


def test_examples_exist_for_every_static_rule():
    for code, info in RULES.items():
        if code.startswith(("TFL0", "TFL6", "TFL7")):
            continue  # tool diagnostics, probe and run findings have no static example (TFL7: csv blocks)
        assert rulebook.code_blocks(info.page, "Example"), f"{code} has no python Example block"
        assert rulebook.code_blocks(info.page, "Use instead"), f"{code} has no python 'Use instead' block"
