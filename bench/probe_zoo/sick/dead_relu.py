# zoo: sick TFL604 - a ReLU layer whose bias starts at -10: every unit is dead
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(256, 8)).astype("float32")
y = (x[:, 0] > 0).astype("int64")

model = keras.Sequential([
    keras.Input((8,)),
    keras.layers.Dense(64, activation="relu", bias_initializer=keras.initializers.Constant(-10.0)),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=2)
