"""Well-known correct setups stay silent under every TFL4xx/TFL5xx rule."""

from __future__ import annotations

import pytest

from tests.conftest import codes

SETUPS = {
    "logits-sparse": """
        import tensorflow as tf
        (x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
        x_train, x_test = x_train / 255.0, x_test / 255.0
        model = tf.keras.models.Sequential([
            tf.keras.layers.Flatten(input_shape=(28, 28)),
            tf.keras.layers.Dense(128, activation="relu"),
            tf.keras.layers.Dropout(0.2),
            tf.keras.layers.Dense(10),
        ])
        loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        model.compile(optimizer="adam", loss=loss_fn, metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
        probability_model = tf.keras.Sequential([model, tf.keras.layers.Softmax()])
    """,
    "logit-binary": """
        from tensorflow import keras
        (x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
        inputs = keras.Input(shape=(None,), dtype="int64")
        x = keras.layers.Embedding(10000, 16)(inputs)
        x = keras.layers.GlobalAveragePooling1D()(x)
        x = keras.layers.Dense(16, activation="relu")(x)
        outputs = keras.layers.Dense(1)(x)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True),
                      metrics=[keras.metrics.BinaryAccuracy(threshold=0.0)])
        model.fit(x_train, y_train, epochs=10, validation_split=0.2)
    """,
    "sigmoid-binary": """
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.preprocessing import StandardScaler
        from tensorflow.keras import layers, models
        df = pd.read_csv("diabetes.csv")
        X = df.drop(columns=["Outcome"]).values
        y = df["Outcome"].values
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
        scaler = StandardScaler().fit(X_train)
        X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
        model = models.Sequential()
        model.add(layers.Dense(16, activation="relu", input_shape=(X_train.shape[1],)))
        model.add(layers.Dense(1, "sigmoid"))
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        model.fit(X_train, y_train, epochs=50, validation_data=(X_test, y_test))
    """,
    "softmax-onehot": """
        import keras
        from keras.utils import to_categorical
        (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
        y_train, y_test = to_categorical(y_train, 10), to_categorical(y_test, 10)
        model = keras.Sequential([
            keras.Input(shape=(32, 32, 3)),
            keras.layers.Rescaling(1.0 / 255),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=10, validation_data=(x_test, y_test))
    """,
    "softmax-onehot-single-target": """
        import keras
        from keras.utils import to_categorical
        (x_train, y_train), _ = keras.datasets.cifar10.load_data()
        y_train = to_categorical(y_train, 10)
        model = keras.Sequential([keras.layers.Rescaling(1.0 / 255), keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=10, validation_split=0.1)
    """,
}


@pytest.mark.parametrize("source", SETUPS.values(), ids=SETUPS.keys())
def test_correct_setup_is_silent(source):
    assert codes(source, select=("TFL4", "TFL5", "TFL001", "TFL002")) == []


def test_parallel_assignment_is_followed_element_by_element():
    broken = SETUPS["softmax-onehot"].replace('loss="categorical_crossentropy"', 'loss="sparse_categorical_crossentropy"')
    assert codes(broken, select=("TFL4", "TFL5")) == ["TFL404"]


def test_the_canary_works():
    """A one-word change to a silent setup is reported, so silence above means something."""
    broken = SETUPS["softmax-onehot-single-target"].replace('loss="categorical_crossentropy"', 'loss="sparse_categorical_crossentropy"')
    assert codes(broken, select=("TFL4", "TFL5")) == ["TFL404"]
