"""TFL406 (accuracy on regression), TFL407 (linear hidden stack), TFL408 (unsafe log),
TFL409 (deep saturating stack)."""

from __future__ import annotations

import pytest

from tflint.config import Config
from tests.conftest import codes


def only(code: str, source: str, **kwargs) -> list[str]:
    found = codes(source, select=(code, "TFL001"), **kwargs)
    assert "TFL001" not in found, "the test source does not parse"
    return [c for c in found if c == code]


ACCURACY_BAD = {
    "mse-string": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    """,
    "huber-class-acc": """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss=tf.keras.losses.Huber(), metrics=["mae", "acc"])
    """,
    "mae-function-accuracy-class": """
        import keras
        inputs = keras.Input(shape=(13,))
        x = keras.layers.Dense(32, activation="relu")(inputs)
        price = keras.layers.Dense(1)(x)
        model = keras.Model(inputs, price)
        model.compile(optimizer="adam", loss=keras.losses.mean_absolute_error, metrics=[keras.metrics.Accuracy()])
    """,
    "boston-housing": """
        from tensorflow import keras
        (x_train, y_train), _ = keras.datasets.boston_housing.load_data()
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="rmsprop", loss="mean_squared_error", metrics=["accuracy"])
        model.fit(x_train, y_train, epochs=10, validation_split=0.2)
    """,
}

ACCURACY_GOOD = {
    "mse-mae": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=["mae"])
    """,
    "sigmoid-mse-classifier": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    """,
    "crossentropy-accuracy": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    """,
    "mse-on-onehot-labels": """
        import numpy as np
        from tensorflow import keras
        y = keras.utils.to_categorical(np.load("y.npy"), 3)
        model = keras.Sequential([keras.layers.Dense(3)])
        model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
        model.fit(np.load("x.npy"), y, epochs=3, validation_split=0.1)
    """,
    "unknown-model": """
        from tensorflow import keras
        from zoo import make_regressor
        model = make_regressor()
        model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
    """,
}


@pytest.mark.parametrize("source", ACCURACY_BAD.values(), ids=ACCURACY_BAD.keys())
def test_tfl406_reports(source):
    assert only("TFL406", source) == ["TFL406"]


@pytest.mark.parametrize("source", ACCURACY_GOOD.values(), ids=ACCURACY_GOOD.keys())
def test_tfl406_silent(source):
    assert only("TFL406", source) == []


LINEAR_BAD = {
    "sequential": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(128, input_shape=(20,)), keras.layers.Dense(64), keras.layers.Dense(1, activation="sigmoid")])
    """,
    "add-with-dropout-between": """
        from keras.models import Sequential
        from keras.layers import Dense, Dropout
        model = Sequential()
        model.add(Dense(256, input_dim=100))
        model.add(Dropout(0.5))
        model.add(Dense(128, activation=None))
        model.add(Dense(10, activation="softmax"))
    """,
    "functional": """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(8,))
        x = tf.keras.layers.Dense(64)(inputs)
        x = tf.keras.layers.Dense(64, activation="linear")(x)
        outputs = tf.keras.layers.Dense(1)(x)
        model = tf.keras.Model(inputs, outputs)
    """,
}

LINEAR_GOOD = {
    "relu": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(128, activation="relu"), keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
    """,
    "activation-layer-between": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(128), keras.layers.LeakyReLU(), keras.layers.Dense(64), keras.layers.ReLU(), keras.layers.Dense(1)])
    """,
    "narrow-linear-bottleneck-then-output": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(2), keras.layers.Dense(10)])
    """,
    "batchnorm-between": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(128), keras.layers.BatchNormalization(), keras.layers.Activation("relu"), keras.layers.Dense(64), keras.layers.BatchNormalization(), keras.layers.Activation("relu"), keras.layers.Dense(1)])
    """,
}


@pytest.mark.parametrize("source", LINEAR_BAD.values(), ids=LINEAR_BAD.keys())
def test_tfl407_reports(source):
    assert only("TFL407", source) == ["TFL407"]


@pytest.mark.parametrize("source", LINEAR_GOOD.values(), ids=LINEAR_GOOD.keys())
def test_tfl407_silent(source):
    assert only("TFL407", source) == []


LOG_BAD = {
    "custom-loss-y-pred": """
        import tensorflow as tf
        def loss(y_true, y_pred):
            return -tf.reduce_mean(y_true * tf.math.log(y_pred))
    """,
    "custom-loss-backend": """
        from tensorflow.keras import backend as K
        def focal(y_true, y_pred):
            return -K.sum(y_true * K.log(y_pred) + (1 - y_true) * K.log(1 - y_pred))
    """,
    "log-of-softmax": """
        import tensorflow as tf
        logits = tf.random.normal((4, 3))
        probs = tf.nn.softmax(logits)
        log_probs = tf.math.log(probs)
    """,
    "numpy-of-predictions": """
        import numpy as np
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        nll = -np.log(model.predict(np.load("x.npy")))
    """,
    "model-called-directly": """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        log_p = tf.math.log(model(tf.ones((2, 3))))
    """,
    "keras-ops-sigmoid": """
        import keras
        def bce(y_true, y_pred):
            p = keras.ops.sigmoid(y_pred)
            return -keras.ops.mean(y_true * keras.ops.log(p))
    """,
}

LOG_GOOD = {
    "epsilon": """
        import tensorflow as tf
        def loss(y_true, y_pred):
            return -tf.reduce_mean(y_true * tf.math.log(y_pred + 1e-7))
    """,
    "clipped": """
        import tensorflow as tf
        def loss(y_true, y_pred):
            y_pred = tf.clip_by_value(y_pred, 1e-7, 1 - 1e-7)
            return -tf.reduce_mean(y_true * tf.math.log(y_pred))
    """,
    "not-a-probability": """
        import numpy as np
        import tensorflow as tf
        prices = np.load("prices.npy")
        log_prices = np.log(prices)
        scale = tf.math.log(tf.constant(10.0))
    """,
    "linear-model-predictions": """
        import numpy as np
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        out = np.log(model.predict(np.load("x.npy")))
    """,
    "log-softmax": """
        import tensorflow as tf
        log_probs = tf.nn.log_softmax(tf.random.normal((4, 3)))
    """,
}


@pytest.mark.parametrize("source", LOG_BAD.values(), ids=LOG_BAD.keys())
def test_tfl408_reports(source):
    assert "TFL408" in only("TFL408", source)


def test_tfl408_counts_both_logs_in_handwritten_bce():
    assert only("TFL408", LOG_BAD["custom-loss-backend"]) == ["TFL408", "TFL408"]


@pytest.mark.parametrize("source", LOG_GOOD.values(), ids=LOG_GOOD.keys())
def test_tfl408_silent(source):
    assert only("TFL408", source) == []


DEEP = """
    from tensorflow import keras
    model = keras.Sequential()
    model.add(keras.layers.Dense(64, activation="{a}", input_shape=(30,)))
    model.add(keras.layers.Dense(64, activation="{a}"))
    model.add(keras.layers.Dense(64, activation="{a}"))
    model.add(keras.layers.Dense(64, activation="{a}"))
    {extra}model.add(keras.layers.Dense(64, activation="{a}"))
    model.add(keras.layers.Dense(1, activation="sigmoid"))
