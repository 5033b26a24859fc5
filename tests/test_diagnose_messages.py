"""Run findings read like the linter's: a short message naming the problem, the remedy apart in ``help``.

Every finding made on the labelled benchmark runs (``bench/diagnose_runs.py``,
kept in ``tests/data/runs/``) and on the CSV examples of the TFL7xx rule
pages is checked, as a Finding and as the Diagnostic every output prints.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tflint import rulebook
from tflint.diagnose.analysis import Finding, diagnose
from tflint.diagnose.findings import to_diagnostic
from tflint.diagnose.readers import load, read_csv

RUNS = Path(__file__).parent / "data" / "runs"
#: a finding's own message; the Diagnostic adds "epoch N: " in front
FINDING_CHARS = 110
DIAGNOSTIC_CHARS = 120


def _every_finding() -> list[tuple[str, Finding]]:
    found = [(p.name, f) for p in sorted(RUNS.glob("*.csv")) for f in diagnose(load(p))]
    for code, info in sorted(rulebook.all_rules().items()):
        if not code.startswith("TFL7"):
            continue
        for heading in ("Example", "Use instead"):
            for i, block in enumerate(rulebook.code_blocks(info.page, heading, language="csv")):
                name = f"rules/{code}.md {heading} {i}"
                found.extend((name, f) for f in diagnose(read_csv(block, f"{code}.csv")))
    return found


FINDINGS = _every_finding()


def test_the_logs_exercise_every_run_rule():
    assert {f.code for _, f in FINDINGS} == {f"TFL7{i:02d}" for i in range(1, 11)}


@pytest.mark.parametrize("source,finding", FINDINGS, ids=[f"{s}-{f.code}" for s, f in FINDINGS])
def test_message_is_one_short_clause_and_help_says_what_to_do(source, finding):
    assert len(finding.message) <= FINDING_CHARS, f"{len(finding.message)} chars: {finding.message}"
    assert "\n" not in finding.message and not finding.message.endswith(".")
    assert finding.help.strip(), f"{finding.code} has no help"
    assert finding.help not in finding.message
    diag = to_diagnostic(finding, source)
    assert diag.message == f"epoch {finding.epoch}: {finding.message}" and len(diag.message) <= DIAGNOSTIC_CHARS
    assert diag.help == finding.help
