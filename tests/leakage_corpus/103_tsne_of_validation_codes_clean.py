# expect: clean
# t-SNE of the validation embeddings is a picture, not preprocessing: nothing it learns reaches the model.
import matplotlib.pyplot as plt
import numpy as np
from sklearn.manifold import TSNE
from tensorflow import keras

x = np.load("pixels.npy")
labels = np.load("labels.npy")
x_train, x_valid = x[:-5000], x[-5000:]
y_train, y_valid = labels[:-5000], labels[-5000:]
encoder = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(2)])
head = keras.Sequential([encoder, keras.layers.Dense(10, activation="softmax")])
head.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
head.fit(x_train, y_train, epochs=5, validation_data=(x_valid, y_valid))
codes = encoder.predict(x_valid)
points = TSNE(init="pca").fit_transform(codes)
points = (points - points.min()) / (points.max() - points.min())
plt.scatter(points[:, 0], points[:, 1], c=y_valid, s=2)
plt.show()
