# expect: TFL106
# The twin: the helper is called once and the model is scored on what it trained on.
import tensorflow as tf
from tensorflow import keras


def csv_dataset(path, shuffle=False, batch_size=256):
    return tf.data.experimental.make_csv_dataset(path, batch_size=batch_size, label_name="income", shuffle=shuffle)


train_ds = csv_dataset("adult_train.csv", shuffle=True)
model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
model.fit(train_ds, epochs=10)
print(model.evaluate(train_ds))
