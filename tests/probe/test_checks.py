"""The thresholds, on plain measurements (no TensorFlow needed)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from tflint import rulebook
from tflint.diagnostics import Severity
from tflint.probe.checks import RULES, evaluate
from tflint.probe.config import ProbeConfig, ProbeConfigError
from tflint.probe.report import sparkline
from tflint.probe.sandbox import ChildOutcome

SITE = lambda line: ["/p/train.py", line, 0, line, 10]  # noqa: E731


def layer(name, line, grad, **kw):
    base = {"name": name, "type": "Dense", "site": SITE(line), "grad_norm": grad, "grad_mean_abs": grad / 10,
            "grad_finite": True, "grad_missing": False, "params": 100, "called": True, "update_ratio": 1e-3,
            "update_ratio_max": 2e-3}
    base.update(kw)
    return base


def result(**kw):
    r = {
        "kind": "fit", "fit_site": SITE(20), "optimizer_site": SITE(18), "optimizer": "Adam", "learning_rate": 1e-3,
        "loss_name": "sparse_categorical_crossentropy", "output_units": 3, "initial_loss": math.log(3),
        "metrics": ["accuracy"], "batch_size": 32, "inputs": [], "labels": None, "call_order": ["Dense", "Dense"],
        "layers": [layer("dense", 10, 0.5), layer("dense_1", 11, 0.8)],
        "overfit": {"losses": [1.1 - 0.02 * i for i in range(51)]},
        "memory": {"step_peak_bytes": 10 << 20, "capacity_bytes": 8 << 30, "in_memory_bytes": 1 << 20},
    }
    r.update(kw)
    return r


def judge(r=None, cfg=None, **outcome):
    events = [{"event": "start"}, {"event": "training", "site": SITE(20)}]
    if r is not None:
        events.append({"event": "result", **r})
    oc = ChildOutcome(events=events, **outcome)
    return evaluate(oc, "/p/train.py", cfg or ProbeConfig(), 60, 1 << 30).diagnostics


def codes(diags):
    return sorted(d.code for d in diags)


def test_healthy_measurements_give_nothing():
    assert judge(result()) == []


def test_vanishing_and_exploding_ratios():
    vanish = result(layers=[layer("first", 10, 1e-6), layer("mid", 11, 1e-2), layer("last", 12, 1.0)])
    [d] = judge(vanish)
    assert (d.code, d.line) == ("TFL603", 10) and d.severity == Severity.WARNING
    explode = result(layers=[layer("first", 10, 100.0), layer("last", 12, 1.0)])
    [d] = judge(explode)
    assert (d.code, d.line) == ("TFL602", 10)
    # the threshold is configurable
    assert judge(explode, ProbeConfig.from_table({"exploding-ratio": 500})) == []


def test_gradient_findings_become_errors_when_one_batch_fit_fails():
    flat = {"losses": [1.1] * 51}
    diags = judge(result(layers=[layer("first", 10, 1e-6), layer("last", 12, 1.0)], overfit=flat))
    assert codes(diags) == ["TFL603", "TFL607"]
    assert all(d.severity == Severity.ERROR for d in diags)
    assert next(d for d in diags if d.code == "TFL607").line == 20  # the fit call


def test_divergence_oscillation_and_nan_sit_on_the_optimizer():
    up = {"losses": [1.0, 0.9, 1.2, 1.6, 2.0, 2.5, 3.0, 3.5, 4.0]}
    [d] = judge(result(overfit=up))
    assert (d.code, d.line) == ("TFL606", 18) and "diverged" in d.message and "lower the learning rate" in d.help
    zigzag = {"losses": [1.0 + (0.3 if i % 2 else 0.0) for i in range(30)]}
    [d] = judge(result(overfit=zigzag))
    assert d.code == "TFL606" and "oscillates" in d.message
    nan = {"losses": [1.0, 0.9, "nan"]}
    [d] = judge(result(overfit=nan))
    assert d.code == "TFL606" and "nan" in d.message


def test_update_ratios():
    fast = result(layers=[layer("a", 10, 0.5, update_ratio=0.5), layer("b", 11, 0.5)])
    [d] = judge(fast)
    assert (d.code, d.line) == ("TFL612", 18) and "too much" in d.message and "up to 0.5 (> 0.1)" in d.message
    assert "lower the learning rate" in d.help and "'a' 0.5" in d.help
    slow = result(layers=[layer("a", 10, 0.5, update_ratio=1e-7), layer("b", 11, 0.5, update_ratio=1e-6)])
    [d] = judge(slow)
    assert d.code == "TFL612" and "barely move" in d.message and "raise the learning rate" in d.help
    disconnected = result(layers=[layer("a", 10, 0.5), layer("b", 11, 0.5), layer("orphan", 12, 0.0, grad_missing=True)])
    [d] = judge(disconnected)
    assert (d.code, d.line) == ("TFL612", 12) and "not connected" in d.message and "trainable=False" in d.help
    # JAX: zeros, not None, for a layer the forward pass never called
    never_called = result(layers=[layer("a", 10, 0.5), layer("b", 11, 0.5), layer("orphan", 12, 0.0, called=False, update_ratio=0.0, update_ratio_max=0.0)])
    [d] = judge(never_called)
    assert (d.code, d.line) == ("TFL612", 12) and "not connected" in d.message
    # a called layer with zero gradients (behind dead units) is not "unconnected"
    behind_dead = result(layers=[layer("a", 10, 0.5), layer("b", 11, 0.5), layer("c", 12, 0.0, update_ratio=0.0, update_ratio_max=0.0)])
    assert "not connected" not in " ".join(d.message for d in judge(behind_dead))


def test_dead_and_saturated_layers_point_at_the_layer():
    r = result(layers=[layer("a", 10, 0.5, dead_fraction=0.8, units=64, activation="relu"),
                       layer("b", 11, 0.5, saturated_fraction=0.9, activation="tanh")])
    diags = judge(r)
    assert [(d.code, d.line) for d in diags] == [("TFL604", 10), ("TFL605", 11)]
    assert "80% of the 64 ReLU units of layer 'a' are dead" in diags[0].message and "LeakyReLU" in diags[0].help
    assert "90% of the pre-activations of tanh layer 'b' are saturated" in diags[1].message


def test_initial_loss():
    [d] = judge(result(initial_loss=5.0))
    assert d.code == "TFL608" and "ln 3" in d.message and "from_logits" in d.help
    assert judge(result(initial_loss=1.4)) == []  # within 0.5 ln 3
    assert judge(result(initial_loss=5.0, loss_name="mse")) == []  # not a classifier


def test_scaling_ignores_standardised_data_and_normalising_models():
    standard = {"name": "x", "dtype": "float32", "shape": [100, 5], "max_abs": 3.9, "min": -3.9, "max": 3.8,
                "integer_valued": False, "std_spread": 1.3, "skewness": [[0, 0.2]]}
    assert judge(result(inputs=[standard])) == []
    big = dict(standard, max_abs=2e4, std_spread=1e4, std_max_feature=0, std_min_feature=3)
    [d] = judge(result(inputs=[big]))
    assert d.code == "TFL609" and "feature 0 vs feature 3" in d.message and "Normalization" in d.help
    assert judge(result(inputs=[big], call_order=["Normalization", "Dense"])) == []
    skewed = dict(standard, skewness=[[2, 12.0]], columns=["a", "b", "income"])
    [d] = judge(result(inputs=[skewed]))
    assert d.code == "TFL609" and d.severity == Severity.INFO and "'income'" in d.message and "log" in d.help


def test_class_imbalance_mentions_accuracy_and_class_weight():
    labels = {"min": 0, "max": 1, "integer_valued": True, "last_dim": 1, "class_counts": [990, 10], "non_finite": 0}
    r = result(labels=labels, loss_name="binary_crossentropy", output_units=1, initial_loss=math.log(2))
    [d] = judge(r)
    assert d.code == "TFL610" and d.severity == Severity.WARNING and "count 99 (class 0: 990, class 1: 10)" in d.message
    assert "accuracy is the only metric and predicting class 0 alone scores 99.0%" in d.help
    assert "class_weight=" in d.help
    [d] = judge(dict(r, class_weight=True))  # weighted, but accuracy still says nothing
    assert d.severity == Severity.WARNING and "already set" in d.help and "accuracy" in d.help
    assert judge(dict(r, class_weight=True, metrics=["auc", "recall"])) == []
    assert judge(r, ProbeConfig.from_table({"max-class-ratio": 200, "min-class-perplexity": 0.1})) == []
    balanced = dict(labels, class_counts=[500, 500])
    assert judge(dict(r, labels=balanced)) == []


def test_label_compatibility():
    ids = {"min": 0, "max": 9, "integer_valued": True, "last_dim": 1, "class_counts": [30] * 10, "non_finite": 0}
    [d] = judge(result(labels=ids, output_units=5))
    assert d.code == "TFL611" and "class id 9" in d.message and "5 units" in d.message
    assert "give the output layer 10 units, or map the labels to 0..4" in d.help
    onehot = {"min": 0, "max": 1, "integer_valued": True, "last_dim": 3, "one_hot": True, "class_counts": [30] * 3, "non_finite": 0}
    [d] = judge(result(labels=onehot))
    assert d.code == "TFL611" and "one-hot" in d.message and "categorical_crossentropy" in d.help
    [d] = judge(result(labels=ids, loss_name="categorical_crossentropy", output_units=10, initial_loss=math.log(10)))
    assert d.code == "TFL611" and "integer class ids" in d.message and "sparse_categorical_crossentropy" in d.help
    reg = {"min": -2.0, "max": 3.0, "integer_valued": False, "last_dim": 1, "non_finite": 0}
    [d] = judge(result(labels=reg, loss_name="binary_crossentropy", output_units=1, initial_loss=math.log(2)))
    assert d.code == "TFL611" and "[0, 1]" in d.message


def test_memory():
    r = result(memory={"step_peak_bytes": 3 << 30, "capacity_bytes": 2 << 30, "in_memory_bytes": 0, "kind": "GPU memory"})
    [d] = judge(r)
    assert d.code == "TFL613" and "3.0 GiB of GPU memory" in d.message and "batch_size=10" in d.help
    r = result(memory={"step_peak_bytes": 1 << 20, "capacity_bytes": 8 << 30, "in_memory_bytes": 100 << 20})
    assert judge(r) == []
    [d] = judge(r, ProbeConfig.from_table({"device-memory-mb": 64}))
    assert d.code == "TFL613" and "materialised" in d.message and "tf.data" in d.help


def test_outcomes_without_training():
    tl = evaluate(ChildOutcome(events=[{"event": "start"}, {"event": "phase", "name": "importing tensorflow"}], timed_out=True),
                  "t.py", ProbeConfig(), 7, 1 << 30).diagnostics
    assert [d.code for d in tl] == ["TFL600"] and "never started within the 7 s" in tl[0].message
    assert "importing tensorflow" in tl[0].message
    crash = evaluate(ChildOutcome(events=[{"event": "start"}], returncode=-11), "t.py", ProbeConfig(), 7, 1 << 30).diagnostics
    assert "signal 11" in crash[0].message and "--show-output" in crash[0].help
    err = {"event": "script_error", "exc_type": "ModuleNotFoundError", "message": "No module named 'keras'",
           "missing_module": "keras", "site": ["t.py", 3, 0, 3, 12]}
    [d] = evaluate(ChildOutcome(events=[err]), "t.py", ProbeConfig(), 7, 1 << 30).diagnostics
    assert d.line == 3 and "TensorFlow is not installed" in d.message and "pip install 'tflint[probe]'" in d.help


def test_config_validation():
    assert ProbeConfig.from_table({"overfit-steps": 20, "time_limit": 5}).overfit_steps == 20
    with pytest.raises(ProbeConfigError, match="unknown probe key 'nope'"):
        ProbeConfig.from_table({"nope": 1})
    with pytest.raises(ProbeConfigError, match="must be an integer"):
        ProbeConfig.from_table({"overfit-steps": 2.5})
    with pytest.raises(ProbeConfigError, match="non-negative number"):
        ProbeConfig.from_table({"dead-fraction": "half"})


def test_rule_table_matches_the_pages():
    for code, (name, severity) in RULES.items():
        info = rulebook.get(code)
        assert info is not None, f"rules/{code}.md is missing"
        assert (info.name, info.severity) == (name, severity)
        assert rulebook.code_blocks(info.page, "Example", "python probe"), code
        assert not rulebook.code_blocks(info.page, "Example"), f"{code}: probe examples must be tagged `python probe`"


def test_sparkline():
    assert sparkline([3, 2, 1]) == "█▅▁"
    assert sparkline([1.0, float("nan")]) == "▁×"
    assert len(sparkline(list(range(100)), width=40)) == 40


def test_static_path_imports_no_tensorflow():
    code = (
        "import sys, tflint.probe.command, tflint.probe.checks, tflint.probe.report, tflint.probe.bootstrap;"
        "bad = [m for m in ('tensorflow', 'numpy', 'keras', 'matplotlib') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_initial_loss_of_binary_classifiers_has_half_a_nat_of_slack():
    binary = dict(loss_name="binary_crossentropy", output_units=1)
    assert judge(result(initial_loss=1.1, **binary)) == []
    [d] = judge(result(initial_loss=1.3, **binary))
    assert d.code == "TFL608" and "ln 2" in d.message


def test_tfl607_needs_a_plateau_near_the_start_not_a_step_count():
    from tflint.probe import fitcurve

    rules = fitcurve.CurveRules()
    # still falling 2% of the start per 10 steps when the budget ends: slow, but learning
    slow = [1.1 * (1 - 0.002 * i) for i in range(40)]
    assert fitcurve.state(slow, rules) == fitcurve.LEARNING
    assert "TFL607" not in codes(judge(result(overfit={"losses": slow + [slow[-1]]})))
    # the same trend under Dropout-like noise of +-2%
    noisy = [v * (1 + 0.02 * ((-1) ** i)) for i, v in enumerate(slow)]
    assert judge(result(overfit={"losses": noisy})) == []
    # halved after 30 steps: fitted, the child stops there
    fast = [1.1 * 0.97**i for i in range(31)]
    assert fitcurve.state(fast, rules) == fitcurve.FITTED and fitcurve.should_stop(fast, rules)
    # too few steps to say anything
    assert fitcurve.state([1.1] * 12, rules) == fitcurve.SHORT
    # stuck at the start: an error that says what to try
    [d] = judge(result(overfit={"losses": [1.1] * 31, "steps": 30}, learning_rate=1e-8))
    assert (d.code, d.severity) == ("TFL607", Severity.ERROR)
    assert "after 30 steps the loss stopped falling at 1.1, 100% of the initial 1.1" in d.message
    assert "try next: raise the learning rate" in d.help and "below 90% of the initial loss" in d.help
    # moved 20% and then stalled: it can fit, no finding
    stalled = [1.1 * (1 - 0.02 * min(i, 10)) for i in range(40)]
    assert fitcurve.state(stalled, rules) == fitcurve.PLATEAU and "TFL607" not in codes(judge(result(overfit={"losses": stalled})))


def test_tfl607_is_a_warning_for_a_model_too_small_to_memorise_the_batch():
    tiny = [layer("dense", 10, 0.5, params=20)]  # 20 parameters, 32 x 3 label values
    [d] = judge(result(layers=tiny, overfit={"losses": [1.1] * 40}))
    assert (d.code, d.severity) == ("TFL607", Severity.WARNING)
    assert "more capacity: 20 trainable parameters cannot memorise 96 label values" in d.help


# ---------------------------------------------------------------- message and help of every finding

LONG = "shape mismatch " * 60  # an exception or stderr tail far longer than a message may be


def ids_out_of_range():
    """Class ids 0..9 (for an output of fewer units)."""
    return {"min": 0, "max": 9, "integer_valued": True, "last_dim": 1, "class_counts": [30] * 10, "non_finite": 0}


def _outcome(*events, **kw):
    return evaluate(ChildOutcome(events=[{"event": "start"}, *events], **kw), "/p/train.py", ProbeConfig(), 60, 1 << 30).diagnostics


def _every_kind_of_probe_finding():
    """(scenario, diagnostics) for each way the probe can report, from the outcome down to each measurement."""
    training = {"event": "training", "site": SITE(20)}
    where = {"event": "where", "site": SITE(6)}
    ids = ids_out_of_range()
    pixels = {"name": "x_train", "dtype": "uint8", "shape": [32, 28, 28], "max_abs": 255, "min": 0, "max": 255,
              "integer_valued": True}
    spread = {"name": "features", "dtype": "float32", "shape": [32, 8], "max_abs": 8e4, "min": 0, "max": 8e4,
              "integer_valued": False, "std_spread": 3e4, "std_max_feature": 0, "std_min_feature": 2,
              "columns": ["household_income_in_local_currency", "b", "number_of_children_in_household"],
              "skewness": [[0, 14.2], [2, 9.1], [1, 7.7]]}
    many = [layer(f"dense_block_{i}_projection", 10 + i, 1e-7, update_ratio=0.5, dead_fraction=0.9, units=512,
                  saturated_fraction=0.95, activation="sigmoid") for i in range(7)] + [layer("logits", 30, 1.0)]
    yield "result, then out of memory", _outcome({"event": "result", **result()}, memory_exceeded=True)
    yield "out of memory in the first step", _outcome(training, memory_exceeded=True, peak_rss=5 << 30)
    yield "out of memory before training", _outcome(memory_exceeded=True, peak_rss=5 << 30)
    yield "time limit during the probe", _outcome(training, {"event": "phase", "name": "x" * 200, "site": SITE(4)}, where,
                                                  timed_out=True)
    yield "time limit before training", _outcome({"event": "phase", "name": "importing tensorflow"}, where, timed_out=True)
    yield "no TensorFlow", _outcome({"event": "script_error", "exc_type": "ModuleNotFoundError",
                                     "message": "No module named 'tensorflow'", "missing_module": "tensorflow"})
    yield "the script raised", _outcome({"event": "script_error", "exc_type": "UnicodeDecodeError", "message": LONG})
    yield "the probe failed", _outcome(training, {"event": "probe_error", "exc_type": "InvalidArgumentError", "message": LONG})
    yield "exit while reading data", _outcome(training, {"event": "exit", "code": "x" * 300, "during": "probe"})
    yield "exit before training", _outcome({"event": "exit", "code": 2}, stderr="usage: train.py [-h] --data DATA\n"
                                           "train.py: error: the following arguments are required: --data " + LONG)
    yield "no training call", _outcome({"event": "finished", "keras_loaded": False})
    yield "killed", _outcome(training, returncode=-9, stderr=LONG)
    yield "non-finite inputs and labels", judge(result(
        inputs=[{"name": "x_train_after_feature_engineering_v2", "non_finite": 12, "nan": 12, "first_non_finite": [3, 7]}],
        labels={"min": 0, "max": 2, "non_finite": 3, "nan": 3, "integer_valued": True, "last_dim": 1}))
    yield "labels out of range, and the step fails", judge(result(labels=ids, output_units=5, forward_error={
        "exc_type": "InvalidArgumentError", "message": LONG}))
    yield "the step fails on the labels", judge(result(forward_error={"exc_type": "ValueError",
                                                                       "message": "logits and labels " + LONG}))
    yield "the step fails", judge(result(forward_error={"exc_type": "ValueError", "message": LONG}))
    yield "non-finite initial loss", judge(result(initial_loss="nan"))
    yield "unscaled inputs explain the initial loss", judge(result(inputs=[spread], initial_loss=40.0))
    yield "raw pixels", judge(result(inputs=[pixels]))
    yield "skewed only", judge(result(inputs=[dict(spread, max_abs=3.0, std_spread=1.0)]))
    yield "initial loss", judge(result(initial_loss=9.0))
    yield "NaN in the one-batch fit", judge(result(overfit={"losses": [1.0, 0.9, "nan"]}, optimizer="LossScaleOptimizer"))
    yield "divergence", judge(result(overfit={"losses": [1.0, 0.9] + [10.0**i for i in range(2, 9)]}))
    yield "oscillation", judge(result(overfit={"losses": [1.0 + (0.3 if i % 2 else 0.0) for i in range(60)]}))
    yield "every layer sick", judge(result(layers=many, overfit={"losses": [1.1] * 60, "steps": 59}, learning_rate=1e-8,
                                           batch_size=4096))
    yield "exploding", judge(result(layers=[layer("first_convolution_block", 10, 1e4), layer("classifier_head", 12, 1.0)]))
    yield "vanishing", judge(result(layers=[layer(f"sigmoid_block_{i}", 10 + i, 1e-7) for i in range(7)] + [layer("out", 20, 1.0)]))
    yield "weights barely move", judge(result(layers=[layer("a", 10, 0.5, update_ratio=1e-9), layer("b", 11, 0.5, update_ratio=1e-9)]))
    yield "unconnected and skipped", judge(result(layers=[
        layer("a", 10, 0.5), layer("orphan", 12, 0.0, grad_missing=True),
        layer("skipped", 13, 0.5, update_ratio=0.0, update_ratio_max=0.0)]))
    yield "memory", judge(result(batch_size=512, memory={"step_peak_bytes": 30 << 30, "capacity_bytes": 16 << 30,
                                                         "in_memory_bytes": 20 << 30, "kind": "GPU memory"}))
    yield "fractional class ids", judge(result(labels=dict(ids, integer_valued=False, min=0.1, max=0.9)))
    yield "negative class ids", judge(result(labels=dict(ids, min=-1)))
    yield "one-hot with a sparse loss", judge(result(labels=dict(ids, one_hot=True, last_dim=3, max=1)))
    yield "class ids with a categorical loss", judge(result(labels=ids, loss_name="categorical_crossentropy", output_units=10,
                                                            initial_loss=math.log(10)))
    yield "one-hot columns", judge(result(labels=dict(ids, last_dim=4, max=1), loss_name="categorical_crossentropy"))
    yield "labels outside [0, 1]", judge(result(labels={"min": -2.0, "max": 3.0, "integer_valued": False, "last_dim": 1,
                                                        "non_finite": 0}, loss_name="binary_crossentropy", output_units=1,
                                                initial_loss=math.log(2)))
    yield "imbalanced", judge(result(labels={"min": 0, "max": 1, "integer_valued": True, "last_dim": 1,
                                             "class_counts": [99990, 10], "non_finite": 0},
                                     loss_name="binary_crossentropy", output_units=1, initial_loss=math.log(2)))


def test_every_probe_finding_has_a_short_message_and_a_help():
    seen = set()
    for scenario, diags in _every_kind_of_probe_finding():
        assert diags, f"{scenario}: no finding"
        for d in diags:
            seen.add(d.code)
            assert len(d.message) <= 120, f"{scenario}: {d.code} message of {len(d.message)} chars: {d.message}"
            assert "\n" not in d.message, f"{scenario}: {d.message!r}"
            assert d.help and d.help.strip(), f"{scenario}: {d.code} has no help"
    assert seen == set(RULES), f"not exercised: {sorted(set(RULES) - seen)}"


def test_text_the_script_produced_is_clipped_and_the_appended_notes_go_to_help():
    [d] = _outcome({"event": "script_error", "exc_type": "ValueError", "message": LONG})
    assert d.message.startswith("the script raised ValueError before training started: shape mismatch")
    assert d.message.endswith("…") and len(d.message) <= 120
    [d] = _outcome({"event": "exit", "code": 2}, stderr="usage: train.py [-h] --data DATA\n"
                   "train.py: error: the following arguments are required: --data")
    assert d.message.endswith("the following arguments are required: --data")  # the end of stderr is kept
    assert "after `--`" in d.help
    stage = {"event": "phase", "name": "running the script after importing " + "a_long_module_name." * 5, "site": SITE(4)}
    [d] = _outcome(stage, {"event": "where", "site": SITE(6)}, timed_out=True)
    assert d.message.startswith("training never started within the 60 s time limit (last stage: running the script")
    assert d.message.endswith("… (line 4))") and len(d.message) <= 120  # the stage's line survives the clipping
    assert d.help.startswith("it was running line 6 when stopped")
    nan = judge(result(inputs=[{"name": "x", "non_finite": 1, "nan": 1}]))
    assert [d.code for d in nan] == ["TFL601"] and nan[0].help.endswith("the forward/backward pass was not judged because of it")
    [d] = judge(result(labels=ids_out_of_range(), output_units=5, forward_error={"exc_type": "InvalidArgumentError",
                                                                                   "message": "Received a label value of 9"}))
    assert "class id 9" in d.message and "(the first training step fails with InvalidArgumentError: Received a label" in d.help

