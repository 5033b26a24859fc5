"""The TFL7xx rule pages: their CSV examples are run logs, diagnosed like a user's."""

from __future__ import annotations

import pytest

from tflint import rulebook
from tflint.diagnose.analysis import diagnose
from tflint.diagnose.readers import read_csv

RUN_RULES = {code: info for code, info in rulebook.all_rules().items() if code.startswith("TFL7")}


def _cases(heading: str):
    for code, info in sorted(RUN_RULES.items()):
        for i, block in enumerate(rulebook.code_blocks(info.page, heading, language="csv")):
            yield pytest.param(code, block, id=f"{code}-{i}")


def test_every_run_rule_has_csv_examples():
    assert set(RUN_RULES) == {f"TFL7{i:02d}" for i in range(1, 11)}
    for code, info in RUN_RULES.items():
        assert rulebook.code_blocks(info.page, "Example", language="csv"), f"{code} has no csv Example"
        assert rulebook.code_blocks(info.page, "Use instead", language="csv"), f"{code} has no csv 'Use instead'"
        assert "[tool.tflint.diagnose]" in info.page, code


@pytest.mark.parametrize("code,log", list(_cases("Example")))
def test_example_log_reports_rule(code, log):
    found = [f.code for f in diagnose(read_csv(log, f"{code}.csv"))]
    assert code in found, f"{code} example log did not report {code}; got {found}"


@pytest.mark.parametrize("code,log", list(_cases("Use instead")))
def test_use_instead_log_is_clean(code, log):
    found = [f for f in diagnose(read_csv(log, f"{code}.csv")) if f.code == code]
    assert not found, f"{code} 'Use instead' log still reports: {[f.message for f in found]}"


def test_every_code_the_analysis_emits_has_a_page():
    import re
    from pathlib import Path

    import tflint.diagnose.analysis as analysis

    emitted = set(re.findall(r'"(TFL7\d\d)"', Path(analysis.__file__).read_text()))
    assert emitted == set(RUN_RULES)
