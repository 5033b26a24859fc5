# zoo: sick TFL608 - a softmax layer initialised with huge weights: the initial loss is far above ln 10
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 16)).astype("float32")
y = rng.integers(0, 10, size=256)

model = keras.Sequential([
    keras.Input((16,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(10, activation="softmax", kernel_initializer=keras.initializers.RandomNormal(stddev=5.0)),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=2)
