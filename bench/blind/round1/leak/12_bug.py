import os

import numpy as np
import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

EPOCHS = 50
BATCH_SIZE = 128
CKPT = "checkpoints/fmnist_cnn.keras"
os.makedirs(os.path.dirname(CKPT), exist_ok=True)
tf.keras.utils.set_random_seed(123)

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = (x_train.astype("float32") / 255.0)[..., None]
x_test = (x_test.astype("float32") / 255.0)[..., None]
print(x_train.shape, x_test.shape)

augment = keras.Sequential(
    [layers.RandomTranslation(0.1, 0.1), layers.RandomZoom(0.1)],
    name="augment",
)

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    augment,
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.BatchNormalization(),
    layers.Conv2D(32, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Dropout(0.25),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.BatchNormalization(),
    layers.Conv2D(64, 3, padding="same", activation="relu"),
    layers.MaxPooling2D(),
    layers.Dropout(0.25),
    layers.Flatten(),
    layers.Dense(256, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.summary()

callbacks = [
    keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=6, restore_best_weights=True),
    keras.callbacks.ModelCheckpoint(CKPT, monitor="val_accuracy", save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=3, min_lr=1e-5),
]

history = model.fit(x_train, y_train, batch_size=BATCH_SIZE, epochs=EPOCHS, validation_data=(x_test, y_test), callbacks=callbacks, verbose=2)

best = keras.models.load_model(CKPT)
loss, acc = best.evaluate(x_test, y_test, verbose=0)
best_epoch = int(np.argmax(history.history["val_accuracy"])) + 1
print(f"Test accuracy: {acc:.4f}  (best epoch {best_epoch})")
