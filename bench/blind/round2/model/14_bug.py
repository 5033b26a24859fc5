"""Credit default model: tabular MLP trained on the loan book export."""
from dataclasses import dataclass

import numpy as np
import pandas as pd
import keras
from keras import layers
from sklearn.model_selection import train_test_split


@dataclass
class TrainConfig:
    csv_path: str = "exports/loan_book_2023.csv"
    target: str = "defaulted_within_12m"
    hidden: tuple = (128, 64, 32)
    dropout: float = 0.2
    lr: float = 1e-3
    batch_size: int = 512
    epochs: int = 30
    seed: int = 2024


NUMERIC = [
    "annual_income_usd",
    "loan_amount_usd",
    "age_years",
    "num_open_accounts",
    "credit_utilization",
    "months_since_last_delinquency",
    "debt_to_income",
]
CATEGORICAL = ["home_ownership", "loan_purpose"]


def load_frame(cfg):
    df = pd.read_csv(cfg.csv_path)
    df["months_since_last_delinquency"] = df["months_since_last_delinquency"].fillna(999)
    df = pd.get_dummies(df, columns=CATEGORICAL, dtype="float32")
    return df


def build_model(cfg, n_features):
    inputs = keras.Input(shape=(n_features,), name="features")
    x = inputs
    for units in cfg.hidden:
        x = layers.Dense(units, activation="relu")(x)
        x = layers.Dropout(cfg.dropout)(x)
    outputs = layers.Dense(1, activation="sigmoid", name="p_default")(x)
    model = keras.Model(inputs, outputs)
    model.compile(
        optimizer=keras.optimizers.Adam(cfg.lr),
        loss="binary_crossentropy",
        metrics=[keras.metrics.AUC(name="auc"), keras.metrics.Precision(name="precision")],
    )
    return model


def main(cfg=TrainConfig()):
    df = load_frame(cfg)
    prefixes = tuple(f"{c}_" for c in CATEGORICAL)
    feature_cols = NUMERIC + [c for c in df.columns if c.startswith(prefixes)]
    train_df, val_df = train_test_split(
        df, test_size=0.2, stratify=df[cfg.target], random_state=cfg.seed
    )
    X_train = train_df[feature_cols].to_numpy("float32")
    X_val = val_df[feature_cols].to_numpy("float32")
    y_train = train_df[cfg.target].to_numpy("float32")
    y_val = val_df[cfg.target].to_numpy("float32")

    pos_rate = float(y_train.mean())
    class_weight = {0: 1.0, 1: (1.0 - pos_rate) / pos_rate}
    model = build_model(cfg, len(feature_cols))
    model.fit(
        X_train,
        y_train,
        validation_data=(X_val, y_val),
        batch_size=cfg.batch_size,
        epochs=cfg.epochs,
        class_weight=class_weight,
        callbacks=[
            keras.callbacks.EarlyStopping(
                monitor="val_auc", mode="max", patience=5, restore_best_weights=True
            )
        ],
        verbose=2,
    )
    print("val AUC:", model.evaluate(X_val, y_val, verbose=0, return_dict=True)["auc"])
    model.save("credit_default_mlp.keras")


if __name__ == "__main__":
    main()
