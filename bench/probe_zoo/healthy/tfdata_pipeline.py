# zoo: healthy - a tf.data pipeline with map, shuffle, batch and prefetch
import sys

import numpy as np
import tensorflow as tf
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.uniform(0, 255, size=(512, 8)).astype("float32")
y = (x[:, 0] > x[:, 1]).astype("int64")

ds = (
    tf.data.Dataset.from_tensor_slices((x, y))
    .map(lambda a, b: (a / 255.0, b))
    .shuffle(512)
    .batch(32)
    .prefetch(tf.data.AUTOTUNE)
)
model = keras.Sequential([
    keras.Input((8,)),
    keras.layers.Dense(32, activation="relu"),
    keras.layers.Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(ds, epochs=3)
