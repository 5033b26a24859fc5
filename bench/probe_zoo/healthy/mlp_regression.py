# zoo: healthy - regression with MSE
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(512, 8)).astype("float32")
y = (np.sin(x[:, 0]) + 0.5 * x[:, 1] ** 2 - x[:, 2]).astype("float32")

model = keras.Sequential([
    keras.Input((8,)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse", metrics=["mae"])
model.fit(x, y, batch_size=32, epochs=10)
