import tensorflow as tf

BATCH = 64
EPOCHS = 10


class MLPClassifier(tf.keras.Model):
    def __init__(self, hidden=256, num_classes=10, dropout=0.2):
        super().__init__()
        self.flatten = tf.keras.layers.Flatten()
        self.d1 = tf.keras.layers.Dense(hidden, activation="relu")
        self.drop = tf.keras.layers.Dropout(dropout)
        self.d2 = tf.keras.layers.Dense(hidden // 2, activation="relu")
        self.classifier = tf.keras.layers.Dense(num_classes, activation="softmax")

    def call(self, x, training=False):
        x = self.flatten(x)
        x = self.d1(x)
        x = self.drop(x, training=training)
        x = self.d2(x)
        return self.classifier(x)


(x_train, y_train), (x_test, y_test) = tf.keras.datasets.mnist.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(10000).batch(BATCH)
test_ds = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(BATCH)

model = MLPClassifier()
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = tf.keras.optimizers.Adam(learning_rate=1e-3)
train_loss = tf.keras.metrics.Mean(name="train_loss")
train_acc = tf.keras.metrics.SparseCategoricalAccuracy(name="train_acc")
test_acc = tf.keras.metrics.SparseCategoricalAccuracy(name="test_acc")


@tf.function
def train_step(images, labels):
    with tf.GradientTape() as tape:
        preds = model(images, training=True)
        loss = loss_fn(labels, preds)
    grads = tape.gradient(loss, model.trainable_variables)
    optimizer.apply_gradients(zip(grads, model.trainable_variables))
    train_loss(loss)
    train_acc(labels, preds)


@tf.function
def test_step(images, labels):
    preds = model(images, training=False)
    test_acc(labels, preds)


for epoch in range(EPOCHS):
    train_loss.reset_state()
    train_acc.reset_state()
    test_acc.reset_state()
    for images, labels in train_ds:
        train_step(images, labels)
    for images, labels in test_ds:
        test_step(images, labels)
    print(f"epoch {epoch + 1}: loss={train_loss.result():.4f} "
          f"acc={train_acc.result():.4f} test_acc={test_acc.result():.4f}")

model.save_weights("mlp_mnist.weights.h5")
