"""A training run as tflint sees it: per-epoch values of each logged series.

Series names are the Keras log keys (``loss``, ``val_loss``, ``accuracy``,
``val_accuracy``, ``learning_rate``...). Missing values are NaN; an epoch
whose loss was NaN stays NaN (that is a finding, not missing data).
Epochs are counted from 1 in everything a user reads, as Keras prints them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

#: Keys that hold the learning rate (ReduceLROnPlateau, LearningRateScheduler, TensorBoard).
LR_KEYS = ("learning_rate", "lr")
_LOWER_IS_BETTER = re.compile(r"(loss|error|mse|mae|mape|msle|crossentropy|hinge|divergence|poisson|cosh)", re.I)


@dataclass
class RunLog:
    """The epochs of one run. ``series[name][i]`` is the value at epoch ``i + 1``."""

    series: dict[str, list[float]]
    source: str = ""  # the file or folder it was read from ("" when live)
    #: line of the source file that holds each epoch (CSV rows), for pointing at the evidence
    epoch_lines: dict[int, int] = field(default_factory=dict)
    #: what the reader left out and why (a last row cut short), said beside the result
    notes: list[str] = field(default_factory=list)

    @property
    def epochs(self) -> int:
        return max((len(v) for v in self.series.values()), default=0)

    def get(self, name: str) -> list[float] | None:
        return self.series.get(name)

    def learning_rate(self) -> list[float] | None:
        for key in LR_KEYS:
            if key in self.series:
                return self.series[key]
        return None

    def metric_names(self) -> list[str]:
        """Training metrics (no ``val_`` prefix, no learning rate), in log order."""
        return [n for n in self.series if not n.startswith("val_") and n not in LR_KEYS]


def lower_is_better(name: str) -> bool:
    """Losses and errors improve downwards; accuracy, AUC, precision, recall... upwards."""
    return bool(_LOWER_IS_BETTER.search(name))


def finite(values: list[float]) -> list[tuple[int, float]]:
    """(index, value) of the finite values."""
    return [(i, v) for i, v in enumerate(values) if isinstance(v, (int, float)) and math.isfinite(v)]


def is_finite(value: float) -> bool:
    return math.isfinite(value)
