# expect: clean
import tensorflow as tf
import keras

ds = tf.data.Dataset.from_tensor_slices((tf.random.normal((1000, 8)), tf.random.uniform((1000,))))
train_ds, test_ds = keras.utils.split_dataset(ds, left_size=0.8, shuffle=True, seed=0)
norm = keras.layers.Normalization()
norm.adapt(train_ds.map(lambda x, y: x))
