# expect: TFL101
import numpy as np
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.fashion_mnist.load_data()
x_all = np.concatenate([x_train, x_test]).reshape(-1, 784).astype("float32")
norm = tf.keras.layers.Normalization()
norm.adapt(x_all)
model = tf.keras.Sequential([tf.keras.Input((784,)), norm, tf.keras.layers.Dense(10, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train.reshape(-1, 784), y_train, epochs=5, validation_split=0.1)
model.evaluate(x_test.reshape(-1, 784), y_test)
