# zoo: healthy - binary classification with a sigmoid output
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(512, 12)).astype("float32")
y = (x[:, 0] - x[:, 5] + 0.3 * rng.normal(size=512) > 0).astype("float32")

model = keras.Sequential([
    keras.Input((12,)),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy", keras.metrics.AUC()])
model.fit(x, y, batch_size=32, epochs=5)
