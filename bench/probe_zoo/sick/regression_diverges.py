# zoo: sick TFL606 - a regression with unscaled targets and SGD(0.1): the loss explodes
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 8)).astype("float32")
y = (1000 * x[:, 0] + 500).astype("float32")

model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1), loss="mse")
model.fit(x, y, batch_size=32, epochs=3)
