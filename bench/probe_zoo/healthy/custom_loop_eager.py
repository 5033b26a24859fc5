# zoo: healthy - an eager GradientTape training loop
import sys

import numpy as np
import tensorflow as tf
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(256, 10)).astype("float32")
y = (x[:, 0] - x[:, 2] > 0).astype("int64")

model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(2)])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(1e-3)

for epoch in range(3):
    for start in range(0, len(x), 32):
        xb, yb = x[start : start + 32], y[start : start + 32]
        with tf.GradientTape() as tape:
            loss = loss_fn(yb, model(xb, training=True))
        grads = tape.gradient(loss, model.trainable_variables)
        optimizer.apply_gradients(zip(grads, model.trainable_variables))
