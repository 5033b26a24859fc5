"""TFL401-TFL403: output layer activation against the loss, in many model styles."""

from __future__ import annotations

import pytest

from tests.conftest import codes


def only(code: str, source: str) -> list[str]:
    found = codes(source, select=(code, "TFL001"))
    assert "TFL001" not in found, "the test source does not parse"
    return [c for c in found if c == code]


# -- TFL401 single-unit softmax ------------------------------------------------------

SOFTMAX_1_BAD = {
    "sequential-list": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1, activation="softmax")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
    "add": """
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense
        model = Sequential()
        model.add(Dense(16, activation="relu", input_dim=8))
        model.add(Dense(1, activation='softmax'))
    """,
    "positional-activation": """
        import keras
        out = keras.layers.Dense(1, "softmax")
    """,
    "keras-activations-attribute": """
        import tensorflow as tf
        layer = tf.keras.layers.Dense(1, activation=tf.keras.activations.softmax)
    """,
    "tf-nn-softmax": """
        import tensorflow as tf
        layer = tf.keras.layers.Dense(units=1, activation=tf.nn.softmax)
    """,
    "constant-units": """
        import tf_keras as keras
        N_OUT = 1
        ACT = "softmax"
        layer = keras.layers.Dense(N_OUT, activation=ACT)
    """,
    "functional-activation-layer": """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(4,))
        x = tf.keras.layers.Dense(1)(inputs)
        x = tf.keras.layers.Dropout(0.2)(x)
        outputs = tf.keras.layers.Activation("softmax")(x)
        model = tf.keras.Model(inputs=inputs, outputs=outputs)
    """,
    "sequential-softmax-layer": """
        from keras import layers, models
        model = models.Sequential([layers.Dense(32, activation="relu"), layers.Dense(1), layers.Softmax()])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
    "subclassed": """
        import tensorflow as tf
        class Net(tf.keras.Model):
            def __init__(self):
                super().__init__()
                self.hidden = tf.keras.layers.Dense(32, activation="relu")
                self.out = tf.keras.layers.Dense(1, activation="softmax")
            def call(self, inputs):
                return self.out(self.hidden(inputs))
        model = Net()
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
    "conv-one-filter": """
        from tensorflow.keras import layers
        mask = layers.Conv2D(1, 1, activation="softmax")
    """,
}

SOFTMAX_1_GOOD = {
    "sigmoid": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
    """,
    "ten-softmax": """
        from tensorflow import keras
        layer = keras.layers.Dense(10, activation="softmax")
    """,
    "unknown-units": """
        from tensorflow import keras
        import sys
        n = int(sys.argv[1])
        layer = keras.layers.Dense(n, activation="softmax")
    """,
    "one-unit-then-dense": """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(4,))
        x = tf.keras.layers.Dense(1)(inputs)
        x = tf.keras.layers.Dense(3)(x)
        outputs = tf.keras.layers.Activation("softmax")(x)
        model = tf.keras.Model(inputs, outputs)
    """,
    "softmax-unrelated-name": """
        from tensorflow import keras
        from mylib import make_activation
        layer = keras.layers.Dense(1, activation=make_activation())
    """,
}


@pytest.mark.parametrize("source", SOFTMAX_1_BAD.values(), ids=SOFTMAX_1_BAD.keys())
def test_tfl401_reports(source):
    assert only("TFL401", source) == ["TFL401"]


@pytest.mark.parametrize("source", SOFTMAX_1_GOOD.values(), ids=SOFTMAX_1_GOOD.keys())
def test_tfl401_silent(source):
    assert only("TFL401", source) == []


# -- TFL402 activation / loss ------------------------------------------------------------

MISMATCH_BAD = {
    "softmax10-binary-string": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    """,
    "softmax-binary-class": """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(32,))
        x = tf.keras.layers.Dense(64, activation="relu")(inputs)
        outputs = tf.keras.layers.Dense(5, activation="softmax")(x)
        model = tf.keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss=tf.keras.losses.BinaryCrossentropy())
    """,
    "softmax-binary-function": """
        import keras
        model = keras.Sequential()
        model.add(keras.layers.Dense(64, activation="relu"))
        model.add(keras.layers.Dense(3, activation="softmax"))
        model.compile(optimizer="sgd", loss=keras.losses.binary_crossentropy)
    """,
    "one-sigmoid-categorical": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """,
    "one-sigmoid-sparse": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy())
    """,
    "sigmoids-sparse": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(4, activation="sigmoid")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    """,
    "sigmoids-categorical-onehot-labels": """
        import numpy as np
        from tensorflow import keras
        y = keras.utils.to_categorical(np.load("y.npy"), num_classes=4)
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(4, activation="sigmoid")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.load("x.npy"), y, epochs=3, validation_split=0.2)
    """,
    "sigmoids-categorical-unknown-labels": """
        import numpy as np
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(4, activation="sigmoid")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.load("x.npy"), np.load("y.npy"), epochs=3, validation_split=0.2)
    """,
    "factory-function": """
        import tensorflow as tf
        def build_model(n_classes):
            model = tf.keras.Sequential()
            model.add(tf.keras.layers.Dense(64, activation="relu"))
            model.add(tf.keras.layers.Dense(10, activation="softmax"))
            return model
        model = build_model(10)
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
}

