# zoo: sick TFL611 - one-hot labels with a sparse loss
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 8)).astype("float32")
y = keras.utils.to_categorical(rng.integers(0, 4, size=256), 4)

model = keras.Sequential([keras.Input((8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(4, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, batch_size=32, epochs=2)
