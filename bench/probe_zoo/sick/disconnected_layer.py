# zoo: sick TFL612 - a layer that is never called still trains (a forgotten branch)
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 10)).astype("float32")
y = (x[:, 0] > 0).astype("int64")


class TwoBranches(keras.Model):
    def __init__(self):
        super().__init__()
        self.used = keras.layers.Dense(16, activation="relu")
        self.forgotten = keras.layers.Dense(16, activation="relu")
        self.head = keras.layers.Dense(2, activation="softmax")

    def build(self, input_shape):
        self.used.build(input_shape)
        self.forgotten.build(input_shape)
        self.head.build((None, 16))

    def call(self, inputs):
        return self.head(self.used(inputs))


model = TwoBranches()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, batch_size=32, epochs=2)