MISMATCH_GOOD = {
    "softmax-categorical": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
    """,
    "sigmoid1-binary": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    """,
    "multilabel-sigmoid-binary": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(20, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
    "model-from-other-module": """
        from tensorflow import keras
        from mymodels import build
        model = build()
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
    "loss-from-unknown-variable": """
        from tensorflow import keras
        from config import LOSS
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss=LOSS)
    """,
    "softmax-two-binary": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
}


@pytest.mark.parametrize("source", MISMATCH_BAD.values(), ids=MISMATCH_BAD.keys())
def test_tfl402_reports(source):
    assert only("TFL402", source) == ["TFL402"]


@pytest.mark.parametrize("source", MISMATCH_GOOD.values(), ids=MISMATCH_GOOD.keys())
def test_tfl402_silent(source):
    assert only("TFL402", source) == []


# -- TFL403 from_logits ---------------------------------------------------------------------

LOGITS_BAD = {
    "softmax-from-logits-true": """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation="relu"), tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    """,
    "sigmoid-from-logits-true-positional": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(True))
    """,
    "linear-string-sparse": """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation="relu"), tf.keras.layers.Dense(10)])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """,
    "linear-class-default": """
        from keras import layers, losses, Sequential
        model = Sequential([layers.Dense(16, activation="relu"), layers.Dense(1)])
        model.compile(optimizer="adam", loss=losses.BinaryCrossentropy())
    """,
    "linear-functional-loss-variable": """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(8,))
        hidden = tf.keras.layers.Dense(16, activation="relu")(inputs)
        logits = tf.keras.layers.Dense(3, activation=None)(hidden)
        model = tf.keras.Model(inputs, logits)
        loss_fn = tf.keras.losses.CategoricalCrossentropy(from_logits=False)
        model.compile(optimizer="adam", loss=loss_fn)
    """,
    "softmax-subclassed-tf-nn": """
        import tensorflow as tf
        class Classifier(tf.keras.Model):
            def __init__(self):
                super().__init__()
                self.d1 = tf.keras.layers.Dense(64, activation="relu")
                self.d2 = tf.keras.layers.Dense(10)
            def call(self, x):
                x = self.d1(x)
                return tf.nn.softmax(self.d2(x))
        model = Classifier()
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    """,
}

LOGITS_GOOD = {
    "linear-sparse-from-logits": """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(128, activation="relu"), tf.keras.layers.Dense(10)])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    """,
    "linear-binary-from-logits": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
    """,
    "sigmoid-binary-string": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, "sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """,
    "softmax-categorical-onehot": """
        import numpy as np
        from tensorflow import keras
        y = keras.utils.to_categorical(np.load("y.npy"), 10)
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
        model.fit(np.load("x.npy"), y, epochs=2, validation_split=0.1)
    """,
    "linear-regression-mse": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
    """,
    "unknown-from-logits": """
        import sys
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=sys.argv[1] == "x"))
    """,
    "custom-final-layer": """
        from tensorflow import keras
        from mylayers import Temperature
        model = keras.Sequential([keras.layers.Dense(10), Temperature()])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """,
    "linear-then-activation-layer": """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(10), keras.layers.Activation("softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """,
}


