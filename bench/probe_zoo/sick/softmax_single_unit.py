# zoo: sick TFL607 - softmax over a single unit always outputs 1: the loss cannot move
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 8)).astype("float32")
y = (x[:, 0] > 0).astype("float32")

model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="softmax")])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, batch_size=32, epochs=2)
