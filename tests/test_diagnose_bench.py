"""The labelled set of real training runs (``bench/diagnose_runs.py``): recall and no false alarms.

The runs were trained for real (small Keras models, fixed seeds, CPU) and
their CSVLogger files are kept in ``tests/data/runs/``; this test only reads
them. A healthy run may get an info finding, never a warning or an error.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tflint import rulebook
from tflint.diagnose.analysis import diagnose
from tflint.diagnose.readers import load

RUNS = Path(__file__).parent / "data" / "runs"
LABELS = json.loads((RUNS / "labels.json").read_text())


def _codes(name: str) -> set[str]:
    return {f.code for f in diagnose(load(RUNS / f"{name}.csv"))}


def test_the_set_is_real_and_varied():
    kinds = Counter(meta["label"] for meta in LABELS.values())
    assert len(LABELS) >= 30
    assert kinds["healthy"] >= 10
    for kind in ("overfitting", "underfitting", "lr-too-high", "lr-too-low", "nan", "plateau", "minority-collapse"):
        assert kinds[kind] >= 1, kind
    assert sorted(p.stem for p in RUNS.glob("*.csv")) == sorted(LABELS)


def test_recall_on_the_labelled_problems_is_at_least_0_9():
    problems = {name: meta for name, meta in LABELS.items() if meta["label"] != "healthy"}
    missed = {name: sorted(_codes(name)) for name, meta in problems.items() if not _codes(name) & set(meta["expect"])}
    recall = 1 - len(missed) / len(problems)
    assert recall >= 0.9, f"recall {recall:.2f}; missed: {missed}"


@pytest.mark.parametrize("name", sorted(n for n, meta in LABELS.items() if meta["label"] == "healthy"))
def test_healthy_runs_get_nothing_above_info(name):
    loud = sorted(c for c in _codes(name) if rulebook.get(c).severity > rulebook.get("TFL709").severity)
    assert not loud, f"{name}: {loud}"
