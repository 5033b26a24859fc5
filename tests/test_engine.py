"""The engine's promises: failures become diagnostics, other checks still run."""

from __future__ import annotations

import pytest

from tests.conftest import lint
from tflint import registry
from tflint.checks import load_checks
from tflint.config import Config, ConfigError, from_table
from tflint.diagnostics import Severity
from tflint.suppression import parse


@pytest.fixture
def broken_check():
    def explode(facts, report):
        raise ZeroDivisionError("boom")

    with _registered("test.explode", explode, registry.Rule("TFL201", "fit-without-validation")):
        yield


from contextlib import contextmanager  # noqa: E402


@contextmanager
def _registered(name, run, *rules):
    load_checks()
    chk = registry.Check(name, rules, run)
    registry.CHECKS.insert(0, chk)
    try:
        yield chk
    finally:
        registry.CHECKS.remove(chk)


_OPTIMIZER = """
import keras
opt = keras.optimizers.Adam(lr=0.1)
"""


def _tfl002(found):
    return [d.message for d in found if d.code == "TFL002"]


def test_a_report_under_an_undeclared_code_is_an_internal_error_not_a_silent_drop():
    def stray(facts, report):
        report("TFL301", facts.calls[0].node, "declared elsewhere")

    with _registered("test.stray", stray, registry.Rule("TFL201", "fit-without-validation")):
        found = lint(_OPTIMIZER)
    (message,) = _tfl002(found)
    assert "test.stray" in message and "TFL301" in message and "does not declare" in message
    assert "TFL303" in [d.code for d in found]  # the other checks still ran


def test_an_undeclared_threshold_or_fix_is_an_internal_error():
    def reads(facts, report):
        report.threshold("max-learning-rate-sgd")

    def fixes(facts, report):
        call = facts.calls[0].node
        report("TFL201", call, "x", fix=registry.FixSpec("nothing", ((call, call),)))

    with _registered("test.reads", reads, registry.Rule("TFL201", "fit-without-validation")):
        assert "read threshold 'max-learning-rate-sgd'" in _tfl002(lint(_OPTIMIZER))[0]
    with _registered("test.fixes", fixes, registry.Rule("TFL201", "fit-without-validation")):
        assert "offered a fix for TFL201" in _tfl002(lint(_OPTIMIZER))[0]


def test_a_second_declaration_of_a_code_or_a_name_is_rejected():
    load_checks()
    with pytest.raises(registry.DeclarationError, match="TFL301"):
        registry.check(registry.Rule("TFL301", "my-own-name"))(lambda facts, report: None)
    with pytest.raises(registry.DeclarationError, match="unscaled-features"):
        registry.check(registry.Rule("TFL999", "unscaled-features"))(lambda facts, report: None)
    with pytest.raises(TypeError):
        registry.check("TFL201")


def test_a_crashing_check_is_tfl002_and_others_still_run(broken_check):
    found = lint(
        """
        import keras
        opt = keras.optimizers.Adam(lr=0.1)
        """
    )
    codes = [d.code for d in found]
    assert "TFL002" in codes and "TFL303" in codes
    message = next(d.message for d in found if d.code == "TFL002")
    assert "test.explode" in message and "ZeroDivisionError: boom" in message


def test_syntax_error_position_and_message():
    (d,) = lint("import keras\n\nmodel.fit(x, y,, epochs=3)\n")
    assert d.code == "TFL001" and d.line == 3 and d.severity == Severity.ERROR
    assert d.message.startswith("SyntaxError:")


def test_non_ml_file_skips_deep_analysis_but_reports_syntax_errors():
    from tflint.api import lint_text

    result = lint_text("import os\nprint(os.listdir(folder))\n", "a.py", Config(select=("ALL",)))
    assert result.skipped_deep_analysis and result.diagnostics == []
    # code that trains without importing what it uses (an excerpt) is analysed; a bare fit names no API: no finding
    result = lint_text("import os\nmodel.fit(x, y, epochs=100)\n", "a.py", Config(select=("ALL",)))
    assert not result.skipped_deep_analysis and result.diagnostics == []
    result = lint_text("import os\ndef f(:\n", "a.py")
    assert [d.code for d in result.diagnostics] == ["TFL001"]


