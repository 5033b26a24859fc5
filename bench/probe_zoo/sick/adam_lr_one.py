# zoo: sick TFL612 - Adam(learning_rate=1.0): every step rewrites the weights
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 10)).astype("float32")
y = (x[:, 0] > 0).astype("int64")

model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer=keras.optimizers.Adam(learning_rate=1.0), loss="sparse_categorical_crossentropy")
model.fit(x, y, batch_size=32, epochs=2)
