# zoo: healthy - a functional model with a numeric and a categorical input
import sys

import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
n = 512
num = rng.normal(size=(n, 6)).astype("float32")
cat = rng.integers(0, 8, size=(n, 1))
y = ((num[:, 0] > 0) ^ (cat[:, 0] % 2 == 0)).astype("int64")

num_in = keras.Input((6,), name="numbers")
cat_in = keras.Input((1,), dtype="int32", name="category")
c = layers.Flatten()(layers.Embedding(8, 4)(cat_in))
h = layers.Concatenate()([num_in, c])
h = layers.Dense(32, activation="relu")(h)
out = layers.Dense(2, activation="softmax")(h)
model = keras.Model([num_in, cat_in], out)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit({"numbers": num, "category": cat}, y, batch_size=32, epochs=3)
