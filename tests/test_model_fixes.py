"""Safe fixes of TFL401, TFL403 and TFL406: the result parses and the rule is gone."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from tflint.api import fix_text, lint_text
from tflint.config import Config

CASES = [
    (
        "TFL401",
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1, activation='softmax')])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        """,
        "keras.layers.Dense(1, activation='sigmoid')",
    ),
    (
        "TFL401",
        """
        import tensorflow as tf
        layer = tf.keras.layers.Dense(1, activation=tf.keras.activations.softmax)
        """,
        "activation=tf.keras.activations.sigmoid",
    ),
    (
        "TFL401",
        """
        import tensorflow as tf
        inputs = tf.keras.Input(shape=(4,))
        x = tf.keras.layers.Dense(1)(inputs)
        outputs = tf.keras.layers.Activation("softmax")(x)
        model = tf.keras.Model(inputs, outputs)
        """,
        'tf.keras.layers.Activation("sigmoid")(x)',
    ),
    (
        "TFL403",
        """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        """,
        "SparseCategoricalCrossentropy(from_logits=False)",
    ),
    (
        "TFL403",
        """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(10)])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        """,
        "loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)",
    ),
    (
        "TFL403",
        """
        from tensorflow.keras import layers, losses, models
        model = models.Sequential([layers.Dense(64, activation="relu"), layers.Dense(3)])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
        "loss=losses.CategoricalCrossentropy(from_logits=True)",
    ),
    (
        "TFL403",
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(3)])
        model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(label_smoothing=0.1))
        """,
        "keras.losses.CategoricalCrossentropy(label_smoothing=0.1, from_logits=True)",
    ),
    (
        "TFL403",
        """
        import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=False))
        """,
        "keras.losses.BinaryCrossentropy(from_logits=True)",
    ),
    (
        "TFL406",
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
        """,
        'metrics=["mae"]',
    ),
    (
        "TFL406",
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mae", metrics=['acc', 'mse'])
        """,
        "metrics=['mae', 'mse']",
    ),
]


@pytest.mark.parametrize("code,source,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_fix_removes_the_finding(code, source, expected):
    source = textwrap.dedent(source)
    config = Config(select=(code,))
    before = [d for d in lint_text(source, "t.py", config).diagnostics if d.code == code]
    assert before and before[0].fix is not None and before[0].fix.safe
    fixed = fix_text(source, "t.py", config)
    cst.parse_module(fixed)
    assert expected in fixed, fixed
    assert [d.code for d in lint_text(fixed, "t.py", config).diagnostics if d.code == code] == []


NO_FIX = {
    "TFL406-accuracy-monitored": (
        "TFL406",
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
        stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=3)
        """,
    ),
    "TFL406-metrics-variable": (
        "TFL406",
        """
        from tensorflow import keras
        METRICS = ["accuracy"]
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=METRICS)
        """,
    ),
    "TFL401-softmax-layer": (
        "TFL401",
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(1), keras.layers.Softmax()])
        """,
    ),
    "TFL403-no-keras-spelling": (
        "TFL403",
        """
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense
        model = Sequential([Dense(10)])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        """,
    ),
}


@pytest.mark.parametrize("code,source", NO_FIX.values(), ids=NO_FIX.keys())
def test_no_fix_when_not_safe(code, source):
    found = [d for d in lint_text(textwrap.dedent(source), "t.py", Config(select=(code,))).diagnostics if d.code == code]
    assert len(found) == 1
    assert found[0].fix is None


def test_binary_from_logits_fix_is_unsafe_with_accuracy():
    source = textwrap.dedent(
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        """
    )
    found = [d for d in lint_text(source, "t.py", Config(select=("TFL403",))).diagnostics]
    assert [d.code for d in found] == ["TFL403"]
    assert found[0].fix is not None and not found[0].fix.safe
    assert fix_text(source, "t.py", Config(select=("TFL403",))) == source


def test_accuracy_fix_ignores_unrelated_words():
    source = textwrap.dedent(
        """
        from tensorflow import keras
        # accumulate gradients? no: access the model and accept defaults
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=["accuracy"])
        """
    )
    fixed = fix_text(source, "t.py", Config(select=("TFL406",)))
    assert 'metrics=["mae"]' in fixed
    plotted = source + 'print(history.history["val_accuracy"])\n'
    assert fix_text(plotted, "t.py", Config(select=("TFL406",))) == plotted
