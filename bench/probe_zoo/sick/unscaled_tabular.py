# zoo: sick TFL609 - tabular features in the thousands, no scaling
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = np.stack([rng.uniform(0, 5000, 512), rng.normal(0, 1, 512), rng.uniform(1e4, 1e5, 512)], axis=1).astype("float32")
y = (x[:, 0] > 2500).astype("int64")

model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
