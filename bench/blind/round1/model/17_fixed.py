import numpy as np
import pandas as pd
import tensorflow as tf

COLUMNS = ["mpg", "cylinders", "displacement", "horsepower", "weight",
           "acceleration", "model_year", "origin"]

raw = pd.read_csv("auto-mpg.data", names=COLUMNS, na_values="?", comment="\t",
                  sep=" ", skipinitialspace=True)
raw = raw.dropna()
raw = pd.get_dummies(raw, columns=["origin"], prefix="origin", dtype="float32")
train = raw.sample(frac=0.8, random_state=0)
test = raw.drop(train.index)

y_train = train.pop("mpg").values.astype("float32").reshape(-1, 1)
y_test = test.pop("mpg").values.astype("float32").reshape(-1, 1)
mean, std = train.mean(), train.std()
x_train = ((train - mean) / std).values.astype("float32")
x_test = ((test - mean) / std).values.astype("float32")

train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(512).batch(32)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(64)


def build_regressor(n_in):
    inp = tf.keras.Input(shape=(n_in,))
    h = tf.keras.layers.Dense(64, activation="relu")(inp)
    h = tf.keras.layers.Dense(64, activation="relu")(h)
    out = tf.keras.layers.Dense(1)(h)
    return tf.keras.Model(inp, out)


model = build_regressor(x_train.shape[1])
opt = tf.keras.optimizers.Adam(learning_rate=1e-3)
mse = tf.keras.losses.MeanSquaredError()
mae = tf.keras.metrics.MeanAbsoluteError()


@tf.function
def step(xb, yb):
    with tf.GradientTape() as tape:
        pred = model(xb, training=True)
        loss = mse(yb, pred)
    grads = tape.gradient(loss, model.trainable_variables)
    opt.apply_gradients(zip(grads, model.trainable_variables))
    return loss


for epoch in range(1, 201):
    losses = [float(step(xb, yb)) for xb, yb in train_ds]
    if epoch % 20 == 0:
        mae.reset_state()
        for xb, yb in test_ds:
            mae.update_state(yb, model(xb, training=False))
        print(f"epoch {epoch:3d}  train_mse={np.mean(losses):.3f}  test_mae={mae.result():.3f}")
