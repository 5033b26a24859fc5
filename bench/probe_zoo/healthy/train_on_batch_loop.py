# zoo: healthy - a manual train_on_batch loop
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(256, 6)).astype("float32")
y = (x[:, 0] > 0.2).astype("int64")

model = keras.Sequential([keras.Input((6,)), keras.layers.Dense(16, activation="tanh"), keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
for epoch in range(3):
    for start in range(0, len(x), 32):
        model.train_on_batch(x[start : start + 32], y[start : start + 32])
