"""Multi-task wine model: sensory quality (regression) + red/white (binary) from lab assays.

    python train_wine.py --data data/winequality_all.csv --config overrides.json
"""
import argparse
import copy
import json
import os

import numpy as np
import pandas as pd
import tensorflow as tf
import keras
from keras import layers

CONFIG = {
    "model": {"widths": [128, 64], "dropout": 0.1},
    "optim": {"name": "adam", "peak_lr": 3e-3, "warmup_epochs": 3},
    "train": {"batch_size": 64, "epochs": 60, "val_frac": 0.15, "seed": 13},
    "loss_weights": [1.0, 0.3],
}

FEATURES = [
    "fixed_acidity", "volatile_acidity", "citric_acid", "residual_sugar",
    "chlorides", "free_sulfur_dioxide", "total_sulfur_dioxide", "density",
    "pH", "sulphates", "alcohol",
]


class LinearWarmup(keras.callbacks.Callback):
    def __init__(self, peak_lr, warmup_epochs):
        super().__init__()
        self.peak_lr = peak_lr
        self.warmup_epochs = warmup_epochs

    def on_epoch_begin(self, epoch, logs=None):
        if epoch < self.warmup_epochs:
            lr = self.peak_lr * (epoch + 1) / self.warmup_epochs
            self.model.optimizer.learning_rate.assign(lr)


def build_model(cfg, norm):
    inputs = keras.Input(shape=(len(FEATURES),), name="assays")
    x = norm(inputs)
    for width in cfg["model"]["widths"]:
        x = layers.Dense(width, activation="gelu")(x)
        x = layers.Dropout(cfg["model"]["dropout"])(x)
    quality = layers.Dense(1, name="quality")(x)
    is_red = layers.Dense(1, activation="sigmoid", name="is_red")(x)
    model = keras.Model(inputs, [quality, is_red], name="wine_multitask")
    opt_cfg = cfg["optim"]
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=opt_cfg["peak_lr"] / opt_cfg["warmup_epochs"]),
        loss=["mse", "binary_crossentropy"],
        loss_weights=cfg["loss_weights"],
        metrics=[["mae"], ["accuracy"]],
    )
    return model


def make_datasets(df, cfg):
    tcfg = cfg["train"]
    idx = np.random.default_rng(tcfg["seed"]).permutation(len(df))
    n_val = int(len(df) * tcfg["val_frac"])
    x = df[FEATURES].to_numpy("float32")
    y_quality = df["quality"].to_numpy("float32")
    y_red = (df["color"] == "red").to_numpy("float32")

    def to_ds(sel, shuffle):
        ds = tf.data.Dataset.from_tensor_slices((x[sel], (y_quality[sel], y_red[sel])))
        if shuffle:
            ds = ds.shuffle(len(sel), seed=tcfg["seed"])
        return ds.batch(tcfg["batch_size"]).prefetch(tf.data.AUTOTUNE)

    return x[idx[n_val:]], to_ds(idx[n_val:], True), to_ds(idx[:n_val], False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/winequality_all.csv")
    parser.add_argument("--config", default=None)
    parser.add_argument("--out", default="runs/wine")
    args = parser.parse_args()

    cfg = copy.deepcopy(CONFIG)
    if args.config:
        with open(args.config) as fh:
            for section, values in json.load(fh).items():
                cfg[section].update(values)

    df = pd.read_csv(args.data)
    x_train, train_ds, val_ds = make_datasets(df, cfg)
    norm = layers.Normalization()
    norm.adapt(x_train)

    model = build_model(cfg, norm)
    os.makedirs(args.out, exist_ok=True)
    model.fit(
        train_ds,
        validation_data=val_ds,
        epochs=cfg["train"]["epochs"],
        callbacks=[
            LinearWarmup(cfg["optim"]["peak_lr"], cfg["optim"]["warmup_epochs"]),
            keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True),
            keras.callbacks.CSVLogger(os.path.join(args.out, "log.csv")),
        ],
    )
    model.save(os.path.join(args.out, "wine_multitask.keras"))


if __name__ == "__main__":
    main()
