# zoo: sick TFL602 - a tiny first layer under a huge output layer: gradients grow towards the input
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 32)).astype("float32")
y = (x[:, :1] - 0.5 * x[:, 1:2]).astype("float32")

model = keras.Sequential([
    keras.Input((32,)),
    keras.layers.Dense(64, activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=1e-6)),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(64, activation="relu"),
    keras.layers.Dense(1, kernel_initializer=keras.initializers.RandomNormal(stddev=5.0)),
])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, batch_size=32, epochs=2)
