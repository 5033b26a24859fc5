# zoo: healthy - a small CNN with max pooling on 16x16 images (a false TFL607 once)
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
n = 384
y = rng.integers(0, 4, n)
x = rng.normal(0, 0.5, size=(n, 16, 16, 1)).astype("float32")
for i, c in enumerate(y):  # a bright quadrant tells the class
    r, q = divmod(int(c), 2)
    x[i, r * 8 : r * 8 + 8, q * 8 : q * 8 + 8, 0] += 1.0

model = keras.Sequential([
    keras.Input((16, 16, 1)),
    keras.layers.Conv2D(16, 3, activation="relu", padding="same"),
    keras.layers.MaxPooling2D(),
    keras.layers.Conv2D(32, 3, activation="relu", padding="same"),
    keras.layers.MaxPooling2D(),
    keras.layers.Flatten(),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(4, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
