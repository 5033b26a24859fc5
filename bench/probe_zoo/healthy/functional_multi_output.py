# zoo: healthy - a functional model with a classification head and a regression head
import sys

import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(512, 10)).astype("float32")
y_class = (x[:, 0] + x[:, 1] > 0).astype("int64")
y_value = (x[:, 2] * 2 - x[:, 3]).astype("float32")

inputs = keras.Input((10,))
h = layers.Dense(32, activation="relu")(inputs)
kind = layers.Dense(2, activation="softmax", name="kind")(h)
value = layers.Dense(1, name="value")(h)
model = keras.Model(inputs, {"kind": kind, "value": value})
model.compile(
    optimizer="adam",
    loss={"kind": "sparse_categorical_crossentropy", "value": "mse"},
    loss_weights={"kind": 1.0, "value": 0.5},
)
model.fit(x, {"kind": y_class, "value": y_value}, batch_size=32, epochs=3)
