from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow import keras
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.metrics import roc_auc_score, recall_score, precision_score


@dataclass
class Cfg:
    csv: str = "data/predictive_maintenance.csv"
    target: str = "failure"
    features: list = field(
        default_factory=lambda: ["air_temp", "process_temp", "rpm", "torque", "tool_wear"]
    )
    upsample_factor: int = 15
    test_frac: float = 0.2
    epochs: int = 40
    batch: int = 256
    lr: float = 2e-3
    seed: int = 5


cfg = Cfg()
tf.keras.utils.set_random_seed(cfg.seed)

raw = pd.read_csv(cfg.csv)
raw["power"] = raw["torque"] * raw["rpm"] * 2 * np.pi / 60
raw["temp_delta"] = raw["process_temp"] - raw["air_temp"]
cols = cfg.features + ["power", "temp_delta"]
print(raw[cfg.target].value_counts())

fit_df, hold_df = train_test_split(
    raw, test_size=cfg.test_frac, random_state=cfg.seed, stratify=raw[cfg.target]
)

pos = fit_df[fit_df[cfg.target] == 1]
fit_df = pd.concat([fit_df] + [pos] * (cfg.upsample_factor - 1), ignore_index=True)
fit_df = fit_df.sample(frac=1.0, random_state=cfg.seed)

scaler = StandardScaler().fit(fit_df[cols])
x_fit = scaler.transform(fit_df[cols]).astype("float32")
x_hold = scaler.transform(hold_df[cols]).astype("float32")
y_fit = fit_df[cfg.target].to_numpy()
y_hold = hold_df[cfg.target].to_numpy()

inp = keras.Input(shape=(len(cols),), name="sensors")
h = keras.layers.Dense(64, activation="relu")(inp)
h = keras.layers.BatchNormalization()(h)
h = keras.layers.Dense(32, activation="relu")(h)
h = keras.layers.Dropout(0.2)(h)
out = keras.layers.Dense(1, activation="sigmoid", name="p_fail")(h)
net = keras.Model(inp, out)
net.compile(
    optimizer=keras.optimizers.Adam(cfg.lr),
    loss="binary_crossentropy",
    metrics=[keras.metrics.AUC(name="auc")],
)
net.fit(x_fit, y_fit, epochs=cfg.epochs, batch_size=cfg.batch, verbose=2)

p_hold = net.predict(x_hold, batch_size=1024).ravel()
print(f"holdout AUC:       {roc_auc_score(y_hold, p_hold):.4f}")
print(f"holdout recall:    {recall_score(y_hold, p_hold > 0.5):.4f}")
print(f"holdout precision: {precision_score(y_hold, p_hold > 0.5):.4f}")
