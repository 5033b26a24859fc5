# zoo: sick TFL601 - infinite regression targets (a log of zero)
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(512, 6)).astype("float32")
y = np.log(np.maximum(x[:, 0], 0)).astype("float32")

model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, batch_size=32, epochs=3)
