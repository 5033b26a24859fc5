"""`tflint probe` end to end: formats, exit codes, config, the table and the HTML report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tests.probe.conftest import FIXTURES, ROOT, needs_tf, run_cli


def test_json_format_and_exit_code():
    proc = run_cli(str(FIXTURES / "no_training.py"), "--format", "json", "--quiet")
    assert proc.returncode == 1, proc.stderr
    [item] = json.loads(proc.stdout)["diagnostics"]
    assert item["code"] == "TFL600" and "without a training call" in item["message"]
    assert "Model.fit, train_on_batch and optimizer.apply_gradients" in item["help"]


def test_usage_errors_exit_2(tmp_path):
    assert run_cli(str(tmp_path / "missing.py")).returncode == 2
    assert run_cli(str(FIXTURES / "no_training.py"), "--device", "tpu").returncode == 2
    (tmp_path / "pyproject.toml").write_text("[tool.tflint.probe]\nno-such-key = 1\n")
    (tmp_path / "train.py").write_text("print('hi')\n")
    proc = run_cli(str(tmp_path / "train.py"))
    assert proc.returncode == 2 and "no-such-key" in proc.stderr


def test_config_ignore_and_sarif(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tflint]\nignore = ["TFL600"]\n')
    (tmp_path / "train.py").write_text("print('no training here')\n")
    proc = run_cli(str(tmp_path / "train.py"), "--format", "sarif", "--quiet")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout)["runs"][0]["results"] == []


def test_script_arguments_after_double_dash(tmp_path):
    (tmp_path / "train.py").write_text("import sys\nif sys.argv[1:] != ['--epochs', '3']:\n    raise SystemExit(sys.argv)\n")
    proc = run_cli(str(tmp_path / "train.py"), "--format", "concise", "--", "--epochs", "3")
    assert "without a training call" in proc.stdout, proc.stdout


@pytest.fixture(scope="module")
def slow_cli_runs(tmp_path_factory):
    """Two real probe runs through the CLI, started together."""
    tmp = tmp_path_factory.mktemp("cli")
    html = tmp / "probe.html"
    mem = tmp / "memory"
    mem.mkdir()
    (mem / "pyproject.toml").write_text("[tool.tflint.probe]\ndevice-memory-mb = 16\noverfit-steps = 10\n")
    (mem / "train.py").write_text(textwrap.dedent("""\
        import numpy as np
        import keras

        x = np.random.default_rng(0).normal(size=(40000, 100)).astype("float32")  # 16 MB
        y = (x[:, 0] > 0).astype("int64")
        model = keras.Sequential([keras.Input((100,)), keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x, y, batch_size=64)
    """))
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "COLUMNS": "160"}
    procs = {
        "report": subprocess.Popen(
            [sys.executable, "-m", "tflint", "probe", "--device", "cpu", "--report", str(html), str(FIXTURES / "huge_lr.py")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        ),
        "memory": subprocess.Popen(
            [sys.executable, "-m", "tflint", "probe", "--format", "json", str(mem / "train.py")],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        ),
    }
    out = {name: (p.communicate(timeout=300), p.returncode) for name, p in procs.items()}
    return out, html


@needs_tf
def test_table_sparkline_and_html_report(slow_cli_runs):
    out, html = slow_cli_runs
    (stdout, stderr), rc = out["report"]
    assert rc == 1, stderr
    assert "device CPU" in stdout
    assert "grad norm" in stdout and "update ratio" in stdout and "dense_1" in stdout
    assert any(ch in stdout for ch in "▁▂▃▄▅▆▇█") and "loss" in stdout
    assert "TFL606" in stdout and "SGD(learning_rate=50.0)" in stdout  # the code frame shows the line
    page = html.read_text()
    assert page.count("data:image/png;base64,") == 3  # loss, gradient norms, update ratios
    assert "<nav>" not in page and "healthy range" in page  # one script: no index; the thresholds' captions
    assert "<td>Dense (" in page  # the activation, as in the terminal table
    assert "TFL606" in page and "TFL612" in page
    assert "<span class=help>help: lower the learning rate" in page


@needs_tf
def test_memory_finding_with_configured_device_memory(slow_cli_runs):
    out, _ = slow_cli_runs
    (stdout, stderr), rc = out["memory"]
    assert rc == 1, stderr
    found = {d["code"]: d for d in json.loads(stdout)["diagnostics"]}
    assert "TFL613" in found, stdout
    assert "materialised" in found["TFL613"]["message"] and found["TFL613"]["line"] == 8
    assert "tf.data" in found["TFL613"]["help"]


def test_several_scripts_share_one_import_or_fall_back(tmp_path):
    """Several scripts: one warm zygote; without TensorFlow for that Python, cold runs still report;
    --report writes one page with a section per script (it exited 2 for several scripts before)."""
    for name in ("a", "b"):
        (tmp_path / f"{name}.py").write_text(f"print('{name}')\n")
    html = tmp_path / "r.html"
    proc = run_cli(str(tmp_path / "a.py"), str(tmp_path / "b.py"), "--format", "json", "--report", str(html))
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["diagnostics"]  # the JSON on stdout is the same with --report
    assert sorted(d["path"].rsplit("/", 1)[-1] for d in found) == ["a.py", "b.py"]
    assert all(d["code"] == "TFL600" for d in found)
    assert "imported once" in proc.stderr or "no warm start" in proc.stderr
    assert f"report written to {html}" in proc.stderr
    page = html.read_text()
    assert "<h1>tflint probe: 2 scripts</h1>" in page and page.count("<section id=") == 2
    for i, name in enumerate(("a.py", "b.py"), 1):
        assert f"<li><a href='#script-{i}'>{tmp_path / name}</a>: 1 error" in page
        assert f"<section id='script-{i}'><h2>{tmp_path / name}</h2>" in page
    assert page.count(">TFL600</td>") == 2
