"""What ``tflint.keras.Monitor`` costs per epoch on a small model (target: at most 2%).

Trains the same small MLP with no callback, with ``Monitor()``, with
``Monitor(check_every_n_steps=N)`` and, for reference, with Keras'
``TerminateOnNaN()`` (a per-batch callback too), interleaved round by round so that load
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
            self.times: list[tuple[float, float]] = []  # (wall, CPU of the whole process)

        def on_epoch_begin(self, epoch, logs=None):
            self.start = (time.perf_counter(), time.process_time())

        def on_epoch_end(self, epoch, logs=None):
            self.times.append((time.perf_counter() - self.start[0], time.process_time() - self.start[1]))

    record_dir = tempfile.mkdtemp(prefix="tflint-overhead-")
    inside: dict[str, float] = {"s": 0.0, "epochs": 0}

    class TimedMonitor(tflint.keras.Monitor):
        """Monitor with a stopwatch on its epoch hook: its own cost, apart from the machine's noise."""

        def on_epoch_end(self, epoch, logs=None):
            start = time.perf_counter()
            super().on_epoch_end(epoch, logs)
            inside["s"] += time.perf_counter() - start
            inside["epochs"] += 1

    sides = {
        "no callback": lambda: [],
        "Monitor()": lambda: [TimedMonitor(path=os.path.join(record_dir, "a.json"), report=lambda s: None)],
        f"Monitor(check_every_n_steps={args.steps})": lambda: [
            tflint.keras.Monitor(path=os.path.join(record_dir, "b.json"), check_every_n_steps=args.steps, report=lambda s: None)
        ],
        # for reference: Keras' own per-batch NaN check costs what any batch-level callback costs
        "keras TerminateOnNaN()": lambda: [keras.callbacks.TerminateOnNaN()],
    }
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
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
    base = statistics.median(w for w, _ in times["no callback"])
    base_cpu = statistics.median(c for _, c in times["no callback"])
    steps = args.samples // 64 + (args.samples % 64 > 0)
    print(f"small MLP, {args.samples} samples, {steps} steps/epoch, {args.rounds} rounds x {args.epochs - 1} timed epochs")
    print("  (CPU time is the process's, all threads: steadier than wall time on a shared machine)")
    for name, values in times.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        print(f"  {name:34} median epoch wall {wall * 1000:7.1f} ms ({100 * (wall / base - 1):+5.1f}%)   "
              f"CPU {cpu * 1000:7.1f} ms ({100 * (cpu / base_cpu - 1):+5.1f}%)")
    own = inside["s"] / max(inside["epochs"], 1)
    print(f"  Monitor's own time in on_epoch_end (analysis + record write): {own * 1000:.2f} ms per epoch "
          f"= {100 * own / base:.2f}% of the median epoch without a callback")
    return 0


if __name__ == "__main__":
    sys.exit(main())
