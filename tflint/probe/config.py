"""Probe thresholds: ``[tool.tflint.probe]`` in pyproject.toml (``[probe]`` in tflint.toml).

Defaults come from the published tools the issue cites (AUTOTRAINER,
DeepDiagnosis, UMLAUT, TheDeepChecker); every one can be overridden by key.
Keys are kebab-case like the rest of the config; snake_case is accepted too.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


class ProbeConfigError(ValueError):
    pass


@dataclass
class ProbeConfig:
    # run limits
    time_limit: float = 60.0  # seconds, the whole run
    memory_limit_mb: float = 0.0  # 0: three quarters of physical memory
    overfit_steps: int = 200  # at most K steps of the one-batch fit (it stops once the curve answers)
    overfit_seconds: float = 10.0  # time budget of the one-batch fit
    seed: int = 0  # Python, NumPy and the framework are seeded with it before the script runs
    # data (TFL601, TFL609, TFL610, TFL611)
    max_abs_feature: float = 10.0
    max_std_spread: float = 100.0
    max_skewness: float = 5.0
    max_class_ratio: float = 10.0
    min_class_perplexity: float = 0.5
    stats_samples: int = 10000  # rows of in-memory data looked at
    # forward/backward pass (TFL602-TFL605, TFL608)
    initial_loss_tolerance: float = 0.5  # |L0 - ln C| > tolerance * ln C ...
    initial_loss_min_slack: float = 0.5  # ... and > this many nats
    dead_fraction: float = 0.5
    saturated_fraction: float = 0.5
    saturation_z: float = 5.0
    vanishing_ratio: float = 1e-3
    vanishing_first_norm: float = 1e-4
    vanishing_mean_abs: float = 1e-7
    exploding_ratio: float = 70.0
    # one-batch fit (TFL606, TFL607, TFL612)
    divergence_factor: float = 1.5
    divergence_after_step: int = 5
    oscillation_fraction: float = 0.5
    oscillation_amplitude: float = 0.05
    fit_window: int = 10
    fit_fraction: float = 0.9  # TFL607: the loss stays above this share of its start ...
    plateau_tolerance: float = 0.01  # ... and falls by less than this share of it per window
    fit_min_steps: int = 30  # the fit never stops on its own before this step
    fit_stop_drop: float = 0.5  # the fit stops early once the loss fell by this share
    max_update_ratio: float = 1e-1
    min_update_ratio: float = 1e-5
    # memory (TFL613)
    device_memory_mb: float = 0.0  # 0: measured (GPU memory, or physical memory on CPU)
    dataset_memory_fraction: float = 0.5

    @classmethod
    def keys(cls) -> list[str]:
        return [f.name.replace("_", "-") for f in fields(cls)]

    @classmethod
    def from_table(cls, table: dict[str, Any] | None, source: str = "[tool.tflint.probe]") -> "ProbeConfig":
        config = cls()
        types = {f.name: f.type for f in fields(cls)}
        for key, value in (table or {}).items():
            attr = key.replace("-", "_")
            if attr not in types:
                raise ProbeConfigError(
                    f"{source}: unknown probe key '{key}' (known keys: {', '.join(cls.keys())})"
                )
            kind = int if types[attr] in (int, "int") else float
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ProbeConfigError(f"{source}: probe key '{key}' must be a non-negative number, got {value!r}")
            if kind is int and not float(value).is_integer():
                raise ProbeConfigError(f"{source}: probe key '{key}' must be an integer, got {value!r}")
            setattr(config, attr, kind(value))
        return config

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}
