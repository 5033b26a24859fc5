"""The run analysis on its own: each detector's evidence, its silence, its thresholds."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from tflint.diagnose.analysis import diagnose, simulate_early_stopping
from tflint.diagnose.run import RunLog, lower_is_better
from tflint.diagnose.settings import DiagnoseConfig, DiagnoseConfigError

NAN = math.nan


def codes(series: dict, config: DiagnoseConfig | None = None) -> list[str]:
    return [f.code for f in diagnose(RunLog(series), config)]


def healthy(n: int = 20) -> dict:
    loss = [1.0 * 0.85**i + 0.1 for i in range(n)]
    val = [1.05 * 0.87**i + 0.15 for i in range(n)]
    acc = [0.5 + 0.45 * (1 - 0.8**i) for i in range(n)]
    return {"loss": loss, "val_loss": val, "accuracy": acc, "val_accuracy": [a - 0.02 for a in acc]}


def test_a_healthy_run_has_no_finding():
    assert codes(healthy()) == []


def test_overfitting_gives_the_epoch_the_evidence_and_what_early_stopping_would_have_done():
    loss = [0.62, 0.47, 0.38, 0.31, 0.26, 0.21, 0.17, 0.14, 0.11, 0.09, 0.08, 0.07]
    val = [0.58, 0.49, 0.44, 0.42, 0.41, 0.43, 0.46, 0.49, 0.53, 0.56, 0.58, 0.6]
    [f] = diagnose(RunLog({"loss": loss, "val_loss": val}))
    assert f.code == "TFL701"
    assert f.epoch == 6  # the first epoch after the best (epoch 5)
    assert "from its best 0.41 at epoch 5" in f.message
    assert "to 0.6 at epoch 12" in f.message
    assert "while" not in f.message and "training loss fell 73%" in f.message
    assert "would have stopped at epoch 8 (4 epochs sooner) and restored epoch 5's weights" in f.help
    assert f.evidence["early_stopping_epoch"] == 8
    assert (5, "best val_loss") in f.marks


def test_overfitting_needs_the_training_loss_to_fall():
    val = [0.58, 0.49, 0.44, 0.42, 0.41, 0.43, 0.46, 0.49, 0.53, 0.56]
    both_rise = [0.62, 0.47, 0.38, 0.31, 0.26, 0.27, 0.29, 0.31, 0.33, 0.35]
    assert "TFL701" not in codes({"loss": both_rise, "val_loss": val})


def test_a_small_rise_of_the_validation_loss_is_noise_not_overfitting():
    loss = [1.0, 0.7, 0.55, 0.47, 0.42, 0.39, 0.37, 0.35, 0.34, 0.33]
    val = [0.9, 0.66, 0.52, 0.46, 0.43, 0.41, 0.42, 0.415, 0.43, 0.42]  # best 0.41, then within 5%
    assert "TFL701" not in codes({"loss": loss, "val_loss": val})


def test_overfitting_threshold_is_configurable():
    loss = [1.0, 0.7, 0.55, 0.47, 0.42, 0.39, 0.37, 0.35, 0.34, 0.33]
    val = [0.9, 0.66, 0.52, 0.46, 0.43, 0.41, 0.44, 0.445, 0.45, 0.45]  # +7%
    assert "TFL701" not in codes({"loss": loss, "val_loss": val})
    relaxed = DiagnoseConfig.from_table({"overfit-rise": 0.05, "overfit-giveback": 0.05})
    assert "TFL701" in codes({"loss": loss, "val_loss": val}, relaxed)


def test_a_rise_that_gives_back_a_sliver_of_the_gain_is_info_not_overfitting():
    """val_loss 0.27 -> 0.026 (best) -> 0.031: 17% above the best, but 2% of what training gained."""
    loss = [0.64, 0.1, 0.05, 0.03, 0.02, 0.015, 0.012, 0.01, 0.008, 0.007] + [0.006 - 0.0003 * i for i in range(15)]
    val = [0.27, 0.08, 0.05, 0.04, 0.035, 0.031, 0.029, 0.028, 0.027, 0.0263] + [0.027 + 0.00025 * i for i in range(15)]
    assert codes({"loss": loss, "val_loss": val}) == ["TFL709"]


@pytest.mark.parametrize(
    "values,patience,expected",
    [
        ([5, 4, 3, 3, 3, 3, 2], 3, (5, 2)),  # equal is not better: stops 3 epochs after the best
        ([5, 4, 3, 2, 1], 3, (None, 4)),
        ([1, 2, 3, 4], 1, (1, 0)),
        ([3, NAN, NAN, NAN, 2], 3, (3, 0)),  # NaN never counts as an improvement
    ],
)
def test_early_stopping_replay(values, patience, expected):
    assert simulate_early_stopping([float(v) for v in values], patience) == expected


def test_nan_onset_names_the_epoch_and_the_last_finite_value():
    run = {"loss": [0.88, 0.61, 0.52, NAN, NAN], "val_loss": [0.8, 0.6, 0.55, NAN, NAN], "learning_rate": [0.1] * 5}
    [f] = [f for f in diagnose(RunLog(run)) if f.code == "TFL705"]
    assert f.epoch == 4 and f.series == "loss"
    assert "NaN from epoch 4 on (last finite value 0.52 at epoch 3)" in f.message
    assert "the learning rate stayed at 0.1" in f.help and "TerminateOnNaN" in f.help


def test_nan_that_comes_and_goes_lists_the_epochs():
    [f] = [f for f in diagnose(RunLog({"loss": [0.9, NAN, 0.7, math.inf, 0.5]})) if f.code == "TFL705"]
    assert "NaN at epochs 2, 4" in f.message


def test_trends_are_read_before_the_first_nan():
    loss = [0.62, 0.47, 0.38, 0.31, 0.26, 0.21, 0.17, 0.14, 0.11, NAN]
    val = [0.58, 0.49, 0.44, 0.42, 0.41, 0.43, 0.46, 0.49, 0.53, NAN]
    assert codes({"loss": loss, "val_loss": val}) == ["TFL701", "TFL705"]


def test_divergence_and_not_oscillation():
    found = diagnose(RunLog({"loss": [2.31, 1.84, 1.62, 2.95, 7.8, 41.2]}))
    assert [f.code for f in found] == ["TFL703"]
    assert "from its minimum 1.62 at epoch 3 it rose to 41.2 at epoch 6" in found[0].message
    assert "lower it 3-10x" in found[0].help


def test_a_loss_that_came_back_down_did_not_diverge():
    assert "TFL703" not in codes({"loss": [2.3, 1.6, 3.5, 4.0, 1.5, 1.4]})


def test_oscillation():
    loss = [1.2, 0.95, 1.18, 0.82, 1.05, 0.78, 0.99, 0.74, 0.97, 0.71]
    [f] = diagnose(RunLog({"loss": loss}))
    assert f.code == "TFL704" and f.evidence["rises"] == [3, 5, 7, 9]
    assert f.epoch == 7  # the third rise makes it clear


def test_one_or_two_bumps_are_not_oscillation():
    loss = [1.2, 0.95, 1.08, 0.82, 0.78, 0.74, 0.8, 0.7, 0.68, 0.66]
    assert "TFL704" not in codes({"loss": loss})


def test_underfitting_at_chance_level():
    loss = [0.7185, 0.7001, 0.6942, 0.6932, 0.6932, 0.6931, 0.6932, 0.6931]  # falls to ln 2 and stays
    acc = [0.51, 0.52, 0.5, 0.53, 0.51, 0.52, 0.5, 0.52]
    [f] = diagnose(RunLog({"loss": loss, "accuracy": acc}))
    assert f.code == "TFL702" and "ln(2)" in f.message and "since epoch 5" in f.message
    assert "a larger model" in f.help
    assert f.epoch == 5  # the stalled second half


def test_underfitting_from_a_constant_accuracy():
    loss = [0.41, 0.405, 0.404, 0.404, 0.403, 0.403]  # 5% positives all predicted 0: not ln C, but one answer for all
    [f] = diagnose(RunLog({"loss": loss, "accuracy": [0.95] * 6}))
    assert f.code == "TFL702" and "accuracy stayed at 0.95 in every epoch" in f.message


def test_a_loss_near_ln_c_is_not_chance_level_without_an_accuracy_metric():
    """An MSE of 0.69 says nothing about guessing: only classification runs are judged."""
    assert codes({"loss": [0.7185, 0.7001, 0.6942, 0.6932, 0.6932, 0.6931, 0.6932], "mae": [0.6] * 7}) == []


def test_a_perfect_constant_accuracy_is_not_underfitting():
    loss = [0.012, 0.0101, 0.0100, 0.0100, 0.0099, 0.0099]
    assert codes({"loss": loss, "accuracy": [1.0] * 6}) == []


def test_a_flat_low_loss_is_a_converged_run_not_underfitting():
    loss = [0.0102, 0.0101, 0.0100, 0.0100, 0.0099, 0.0099]
    assert codes({"loss": loss, "accuracy": [0.97, 0.98, 0.975, 0.98, 0.981, 0.98]}) == []


def test_a_classifier_still_learning_is_not_underfitting():
    loss = [0.72, 0.70, 0.69, 0.68, 0.66, 0.64, 0.62, 0.60]
    assert "TFL702" not in codes({"loss": loss, "accuracy": [0.5, 0.51, 0.53, 0.55, 0.58, 0.6, 0.62, 0.64]})


def test_plateau_says_what_the_learning_rate_did():
    loss = [2.3, 1.9, 1.7, 1.61] + [1.605, 1.604, 1.606, 1.603, 1.605, 1.604, 1.603, 1.605, 1.604, 1.603, 1.604]
    [f] = diagnose(RunLog({"loss": loss, "learning_rate": [1e-3] * len(loss)}))
    assert f.code == "TFL706" and "on a plateau since epoch 5" in f.message
    assert "stayed at 0.001" in f.help and "ReduceLROnPlateau" in f.help
    lowered = [1e-3] * 8 + [1e-4] * 7
    [f] = diagnose(RunLog({"loss": loss, "learning_rate": lowered}))
    assert "went from 0.001 to 0.0001" in f.help and "never got it off the plateau" in f.help


def test_minority_collapse_prefers_validation_metrics():
    run = {
        "loss": [0.3, 0.21, 0.19, 0.19, 0.19], "accuracy": [0.93, 0.95, 0.95, 0.95, 0.95],
        "recall": [0.21, 0.08, 0.02, 0.0, 0.0], "val_loss": [0.26, 0.2, 0.19, 0.19, 0.19],
        "val_accuracy": [0.94, 0.95, 0.95, 0.95, 0.95], "val_recall": [0.18, 0.05, 0.01, 0.0, 0.0],
    }
    found = diagnose(RunLog(run))
    assert [f.code for f in found] == ["TFL707"]  # val_recall is not repeated as TFL708
    assert "val_recall is 0 at epoch 5 (it was 0.18 at epoch 1) while val_accuracy is 0.95" in found[0].message
    assert "class_weight=" in found[0].help


def test_minority_metrics_are_fine_when_accuracy_is_low_too():
    run = {"loss": [0.9, 0.8, 0.7, 0.6, 0.5], "accuracy": [0.5, 0.55, 0.6, 0.62, 0.64], "recall": [0.05] * 5}
    assert "TFL707" not in codes(run)


def test_validation_never_improved():
    run = {"loss": [0.9, 0.7, 0.6, 0.52, 0.47, 0.42], "val_loss": [0.62, 0.64, 0.66, 0.65, 0.67, 0.66],
           "val_accuracy": [0.7, 0.69, 0.68, 0.7, 0.66, 0.67]}
    [f] = diagnose(RunLog(run))
    assert f.code == "TFL708" and f.message.startswith("val_loss (0.62), val_accuracy (0.7) never improved")
    assert "same distribution" in f.help


def test_a_saturated_validation_metric_is_not_a_finding():
    """val_accuracy at 1.0 from epoch 1 cannot improve; val_loss improving decides."""
    run = {"loss": [0.18, 0.05, 0.02, 0.01, 0.008, 0.006], "val_loss": [0.034, 0.01, 0.005, 0.003, 0.002, 0.001],
           "val_accuracy": [1.0] * 6, "val_auc": [0.99, 0.98, 0.99, 0.985, 0.98, 0.99]}
    assert codes(run) == []


def test_without_val_loss_the_validation_metrics_decide():
    assert codes({"loss": [0.9, 0.7, 0.6, 0.5, 0.45], "val_auc": [0.8, 0.78, 0.75, 0.74, 0.72]}) == ["TFL708"]


def test_wasted_epochs_is_info_only_without_overfitting():
    loss = [1.0, 0.7, 0.55, 0.47, 0.42, 0.39] + [0.38 - 0.01 * i for i in range(12)]
    val = [0.9, 0.66, 0.52, 0.46, 0.43, 0.41] + [0.42, 0.415, 0.43] * 4
    assert codes({"loss": loss, "val_loss": val}) == ["TFL709"]


def test_a_slow_steady_decline_is_not_a_plateau():
    loss = [0.6875] + [0.62 - 0.003 * i for i in range(19)]  # each epoch under 0.5% better, 9% over the last 19
    assert "TFL706" not in codes({"loss": loss})


def test_too_few_epochs_say_nothing():
    assert codes({"loss": [0.9, 0.5], "val_loss": [0.8, 0.9]}) == []
    assert codes({"loss": [0.9]}) == []


def test_findings_become_clear_as_epochs_arrive():
    """Live use: the callback re-runs the analysis every epoch; a finding appears once the evidence is there."""
    loss = [0.62, 0.47, 0.38, 0.31, 0.26, 0.21, 0.17, 0.14, 0.11, 0.09]
    val = [0.58, 0.49, 0.44, 0.42, 0.41, 0.43, 0.46, 0.49, 0.53, 0.56]
    first = next(n for n in range(1, 11) if "TFL701" in codes({"loss": loss[:n], "val_loss": val[:n]}))
    assert first == 9  # the last three epochs (7, 8, 9) all at least 10% above the best (0.41 at epoch 5)


def test_direction_of_metrics():
    assert lower_is_better("val_loss") and lower_is_better("mae") and lower_is_better("val_mean_squared_error")
    assert not lower_is_better("val_accuracy") and not lower_is_better("auc") and not lower_is_better("recall")


@pytest.mark.parametrize(
    "table,message",
    [
        ({"overfit-ris": 0.1}, "unknown diagnose key 'overfit-ris'"),
        ({"overfit-rise": "10%"}, "must be a positive number"),
        ({"min-epochs": 2.5}, "must be an integer"),
        ({"plateau-epochs": 0}, "must be a positive number"),
        ({"overfit-rise": True}, "must be a positive number"),
    ],
)
def test_bad_thresholds_are_named(table, message):
    with pytest.raises(DiagnoseConfigError, match=message):
        DiagnoseConfig.from_table(table)


def test_snake_case_keys_work_too():
    assert DiagnoseConfig.from_table({"early_stopping_patience": 5}).early_stopping_patience == 5


def test_the_analysis_imports_no_heavy_library():
    code = (
        "import sys, tflint.diagnose.analysis, tflint.diagnose.readers, tflint.diagnose.findings; "
        "heavy = [m for m in ('tensorflow', 'keras', 'numpy', 'libcst', 'rich', 'tensorboard') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_a_steady_crawl_is_slow_progress():
    loss = [0.8746 - 0.0017 * i for i in range(20)]
    [f] = diagnose(RunLog({"loss": loss, "learning_rate": [1e-6] * 20}))
    assert f.code == "TFL710" and "fell in 19 of 19 epochs but only 4% in all" in f.message
    assert "the learning rate stayed at 1e-06, likely too low: try it 10x higher" in f.help


def test_a_run_that_slows_down_has_converged_and_is_not_slow_progress():
    loss = [0.40 + 0.04 * 0.7**i for i in range(20)]  # small total gain, but decelerating
    assert "TFL710" not in codes({"loss": loss})  # (it is a plateau, TFL706, from epoch 11 on)


def test_restoring_an_epoch_barely_better_than_the_last_is_not_worth_reporting():
    loss = [1.0, 0.7, 0.55, 0.47, 0.42, 0.39] + [0.38 - 0.01 * i for i in range(12)]
    val = [0.9, 0.66, 0.52, 0.46, 0.43, 0.41] + [0.412, 0.411, 0.413] * 4  # final within 1% of the best
    assert codes({"loss": loss, "val_loss": val}) == []


def test_a_classifier_wrecked_in_its_first_epoch_is_a_learning_rate_problem_not_underfitting():
    loss = [651.3, 1.21, 1.046, 1.08, 1.077, 1.079, 1.076, 1.078, 1.077, 1.078]
    acc = [0.63, 0.41, 0.39, 0.4, 0.39, 0.39, 0.4, 0.39, 0.39, 0.39]
    [f] = diagnose(RunLog({"loss": loss, "accuracy": acc}))
    assert f.code == "TFL703" and f.epoch == 1
    assert "651.3, 593x the loss of guessing among 3 classes" in f.message and "fell from 0.63 to 0.39" in f.help
    assert "lower it 10-100x" in f.help and "higher learning rate" not in f.message + f.help


def test_heavy_regularisation_that_learnt_first_stays_underfitting():
    loss = [309.3, 120.0, 40.0, 12.0, 4.0, 1.8, 1.3, 1.16, 1.14, 1.136, 1.135, 1.134, 1.134, 1.135, 1.134, 1.134]
    acc = [0.26, 0.4, 0.6, 0.8, 0.84, 0.7, 0.5, 0.36, 0.34, 0.34, 0.34, 0.34, 0.34, 0.34, 0.34, 0.34]
    assert codes({"loss": loss, "accuracy": acc}) == ["TFL702"]
