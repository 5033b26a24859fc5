"""Reading the one-batch fit's loss curve: when to stop and whether the model fit.

A fixed step count made TFL607 depend on the budget (a small MLP with
Adam(1e-3) "could not fit" in 50 steps and fit in 200). The fit now runs until
the curve says something: the loss fell far enough (fitted), it stopped moving
(plateau), or the step/time budget ran out while it was still falling
(learning: no verdict). Both the child (to stop early) and the parent (to
judge) call these functions on the same list of losses, so the verdict depends
on the losses alone, never on how fast the machine was.

Pure Python: imported by the probe's child before the user's script runs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FITTED = "fitted"  # the loss fell by at least stop_drop of its start
PLATEAU = "plateau"  # over the last two windows the loss fell by less than the tolerance per window
LEARNING = "learning"  # still falling when the budget ended: no verdict
SHORT = "short"  # too few steps to say anything


@dataclass(frozen=True)
class CurveRules:
    window: int = 10  # steps per window
    min_steps: int = 30  # no early stop before this many steps
    stop_drop: float = 0.5  # fitted: the recent loss is at most (1 - stop_drop) of the start
    fit_drop: float = 0.1  # TFL607 needs the loss to stay above (1 - fit_drop) of the start ...
    plateau_tolerance: float = 0.01  # ... and no window to improve on the previous by this share of the start

    @classmethod
    def of(cls, cfg) -> "CurveRules":
        """From a ProbeConfig or the child's config dict."""
        get = cfg.get if isinstance(cfg, dict) else (lambda k, d: getattr(cfg, k, d))
        return cls(
            window=max(int(get("fit_window", cls.window)), 2),
            min_steps=int(get("fit_min_steps", cls.min_steps)),
            stop_drop=float(get("fit_stop_drop", cls.stop_drop)),
            fit_drop=1.0 - float(get("fit_fraction", 1.0 - cls.fit_drop)),
            plateau_tolerance=float(get("plateau_tolerance", cls.plateau_tolerance)),
        )


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else 0.5 * (ordered[mid - 1] + ordered[mid])


def slope(values: list[float]) -> float:
    """Least-squares slope per step: steadier than comparing two noisy windows (Dropout)."""
    n = len(values)
    if n < 2:
        return 0.0
    mean_x = (n - 1) / 2
    mean_y = sum(values) / n
    num = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    den = sum((i - mean_x) ** 2 for i in range(n))
    return num / den


def recent_loss(losses: list[float], rules: CurveRules) -> float:
    """The median of the last window: one lucky step does not count as fitting."""
    return _median(losses[-rules.window :])


def moved(losses: list[float], rules: CurveRules) -> float:
    """How far the loss fell, as a share of where it started (negative: it rose)."""
    l0 = losses[0]
    return (l0 - recent_loss(losses, rules)) / l0


def state(losses: list[float], rules: CurveRules) -> str:
    """FITTED, PLATEAU, LEARNING or SHORT for a curve of per-step losses (finite, start > 0)."""
    if len(losses) < 2 or not all(math.isfinite(v) for v in losses) or losses[0] <= 0:
        return SHORT
    if len(losses) < max(rules.min_steps, 2 * rules.window):
        return SHORT
    if moved(losses, rules) >= rules.stop_drop:
        return FITTED
    if -slope(losses[-2 * rules.window :]) * rules.window < rules.plateau_tolerance * losses[0]:
        return PLATEAU
    return LEARNING


def should_stop(losses: list[float], rules: CurveRules) -> bool:
    """The child stops the fit as soon as the curve has answered."""
    return state(losses, rules) in (FITTED, PLATEAU)
