# zoo: healthy - tabular features on very different scales, standardised by an adapted Normalization layer
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
n = 512
age = rng.uniform(18, 90, n)
income = rng.lognormal(10, 1, n)
score = rng.normal(0, 1, n)
x = np.stack([age, income, score], axis=1).astype("float32")
y = ((age > 50) ^ (score > 0)).astype("int64")

norm = keras.layers.Normalization()
norm.adapt(x)
model = keras.Sequential([
    keras.Input((3,)),
    norm,
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=5)