"""


def test_tfl409_reports_five_sigmoid_layers():
    assert only("TFL409", DEEP.format(a="sigmoid", extra="")) == ["TFL409"]
    assert only("TFL409", DEEP.format(a="tanh", extra="")) == ["TFL409"]


def test_tfl409_functional():
    source = """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(30,))
        x = tf.keras.layers.Dense(64, activation="tanh")(inputs)
        x = tf.keras.layers.Dense(64, activation="tanh")(x)
        x = tf.keras.layers.Dense(64, activation=tf.nn.sigmoid)(x)
        x = tf.keras.layers.Dense(64, activation="tanh")(x)
        x = tf.keras.layers.Dense(64, activation="tanh")(x)
        outputs = tf.keras.layers.Dense(1)(x)
        model = tf.keras.Model(inputs, outputs)
    """
    assert only("TFL409", source) == ["TFL409"]


def test_tfl409_silent_with_relu_normalisation_or_fewer_layers():
    assert only("TFL409", DEEP.format(a="relu", extra="")) == []
    assert only("TFL409", DEEP.format(a="sigmoid", extra="model.add(keras.layers.BatchNormalization())\n    ")) == []
    four = DEEP.format(a="sigmoid", extra="#")
    assert only("TFL409", four) == []


def test_tfl409_threshold_is_configurable():
    config = Config(select=("TFL409",))
    config.thresholds["min-saturating-layers"] = 6
    assert only("TFL409", DEEP.format(a="sigmoid", extra=""), config=config) == []
    config.thresholds["min-saturating-layers"] = 3
    assert only("TFL409", DEEP.format(a="sigmoid", extra="#"), config=config) == ["TFL409"]


def test_tfl406_explicit_binary_accuracy_on_one_unit_is_deliberate():
    src = """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="rmsprop", loss=keras.losses.MeanSquaredError(), metrics=[{metric}])
        model.fit(inputs, targets, epochs=5, batch_size=128)
    """
    assert "TFL406" not in codes(src.format(metric="keras.metrics.BinaryAccuracy()"))
    assert "TFL406" not in codes(src.format(metric='"binary_accuracy"'))
    assert "TFL406" in codes(src.format(metric='"accuracy"'))


def test_accuracy_with_mse_on_hand_made_zero_one_labels_is_a_classifier_on_purpose():
    open_source = """
        import numpy as np
        import keras

        n = 1000
        inputs = np.random.normal(size=(2 * n, 2)).astype("float32")
        targets = np.vstack((np.zeros((n, 1), dtype="float32"), np.ones((n, 1), dtype="float32")))
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="rmsprop", loss="mean_squared_error", metrics=["accuracy"])
        model.fit(inputs, targets, epochs=5, batch_size=128)
        """
    assert "TFL406" not in codes(open_source)
    continuous = open_source.replace(
        'np.vstack((np.zeros((n, 1), dtype="float32"), np.ones((n, 1), dtype="float32")))',
        "np.random.normal(size=(2 * n, 1))",
    )
    assert "TFL406" in codes(continuous)


def test_a_compile_shown_and_replaced_before_any_training_is_not_judged_on_its_metrics():
    shown = """
        import numpy as np
        import keras

        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="rmsprop", loss="mean_squared_error", metrics=["accuracy"])
        model.compile(optimizer="rmsprop", loss="mean_squared_error", metrics=["mae"])
        model.fit(np.load("x.npy"), np.load("y.npy"), epochs=5)
        """
    assert "TFL406" not in codes(shown)
    trained = shown.replace('metrics=["mae"]', 'metrics=["accuracy"]')
    assert "TFL406" in codes(trained)
