# expect: TFL105
import tensorflow as tf
from tensorflow.keras.callbacks import EarlyStopping
(x_train, y_train), (x_test, y_test) = tf.keras.datasets.imdb.load_data(num_words=10000)
x_train = tf.keras.preprocessing.sequence.pad_sequences(x_train, maxlen=200)
x_test = tf.keras.preprocessing.sequence.pad_sequences(x_test, maxlen=200)
model = tf.keras.Sequential([tf.keras.layers.Embedding(10000, 32), tf.keras.layers.LSTM(32), tf.keras.layers.Dense(1, activation="sigmoid")])
model.compile("rmsprop", "binary_crossentropy", metrics=["acc"])
callbacks_list = [EarlyStopping(monitor="val_acc", patience=2)]
history = model.fit(x_train, y_train, epochs=10, batch_size=128, validation_data=(x_test, y_test), callbacks=callbacks_list)
