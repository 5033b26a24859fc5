import pandas as pd
import tensorflow as tf
from tensorflow import keras

NUMERIC = ["age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
CATEGORICAL = ["workclass", "education", "marital_status", "occupation", "relationship", "race", "sex"]
LABEL = "income_gt_50k"
BATCH = 512
EPOCHS = 100


def to_dataset(frame, shuffle):
    feats = {c: frame[c].to_numpy(dtype="float32") for c in NUMERIC}
    feats.update({c: frame[c].astype(str).to_numpy() for c in CATEGORICAL})
    ds = tf.data.Dataset.from_tensor_slices((feats, frame[LABEL].to_numpy(dtype="float32")))
    if shuffle:
        ds = ds.shuffle(len(frame), seed=3)
    return ds.batch(BATCH).prefetch(tf.data.AUTOTUNE)


def column(ds, name):
    return ds.map(lambda x, y: tf.expand_dims(x[name], -1), num_parallel_calls=tf.data.AUTOTUNE)


def build_model(fit_ds):
    inputs, encoded = {}, []
    for col in NUMERIC:
        inputs[col] = keras.Input(shape=(1,), name=col, dtype="float32")
        norm = keras.layers.Normalization()
        norm.adapt(column(fit_ds, col))
        encoded.append(norm(inputs[col]))
    for col in CATEGORICAL:
        inputs[col] = keras.Input(shape=(1,), name=col, dtype="string")
        lookup = keras.layers.StringLookup(output_mode="one_hot")
        lookup.adapt(column(fit_ds, col))
        encoded.append(lookup(inputs[col]))
    h = keras.layers.concatenate(encoded)
    h = keras.layers.Dense(64, activation="relu")(h)
    h = keras.layers.Dropout(0.2)(h)
    h = keras.layers.Dense(32, activation="relu")(h)
    out = keras.layers.Dense(1, activation="sigmoid")(h)
    model = keras.Model(inputs, out)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy",
                  metrics=[keras.metrics.AUC(name="auc"), "accuracy"])
    return model


train_df = pd.read_csv("data/adult_train.csv")
test_df = pd.read_csv("data/adult_test.csv")
val_df = train_df.sample(frac=0.15, random_state=3)
train_df = train_df.drop(val_df.index)
train_ds = to_dataset(train_df, shuffle=True)
val_ds = to_dataset(val_df, shuffle=False)
test_ds = to_dataset(test_df, shuffle=False)

model = build_model(train_ds)
callbacks = [
    keras.callbacks.EarlyStopping(monitor="val_auc", mode="max", patience=8, restore_best_weights=True),
    keras.callbacks.ModelCheckpoint("checkpoints/adult_best.keras", monitor="val_auc", mode="max", save_best_only=True),
    keras.callbacks.ReduceLROnPlateau(monitor="val_auc", mode="max", factor=0.5, patience=3),
]
history = model.fit(train_ds, validation_data=val_ds, epochs=EPOCHS, callbacks=callbacks)

loss, auc, acc = model.evaluate(test_ds)
best_epoch = int(tf.argmax(history.history["val_auc"])) + 1
print(f"best epoch {best_epoch}: test AUC {auc:.4f}, test accuracy {acc:.4f}")
