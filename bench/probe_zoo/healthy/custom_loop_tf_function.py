# zoo: healthy - a @tf.function GradientTape step over a tf.data pipeline (a false TFL608 once)
import sys

import numpy as np
import tensorflow as tf
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(256, 10)).astype("float32")
y = (x[:, 0] + x[:, 3] > 0).astype("int64")
ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(256).batch(32)

model = keras.Sequential([keras.Input((10,)), keras.layers.Dense(32, activation="relu"), keras.layers.Dense(2)])
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(1e-2)


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        loss = loss_fn(yb, model(xb, training=True))
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


for epoch in range(3):
    for xb, yb in ds:
        train_step(xb, yb)
