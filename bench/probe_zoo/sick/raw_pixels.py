# zoo: sick TFL609 - raw 0..255 pixels fed to a CNN
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

y = rng.integers(0, 2, 256)
x = rng.integers(0, 256, size=(256, 16, 16, 1)).astype("uint8")

model = keras.Sequential([
    keras.Input((16, 16, 1)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=2)
