import numpy as np
import pandas as pd
import tensorflow as tf
from tensorflow.keras import layers
from sklearn.model_selection import train_test_split

FEATURES = ["LotArea", "GrLivArea", "TotalBsmtSF", "YearBuilt", "OverallQual",
            "GarageCars", "FullBath", "BedroomAbvGr", "LotFrontage", "MasVnrArea"]
TARGET = "SalePrice"


def load(path):
    df = pd.read_csv(path)
    df = df[FEATURES + [TARGET]].copy()
    df["LotFrontage"] = df["LotFrontage"].fillna(df["LotFrontage"].median())
    df["MasVnrArea"] = df["MasVnrArea"].fillna(0)
    X = df[FEATURES].values.astype("float32")
    y = np.log1p(df[TARGET].values).astype("float32")
    return X, y


def build_model(train_x):
    norm = layers.Normalization()
    norm.adapt(train_x)
    model = tf.keras.Sequential([
        layers.Input(shape=(train_x.shape[1],)),
        norm,
        layers.Dense(128, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(32, activation="relu"),
        layers.Dense(1),
    ])
    model.compile(optimizer=tf.keras.optimizers.Adam(1e-3), loss="mse",
                  metrics=[tf.keras.metrics.RootMeanSquaredError()])
    return model


def main():
    X, y = load("train.csv")
    X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=7)
    model = build_model(X_train)
    model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=200, batch_size=32,
              callbacks=[tf.keras.callbacks.EarlyStopping(patience=20, restore_best_weights=True)])

    test = pd.read_csv("test.csv")
    test["LotFrontage"] = test["LotFrontage"].fillna(test["LotFrontage"].median())
    test = test.fillna(0)
    preds = np.expm1(model.predict(test[FEATURES].values.astype("float32")).ravel())
    pd.DataFrame({"Id": test["Id"], "SalePrice": preds}).to_csv("submission.csv", index=False)


if __name__ == "__main__":
    main()
