"""Fine-tune a pretrained image backbone (contains several classic mistakes)."""

import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

IMG_SIZE = (160, 160)

train_ds = keras.utils.image_dataset_from_directory(
    "data/train", validation_split=0.2, subset="training", seed=1, image_size=IMG_SIZE
)
val_ds = keras.utils.image_dataset_from_directory(
    "data/train", validation_split=0.2, subset="validation", seed=1, image_size=IMG_SIZE
)

base_model = keras.applications.MobileNetV2(input_shape=IMG_SIZE + (3,), include_top=False, weights="imagenet")
base_model.trainable = False

inputs = keras.Input(shape=IMG_SIZE + (3,))
x = keras.applications.mobilenet_v2.preprocess_input(inputs)
x = base_model(x, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(1)(x)
model = keras.Model(inputs, outputs)

model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=1e-4),
    loss=keras.losses.BinaryCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
early_stop = keras.callbacks.EarlyStopping(monitor="val_acc", patience=3)
model.fit(train_ds, validation_data=val_ds, epochs=30, callbacks=[early_stop])

# Unfreeze the backbone for fine-tuning ... but forget to compile again.
base_model.trainable = True
for layer in base_model.layers[:100]:
    layer.trainable = False
model.fit(train_ds, validation_data=val_ds, epochs=10, callbacks=[early_stop])