@pytest.mark.parametrize("source", LOGITS_BAD.values(), ids=LOGITS_BAD.keys())
def test_tfl403_reports(source):
    assert only("TFL403", source) == ["TFL403"]


@pytest.mark.parametrize("source", LOGITS_GOOD.values(), ids=LOGITS_GOOD.keys())
def test_tfl403_silent(source):
    assert only("TFL403", source) == []


def test_multi_output_losses_by_name_and_position():
    source = """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(16,))
        x = tf.keras.layers.Dense(32, activation="relu")(inputs)
        kind = tf.keras.layers.Dense(5, activation="softmax", name="kind")(x)
        flag = tf.keras.layers.Dense(1, name="flag")(x)
        model = tf.keras.Model(inputs=inputs, outputs=[kind, flag])
        model.compile(optimizer="adam", loss={"kind": "sparse_categorical_crossentropy",
                                              "flag": tf.keras.losses.BinaryCrossentropy(from_logits=True)})
    """
    assert only("TFL403", source) == []
    assert only("TFL402", source) == []
    bad = source.replace('"kind": "sparse_categorical_crossentropy"', '"kind": "binary_crossentropy"')
    assert only("TFL402", bad) == ["TFL402"]
    by_position = source.replace(
        'loss={"kind": "sparse_categorical_crossentropy",\n                                              "flag": tf.keras.losses.BinaryCrossentropy(from_logits=True)}',
        'loss=["sparse_categorical_crossentropy", "binary_crossentropy"]',
    )
    assert by_position != source
    assert only("TFL403", by_position) == ["TFL403"]  # flag is linear, binary_crossentropy expects probabilities


def test_model_handed_to_a_helper_is_unknown():
    source = """
        from tensorflow import keras
        from heads import add_head
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)])
        add_head(model)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """
    assert only("TFL403", source) == []
    assert only("TFL403", source.replace("add_head(model)", "print(model)")) == ["TFL403"]


def test_layer_list_grown_later_is_unknown():
    source = """
        from tensorflow import keras
        stack = [keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10)]
        stack.append(keras.layers.Softmax())
        model = keras.Sequential(stack)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """
    assert only("TFL403", source) == []
    assert only("TFL403", source.replace("stack.append(keras.layers.Softmax())", "")) == ["TFL403"]


def test_layers_added_in_a_loop_then_output():
    source = """
        import tensorflow as tf
        model = tf.keras.Sequential()
        for units in (256, 128, 64):
            model.add(tf.keras.layers.Dense(units, activation="relu"))
        model.add(tf.keras.layers.Dense(1, activation="sigmoid"))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
    """
    assert only("TFL402", source) == ["TFL402"]


def test_layers_added_in_branches_are_unknown():
    source = """
        from tensorflow import keras
        def build(binary):
            model = keras.Sequential()
            model.add(keras.layers.Dense(64, activation="relu"))
            if binary:
                model.add(keras.layers.Dense(1, activation="sigmoid"))
            else:
                model.add(keras.layers.Dense(5, activation="softmax"))
            model.compile(optimizer="adam", loss="binary_crossentropy")
            return model
    """
    assert only("TFL402", source) == []
    flat = source.replace("            if binary:\n", "").replace("            else:\n", "").replace(
        "                model.add", "            model.add"
    )
    assert only("TFL402", flat) == ["TFL402"]


def test_softmax_over_another_axis_is_not_single_unit_softmax():
    source = """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(20, 8))
        scores = tf.keras.layers.Dense(1, activation="tanh")(inputs)
        weights = tf.keras.layers.Softmax(axis=1)(scores)
        model = tf.keras.Model(inputs, weights)
    """
    assert only("TFL401", source) == []
    assert only("TFL401", source.replace("Softmax(axis=1)", "Softmax(axis=-1)")) == ["TFL401"]
    functional = source.replace("tf.keras.layers.Softmax(axis=1)(scores)", "tf.nn.softmax(scores, axis=1)")
    assert only("TFL401", functional) == []
    assert only("TFL401", functional.replace(", axis=1)", ")")) == ["TFL401"]
