"""``tflint diagnose``: every output format, the HTML report, exit codes, bad input, configuration."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tflint.cli import main

OVERFIT = (
    "epoch,accuracy,loss,val_accuracy,val_loss\n"
    + "".join(
        f"{i},{a},{l},{va},{vl}\n"
        for i, (a, l, va, vl) in enumerate(
            [(0.71, 0.62, 0.74, 0.58), (0.80, 0.47, 0.79, 0.49), (0.85, 0.38, 0.82, 0.44), (0.88, 0.31, 0.83, 0.42),
             (0.90, 0.26, 0.84, 0.41), (0.92, 0.21, 0.84, 0.43), (0.94, 0.17, 0.83, 0.46), (0.95, 0.14, 0.83, 0.49),
             (0.96, 0.11, 0.82, 0.53), (0.97, 0.09, 0.82, 0.56)]
        )
    )
)
NAN_RUN = "epoch,loss,val_loss\n0,0.88,0.81\n1,0.61,0.63\n2,0.52,0.57\n3,nan,nan\n4,nan,nan\n"
HEALTHY = "epoch,loss,val_loss\n" + "".join(f"{i},{0.9 * 0.8**i + 0.1:.4f},{0.95 * 0.82**i + 0.15:.4f}\n" for i in range(12))


@pytest.fixture
def logs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name, text in (("overfit.csv", OVERFIT), ("nan.csv", NAN_RUN), ("healthy.csv", HEALTHY)):
        (tmp_path / name).write_text(text)
    return tmp_path


def run(args, capsys):
    code = main(["diagnose", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_text_output_has_a_sparkline_per_curve_and_the_finding_at_its_csv_row(logs, capsys):
    code, out, _ = run(["overfit.csv"], capsys)
    assert code == 1
    assert "overfit.csv: 10 epochs" in out
    for curve in ("accuracy", "loss", "val_accuracy", "val_loss"):
        assert re.search(rf"^  {curve}\s+[▁▂▃▄▅▆▇█]{{10}}  ", out, re.M), curve
    assert "val_loss      █▄▂▁▁▁▃▄▆█" in out
    assert "overfit.csv:7:1: TFL701 epoch 6: overfitting" in out
    assert "7 | 5,0.92,0.21,0.84,0.43" in out  # the code frame is the CSV row of epoch 6
    assert re.search(r"^  = help: EarlyStopping\(monitor='val_loss'.* would have stopped at epoch \d+", out, re.M)


def test_nan_curve_shows_crosses(logs, capsys):
    code, out, _ = run(["nan.csv"], capsys)
    assert code == 1
    assert re.search(r"^  loss\s+█▂▁××  ", out, re.M)
    assert "TFL705" in out and "(nan-loss, error)" in out


def test_healthy_run_exits_0(logs, capsys):
    code, out, _ = run(["healthy.csv"], capsys)
    assert code == 0 and "All checks passed!" in out


def test_json_format_is_the_lint_contract(logs, capsys):
    code, out, _ = run(["overfit.csv", "--format", "json"], capsys)
    payload = json.loads(out)
    [d] = payload["diagnostics"]
    assert code == 1
    assert d["code"] == "TFL701" and d["name"] == "overfitting-onset" and d["severity"] == "warning"
    assert d["path"] == "overfit.csv" and d["line"] == 7
    assert d["url"].endswith("rules/TFL701.md")
    assert d["message"].startswith("epoch 6: overfitting: val_loss rose 37%") and len(d["message"]) <= 120
    assert "dropout or weight decay" in d["help"]
    assert payload["summary"]["total"] == 1


def test_sarif_github_concise(logs, capsys):
    _, out, _ = run(["nan.csv", "--format", "sarif"], capsys)
    sarif = json.loads(out)
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "TFL705" and result["level"] == "error"
    _, out, _ = run(["nan.csv", "--format", "github"], capsys)
    assert out.startswith("::error ") and "TFL705" in out
    _, out, _ = run(["nan.csv", "--format", "concise"], capsys)
    assert out.startswith("nan.csv:5:1: TFL705 epoch 4: loss is NaN from epoch 4 on")


def test_fail_on_exit_zero_select_ignore(logs, capsys):
    assert run(["overfit.csv", "--fail-on", "error"], capsys)[0] == 0
    assert run(["overfit.csv", "--exit-zero"], capsys)[0] == 0
    code, out, _ = run(["overfit.csv", "--ignore", "TFL701", "--format", "concise"], capsys)
    assert code == 0 and out == ""
    code, out, _ = run(["nan.csv", "--select", "TFL701", "--format", "concise"], capsys)
    assert code == 0 and "TFL705" not in out


def test_output_file(logs, capsys):
    code, out, _ = run(["nan.csv", "--format", "json", "-o", "out.json"], capsys)
    assert out == "" and json.loads((logs / "out.json").read_text())["diagnostics"][0]["code"] == "TFL705"


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_html_report_is_self_contained_with_curves_and_marks(logs, capsys):
    code, _, _ = run(["overfit.csv", "--report", "report.html", "-q"], capsys)
    html = (logs / "report.html").read_text()
    parser = _Tags()
    parser.feed(html)
    tags = [t for t, _ in parser.tags]
    assert code == 1
    assert tags.count("svg") == 2  # loss + val_loss, accuracy + val_accuracy
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not any(v.startswith(("http:", "https:", "//")) for _, attrs in parser.tags for k, v in attrs.items()
                   if k in ("src", "href") and v)
    assert "TFL701 best val_loss" in html and "TFL701 EarlyStopping" in html  # the marked epochs
    assert html.count("<polyline") == 4
    assert "overfitting: val_loss rose 37%" in html
    assert '<span class="help">help: EarlyStopping(' in html


def test_html_report_breaks_lines_at_nan(logs, capsys):
    run(["nan.csv", "--report", "r.html", "-q"], capsys)
    html = (logs / "r.html").read_text()
    assert html.count(">×</text>") == 4  # two NaN epochs on two curves
    assert "TFL705 loss NaN" in html


@pytest.mark.parametrize(
    "setup,message",
    [
        (lambda p: (p / "empty.csv").write_text(""), "empty.csv: the file is empty"),
        (lambda p: (p / "empty.csv").write_text("a,b\n1,2\n"), "no 'loss' or 'val_loss' column (found: a, b)"),
        (lambda p: (p / "empty.csv").mkdir(), "no TensorBoard event files"),
        (lambda p: None, "empty.csv: no such file or folder"),
        (lambda p: (p / "empty.csv").write_text('{"history": {"loss": "x"}}'), "must be a list"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path, monkeypatch, capsys, setup, message):
    monkeypatch.chdir(tmp_path)
    setup(tmp_path)
    code, out, err = run(["empty.csv"], capsys)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_a_one_epoch_log_and_a_log_without_validation_say_what_cannot_be_judged(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.csv").write_text("epoch,loss,val_loss\n0,0.7,0.72\n")
    (tmp_path / "h.json").write_text(json.dumps({"loss": [0.9, 0.7, 0.6, 0.5, 0.45, 0.42]}))
    code, out, err = run(["one.csv"], capsys)
    assert code == 0 and "only 1 epoch: trends need at least 5 (min-epochs), so only NaN/inf is checked" in err
    assert "Traceback" not in err
    code, out, err = run(["h.json"], capsys)
    assert code == 0 and "no validation curves" in err and "All checks passed!" in out


def test_thresholds_from_pyproject(logs, capsys):
    (logs / "pyproject.toml").write_text("[tool.tflint.diagnose]\noverfit-rise = 0.5\n")
    code, out, _ = run(["overfit.csv", "--format", "concise"], capsys)
    assert code == 0 and out == ""  # a 37% rise is below the configured 50%
    (logs / "pyproject.toml").write_text("[tool.tflint.diagnose]\noverfit-rise = 'a lot'\n")
    code, _, err = run(["overfit.csv"], capsys)
    assert code == 2 and "diagnose key 'overfit-rise' must be a positive number" in err
    (logs / "pyproject.toml").write_text("[tool.tflint]\ndiagnose = 3\n")
    code, _, err = run(["overfit.csv"], capsys)
    assert code == 2 and "'diagnose' must be a table" in err


def test_severity_overrides_apply(logs, capsys):
    (logs / "pyproject.toml").write_text('[tool.tflint.severity-overrides]\nTFL701 = "info"\n')
    code, out, _ = run(["overfit.csv", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["diagnostics"][0]["severity"] == "info"


def test_run_record_findings_point_at_the_fit_call(tmp_path, monkeypatch, capsys):
    from tflint.diagnose import record

    monkeypatch.chdir(tmp_path)
    script = tmp_path / "train.py"
    script.write_text("import keras\n\nmodel = keras.Sequential()\nmodel.fit(x, y, epochs=10)\n")
    history = {"loss": [0.88, 0.61, 0.52, float("nan"), float("nan")]}
    record.write(tmp_path / ".tflint" / "last_run.json", {"history": history, "fit": {"path": str(script), "line": 4}})
    code, out, _ = run([".tflint/last_run.json"], capsys)
    assert code == 1
    assert f"{script}:4:1: TFL705 epoch 4" in out
    assert "4 | model.fit(x, y, epochs=10)" in out


def test_python_dash_m_subcommand_and_help(logs):
    proc = subprocess.run([sys.executable, "-m", "tflint", "diagnose", "--help"], capture_output=True, text=True, cwd=logs)
    assert proc.returncode == 0 and "TensorBoard log folder" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "tflint", "diagnose", "nan.csv", "--format", "concise"],
                          capture_output=True, text=True, cwd=logs)
    assert proc.returncode == 1 and "TFL705" in proc.stdout


def test_rules_lists_the_run_rules(capsys):
    assert main(["rules", "--format", "json"]) == 0
    rules = {r["code"]: r for r in json.loads(capsys.readouterr().out)}
    assert {f"TFL7{i:02d}" for i in range(1, 11)} <= set(rules)
    assert rules["TFL705"]["severity"] == "error" and rules["TFL709"]["severity"] == "info"
