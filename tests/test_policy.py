"""One diagnostic policy for static and probe findings: select, severity, per-file ignores, noqa."""

from __future__ import annotations

from tflint.config import Config
from tflint.diagnostics import Diagnostic, Range, Severity
from tflint.probe.command import _filter
from tflint.api import lint_text

SCRIPT = """import keras
model = keras.Sequential([keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.5), loss="mse")
model.fit(x, y, epochs=3)  # noqa: TFL607
"""


def _probe_finding(path, code, line, severity=Severity.ERROR):
    return Diagnostic(code, "probe-finding", severity, "from the probe", str(path), Range.of(line, 0, line, 5))


def test_probe_findings_obey_noqa_like_static_ones(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(SCRIPT)
    kept = _filter([_probe_finding(script, "TFL607", 4), _probe_finding(script, "TFL606", 4)], Config())
    assert [d.code for d in kept] == ["TFL606"]  # the noqa names TFL607 only


def test_probe_findings_obey_select_severity_and_per_file_ignores(tmp_path):
    script = tmp_path / "train.py"
    script.write_text(SCRIPT)
    found = lambda: [_probe_finding(script, "TFL606", 2), _probe_finding(script, "TFL602", 3, Severity.WARNING)]  # noqa: E731
    assert [d.code for d in _filter(found(), Config(ignore=("TFL606",)))] == ["TFL602"]
    (d, _) = _filter(found(), Config(severity_overrides={"TFL606": Severity.INFO}))
    assert d.code == "TFL606" and d.severity is Severity.INFO
    assert _filter(found(), Config(per_file_ignores={"*.py": ("TFL6",)}, root=tmp_path)) == []


def test_static_findings_go_through_the_same_policy():
    text = SCRIPT.replace("  # noqa: TFL607", "")
    assert "TFL301" in [d.code for d in lint_text(text, "train.py", Config()).diagnostics]
    assert "TFL301" not in [d.code for d in lint_text(text + "# tflint: noqa: TFL3\n", "train.py", Config()).diagnostics]
    (d,) = [d for d in lint_text(text, "train.py", Config(severity_overrides={"TFL301": Severity.ERROR})).diagnostics if d.code == "TFL301"]
    assert d.severity is Severity.ERROR
