"""tflint.analysis.models: what the static model reconstruction knows about each compiled model."""

from __future__ import annotations

import textwrap

import libcst as cst

from tflint.analysis.facts import UNKNOWN, collect_facts
from tflint.analysis.models import model_facts


def models(source: str):
    text = textwrap.dedent(source)
    return model_facts(collect_facts(cst.parse_module(text), text)).models


def summary(model):
    return [(o.units, o.activation, o.name) if o else None for o in model.outputs]


def test_sequential_list_and_adds_in_order():
    [m] = models(
        """
        from tensorflow import keras
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(8, activation="relu")])
        model.add(keras.layers.Dropout(0.1))
        model.add(keras.layers.Dense(3))
        model.add(keras.layers.Activation(keras.activations.softmax))
        model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy", keras.metrics.AUC()])
        """
    )
    assert m.kind == "sequential"
    assert [layer.kind for layer in m.paths[0]] == ["sized", "transparent", "sized", "activation"]
    assert summary(m) == [(3, "softmax", None)]
    [loss] = m.losses
    assert (loss.family, loss.from_logits, loss.spelling) == ("categorical", False, "string")
    assert [metric.name for metric in m.metrics] == ["accuracy", "keras.metrics.AUC"]


def test_functional_several_outputs_and_loss_dict():
    [m] = models(
        """
        import tensorflow as tf
        inp = tf.keras.Input(shape=(16,))
        h = tf.keras.layers.Dense(32, activation="relu")(inp)
        a = tf.keras.layers.Dense(4, activation="softmax", name="kind")(h)
        b = tf.keras.layers.Dense(1, name="score")(h)
        model = tf.keras.Model(inputs=inp, outputs={"kind": a, "score": b})
        model.compile(optimizer="adam", loss={"score": "mse", "kind": tf.keras.losses.SparseCategoricalCrossentropy()})
        """
    )
    assert m.kind == "functional" and m.complete == [True, True]
    assert summary(m) == [(4, "softmax", "kind"), (1, "linear", "score")]
    assert [loss.family for loss in m.losses] == ["sparse", "regression"]


def test_subclassed_model_layers_from_init_used_in_call():
    [m] = models(
        """
        import keras
        class Net(keras.Model):
            def __init__(self, classes=10):
                super().__init__()
                self.body = keras.layers.Dense(64, activation="relu")
                self.head = keras.layers.Dense(10)
            def call(self, inputs, training=False):
                x = self.body(inputs)
                return keras.ops.softmax(self.head(x))
        net = Net()
        net.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True))
        """
    )
    assert m.kind == "subclassed" and m.complete == [True]
    assert summary(m) == [(10, "softmax", None)]
    assert m.losses[0].from_logits is True


def test_factory_function_and_unknown_parts():
    found = models(
        """
        import tensorflow as tf
        from elsewhere import backbone, LOSS
        def make(n):
            m = tf.keras.Sequential([backbone(), tf.keras.layers.Dense(n)])
            return m
        model = make(5)
        model.compile(optimizer="adam", loss=LOSS)
        other = backbone()
        other.compile(optimizer="adam", loss="mse")
        """
    )
    [m] = found  # ``other`` comes from another module: no model
    assert [layer.kind for layer in m.paths[0]] == ["unknown", "sized"]
    assert m.outputs[0].units == 5  # ``n`` is bound by the only call, make(5)
    assert m.losses == [None]


def test_fits_are_attached_to_their_compile():
    [m] = models(
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, y, epochs=3)
        model.fit(x, y, epochs=1)
        """
    )
    assert len(m.fits) == 2


def test_fit_in_another_function_belongs_to_its_own_model():
    found = models(
        """
        from tensorflow import keras
        def experiment_a(x, y):
            model = keras.Sequential([keras.layers.Dense(1)])
            model.compile(optimizer="adam", loss="mse")
        def experiment_b(x, y):
            model.fit(x, y, epochs=3)
        def build():
            model = keras.Sequential([keras.layers.Dense(1)])
            model.compile(optimizer="adam", loss="mse")
            return model
        trained = build()
        trained.fit(x, y, epochs=3)
        """
    )
    assert [len(m.fits) for m in found] == [0, 1]
