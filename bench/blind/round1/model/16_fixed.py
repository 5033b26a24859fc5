import numpy as np
import keras
from keras import layers
from sklearn.datasets import fetch_covtype
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


class ResidualBlock(layers.Layer):
    def __init__(self, units, dropout=0.1, **kwargs):
        super().__init__(**kwargs)
        self.dense1 = layers.Dense(units, activation="relu")
        self.dense2 = layers.Dense(units)
        self.norm = layers.LayerNormalization()
        self.drop = layers.Dropout(dropout)

    def call(self, x, training=False):
        h = self.dense1(x)
        h = self.drop(h, training=training)
        h = self.dense2(h)
        return keras.activations.relu(self.norm(x + h))


class CoverTypeNet(keras.Model):
    def __init__(self, num_classes, width=256, depth=3, **kwargs):
        super().__init__(**kwargs)
        self.stem = layers.Dense(width, activation="relu")
        self.blocks = [ResidualBlock(width) for _ in range(depth)]
        self.head = layers.Dense(num_classes, activation="softmax")

    def call(self, x, training=False):
        x = self.stem(x)
        for block in self.blocks:
            x = block(x, training=training)
        return self.head(x)


data = fetch_covtype()
X = data.data.astype("float32")
y = (data.target - 1).astype("int32")
num_classes = int(y.max()) + 1
print("samples:", X.shape[0], "classes:", num_classes, "counts:", np.bincount(y))

X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
scaler = StandardScaler().fit(X_train[:, :10])
X_train[:, :10] = scaler.transform(X_train[:, :10])
X_val[:, :10] = scaler.transform(X_val[:, :10])

model = CoverTypeNet(num_classes=num_classes)
model.compile(optimizer=keras.optimizers.AdamW(learning_rate=1e-3, weight_decay=1e-4),
              loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=20, batch_size=512)
model.evaluate(X_val, y_val, batch_size=2048)
