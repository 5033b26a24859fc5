# zoo: healthy - a subclassed keras.Model with a residual block
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(512, 12)).astype("float32")
y = (np.abs(x[:, 0]) > 0.7).astype("int64") + (x[:, 1] > 0.5).astype("int64")


class Residual(keras.Model):
    def __init__(self):
        super().__init__()
        self.inp = keras.layers.Dense(32, activation="relu")
        self.block = keras.layers.Dense(32, activation="relu")
        self.out = keras.layers.Dense(3)

    def call(self, inputs, training=False):
        h = self.inp(inputs)
        return self.out(h + self.block(h))


model = Residual()
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
