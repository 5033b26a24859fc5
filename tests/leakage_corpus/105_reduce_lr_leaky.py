# expect: TFL105
import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split

data = np.load("ecg.npz")
x_tr, x_te, y_tr, y_te = train_test_split(data["x"], data["y"], stratify=data["y"])
callbacks = [
    tf.keras.callbacks.ReduceLROnPlateau(factor=0.5, patience=3),
    tf.keras.callbacks.CSVLogger("log.csv"),
]
model = tf.keras.Sequential([tf.keras.layers.Conv1D(16, 5), tf.keras.layers.GlobalAveragePooling1D(), tf.keras.layers.Dense(5)])
model.compile("adam", "sparse_categorical_crossentropy")
model.fit(x_tr, y_tr, validation_data=(x_te, y_te), epochs=40, callbacks=callbacks)
