import numpy as np
import tensorflow as tf
from tensorflow.keras.datasets import reuters
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Dense, Dropout
from tensorflow.keras.optimizers import Adam

VOCAB = 10000
(x_train, y_train), (x_test, y_test) = reuters.load_data(num_words=VOCAB, test_split=0.2)
n_topics = int(np.max(y_train)) + 1
print(len(x_train), "newswires,", n_topics, "topics")


def multi_hot(seqs, dim=VOCAB):
    out = np.zeros((len(seqs), dim), dtype="float32")
    for i, s in enumerate(seqs):
        out[i, s] = 1.0
    return out


x_train = multi_hot(x_train)
x_test = multi_hot(x_test)
y_train = tf.keras.utils.to_categorical(y_train, n_topics)
y_test = tf.keras.utils.to_categorical(y_test, n_topics)

model = Sequential()
model.add(Dense(256, input_shape=(VOCAB,), activation="relu"))
model.add(Dropout(0.5))
model.add(Dense(128, activation="relu"))
model.add(Dropout(0.3))
model.add(Dense(n_topics, activation="softmax"))

model.compile(loss="categorical_crossentropy", optimizer=Adam(lr=0.001), metrics=["accuracy"])
history = model.fit(x_train, y_train, batch_size=64, epochs=8, verbose=1, validation_split=0.1)

score = model.evaluate(x_test, y_test, batch_size=64, verbose=0)
print("Test loss: %.4f, test accuracy: %.4f" % (score[0], score[1]))
