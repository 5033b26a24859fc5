# expect: clean
import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from sklearn.utils import class_weight
X = np.load("X.npy"); y = np.load("y.npy")
X_train, X_test, y_train, y_test = train_test_split(X, y, stratify=y, random_state=1)
X_train, X_val, y_train, y_val = train_test_split(X_train, y_train, stratify=y_train, random_state=1)
scaler = StandardScaler().fit(X_train)
X_train, X_val, X_test = (scaler.transform(a) for a in (X_train, X_val, X_test))
weights = class_weight.compute_class_weight("balanced", classes=np.unique(y_train), y=y_train)
model = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile("adam", "binary_crossentropy", metrics=[tf.keras.metrics.AUC()])
ckpt = tf.keras.callbacks.ModelCheckpoint("best.h5", save_best_only=True, monitor="val_auc", mode="max")
model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=100, callbacks=[ckpt], class_weight=dict(enumerate(weights)))
model.load_weights("best.h5")
print(model.evaluate(X_test, y_test))
