# expect: clean
import numpy as np
import tensorflow as tf
from sklearn.model_selection import KFold
X = np.load("X.npy"); y = np.load("y.npy")
histories = []
for fold, (tr, va) in enumerate(KFold(5, shuffle=True, random_state=0).split(X)):
    norm = tf.keras.layers.Normalization()
    norm.adapt(X[tr])
    model = tf.keras.Sequential([norm, tf.keras.layers.Dense(1)])
    model.compile("adam", "mse")
    es = tf.keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)
    h = model.fit(X[tr], y[tr], validation_data=(X[va], y[va]), epochs=100, callbacks=[es])
    histories.append(min(h.history["val_loss"]))
print(np.mean(histories))
