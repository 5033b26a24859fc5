# zoo: sick TFL601 - NaN in the inputs (missing values read as NaN)
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(512, 10)).astype("float32")
y = (x[:, 0] > 0).astype("int64")
x[rng.random(x.shape) < 0.01] = np.nan

model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
