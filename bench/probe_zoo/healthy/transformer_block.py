# zoo: healthy - one transformer encoder block (attention, LayerNorm, feed-forward) over token ids
import sys

import numpy as np
import keras
from keras import layers

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
vocab, length, n = 200, 24, 512
x = rng.integers(1, vocab, size=(n, length))
y = (x[:, :4] < 100).sum(axis=1) >= 2  # depends on the first tokens only

inputs = keras.Input((length,), dtype="int32")
h = layers.Embedding(vocab, 32)(inputs)
attn = layers.MultiHeadAttention(num_heads=2, key_dim=16)(h, h)
h = layers.LayerNormalization()(h + attn)
ff = layers.Dense(64, activation="relu")(h)
ff = layers.Dense(32)(ff)
h = layers.LayerNormalization()(h + ff)
h = layers.GlobalAveragePooling1D()(h)
outputs = layers.Dense(2, activation="softmax")(h)
model = keras.Model(inputs, outputs)
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y.astype("int64"), batch_size=32, epochs=3)
