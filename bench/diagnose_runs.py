"""Make the labelled set of real training runs that ``tflint diagnose`` is measured on.

Each scenario trains a small Keras model on CPU with fixed seeds on data made
here (numpy), and keeps its CSVLogger file in ``tests/data/runs/NAME.csv``;
``tests/data/runs/labels.json`` says what each run is (``healthy`` or the
problem it was built to have) and which rule codes count as finding it.
``tests/test_diagnose_bench.py`` then checks recall on the problems and that
no healthy run gets a finding above info; ``--score`` prints the same figures.

    .venv/bin/python bench/diagnose_runs.py            # train every run (about 5 min on 2 cores), then score
    .venv/bin/python bench/diagnose_runs.py --only overfit_tiny_data_big_model
    .venv/bin/python bench/diagnose_runs.py --score    # score the kept logs only

The logs are small (one row per epoch) and committed, so tests never train.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "runs"

#: what finding each kind of problem counts as (any one of the codes)
EXPECT = {
    "healthy": [],
    # a val_loss that turned up but gave back under 10% of its gain is reported at info level (TFL709)
    "overfitting": ["TFL701", "TFL709"],
    # a loss stuck high on a plateau is what a model too small for its task shows when no chance level is known
    "underfitting": ["TFL702", "TFL706"],
    "lr-too-high": ["TFL703", "TFL704", "TFL705"],
    "lr-too-low": ["TFL710", "TFL702", "TFL706"],
    "nan": ["TFL705"],
    "plateau": ["TFL706", "TFL702"],
    "minority-collapse": ["TFL707"],
    "never-improved": ["TFL708", "TFL701"],
}


# -- data ----------------------------------------------------------------------


def blobs(np, seed: int, n: int = 1200, classes: int = 3, features: int = 20, spread: float = 2.0):
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=spread, size=(classes, features))
    y = rng.integers(0, classes, size=n)
    x = centers[y] + rng.normal(size=(n, features))
    return x.astype("float32"), y.astype("int64")


def checkerboard(np, seed: int, n: int = 1200):
    """XOR of two signs: no linear model can do better than chance."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 2))
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype("float32")
    return x.astype("float32"), y


def regression(np, seed: int, n: int = 1200, features: int = 10, noise: float = 0.3, nonlinear: bool = False):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, features))
    w = rng.normal(size=features)
    y = x @ w
    if nonlinear:
        y = np.sin(2 * x[:, 0]) * 3 + x[:, 1] ** 2 * 2
    y = y + rng.normal(scale=noise, size=n)
    return x.astype("float32"), y.astype("float32")


def imbalanced(np, seed: int, n: int = 3000, positive: float = 0.03, signal: float = 0.3):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < positive).astype("float32")
    x = rng.normal(size=(n, 12)) + signal * y[:, None]
    return x.astype("float32"), y


def split(x, y, fraction: float = 0.25):
    cut = int(len(x) * (1 - fraction))
    return (x[:cut], y[:cut]), (x[cut:], y[cut:])


# -- models ---------------------------------------------------------------------


def naive_log_loss_run(np, keras, seed: int, *, hidden, out_activation: str, lr: float, epochs: int,
                       spread: float = 2.0, scale: float = 1):
    """A binary classifier trained with a hand-written log loss (no clipping): log(0) once outputs saturate."""
    x, y = blobs(np, seed, classes=2, spread=spread)
    y = y.astype("float32")
    (xt, yt), (xv, yv) = split(x, y)
    model = mlp(keras, x.shape[1], hidden, 1, out_activation=out_activation)

    def loss(y_true, y_pred):
        ops = keras.ops
        y_true = ops.reshape(y_true, ops.shape(y_pred))
        return -ops.mean(y_true * ops.log(y_pred) + (1 - y_true) * ops.log(1 - y_pred))

    model.compile(optimizer=keras.optimizers.Adam(lr), loss=loss)
    return model, dict(x=xt * scale, y=yt, validation_data=(xv * scale, yv), epochs=epochs, batch_size=32)


