# expect: clean
from tensorflow import keras
from tensorflow.keras.callbacks import ModelCheckpoint, TensorBoard

(xtr, ytr), (xte, yte) = keras.datasets.mnist.load_data()
xtr, xte = xtr / 255.0, xte / 255.0
model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
ckpt = ModelCheckpoint("epoch_{epoch}.keras", save_best_only=False)
model.fit(xtr, ytr, epochs=20, validation_data=(xte, yte), callbacks=[ckpt, TensorBoard("logs")])
model.evaluate(xte, yte)
