"""Run-diagnosis thresholds: ``[tool.tflint.diagnose]`` (``[diagnose]`` in tflint.toml).

Every default is conservative: a false alarm on a healthy run costs the
user's trust, a missed one costs a look at the curves they would have made
anyway. Keys are kebab-case like the rest of the config; snake_case works too.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


class DiagnoseConfigError(ValueError):
    pass


@dataclass
class DiagnoseConfig:
    min_epochs: int = 5  # trends need at least this many epochs
    # TFL701 overfitting, TFL709 wasted epochs
    overfit_rise: float = 0.10  # val loss at least this fraction above its best...
    overfit_epochs_after_best: int = 3  # ...for at least this many epochs after the best
    overfit_train_drop: float = 0.02  # ...while train loss fell at least this fraction...
    overfit_giveback: float = 0.10  # ...and the rise gave back at least this fraction of val loss's gain before it
    early_stopping_patience: int = 3  # the EarlyStopping whose outcome is reported
    early_stopping_min_saved: int = 5  # TFL709: epochs it would have saved...
    early_stopping_min_gain: float = 0.01  # ...and the restored epoch's val loss this much below the last one
    # TFL702 underfitting
    underfit_max_improvement: float = 0.05  # the second half of the run improved the loss less than this
    chance_tolerance: float = 0.04  # a loss within this fraction of ln(C) is chance level (C <= 10)
    # TFL703 divergence, TFL704 oscillation
    divergence_factor: float = 2.0  # loss ends at least this many times its minimum
    blow_up_factor: float = 10.0  # a classifier's first-epoch loss this many times ln(C), then back to guessing
    oscillation_amplitude: float = 0.10  # an epoch-to-epoch rise of the train loss this large...
    oscillation_min_rises: int = 3  # ...at least this many times...
    oscillation_fraction: float = 0.25  # ...in at least this fraction of the epoch transitions
    # TFL706 plateau
    plateau_epochs: int = 10  # no improvement for this many epochs up to the end...
    plateau_min_delta: float = 0.005  # ...beyond this fraction of the loss
    plateau_max_progress: float = 0.5  # ...and the plateau is above this fraction of the first loss
    # TFL710 slow progress
    slow_max_improvement: float = 0.10  # a steady fall that made less than this fraction of the first loss
    # TFL707 minority-class collapse
    collapse_min_accuracy: float = 0.8  # accuracy looks fine at or above this...
    collapse_max_metric: float = 0.1  # ...while a recall/precision/F1 is at or below this

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name.replace("_", "-") for f in fields(cls)]

    @classmethod
    def from_table(cls, table: dict[str, Any] | None, source: str = "[tool.tflint.diagnose]") -> "DiagnoseConfig":
        config = cls()
        types = {f.name: f.type for f in fields(cls)}
        for key, value in (table or {}).items():
            attr = str(key).replace("-", "_")
            if attr not in types:
                raise DiagnoseConfigError(f"{source}: unknown diagnose key '{key}' (known keys: {', '.join(cls.keys())})")
            integer = types[attr] in (int, "int")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise DiagnoseConfigError(f"{source}: diagnose key '{key}' must be a positive number, got {value!r}")
            if integer and not float(value).is_integer():
                raise DiagnoseConfigError(f"{source}: diagnose key '{key}' must be an integer, got {value!r}")
            setattr(config, attr, int(value) if integer else float(value))
        return config
