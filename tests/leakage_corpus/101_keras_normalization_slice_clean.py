# expect: clean
import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

raw = np.genfromtxt("auto-mpg.csv", delimiter=",", skip_header=1)
features, target = raw[:, 1:], raw[:, 0]

n_train = int(len(features) * 0.8)
x_train, y_train = features[:n_train], target[:n_train]
x_test, y_test = features[n_train:], target[n_train:]

normalizer = layers.Normalization(axis=-1)
normalizer.adapt(x_train)

model = keras.Sequential([normalizer, layers.Dense(64, activation="relu"), layers.Dense(1)])
model.compile(optimizer="adam", loss="mae")
model.fit(x_train, y_train, epochs=50, validation_split=0.2, verbose=0)
print(model.evaluate(x_test, y_test))
