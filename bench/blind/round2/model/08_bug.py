import glob

import numpy as np
import pandas as pd
import tensorflow as tf

ACTIVITIES = ["walking", "running", "cycling", "idle"]
WINDOW = 100
STEP = 50


def windows_from_csv(path):
    df = pd.read_csv(path)
    sig = df[["ax", "ay", "az"]].to_numpy("float32")
    lab = df["activity"].map(ACTIVITIES.index).to_numpy()
    xs, ys = [], []
    for start in range(0, len(df) - WINDOW, STEP):
        xs.append(sig[start:start + WINDOW])
        ys.append(np.bincount(lab[start:start + WINDOW]).argmax())
    return np.stack(xs), np.array(ys, dtype="int64")


def make_model():
    return tf.keras.Sequential([
        tf.keras.layers.Input(shape=(WINDOW, 3)),
        tf.keras.layers.Conv1D(32, 5, activation="relu"),
        tf.keras.layers.Conv1D(64, 5, activation="relu"),
        tf.keras.layers.GlobalAveragePooling1D(),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(3),
    ])


def main():
    parts = [windows_from_csv(p) for p in sorted(glob.glob("data/har/subject_*.csv"))]
    X = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    perm = np.random.default_rng(42).permutation(len(X))
    X, y = X[perm], y[perm]
    n_val = len(X) // 10
    train_ds = tf.data.Dataset.from_tensor_slices((X[n_val:], y[n_val:])).shuffle(4096).batch(128)
    val_ds = tf.data.Dataset.from_tensor_slices((X[:n_val], y[:n_val])).batch(256)

    model = make_model()
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    opt = tf.keras.optimizers.Adam(1e-3)
    train_acc = tf.keras.metrics.SparseCategoricalAccuracy()
    val_acc = tf.keras.metrics.SparseCategoricalAccuracy()

    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            logits = model(xb, training=True)
            loss = loss_fn(yb, logits)
        grads = tape.gradient(loss, model.trainable_variables)
        opt.apply_gradients(zip(grads, model.trainable_variables))
        train_acc.update_state(yb, logits)
        return loss

    ckpt = tf.train.Checkpoint(model=model, opt=opt)
    manager = tf.train.CheckpointManager(ckpt, "ckpt/har", max_to_keep=3)
    for epoch in range(20):
        train_acc.reset_state()
        val_acc.reset_state()
        for xb, yb in train_ds:
            loss = step(xb, yb)
        for xb, yb in val_ds:
            val_acc.update_state(yb, model(xb, training=False))
        manager.save()
        print(
            f"epoch {epoch:02d} loss {float(loss):.4f} "
            f"train_acc {float(train_acc.result()):.3f} val_acc {float(val_acc.result()):.3f}"
        )


if __name__ == "__main__":
    main()
