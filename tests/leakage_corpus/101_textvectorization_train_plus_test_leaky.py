# expect: TFL101
import tensorflow as tf
from sklearn.model_selection import train_test_split
import pandas as pd
df = pd.read_csv("imdb.csv")
train_texts, test_texts, train_labels, test_labels = train_test_split(df.review.tolist(), df.sentiment.tolist())
vectorize_layer = tf.keras.layers.TextVectorization(max_tokens=20000, output_sequence_length=250)
vectorize_layer.adapt(train_texts + test_texts)
model = tf.keras.Sequential([vectorize_layer, tf.keras.layers.Embedding(20001, 16), tf.keras.layers.GlobalAveragePooling1D(), tf.keras.layers.Dense(1)])
model.compile("adam", tf.keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
model.fit(tf.constant(train_texts), tf.constant(train_labels), epochs=5)
model.evaluate(tf.constant(test_texts), tf.constant(test_labels))