def mlp(keras, inputs: int, hidden: tuple[int, ...], out: int, activation: str = "relu", out_activation=None,
        dropout: float = 0.0, l2: float = 0.0):
    layers = [keras.Input((inputs,))]
    for units in hidden:
        reg = keras.regularizers.L2(l2) if l2 else None
        layers.append(keras.layers.Dense(units, activation=activation, kernel_regularizer=reg))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
    reg = keras.regularizers.L2(l2) if l2 else None
    layers.append(keras.layers.Dense(out, activation=out_activation, kernel_regularizer=reg))
    return keras.Sequential(layers)


# -- scenarios --------------------------------------------------------------------


def scenarios():
    """name -> (label, description, function(np, keras) -> (model, fit kwargs))."""
    S = {}

    def scenario(name, label, description):
        def register(fn):
            S[name] = (label, description, fn)
            return fn
        return register

    def classify(np, keras, seed, hidden=(64,), lr=1e-3, epochs=20, opt="adam", classes=3, n=1200, callbacks=(),
                 dropout=0.0, l2=0.0, batch=32, spread=2.0):
        x, y = blobs(np, seed, n=n, classes=classes, spread=spread)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, x.shape[1], hidden, classes, out_activation="softmax", dropout=dropout, l2=l2)
        optimizer = keras.optimizers.Adam(lr) if opt == "adam" else keras.optimizers.SGD(lr, momentum=0.9)
        model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=epochs, batch_size=batch, callbacks=list(callbacks))

    def regress(np, keras, seed, hidden=(32,), lr=1e-3, epochs=30, opt="adam", nonlinear=False, noise=0.3,
                callbacks=(), l2=0.0, n=1200):
        x, y = regression(np, seed, n=n, nonlinear=nonlinear, noise=noise)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, x.shape[1], hidden, 1, l2=l2)
        optimizer = keras.optimizers.Adam(lr) if opt == "adam" else keras.optimizers.SGD(lr)
        model.compile(optimizer=optimizer, loss="mse", metrics=["mae"])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=epochs, batch_size=32, callbacks=list(callbacks))

    # healthy runs of several kinds
    for seed in (1, 2):
        scenario(f"healthy_mlp_adam_s{seed}", "healthy", "3-class MLP, Adam 1e-3, 20 epochs")(
            lambda np, keras, seed=seed: classify(np, keras, seed))
    scenario("healthy_sgd_momentum", "healthy", "3-class MLP, SGD 0.01 momentum 0.9")(
        lambda np, keras: classify(np, keras, 3, lr=0.01, opt="sgd"))
    scenario("healthy_dropout_10_classes", "healthy", "10-class MLP with dropout")(
        lambda np, keras: classify(np, keras, 4, hidden=(128, 64), classes=10, dropout=0.2, epochs=25, spread=1.0))
    scenario("healthy_early_stopping", "healthy", "noisy 3-class problem stopped by EarlyStopping(restore_best_weights)")(
        lambda np, keras: classify(np, keras, 5, hidden=(256, 256), epochs=60, n=400, spread=0.6, callbacks=[
            keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)]))
    scenario("healthy_reduce_lr", "healthy", "3-class MLP with ReduceLROnPlateau (learning rate logged)")(
        lambda np, keras: classify(np, keras, 6, epochs=30, spread=1.0, callbacks=[
            keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2)]))
    for seed in (7, 8):
        scenario(f"healthy_regression_s{seed}", "healthy", "linear-ish regression, MLP, Adam")(
            lambda np, keras, seed=seed: regress(np, keras, seed))
    scenario("healthy_regression_nonlinear", "healthy", "nonlinear regression, wider MLP")(
        lambda np, keras: regress(np, keras, 9, hidden=(64, 64), nonlinear=True, epochs=40))
    scenario("healthy_large_batch", "healthy", "3-class MLP, batch 256, 40 epochs")(
        lambda np, keras: classify(np, keras, 10, batch=256, epochs=40, lr=3e-3, spread=1.0))

    @scenario("healthy_class_weight_recall", "healthy", "3% positives with class_weight and Recall logged")
    def _(np, keras):
        x, y = imbalanced(np, 11, signal=1.5)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, x.shape[1], (32,), 1, out_activation="sigmoid")
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                      metrics=["accuracy", keras.metrics.Recall(name="recall")])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=20, batch_size=64,
                           class_weight={0: 1.0, 1: 20.0})

    # overfitting: tiny or noisy data, a big model, no regularisation
    for seed, n in ((12, 120), (13, 200), (14, 160)):
        scenario(f"overfit_tiny_data_big_model_s{seed}", "overfitting", f"{n} samples of a noisy 3-class problem, 2x512 MLP, 60 epochs")(
            lambda np, keras, seed=seed, n=n: classify(np, keras, seed, hidden=(512, 512), epochs=60, n=n, spread=0.5))
    scenario("overfit_regression_small_data", "overfitting", "45 noisy regression samples, 2x256 MLP, 200 epochs")(
        lambda np, keras: regress(np, keras, 15, hidden=(256, 256), epochs=200, n=60, noise=1.0, lr=3e-3))
    scenario("overfit_10_classes_few_samples", "overfitting", "10 classes, 300 samples, 3x256 MLP")(
        lambda np, keras: classify(np, keras, 16, hidden=(256, 256, 256), classes=10, n=300, epochs=50, spread=0.6))

    # underfitting: a model that cannot fit, or is regularised flat
    @scenario("underfit_linear_on_xor", "underfitting", "logistic regression on an XOR pattern")
    def _(np, keras):
        x, y = checkerboard(np, 17)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, 2, (), 1, out_activation="sigmoid")
        model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy", metrics=["accuracy"])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=20, batch_size=32)

    scenario("underfit_heavy_l2", "underfitting", "3-class MLP with L2(10) on every layer, 40 epochs")(
        lambda np, keras: classify(np, keras, 18, l2=10.0, epochs=40))
    scenario("underfit_heavy_l2_10_classes", "underfitting", "10-class MLP with L2(5) on every layer, 40 epochs")(
        lambda np, keras: classify(np, keras, 19, l2=5.0, epochs=40, classes=10, spread=1.0))

    @scenario("underfit_one_unit_bottleneck", "underfitting", "XOR through a 1-unit hidden layer, 60 epochs")
    def _(np, keras):
        x, y = checkerboard(np, 20)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, 2, (1,), 1, out_activation="sigmoid")
        model.compile(optimizer=keras.optimizers.Adam(1e-2), loss="binary_crossentropy", metrics=["accuracy"])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=60, batch_size=32)

    # learning rate too high
    scenario("lr_high_adam_1", "lr-too-high", "noisy 3-class problem, MLP, Adam learning rate 1.0")(
        lambda np, keras: classify(np, keras, 21, hidden=(128, 128), lr=1.0, epochs=20, spread=0.5))
    scenario("lr_high_sgd_regression", "lr-too-high", "regression, plain SGD learning rate 0.2")(
        lambda np, keras: regress(np, keras, 22, hidden=(64, 64), lr=0.2, opt="sgd", epochs=20))
    scenario("lr_high_sgd_momentum", "lr-too-high", "3-class MLP, SGD momentum learning rate 3.0")(
        lambda np, keras: classify(np, keras, 23, hidden=(128,), lr=3.0, opt="sgd", epochs=20))
    scenario("lr_high_adam_noisy_10_classes", "lr-too-high", "noisy 10-class problem, MLP, Adam learning rate 0.3")(
        lambda np, keras: classify(np, keras, 24, hidden=(256, 256), lr=0.3, epochs=25, classes=10, spread=0.7))

    # learning rate too low
    scenario("lr_low_adam", "lr-too-low", "3-class MLP, Adam learning rate 1e-6")(
        lambda np, keras: classify(np, keras, 25, lr=1e-6, epochs=20))
    scenario("lr_low_sgd", "lr-too-low", "10-class MLP, plain SGD learning rate 1e-5")(
        lambda np, keras: classify(np, keras, 26, lr=1e-5, opt="sgd", epochs=20, classes=10, spread=1.0))

    # NaN from a log of zero
    @scenario("nan_log_of_zero", "nan", "hand-written cross-entropy log(p) on a ReLU output")
    def _(np, keras):
        return naive_log_loss_run(np, keras, 27, hidden=(32,), out_activation="relu", lr=1e-3, epochs=10)

    @scenario("nan_log_of_saturated_sigmoid", "nan", "log(1 - p) on a sigmoid that saturates to exactly 1 as training goes on")
    def _(np, keras):
        return naive_log_loss_run(np, keras, 28, spread=3.0, hidden=(64,), out_activation="sigmoid", lr=0.01, scale=3, epochs=30)

    # plateau: progress stops high and a constant learning rate never leaves it
    scenario("plateau_linear_on_nonlinear", "plateau", "a linear model on a nonlinear target")(
        lambda np, keras: regress(np, keras, 29, hidden=(), lr=1e-2, epochs=40, nonlinear=True, noise=0.1))

    @scenario("plateau_deep_sigmoid_sgd", "plateau", "8 sigmoid layers, SGD: vanishing gradients stall the loss")
    def _(np, keras):
        x, y = blobs(np, 30, classes=3)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, x.shape[1], (32,) * 8, 3, activation="sigmoid", out_activation="softmax")
        model.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=30, batch_size=32)

    # minority-class collapse: accuracy fine, recall of the rare class near zero
    for seed in (31, 32):
        @scenario(f"minority_collapse_s{seed}", "minority-collapse", "3% positives with weak signal, recall logged, no class weights")
        def _(np, keras, seed=seed):
            x, y = imbalanced(np, seed, signal=0.3)
            (xt, yt), (xv, yv) = split(x, y)
            model = mlp(keras, x.shape[1], (16,), 1, out_activation="sigmoid")
            model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                          metrics=["accuracy", keras.metrics.Recall(name="recall")])
            return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=15, batch_size=64)

    # never improved: the validation labels do not belong to the validation inputs
    @scenario("never_improved_misaligned_validation", "never-improved", "validation inputs shuffled without their labels")
    def _(np, keras):
        x, y = blobs(np, 33, classes=3)
        (xt, yt), (xv, yv) = split(x, y)
        xv = np.random.default_rng(33).permutation(xv)  # the bug: x_val shuffled, y_val not
        model = mlp(keras, x.shape[1], (64,), 3, out_activation="softmax")
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=20, batch_size=32)

    # held out: written after the thresholds were settled, new seeds and settings, never tuned on
    HELD_OUT.clear()

    def held_out(name, label, description):
        HELD_OUT.add(name)
        return scenario(name, label, description)

    held_out("heldout_healthy_mlp_s40", "healthy", "3-class MLP on overlapping classes, Adam 1e-3, 25 epochs")(
        lambda np, keras: classify(np, keras, 40, hidden=(64, 32), epochs=25, spread=1.0))
    held_out("heldout_healthy_regression_s41", "healthy", "regression, 2x64 MLP, 40 epochs")(
        lambda np, keras: regress(np, keras, 41, hidden=(64, 64), epochs=40))
    held_out("heldout_healthy_dropout_s42", "healthy", "10-class MLP, dropout 0.3, 30 epochs")(
        lambda np, keras: classify(np, keras, 42, hidden=(128,), classes=10, dropout=0.3, epochs=30, spread=0.9))

    @held_out("heldout_healthy_binary_metrics_s43", "healthy", "balanced binary problem with AUC, precision and recall logged")
    def _(np, keras):
        x, y = imbalanced(np, 43, positive=0.5, signal=0.6)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, x.shape[1], (32,), 1, out_activation="sigmoid")
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                      metrics=["accuracy", keras.metrics.AUC(name="auc"), keras.metrics.Precision(name="precision"),
                               keras.metrics.Recall(name="recall")])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=20, batch_size=64)

    held_out("heldout_overfit_s44", "overfitting", "150 samples of a noisy 3-class problem, 2x512 MLP, 50 epochs")(
        lambda np, keras: classify(np, keras, 44, hidden=(512, 512), epochs=50, n=150, spread=0.4))
    held_out("heldout_lr_high_sgd_s45", "lr-too-high", "3-class MLP, SGD momentum learning rate 1.0")(
        lambda np, keras: classify(np, keras, 45, hidden=(64,), lr=1.0, opt="sgd", epochs=20, spread=1.0))
    held_out("heldout_lr_low_regression_s46", "lr-too-low", "regression, Adam learning rate 3e-6, 25 epochs")(
        lambda np, keras: regress(np, keras, 46, hidden=(32,), lr=3e-6, epochs=25))

    @held_out("heldout_nan_later_s47", "nan", "hand-written log loss on a sigmoid that saturates after some epochs")
    def _(np, keras):  # (at 1e-3 it never saturated: no NaN)
        return naive_log_loss_run(np, keras, 47, spread=3.0, hidden=(64,), out_activation="sigmoid", lr=3e-3, epochs=30)

    @held_out("heldout_minority_s48", "minority-collapse", "5% positives, weak signal, recall logged, no class weights")
    def _(np, keras):
        x, y = imbalanced(np, 48, positive=0.05, signal=0.4)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, x.shape[1], (32,), 1, out_activation="sigmoid")
        model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                      metrics=["accuracy", keras.metrics.Recall(name="recall")])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=15, batch_size=64)

    @held_out("heldout_underfit_linear_xor_s49", "underfitting", "logistic regression on an XOR pattern, 30 epochs")
    def _(np, keras):
        x, y = checkerboard(np, 49)
        (xt, yt), (xv, yv) = split(x, y)
        model = mlp(keras, 2, (), 1, out_activation="sigmoid")
        model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="binary_crossentropy", metrics=["accuracy"])
        return model, dict(x=xt, y=yt, validation_data=(xv, yv), epochs=30, batch_size=32)

    return S


