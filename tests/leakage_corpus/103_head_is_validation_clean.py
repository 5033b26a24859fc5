# expect: clean
# The validation set is the head of the array: the names say which side is held out.
import numpy as np
from tensorflow import keras

images = np.load("images.npy").astype("float32")
classes = np.load("classes.npy")
X_valid, X_train = images[:5000], images[5000:]
y_valid, y_train = classes[:5000], classes[5000:]
pixel_means = X_train.mean(axis=0, keepdims=True)
pixel_stds = X_train.std(axis=0, keepdims=True)
X_train_scaled = (X_train - pixel_means) / pixel_stds
X_valid_scaled = (X_valid - pixel_means) / pixel_stds
model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(100, activation="relu"), keras.layers.Dense(10, activation="softmax")])
model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
model.fit(X_train_scaled, y_train, epochs=5, validation_data=(X_valid_scaled, y_valid))
