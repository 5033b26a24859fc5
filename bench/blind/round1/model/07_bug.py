import tensorflow as tf

LEARNING_RATE = 1e-8
BATCH_SIZE = 256
EPOCHS = 5
AUTOTUNE = tf.data.AUTOTUNE


def preprocess(image, label):
    image = tf.cast(image, tf.float32) / 255.0
    image = tf.expand_dims(image, -1)
    return image, label


(x_train, y_train), (x_val, y_val) = tf.keras.datasets.mnist.load_data()
train_ds = (tf.data.Dataset.from_tensor_slices((x_train, y_train))
            .shuffle(60000)
            .map(preprocess, num_parallel_calls=AUTOTUNE)
            .batch(BATCH_SIZE)
            .prefetch(AUTOTUNE))
val_ds = (tf.data.Dataset.from_tensor_slices((x_val, y_val))
          .map(preprocess, num_parallel_calls=AUTOTUNE)
          .batch(BATCH_SIZE)
          .prefetch(AUTOTUNE))

model = tf.keras.Sequential([
    tf.keras.layers.Input(shape=(28, 28, 1)),
    tf.keras.layers.Conv2D(32, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Conv2D(64, 3, activation="relu"),
    tf.keras.layers.MaxPooling2D(),
    tf.keras.layers.Flatten(),
    tf.keras.layers.Dense(128, activation="relu"),
    tf.keras.layers.Dense(10),
])

optimizer = tf.keras.optimizers.Adam(learning_rate=LEARNING_RATE)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
train_metric = tf.keras.metrics.SparseCategoricalAccuracy()
val_metric = tf.keras.metrics.SparseCategoricalAccuracy()


@tf.function
def train_step(x, y):
    with tf.GradientTape() as tape:
        logits = model(x, training=True)
        loss = loss_fn(y, logits)
    grads = tape.gradient(loss, model.trainable_weights)
    optimizer.apply_gradients(zip(grads, model.trainable_weights))
    train_metric.update_state(y, logits)
    return loss


for epoch in range(EPOCHS):
    for step, (xb, yb) in enumerate(train_ds):
        loss = train_step(xb, yb)
        if step % 100 == 0:
            print(f"epoch {epoch} step {step} loss {float(loss):.4f}")
    for xb, yb in val_ds:
        val_metric.update_state(yb, model(xb, training=False))
    print(f"epoch {epoch}: train_acc={train_metric.result():.4f} "
          f"val_acc={val_metric.result():.4f}")
    train_metric.reset_state()
    val_metric.reset_state()
