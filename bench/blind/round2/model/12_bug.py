import numpy as np
import pandas as pd
import tensorflow as tf

LOOKBACK = 48
HORIZON = 1
BATCH = 64
EPOCHS = 25


def make_windows(series, lookback, horizon):
    X, y = [], []
    for i in range(len(series) - lookback - horizon + 1):
        X.append(series[i:i + lookback])
        y.append(series[i + lookback + horizon - 1, 0])
    return np.array(X, dtype="float32"), np.array(y, dtype="float32")


df = pd.read_csv("data/station_hourly.csv", parse_dates=["timestamp"]).sort_values("timestamp")
cols = ["temp_c", "humidity", "pressure_hpa", "wind_ms"]
raw = df[cols].interpolate().to_numpy("float32")
n_train = int(0.8 * len(raw))
mu, sigma = raw[:n_train].mean(axis=0), raw[:n_train].std(axis=0)
scaled = (raw - mu) / sigma

X_tr, y_tr = make_windows(scaled[:n_train], LOOKBACK, HORIZON)
X_va, y_va = make_windows(scaled[n_train:], LOOKBACK, HORIZON)
train_ds = tf.data.Dataset.from_tensor_slices((X_tr, y_tr)).shuffle(5000).batch(BATCH).prefetch(2)
val_ds = tf.data.Dataset.from_tensor_slices((X_va, y_va)).batch(BATCH)

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(LOOKBACK, len(cols))),
    tf.keras.layers.LSTM(64, return_sequences=True),
    tf.keras.layers.LSTM(32),
    tf.keras.layers.Dense(1),
])
loss_fn = tf.keras.losses.Huber(delta=1.0)
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)
metric = tf.keras.metrics.Accuracy()


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        pred = tf.squeeze(model(x, training=True), -1)
        loss = loss_fn(y, pred)
    grads = tape.gradient(loss, model.trainable_variables)
    grads, _ = tf.clip_by_global_norm(grads, 1.0)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    metric.update_state(y, pred)
    return loss


@tf.function
def eval_step(x, y):
    pred = tf.squeeze(model(x, training=False), -1)
    metric.update_state(y, pred)
    return loss_fn(y, pred)


best_val = np.inf
for epoch in range(EPOCHS):
    metric.reset_state()
    tr_loss = np.mean([float(train_step(x, y)) for x, y in train_ds])
    tr_metric = float(metric.result())
    metric.reset_state()
    va_loss = np.mean([float(eval_step(x, y)) for x, y in val_ds])
    va_metric = float(metric.result())
    print(f"epoch {epoch + 1:2d} | train {tr_loss:.4f} ({metric.name} {tr_metric:.3f}) "
          f"| val {va_loss:.4f} ({metric.name} {va_metric:.3f})")
    if va_loss < best_val:
        best_val = va_loss
        model.save_weights("lstm_temp.weights.h5")
