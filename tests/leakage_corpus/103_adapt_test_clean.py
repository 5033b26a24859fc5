# expect: clean
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.boston_housing.load_data()
norm = tf.keras.layers.Normalization()
norm.adapt(x_train)
x_train_n = norm(x_train)
x_test_n = norm(x_test)
