# expect: TFL104
import numpy as np
import tensorflow as tf
data = np.load("dataset.npz")
X, y = data["X"], data["y"]
idx = int(0.9 * len(X))
x_train, x_test = X[:idx], X[idx:]
y_train, y_test = y[:idx], y[idx:]
model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(1)])
model.compile("adam", "mse")
model.fit(np.concatenate([x_train, x_test]), np.concatenate([y_train, y_test]), epochs=10)
print(model.evaluate(x_test, y_test))
