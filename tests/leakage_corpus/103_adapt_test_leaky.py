# expect: TFL103
import tensorflow as tf

(x_train, y_train), (x_test, y_test) = tf.keras.datasets.boston_housing.load_data()
train_norm = tf.keras.layers.Normalization()
train_norm.adapt(x_train)
test_norm = tf.keras.layers.Normalization()
test_norm.adapt(x_test)
