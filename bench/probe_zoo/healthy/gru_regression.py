# zoo: healthy - stacked GRUs forecasting the next value of a noisy sine
import sys

import numpy as np
import keras

rng = np.random.default_rng(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
phase = rng.uniform(0, 2 * np.pi, 384)
steps = np.arange(21) * 0.3
series = np.sin(phase[:, None] + steps[None, :]) + 0.05 * rng.normal(size=(384, 21))
x, y = series[:, :20, None].astype("float32"), series[:, 20].astype("float32")

model = keras.Sequential([
    keras.Input((20, 1)),
    keras.layers.GRU(32, return_sequences=True),
    keras.layers.GRU(16),
    keras.layers.Dense(1),
])
model.compile(optimizer="adam", loss="mse")
model.fit(x, y, batch_size=32, epochs=3)
