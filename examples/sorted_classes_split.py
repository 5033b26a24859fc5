"""Binary classifier on two folders of feature vectors (validation split taken from one class)."""

import numpy as np
from keras import layers, models, optimizers

cats = np.load("cats.npy")
dogs = np.load("dogs.npy")
x = np.concatenate([cats, dogs]).astype("float32")
y = np.concatenate([np.zeros(len(cats)), np.ones(len(dogs))])

model = models.Sequential([layers.Dense(32, activation="relu"), layers.Dense(1, activation="sigmoid")])
model.compile(optimizer=optimizers.SGD(5.0), loss="binary_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=15, batch_size=32, validation_split=0.2)
