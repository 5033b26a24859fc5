# expect: TFL105
# The twin: the callback watches val_loss, which is the test split here.
import numpy as np
from sklearn.model_selection import train_test_split
from tensorflow import keras

x = np.load("x.npy")
y = np.load("y.npy")
x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2)
model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
stop = keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)
model.fit(x_train, y_train, epochs=100, validation_data=(x_test, y_test), callbacks=[stop])
