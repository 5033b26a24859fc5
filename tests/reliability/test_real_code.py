"""Real code nobody here wrote: a sample of the installed ML packages' own files.

The full run over every .py file of tensorflow, keras, scikit-learn, numpy
and scipy is ``bench/real_code.py`` (minutes to an hour); this is a small
seeded sample of it, through the same code path: every file gets the deep
analysis (an ``import tensorflow`` is appended), no TFL002, no exception,
each file within a CPU-time budget.
"""

from __future__ import annotations

import importlib.util
import random
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("real_code", ROOT / "bench" / "real_code.py")
real_code = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("real_code", real_code)
_spec.loader.exec_module(real_code)  # our own bench script, not user code

#: Small and medium files only: the big ones (generated ops, huge test
#: modules) take tens of seconds each and are covered by the bench run.
MAX_BYTES = 40_000
PER_PACKAGE = 4
BUDGET_S = 20.0


def _sample() -> list[Path]:
    files = []
    rng = random.Random(9)
    for package in real_code.PACKAGES:
        found = [p for p in real_code.package_files([package]) if p.stat().st_size <= MAX_BYTES]
        files.extend(rng.sample(found, min(PER_PACKAGE, len(found))))
    return files


SAMPLE = _sample()


def test_packages_are_installed():
    assert len(SAMPLE) >= 3 * PER_PACKAGE, "tensorflow/keras/sklearn/numpy/scipy missing from the venv"


@pytest.mark.parametrize("path", SAMPLE, ids=[f"{p.parent.name}/{p.name}" for p in SAMPLE])
def test_real_file(path):
    start = time.process_time()
    record = real_code.lint_one(str(path), deep=True)
    spent = time.process_time() - start
    assert "exception" not in record, record["exception"]
    assert record["internal"] == [], record["internal"]
    assert record["deep"], "the appended import should force the deep analysis"
    assert spent < BUDGET_S, f"{spent:.1f} s CPU"
