"""Probe reports built from plain measurements, judged by the real checks (no TensorFlow).

The HTML report tests and the VS Code end-to-end scenario 'probe-report' (headless
Chromium) both render these, so the page in the screenshot is the page the tests check.

    python tests/probe/sample_reports.py OUT.html   # writes the two-script report
"""

from __future__ import annotations

import math
import sys

from tflint.probe.checks import ProbeReport, evaluate
from tflint.probe.config import ProbeConfig
from tflint.probe.sandbox import ChildOutcome

HEALTHY = "train_healthy.py"
TROUBLED = "models/train_deep_tanh.py"


def site(script: str, line: int) -> list:
    return [script, line, 0, line, 20]


def layer(script: str, name: str, line: int, grad: float, update: float, **kw) -> dict:
    base = {"name": name, "type": "Dense", "site": site(script, line), "grad_norm": grad, "grad_mean_abs": grad / 30,
            "grad_finite": True, "grad_missing": False, "params": 4096, "called": True, "update_ratio": update,
            "update_ratio_max": update * 3}
    base.update(kw)
    return base


def judged(script: str, result: dict, cfg: ProbeConfig | None = None) -> ProbeReport:
    """``result`` as the child would send it, judged by ``evaluate`` like a real run."""
    events = [{"event": "start"}, {"event": "training", "site": site(script, 40)},
              {"event": "result", "import_seconds": 3.1, **result}]
    return evaluate(ChildOutcome(events=events, wall=4.2), script, cfg or ProbeConfig(), 60, 4 << 30)


def _result(script: str, layers: list[dict], losses: list, **kw) -> dict:
    r = {
        "kind": "fit", "device": "CPU", "fit_site": site(script, 40), "optimizer_site": site(script, 36),
        "optimizer": "Adam", "learning_rate": 1e-3, "loss_name": "sparse_categorical_crossentropy",
        "output_units": 10, "initial_loss": math.log(10), "metrics": ["accuracy"], "batch_size": 32, "inputs": [],
        "labels": None, "call_order": [l["type"] for l in layers], "layers": layers, "overfit": {"losses": losses},
        "memory": {"step_peak_bytes": 10 << 20, "capacity_bytes": 8 << 30, "in_memory_bytes": 1 << 20},
    }
    r.update(kw)
    return r


def healthy() -> ProbeReport:
    """A small MLP that learns: every number in its healthy range, no findings."""
    s = HEALTHY
    layers = [
        layer(s, "dense", 12, 0.42, 1.2e-3, activation="relu", dead_fraction=0.08, units=128),
        layer(s, "dense_1", 13, 0.61, 9e-4, activation="relu", dead_fraction=0.12, units=64),
        layer(s, "dense_2", 14, 0.55, 1.1e-3, activation="softmax"),
    ]
    losses = [math.log(10) * (0.55 + 0.45 * math.exp(-i / 12)) for i in range(61)]
    return judged(s, _result(s, layers, losses))


def troubled() -> ProbeReport:
    """A deep tanh network with a learning rate of 2.0: exploding and vanishing gradients, too large updates,
    a saturated layer, a loss that diverges to NaN; twelve layers, one with a very long name."""
    s = TROUBLED
    layers = [layer(s, "input_projection", 10, 180.0, 0.8, activation="tanh", saturated_fraction=0.92)]
    for i in range(1, 10):
        grad = 3e-9 if i == 6 else 2.0 / i
        layers.append(layer(s, f"block_{i}_dense", 10 + i, grad, 4e-2 if i != 6 else 0.0, activation="tanh",
                            saturated_fraction=0.2, **({"grad_mean_abs": 1e-10} if i == 6 else {})))
    layers.insert(5, layer(s, "encoder_block_5_dense_projection_with_a_very_long_name_indeed", 30, 0.9, 0.3,
                           activation="tanh", saturated_fraction=0.3))
    layers.append(layer(s, "logits", 32, 0.4, 0.15, activation="softmax"))
    losses = [2.3, 2.1, 2.6] + [2.6 * 40.0 ** k for k in range(1, 22)] + ["nan", "nan"]  # up to 1e34, as SGD(50) does
    return judged(s, _result(s, layers, losses, optimizer="SGD", learning_rate=2.0))


def main(argv: list[str]) -> int:
    from tflint.probe.report import write_html

    if len(argv) != 1:
        print("usage: sample_reports.py OUT.html", file=sys.stderr)
        return 2
    write_html([healthy(), troubled()], argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
