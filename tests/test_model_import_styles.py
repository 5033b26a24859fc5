"""The same programs under every import style: tf.keras, tensorflow.keras, keras, tf_keras."""

from __future__ import annotations

import pytest

from tests.conftest import codes

STYLES = {
    "tf.keras": ("import tensorflow as tf", "tf.keras.layers", "tf.keras.losses", "tf.keras.Sequential", "tf.keras.datasets"),
    "from-tensorflow-import-keras": ("from tensorflow import keras", "keras.layers", "keras.losses", "keras.Sequential", "keras.datasets"),
    "keras3": ("import keras", "keras.layers", "keras.losses", "keras.models.Sequential", "keras.datasets"),
    "tf_keras": ("import tf_keras", "tf_keras.layers", "tf_keras.losses", "tf_keras.Sequential", "tf_keras.datasets"),
    "submodules": (
        "from tensorflow.keras import layers, losses, datasets\nfrom tensorflow.keras.models import Sequential",
        "layers", "losses", "Sequential", "datasets",
    ),
}

PROGRAMS = {
    # code: (bad, good)
    "TFL401": (
        "m = {S}([{L}.Dense(4, activation='relu'), {L}.Dense(1, activation='softmax')])",
        "m = {S}([{L}.Dense(4, activation='relu'), {L}.Dense(1, activation='sigmoid')])",
    ),
    "TFL402": (
        "m = {S}([{L}.Dense(10, activation='softmax')])\nm.compile(optimizer='adam', loss={LO}.BinaryCrossentropy())",
        "m = {S}([{L}.Dense(10, activation='softmax')])\nm.compile(optimizer='adam', loss={LO}.CategoricalCrossentropy())",
    ),
    "TFL403": (
        "m = {S}([{L}.Dense(10)])\nm.compile(optimizer='adam', loss={LO}.SparseCategoricalCrossentropy())",
        "m = {S}([{L}.Dense(10)])\nm.compile(optimizer='adam', loss={LO}.SparseCategoricalCrossentropy(from_logits=True))",
    ),
    "TFL404": (
        "(x, y), _ = {D}.mnist.load_data()\nm = {S}([{L}.Flatten(), {L}.Dense(10, activation='softmax')])\n"
        "m.compile(optimizer='adam', loss='categorical_crossentropy')\nm.fit(x / 255.0, y, epochs=2, validation_split=0.1)",
        "(x, y), _ = {D}.mnist.load_data()\nm = {S}([{L}.Flatten(), {L}.Dense(10, activation='softmax')])\n"
        "m.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nm.fit(x / 255.0, y, epochs=2, validation_split=0.1)",
    ),
    "TFL405": (
        "(x, y), _ = {D}.cifar100.load_data()\nm = {S}([{L}.Flatten(), {L}.Dense(10, activation='softmax')])\n"
        "m.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nm.fit(x / 255.0, y, epochs=2, validation_split=0.1)",
        "(x, y), _ = {D}.cifar100.load_data()\nm = {S}([{L}.Flatten(), {L}.Dense(100, activation='softmax')])\n"
        "m.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nm.fit(x / 255.0, y, epochs=2, validation_split=0.1)",
    ),
    "TFL406": (
        "m = {S}([{L}.Dense(8, activation='relu'), {L}.Dense(1)])\nm.compile(optimizer='adam', loss={LO}.MeanSquaredError(), metrics=['accuracy'])",
        "m = {S}([{L}.Dense(8, activation='relu'), {L}.Dense(1)])\nm.compile(optimizer='adam', loss={LO}.MeanSquaredError(), metrics=['mae'])",
    ),
    "TFL407": (
        "m = {S}([{L}.Dense(8), {L}.Dense(8), {L}.Dense(1)])",
        "m = {S}([{L}.Dense(8, activation='relu'), {L}.Dense(8, activation='relu'), {L}.Dense(1)])",
    ),
    "TFL501": (
        "(x, y), _ = {D}.fashion_mnist.load_data()\nm = {S}([{L}.Flatten(), {L}.Dense(10, activation='softmax')])\n"
        "m.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nm.fit(x, y, epochs=2, validation_split=0.1)",
        "(x, y), _ = {D}.fashion_mnist.load_data()\nm = {S}([{L}.Rescaling(1 / 255), {L}.Flatten(), {L}.Dense(10, activation='softmax')])\n"
        "m.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\nm.fit(x, y, epochs=2, validation_split=0.1)",
    ),
}


def render(template: str, style: str) -> str:
    header, layers, losses, sequential, datasets = STYLES[style]
    return header + "\n" + template.format(L=layers, LO=losses, S=sequential, D=datasets) + "\n"


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("code", PROGRAMS)
def test_bad_reports_and_good_is_silent_in_every_style(code, style):
    bad, good = PROGRAMS[code]
    found_bad = codes(render(bad, style), select=(code, "TFL001"))
    found_good = codes(render(good, style), select=(code, "TFL001"))
    assert found_bad == [code], render(bad, style)
    assert found_good == [], render(good, style)
