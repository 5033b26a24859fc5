"""What ``tflint.keras.Monitor`` costs per epoch on a small model (target: at most 2%).

Trains the same small MLP with no callback, with ``Monitor()`` and with
``Monitor(check_every_n_steps=N)``, interleaved round by round so that load
from other processes lands on every side alike, and prints the median epoch
time of each and the overhead against no callback.

    .venv/bin/python bench/diagnose_overhead.py [--rounds 5] [--epochs 6] [--samples 20000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--samples", type=int, default=20000)
    p.add_argument("--steps", type=int, default=10, help="N of the check_every_n_steps side")
    args = p.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
    sys.path.insert(0, str(ROOT))
    import numpy as np

    import keras
    import tflint.keras

    rng = np.random.default_rng(0)
    x = rng.normal(size=(args.samples, 32)).astype("float32")
    y = (x[:, :4].sum(1) > 0).astype("float32")
    xv, yv = x[: args.samples // 5], y[: args.samples // 5]

    class EpochTimer(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.times: list[float] = []

        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.times.append(time.perf_counter() - self.start)

    record_dir = tempfile.mkdtemp(prefix="tflint-overhead-")
    sides = {
        "no callback": lambda: [],
        "Monitor()": lambda: [tflint.keras.Monitor(path=os.path.join(record_dir, "a.json"), report=lambda s: None)],
        f"Monitor(check_every_n_steps={args.steps})": lambda: [
            tflint.keras.Monitor(path=os.path.join(record_dir, "b.json"), check_every_n_steps=args.steps, report=lambda s: None)
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in sides}
    for r in range(args.rounds):
        order = list(sides)[r % len(sides):] + list(sides)[: r % len(sides)]
        for name in order:
            keras.utils.set_random_seed(r)
            model = keras.Sequential([keras.Input((32,)), keras.layers.Dense(64, activation="relu"),
                                      keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
            model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
            timer = EpochTimer()
            model.fit(x, y, validation_data=(xv, yv), epochs=args.epochs, batch_size=64, verbose=0,
                      callbacks=[timer, *sides[name]()])
            times[name].extend(timer.times[1:])  # the first epoch includes tracing
    base = statistics.median(times["no callback"])
    steps = args.samples // 64 + (args.samples % 64 > 0)
    print(f"small MLP, {args.samples} samples, {steps} steps/epoch, {args.rounds} rounds x {args.epochs - 1} timed epochs")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"  {name:34} median epoch {median * 1000:7.1f} ms   overhead {100 * (median / base - 1):+5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
