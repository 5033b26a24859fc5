"""Fine-tune a MobileNetV2 head on retail shelf crops listed in a CSV manifest."""
import pandas as pd
import tensorflow as tf
import keras
from keras import layers
from keras.applications import MobileNetV2

IMG_SIZE = 160
BATCH = 32
AUTOTUNE = tf.data.AUTOTUNE
ROOT = "data/shelf_crops/"

manifest = pd.read_csv(ROOT + "manifest.csv")
CLASSES = sorted(manifest["label"].unique())
label_ids = manifest["label"].map({c: i for i, c in enumerate(CLASSES)}).to_numpy()
is_val = manifest["split"].eq("val").to_numpy()


def decode(path, label):
    img = tf.io.decode_jpeg(tf.io.read_file(path), channels=3)
    img = tf.image.resize(img, (IMG_SIZE, IMG_SIZE))
    return img / 127.5 - 1.0, label


def make_ds(mask, training):
    paths = (ROOT + manifest["path"][mask]).to_numpy()
    ds = tf.data.Dataset.from_tensor_slices((paths, label_ids[mask]))
    if training:
        ds = ds.shuffle(len(paths), reshuffle_each_iteration=True)
    ds = ds.map(decode, num_parallel_calls=AUTOTUNE)
    if training:
        ds = ds.map(
            lambda x, y: (tf.image.random_flip_left_right(x), y),
            num_parallel_calls=AUTOTUNE,
        )
    return ds.batch(BATCH).prefetch(AUTOTUNE)


train_ds = make_ds(~is_val, training=True)
val_ds = make_ds(is_val, training=False)

base = MobileNetV2(input_shape=(IMG_SIZE, IMG_SIZE, 3), include_top=False, weights="imagenet")
base.trainable = False

inputs = keras.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
x = base(inputs, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dropout(0.2)(x)
outputs = layers.Dense(len(CLASSES), activation="softmax")(x)
model = keras.Model(inputs, outputs)

model.compile(
    optimizer=keras.optimizers.Adam(1e-3),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(train_ds, validation_data=val_ds, epochs=8)

base.trainable = True
for layer in base.layers[:-30]:
    layer.trainable = False
model.compile(
    optimizer=keras.optimizers.Adam(1e-5),
    loss="sparse_categorical_crossentropy",
    metrics=["accuracy"],
)
model.fit(
    train_ds,
    validation_data=val_ds,
    epochs=4,
    callbacks=[keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True)],
)
model.save("shelf_mobilenetv2.keras")
