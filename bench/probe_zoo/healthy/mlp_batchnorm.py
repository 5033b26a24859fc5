# zoo: healthy - an MLP with BatchNormalization between Dense and ReLU
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(512, 16)).astype("float32")
y = (x[:, :4] ** 2).sum(axis=1) > 4

model = keras.Sequential([
    keras.Input((16,)),
    keras.layers.Dense(64, use_bias=False),
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Dense(64, use_bias=False),
    keras.layers.BatchNormalization(),
    keras.layers.ReLU(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y.astype("float32"), batch_size=32, epochs=5)
