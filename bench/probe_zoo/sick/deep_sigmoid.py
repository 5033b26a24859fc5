# zoo: sick TFL603 - eight sigmoid layers: the gradient vanishes before the first
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(512, 16)).astype("float32")
y = (x[:, 0] > 0).astype("int64")

model = keras.Sequential([keras.Input((16,))] + [keras.layers.Dense(32, activation="sigmoid") for _ in range(8)] + [keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer=keras.optimizers.SGD(0.01), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
