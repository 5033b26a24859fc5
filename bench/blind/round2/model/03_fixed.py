import numpy as np
import tensorflow as tf

N_FEATURES = 24
BATCH = 256
EPOCHS = 5
POS_WEIGHT = 3.0

rng = np.random.default_rng(0)
X = rng.normal(size=(50_000, N_FEATURES)).astype("float32")
w_true = rng.normal(size=(N_FEATURES,))
y = (X @ w_true + rng.normal(scale=0.5, size=len(X)) > 2.0).astype("float32")
print("positive rate:", y.mean())

train_ds = (
    tf.data.Dataset.from_tensor_slices((X[:45_000], y[:45_000]))
    .shuffle(10_000)
    .batch(BATCH)
    .prefetch(tf.data.AUTOTUNE)
)
val_ds = tf.data.Dataset.from_tensor_slices((X[45_000:], y[45_000:])).batch(1024)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(N_FEATURES,)),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(64, activation="relu"),
    tf.keras.layers.Dense(1, activation="sigmoid"),
])
optimizer = tf.keras.optimizers.Adam(1e-3)


def weighted_bce(y_true, p, pos_weight=POS_WEIGHT):
    y_true = tf.reshape(y_true, (-1, 1))
    loss = -(pos_weight * y_true * tf.math.log(p + 1e-7) + (1.0 - y_true) * tf.math.log(1.0 - p + 1e-7))
    return tf.reduce_mean(loss)


@tf.function
def train_step(xb, yb):
    with tf.GradientTape() as tape:
        p = model(xb, training=True)
        loss = weighted_bce(yb, p)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    return loss


auc = tf.keras.metrics.AUC()
for epoch in range(EPOCHS):
    losses = []
    for xb, yb in train_ds:
        losses.append(float(train_step(xb, yb)))
    auc.reset_state()
    for xb, yb in val_ds:
        auc.update_state(yb, model(xb, training=False)[:, 0])
    print(f"epoch {epoch + 1}: loss={np.mean(losses):.4f} val_auc={float(auc.result()):.4f}")

model.save("ctr_mlp.keras")