def test_deeply_nested_expression_is_a_diagnostic_not_a_crash():
    src = "import keras\nx = " + "(" * 1200 + "1" + ")" * 1200 + "\n"
    found = lint(src)
    assert all(d.code in ("TFL001",) for d in found)


def test_suppression_parsing():
    marks = parse("a = 1  # noqa: TFL201, TFL3\nb = 2  # NOQA\n# tflint: noqa: TFL1\nc = '# noqa'\n")
    assert [(m.line, m.codes, m.file_level) for m in marks[:3]] == [
        (1, ("TFL201", "TFL3"), False), (2, None, False), (3, ("TFL1",), True)
    ]
    assert marks[0].covers("TFL301") and not marks[0].covers("TFL202")


def test_selection_rules_follow_ruff():
    config = Config(select=("TFL2",), ignore=("TFL201",))
    assert config.is_enabled("TFL202") and not config.is_enabled("TFL201") and not config.is_enabled("TFL301")
    config = Config(select=("TFL201",), ignore=("TFL2",))
    assert config.is_enabled("TFL201")  # the more specific selection wins
    assert not Config().is_enabled("TFL003", default_enabled=False)
    assert Config(extend_select=("TFL003",)).is_enabled("TFL003", default_enabled=False)
    assert Config(select=("ALL",)).is_enabled("TFL003", default_enabled=False)


@pytest.mark.parametrize(
    "table,message",
    [
        ({"selct": ["TFL1"]}, "unknown key 'selct'"),
        ({"select": "TFL1"}, "'select' must be a list"),
        ({"ignore": ["F401"]}, "not a rule code"),
        ({"fail-on": "fatal"}, "'fail-on'"),
        ({"max-epochs-without-early-stopping": -3}, "positive int"),
        ({"max-epochs-without-early-stopping": 2.5}, "positive int"),
        ({"severity-overrides": {"TFL201": "loud"}}, "severity-overrides"),
        ({"per-file-ignores": ["x"]}, "per-file-ignores"),
    ],
)
def test_bad_config_values_name_the_key_and_file(table, message, tmp_path):
    with pytest.raises(ConfigError) as err:
        from_table(table, "pyproject.toml", tmp_path)
    assert message in str(err.value) and "pyproject.toml" in str(err.value)


@pytest.mark.parametrize("stop", ["sys.exit(0)", "exit()", "quit()", "raise SystemExit", "raise SystemExit(1)", "os._exit(0)"])
def test_code_after_an_unconditional_exit_is_not_analysed(stop):
    found = lint(f"""
        import os
        import sys
        import tensorflow as tf
        opt = tf.keras.optimizers.Adam(learning_rate=0.5)
        {stop}
        old = tf.keras.optimizers.Adam(learning_rate=3.0)
    """)
    assert [(d.code, d.range.start.line) for d in found if d.code == "TFL301"] == [("TFL301", 5)]


def test_an_exit_inside_a_block_or_a_notebook_cell_cuts_nothing(tmp_path):
    guarded = lint("""
        import sys
        import tensorflow as tf
        if len(sys.argv) < 2:
            sys.exit("usage: train.py DATA")
        opt = tf.keras.optimizers.Adam(learning_rate=3.0)
    """)
    assert "TFL301" in [d.code for d in guarded]
    import json

    from tflint.api import lint_file

    nb = tmp_path / "nb.ipynb"
    cells = ["import sys\nimport tensorflow as tf\nsys.exit()", "opt = tf.keras.optimizers.Adam(learning_rate=3.0)"]
    nb.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": c} for c in cells]}))
    assert "TFL301" in [d.code for d in lint_file(str(nb), Config(select=("ALL",))).diagnostics]
