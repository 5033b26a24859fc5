# zoo: healthy - one-hot labels, categorical cross-entropy, AdamW with weight decay
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(512, 10)).astype("float32")
y = keras.utils.to_categorical(np.argmax(x[:, :4], axis=1), 4)

model = keras.Sequential([
    keras.Input((10,)),
    keras.layers.Dense(32, activation="gelu"),
    keras.layers.Dense(4, activation="softmax"),
])
model.compile(optimizer=keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-4), loss="categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, batch_size=32, epochs=5)
