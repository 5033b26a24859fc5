# zoo: sick TFL605 - tanh units saturated by a huge initialisation
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 20)).astype("float32")
y = (x[:, 0] > 0).astype("int64")

model = keras.Sequential([
    keras.Input((20,)),
    keras.layers.Dense(64, activation="tanh", kernel_initializer=keras.initializers.RandomNormal(stddev=3.0)),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=2)
