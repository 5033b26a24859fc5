"""``tflint.keras.Monitor`` on real (tiny) Keras models trained on made-up data, on CPU.

All runs happen in one subprocess (TensorFlow is imported once, and never in
the test process); each test reads what that process recorded.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tflint.diagnose.analysis import diagnose, simulate_early_stopping
from tflint.diagnose.readers import load

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("keras") is None, reason="Keras is not installed (pip install 'tflint[probe]')"
)

SCRIPT = textwrap.dedent(
    """\
    import json, math, os, sys
    import numpy as np
    import keras
    import tflint.keras

    out = sys.argv[1]
    results = {}
    rng = np.random.default_rng(0)

    def data(n, features=20, classes=3, spread=0.5, seed=0):
        r = np.random.default_rng(seed)
        centers = r.normal(scale=spread, size=(classes, features))
        y = r.integers(0, classes, size=n)
        return (centers[y] + r.normal(size=(n, features))).astype("float32"), y

    def classifier(hidden, lr):
        model = keras.Sequential([keras.Input((20,))] + [keras.layers.Dense(h, activation="relu") for h in hidden]
                                 + [keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer=keras.optimizers.Adam(lr), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return model

    # 1. overfitting: 120 samples of a noisy problem, a big model; CSVLogger and TensorBoard alongside
    keras.utils.set_random_seed(1)
    x, y = data(160, seed=1)
    seen = []
    monitor = tflint.keras.Monitor(path=os.path.join(out, "overfit.json"), report=seen.append)
    model = classifier((256, 256), 1e-3)
    history = model.fit(x[:120], y[:120], validation_data=(x[120:], y[120:]), epochs=40, batch_size=16, verbose=0, callbacks=[monitor, keras.callbacks.CSVLogger(os.path.join(out, "overfit.csv")), keras.callbacks.TensorBoard(os.path.join(out, "tb"))])  # FIT-LINE
    results["overfit"] = {"reported": seen, "epochs": len(history.history["loss"])}

    # 2. NaN from a log of zero, stop_on=("nan",): training stops at the epoch it happens
    keras.utils.set_random_seed(2)
    x, y = data(256, classes=2, spread=3.0, seed=2)
    y = y.astype("float32")
    def log_loss(y_true, y_pred):
        y_true = keras.ops.reshape(y_true, keras.ops.shape(y_pred))
        return -keras.ops.mean(y_true * keras.ops.log(y_pred) + (1 - y_true) * keras.ops.log(1 - y_pred))
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(1, activation="relu")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=log_loss)
    seen = []
    monitor = tflint.keras.Monitor(path=os.path.join(out, "nan.json"), stop_on=("nan",), report=seen.append)
    history = model.fit(x, y, epochs=10, batch_size=32, verbose=0, callbacks=[monitor])
    results["nan"] = {"reported": seen, "epochs": len(history.history["loss"]), "stopped_by": monitor.stopped_by}

    # 3. the same, checked every 2 steps: caught inside the first epoch
    keras.utils.set_random_seed(2)
    model = keras.Sequential([keras.Input((20,)), keras.layers.Dense(1, activation="relu")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss=log_loss)
    seen = []
    monitor = tflint.keras.Monitor(path=os.path.join(out, "steps.json"), stop_on=("nan",), check_every_n_steps=2, report=seen.append)
    history = model.fit(x, y, epochs=10, batch_size=32, verbose=0, callbacks=[monitor])
    results["steps"] = {"reported": seen, "epochs": len(history.history.get("loss", [])), "stopped_by": monitor.stopped_by}

    # 4. a healthy run writes a record with no findings
    keras.utils.set_random_seed(3)
    x, y = data(600, spread=2.0, seed=3)
    seen = []
    model = classifier((32,), 1e-3)
    model.fit(x[:450], y[:450], validation_data=(x[450:], y[450:]), epochs=8, verbose=0, callbacks=[tflint.keras.Monitor(path=os.path.join(out, "healthy.json"), report=seen.append)])
    results["healthy"] = {"reported": seen}

    # 4b. the default record path: .tflint/last_run.json in the project of the script that calls fit
    model.fit(x[:450], y[:450], epochs=2, verbose=0, callbacks=[tflint.keras.Monitor(report=seen.append)])

    # 5. Keras' own EarlyStopping on fixed val_loss sequences, to check tflint's replay of it
    replays = []
    for values in ([5, 4, 3, 3, 3, 3, 2], [5, 4, 3, 2, 1], [1, 2, 3, 4], [0.58, 0.49, 0.44, 0.42, 0.41, 0.43, 0.46, 0.49, 0.53, 0.56]):
        for patience in (1, 3):
            stopper = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience)
            stopper.set_model(model)
            model.stop_training = False
            stopper.on_train_begin()
            stop = None
            for epoch, v in enumerate(values):
                stopper.on_epoch_end(epoch, {"val_loss": float(v)})
                if model.stop_training:
                    stop = epoch
                    break
            replays.append({"values": values, "patience": patience, "keras_stop": stop})
    results["early_stopping"] = replays

    # 6. stop_on=("divergence",) driven through Keras' own callback protocol with a real model
    seen = []
    monitor = tflint.keras.Monitor(path=None, stop_on=("divergence",), report=seen.append)
    monitor.set_model(model)
    model.stop_training = False
    monitor.on_train_begin()
    stopped_at = None
    for epoch, value in enumerate([2.31, 1.84, 1.62, 2.95, 7.8, 41.2, 300.0, 2000.0]):
        monitor.on_epoch_begin(epoch)
        monitor.on_epoch_end(epoch, {"loss": value})
        if model.stop_training:
            stopped_at = epoch + 1
            break
    results["divergence"] = {"stopped_at": stopped_at, "stopped_by": monitor.stopped_by, "reported": seen}
    results["tflint_modules"] = sorted(m for m in sys.modules if m == "tflint" or m.startswith("tflint."))
    results["libcst"] = "libcst" in sys.modules
    json.dump(results, open(os.path.join(out, "results.json"), "w"))
    """
)


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    out = tmp_path_factory.mktemp("keras_runs")
    script = out / "train_runs.py"
    script.write_text(SCRIPT)
    (out / "pyproject.toml").write_text("[project]\nname = 'runs'\n")  # the script's project root
    elsewhere = out / "elsewhere"  # the working directory is not the project
    elsewhere.mkdir()
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", CUDA_VISIBLE_DEVICES="", PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, str(script), str(out)], capture_output=True, text=True, timeout=600, env=env, cwd=elsewhere)
    assert proc.returncode == 0, proc.stderr[-3000:]
    fit_line = next(i for i, line in enumerate(SCRIPT.splitlines(), 1) if "# FIT-LINE" in line)
    return out, json.loads((out / "results.json").read_text()), fit_line


def test_overfitting_is_reported_live_at_the_fit_line(trained):
    out, results, fit_line = trained
    reported = results["overfit"]["reported"]
    assert any(" TFL701 " in r for r in reported), reported
    first = next(r for r in reported if " TFL701 " in r)
    assert first.startswith(f"{out / 'train_runs.py'}:{fit_line}: tflint TFL701 epoch ")
    problem, help_line = first.split("\n")  # the problem, then the remedy on its own line
    assert "overfitting: val_loss rose" in problem and len(problem.split(": tflint ", 1)[1]) <= 130
    assert help_line.startswith("  = help: EarlyStopping(monitor='val_loss', patience=3, restore_best_weights=True) "
                                "would have stopped at epoch")


def test_the_record_is_json_with_the_fit_line_history_and_findings(trained):
    out, results, fit_line = trained
    data = json.loads((out / "overfit.json").read_text())
    assert data["format"] == "tflint-run/1" and data["status"] == "finished"
    fit_text = SCRIPT.splitlines()[fit_line - 1].strip()
    assert data["fit"] == {"path": str(out / "train_runs.py"), "line": fit_line, "text": fit_text}
    assert len(data["history"]["val_loss"]) == results["overfit"]["epochs"] == 40
    assert "TFL701" in {f["code"] for f in data["findings"]}
    assert all(f["severity"] in ("error", "warning", "info") and f["name"] for f in data["findings"])
    overfit = next(f for f in data["findings"] if f["code"] == "TFL701")
    assert overfit["message"].startswith("overfitting: val_loss rose") and "dropout or weight decay" in overfit["help"]
    assert data["started"] <= data["updated"]


def test_after_the_fact_from_csv_tensorboard_and_record_agree(trained):
    out, _, _ = trained
    csv_run, tb_run, record_run = load(out / "overfit.csv"), load(out / "tb"), load(out / "overfit.json")
    for name in ("loss", "val_loss", "accuracy", "val_accuracy"):
        assert tb_run.series[name] == pytest.approx(csv_run.series[name], rel=1e-5), name
        assert record_run.series[name] == pytest.approx(csv_run.series[name], rel=1e-6), name
    codes = [[f.code for f in diagnose(run)] for run in (csv_run, tb_run, record_run)]
    assert codes[0] == codes[1] == codes[2] and "TFL701" in codes[0]


def test_nan_stops_training_when_asked(trained):
    out, results, _ = trained
    nan = results["nan"]
    assert nan["stopped_by"] == "TFL705" and nan["epochs"] < 10
    assert any("TFL705" in r and "stopping training" in r for r in nan["reported"])
    data = json.loads((out / "nan.json").read_text())
    assert data["status"] == "stopped" and data["stopped_by"] == "TFL705"
    assert any(not math.isfinite(float(v)) for v in data["history"]["loss"])


def test_step_checks_catch_nan_inside_the_first_epoch(trained):
    out, results, _ = trained
    steps = results["steps"]
    assert steps["stopped_by"] == "TFL705" and steps["epochs"] <= 1
    [message] = [r for r in steps["reported"] if "TFL705" in r]
    assert "the batch loss is" in message and "of epoch 1" in message
    assert "\n  = help: lower the learning rate, clip gradients (clipnorm=1.0)" in message
    data = json.loads((out / "steps.json").read_text())
    assert [f["code"] for f in data["findings"]] == ["TFL705"]
    assert "clipnorm=1.0" in data["findings"][0]["help"]


def test_a_healthy_run_reports_nothing(trained):
    out, results, _ = trained
    assert results["healthy"]["reported"] == []
    assert json.loads((out / "healthy.json").read_text())["findings"] == []


def test_the_default_record_goes_to_the_project_of_the_fit_script(trained):
    out, _, _ = trained
    data = json.loads((out / ".tflint" / "last_run.json").read_text())
    assert data["fit"]["path"] == str(out / "train_runs.py") and len(data["history"]["loss"]) == 2
    assert not (out / "elsewhere" / ".tflint").exists()


def test_divergence_stops_training_when_asked(trained):
    _, results, _ = trained
    div = results["divergence"]
    # 1.62 at epoch 3, then 2.95 and 7.8: at epoch 5 the loss is 4.8x its minimum and still climbing
    assert div["stopped_at"] == 5 and div["stopped_by"] == "TFL703"
    [message] = div["reported"]
    assert "TFL703 epoch 4: training loss diverged: from its minimum 1.62 at epoch 3" in message
    problem, help_line = message.split("\n")
    assert problem.endswith("-- stopping training (Monitor(stop_on=...))")
    assert help_line.startswith("  = help: the learning rate is too high for this model and data: lower it 3-10x")


def test_the_early_stopping_replay_matches_keras(trained):
    _, results, _ = trained
    for case in results["early_stopping"]:
        stop, _ = simulate_early_stopping([float(v) for v in case["values"]], case["patience"])
        assert stop == case["keras_stop"], case


def test_training_process_does_not_load_the_static_linter(trained):
    _, results, _ = trained
    assert not results["libcst"]
    assert results["tflint_modules"] == [
        "tflint", "tflint.diagnose", "tflint.diagnose.analysis", "tflint.diagnose.record", "tflint.diagnose.run",
        "tflint.diagnose.settings", "tflint.diagnostics", "tflint.keras", "tflint.rulebook",
    ]


def test_monitor_arguments_are_checked():
    code = (
        "import tflint.keras as k\n"
        "for kwargs in ({'stop_on': ('nans',)}, {'check_every_n_steps': -1}, {'config': {'overfit-rise': -1}}):\n"
        "    try:\n"
        "        k.Monitor(**kwargs)\n"
        "    except ValueError as exc:\n"
        "        print(type(exc).__name__, exc)\n"
    )
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env).stdout
    assert "stop_on: unknown ['nans']" in out
    assert "check_every_n_steps must be 0" in out
    assert "diagnose key 'overfit-rise' must be a positive number" in out
