# expect: clean
# Two keys of one archive are two data sets.
import numpy as np
from tensorflow import keras

with np.load("digits.npz") as archive:
    train_x, train_y = archive["x_train"], archive["y_train"]
    test_x, test_y = archive["x_test"], archive["y_test"]
model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_x / 255.0, train_y, epochs=3)
model.evaluate(test_x / 255.0, test_y)
