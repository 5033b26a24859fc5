# zoo: healthy - Conv1D on a time series
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
n, t = 384, 64
y = rng.integers(0, 2, n)
freq = np.where(y == 1, 0.25, 0.08)
x = (np.sin(np.arange(t)[None, :] * freq[:, None] * np.pi) + 0.3 * rng.normal(size=(n, t)))[..., None].astype("float32")

model = keras.Sequential([
    keras.Input((t, 1)),
    keras.layers.Conv1D(16, 5, activation="relu"),
    keras.layers.MaxPooling1D(2),
    keras.layers.Conv1D(16, 5, activation="relu"),
    keras.layers.GlobalMaxPooling1D(),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
