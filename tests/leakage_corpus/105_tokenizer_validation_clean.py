# expect: clean
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
df = pd.read_csv("reviews.csv")
train_df, val_df = train_test_split(df, test_size=0.1)
tokenizer = tf.keras.preprocessing.text.Tokenizer(num_words=10000)
tokenizer.fit_on_texts(train_df["text"])
x_train = tf.keras.preprocessing.sequence.pad_sequences(tokenizer.texts_to_sequences(train_df["text"]), 100)
x_val = tf.keras.preprocessing.sequence.pad_sequences(tokenizer.texts_to_sequences(val_df["text"]), 100)
model = tf.keras.Sequential([tf.keras.layers.Embedding(10000, 16), tf.keras.layers.GlobalAveragePooling1D(), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
es = tf.keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True)
model.fit(x_train, train_df["label"], validation_data=(x_val, val_df["label"]), epochs=20, callbacks=[es])
