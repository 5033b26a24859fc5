# zoo: healthy - an LSTM sequence classifier
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(384, 20, 4)).astype("float32")
y = (x[:, :, 0].sum(axis=1) > 0).astype("int64")

model = keras.Sequential([
    keras.Input((20, 4)),
    keras.layers.LSTM(32),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
