# expect: clean
import keras_tuner as kt
import tensorflow as tf
from sklearn.model_selection import train_test_split
import numpy as np


def build(hp):
    model = tf.keras.Sequential([tf.keras.layers.Dense(hp.Int("units", 32, 256, step=32), activation="relu"), tf.keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    return model


X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y)
X_train, X_val, y_train, y_val = train_test_split(X_train, y_train)
tuner = kt.RandomSearch(build, objective="val_loss", max_trials=10)
tuner.search(X_train, y_train, epochs=20, validation_data=(X_val, y_val))
best = tuner.get_best_models(1)[0]
best.evaluate(X_test, y_test)
