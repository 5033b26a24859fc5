import pandas as pd
import tensorflow as tf
from tensorflow.keras import layers, Model

IMG_SIZE = 128
BATCH = 64
AGE_SCALE = 90.0

df = pd.read_csv("utkface/labels.csv")
df = df[(df.age > 0) & (df.age <= 90)].sample(frac=1.0, random_state=1).reset_index(drop=True)
split = int(0.85 * len(df))
train_df, val_df = df.iloc[:split], df.iloc[split:]


def load_image(path, age, gender):
    img = tf.io.decode_jpeg(tf.io.read_file(path), channels=3)
    img = tf.image.resize(img, (IMG_SIZE, IMG_SIZE)) / 255.0
    return img, {"age": age / AGE_SCALE, "gender": gender}


def make_ds(frame, training):
    ds = tf.data.Dataset.from_tensor_slices((frame.path.values,
                                             frame.age.values.astype("float32"),
                                             frame.gender.values.astype("float32")))
    if training:
        ds = ds.shuffle(len(frame))
    ds = ds.map(load_image, num_parallel_calls=tf.data.AUTOTUNE)
    return ds.batch(BATCH).prefetch(tf.data.AUTOTUNE)


inputs = layers.Input(shape=(IMG_SIZE, IMG_SIZE, 3))
x = inputs
for f in (32, 64, 128, 256):
    x = layers.Conv2D(f, 3, padding="same", activation="relu")(x)
    x = layers.BatchNormalization()(x)
    x = layers.MaxPooling2D()(x)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(256, activation="relu")(x)
x = layers.Dropout(0.4)(x)
age_out = layers.Dense(1, name="age")(layers.Dense(64, activation="relu")(x))
gender_out = layers.Dense(1, activation="sigmoid", name="gender")(layers.Dense(64, activation="relu")(x))

model = Model(inputs=inputs, outputs=[age_out, gender_out])
model.compile(
    optimizer=tf.keras.optimizers.Adam(3e-4),
    loss={"age": "mse", "gender": "binary_crossentropy"},
    loss_weights={"age": 1.0, "gender": 0.5},
    metrics={"age": ["mae"], "gender": ["accuracy"]},
)
model.fit(make_ds(train_df, True), validation_data=make_ds(val_df, False), epochs=30)

imgs, targets = next(iter(make_ds(val_df, False)))
age_pred, gender_pred = model.predict(imgs)
print("age pred:", (age_pred[:5, 0] * AGE_SCALE).round())
print("age true:", (targets["age"][:5].numpy() * AGE_SCALE).round())
