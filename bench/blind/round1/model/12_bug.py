from dataclasses import dataclass, field

import keras
from keras import layers
from sklearn.datasets import fetch_california_housing
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


@dataclass
class TrainConfig:
    hidden_units: list = field(default_factory=lambda: [64, 64, 32])
    dropout: float = 0.1
    learning_rate: float = 1e-3
    batch_size: int = 64
    epochs: int = 100
    loss: str = "mse"
    metrics: list = field(default_factory=lambda: ["accuracy"])
    seed: int = 42


def get_data(cfg):
    data = fetch_california_housing()
    X_train, X_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.2, random_state=cfg.seed)
    scaler = StandardScaler()
    X_train = scaler.fit_transform(X_train)
    X_test = scaler.transform(X_test)
    return X_train, X_test, y_train, y_test


def build_model(cfg, n_features):
    inputs = keras.Input(shape=(n_features,))
    x = inputs
    for units in cfg.hidden_units:
        x = layers.Dense(units, activation="relu")(x)
        x = layers.Dropout(cfg.dropout)(x)
    outputs = layers.Dense(1)(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=cfg.learning_rate),
                  loss=cfg.loss, metrics=cfg.metrics)
    return model


def main():
    cfg = TrainConfig()
    keras.utils.set_random_seed(cfg.seed)
    X_train, X_test, y_train, y_test = get_data(cfg)
    model = build_model(cfg, X_train.shape[1])
    model.fit(X_train, y_train, validation_split=0.1, batch_size=cfg.batch_size,
              epochs=cfg.epochs, verbose=2,
              callbacks=[keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)])
    results = model.evaluate(X_test, y_test, return_dict=True)
    print(results)
    print("sample predictions:", model.predict(X_test[:5]).ravel(), y_test[:5])


if __name__ == "__main__":
    main()
