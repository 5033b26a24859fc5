# zoo: healthy - uint8 images rescaled in the model, Conv + BatchNorm + ReLU
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
n = 384
y = rng.integers(0, 2, n)
x = rng.integers(0, 120, size=(n, 16, 16, 1)).astype("uint8")
x[y == 1, 4:12, 4:12, 0] += 120  # a bright centre square

model = keras.Sequential([
    keras.Input((16, 16, 1)),
    keras.layers.Rescaling(1 / 255),
    keras.layers.Conv2D(16, 3, padding="same", use_bias=False),
    keras.layers.BatchNormalization(),
    keras.layers.Activation("relu"),
    keras.layers.MaxPooling2D(),
    keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
    keras.layers.GlobalAveragePooling2D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
