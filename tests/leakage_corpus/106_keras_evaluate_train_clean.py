# expect: clean
import numpy as np
from tensorflow import keras

x = np.load("x.npy")
y = np.load("y.npy")
model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(3, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=30, batch_size=16, validation_split=0.2)
_, accuracy = model.evaluate(x, y)
print("Accuracy: %.2f" % (accuracy * 100))
