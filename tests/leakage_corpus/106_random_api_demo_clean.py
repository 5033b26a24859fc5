# expect: clean
# An API demo on random inputs and labels: there is nothing to generalise to.
import numpy as np
from tensorflow import keras

inputs = np.random.normal(size=(128, 16))
targets = np.random.normal(size=(128, 1))
model = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
model.compile(optimizer="sgd", loss="mse")
model.fit(inputs, targets, epochs=2)
model.evaluate(inputs, targets)
