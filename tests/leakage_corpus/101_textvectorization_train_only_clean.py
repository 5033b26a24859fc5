# expect: clean
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
df = pd.read_csv("reviews.csv")
train_text, test_text, train_y, test_y = train_test_split(df.review.values, df.sentiment.values, test_size=0.25)
encoder = tf.keras.layers.TextVectorization(max_tokens=20000)
encoder.adapt(train_text)
model = tf.keras.Sequential([encoder, tf.keras.layers.Embedding(20000, 64), tf.keras.layers.GlobalAveragePooling1D(), tf.keras.layers.Dense(1)])
model.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True), optimizer="adam", metrics=["accuracy"])
model.fit(train_text, train_y, epochs=5, validation_split=0.1, callbacks=[tf.keras.callbacks.EarlyStopping(patience=2)])
model.evaluate(test_text, test_y)
