# expect: TFL101
import tensorflow as tf
import keras

features = tf.random.normal((1000, 8))
labels = tf.random.uniform((1000,))
norm = keras.layers.Normalization()
norm.adapt(features)
ds = tf.data.Dataset.from_tensor_slices((features, labels))
train_ds, test_ds = keras.utils.split_dataset(ds, left_size=0.8, shuffle=True, seed=0)
