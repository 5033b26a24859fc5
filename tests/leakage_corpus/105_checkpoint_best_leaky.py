# expect: TFL105
from tensorflow import keras
from tensorflow.keras.callbacks import ModelCheckpoint

(xtr, ytr), (xte, yte) = keras.datasets.mnist.load_data()
xtr, xte = xtr / 255.0, xte / 255.0
model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
ckpt = ModelCheckpoint("best.keras", monitor="val_accuracy", save_best_only=True)
model.fit(xtr, ytr, epochs=20, validation_data=(xte, yte), callbacks=[ckpt])
best = keras.models.load_model("best.keras")
best.evaluate(xte, yte)
