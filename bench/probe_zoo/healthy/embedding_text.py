# zoo: healthy - token ids, Embedding + global average pooling text classifier
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
vocab, length, n = 500, 40, 512
y = rng.integers(0, 2, n)
x = rng.integers(2, vocab, size=(n, length))
signal = rng.random((n, length)) < 0.15  # class words: ids 10..19 for class 0, 20..29 for class 1
x = np.where(signal, 10 + 10 * y[:, None] + rng.integers(0, 10, size=(n, length)), x)

model = keras.Sequential([
    keras.Input((length,), dtype="int32"),
    keras.layers.Embedding(vocab, 32),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(16, activation="relu"),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=3)