HELD_OUT: set[str] = set()


def train(name: str, spec) -> None:
    import numpy as np

    import keras

    label, description, make = spec
    keras.utils.set_random_seed(zlib.crc32(name.encode()))  # fixed per scenario, stable across Python runs
    model, kwargs = make(np, keras)
    path = OUT / f"{name}.csv"
    kwargs["callbacks"] = list(kwargs.get("callbacks", [])) + [keras.callbacks.CSVLogger(str(path))]
    model.fit(verbose=0, shuffle=True, **kwargs)


def score(verbose: bool = True) -> dict:
    """Recall on the problems and clean healthy runs, for every run and for the held-out ones alone."""
    sys.path.insert(0, str(ROOT))
    from tflint import rulebook
    from tflint.diagnose.analysis import diagnose
    from tflint.diagnose.readers import load

    labels = json.loads((OUT / "labels.json").read_text())
    figures: dict[str, dict[str, int]] = {}
    rows = []
    for name, meta in sorted(labels.items()):
        expect = EXPECT[meta["label"]]  # what counts is decided here, not when it was trained
        found = diagnose(load(OUT / f"{name}.csv"))
        codes = sorted({f.code for f in found})
        above_info = [f.code for f in found if str(rulebook.get(f.code).severity) != "info"]
        healthy = meta["label"] == "healthy"
        ok = not above_info if healthy else bool(set(codes) & set(expect))
        for split in ("all", meta.get("split", "tuning")):
            f = figures.setdefault(split, {"problems": 0, "hits": 0, "healthy": 0, "healthy_clean": 0})
            f["healthy" if healthy else "problems"] += 1
            f["healthy_clean" if healthy else "hits"] += ok
        rows.append((name, meta["label"], meta.get("split", "tuning"), codes, ok))
    if verbose:
        for name, label, split, codes, ok in rows:
            print(f"{'ok ' if ok else 'BAD'} {label:18} {split:8} {name:42} {' '.join(codes) or '-'}")
        for split in ("all", "tuning", "held-out"):
            f = figures.get(split)
            if f:
                print(f"{split:8}: recall on problems {f['hits']}/{f['problems']} = {f['hits'] / max(f['problems'], 1):.2f}; "
                      f"healthy runs with no finding above info {f['healthy_clean']}/{f['healthy']}")
    return figures


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--only", nargs="*", help="train only these scenarios")
    p.add_argument("--score", action="store_true", help="only score the kept logs")
    args = p.parse_args()
    if not args.score:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")
        import tensorflow as tf

        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
        OUT.mkdir(parents=True, exist_ok=True)
        specs = scenarios()
        chosen = args.only or list(specs)
        labels_path = OUT / "labels.json"
        labels = json.loads(labels_path.read_text()) if labels_path.exists() else {}
        for name in chosen:
            label, description, _ = specs[name]
            print(f"training {name} ({label})", flush=True)
            train(name, specs[name])
            labels[name] = {"label": label, "expect": EXPECT[label], "description": description,
                            "split": "held-out" if name in HELD_OUT else "tuning"}
        labels = {k: labels[k] for k in specs if k in labels}
        labels_path.write_text(json.dumps(labels, indent=1) + "\n")
    score()
    return 0


if __name__ == "__main__":
    sys.exit(main())
