# expect: TFL103
# The twin: the held-out head is scaled with its own statistics.
import numpy as np
from tensorflow import keras

images = np.load("images.npy").astype("float32")
classes = np.load("classes.npy")
X_valid, X_train = images[:5000], images[5000:]
y_valid, y_train = classes[:5000], classes[5000:]
X_train_scaled = (X_train - X_train.mean(axis=0)) / X_train.std(axis=0)
X_valid_scaled = (X_valid - X_valid.mean(axis=0)) / X_valid.std(axis=0)
model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(100, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
model.fit(X_train_scaled, y_train, epochs=5, validation_data=(X_valid_scaled, y_valid))
