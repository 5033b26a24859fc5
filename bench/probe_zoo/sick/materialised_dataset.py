# zoo: sick TFL613 - the whole data set in memory, more than half of a (declared) 16 MiB device
# probe: device-memory-mb=16
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
x = rng.normal(size=(40000, 100)).astype("float32")  # 16 MB
y = (x[:, 0] > 0).astype("int64")

model = keras.Sequential([keras.Input((100,)), keras.layers.Dense(2, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x, y, batch_size=64)
