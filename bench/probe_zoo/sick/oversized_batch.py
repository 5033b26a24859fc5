# zoo: sick TFL613 - one step at batch size 512 of a wide MLP needs more than a (declared) 16 MiB device
# probe: device-memory-mb=16
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)

x = rng.normal(size=(1024, 512)).astype("float32")
y = rng.integers(0, 10, size=1024)

model = keras.Sequential([keras.Input((512,)), keras.layers.Dense(1024, activation="relu"), keras.layers.Dense(1024, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, batch_size=512, epochs=1)
