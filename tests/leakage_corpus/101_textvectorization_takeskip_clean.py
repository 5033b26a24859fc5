# expect: clean
import tensorflow as tf

ds = tf.data.experimental.make_csv_dataset("tweets.csv", batch_size=1, label_name="sentiment", num_epochs=1)
DATASET_SIZE = 50000
train_size = int(0.8 * DATASET_SIZE)
train_ds = ds.take(train_size)
test_ds = ds.skip(train_size)

vectorize = tf.keras.layers.TextVectorization(max_tokens=10000, output_sequence_length=64)
vectorize.adapt(train_ds.map(lambda features, label: features["text"]))
