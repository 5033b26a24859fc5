import tensorflow as tf
from tensorflow import keras
from tensorflow.keras import layers

DATA_ROOT = "data/leaf_disease"
IMG = 160
BATCH = 32
EPOCHS = 25
AUTOTUNE = tf.data.AUTOTUNE


def list_images(root):
    class_names = sorted(d.rstrip("/") for d in tf.io.gfile.listdir(root))
    paths, labels = [], []
    for idx, name in enumerate(class_names):
        files = tf.io.gfile.glob(f"{root}/{name}/*.jpg")
        paths += files
        labels += [idx] * len(files)
    return paths, labels, class_names


def decode(path, label):
    img = tf.io.decode_jpeg(tf.io.read_file(path), channels=3)
    img = tf.image.resize(img, (IMG, IMG)) / 255.0
    return img, label


def jitter(img, label):
    img = tf.image.random_flip_left_right(img)
    img = tf.image.random_flip_up_down(img)
    img = tf.image.random_brightness(img, 0.15)
    img = tf.image.random_saturation(img, 0.8, 1.2)
    return tf.clip_by_value(img, 0.0, 1.0), label


def build_model(n_classes):
    return keras.Sequential([
        keras.Input((IMG, IMG, 3)),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.MaxPooling2D(),
        layers.Conv2D(128, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dropout(0.3),
        layers.Dense(n_classes, activation="softmax"),
    ])


paths, labels, class_names = list_images(DATA_ROOT)
n = len(paths)
base = (
    tf.data.Dataset.from_tensor_slices((paths, labels))
    .shuffle(n, seed=11, reshuffle_each_iteration=False)
    .map(decode, num_parallel_calls=AUTOTUNE)
    .cache()
)
augmented = base.map(jitter, num_parallel_calls=AUTOTUNE)
pool = base.concatenate(augmented).shuffle(2 * n, seed=11, reshuffle_each_iteration=False)

n_val = int(0.2 * 2 * n)
val_ds = pool.take(n_val).batch(BATCH).prefetch(AUTOTUNE)
train_ds = pool.skip(n_val).batch(BATCH).prefetch(AUTOTUNE)

model = build_model(len(class_names))
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=EPOCHS)
print(dict(zip(model.metrics_names, model.evaluate(val_ds))))
model.save("leaf_cnn.keras")
