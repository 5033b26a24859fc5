"""Customer churn model on a tabular CSV (contains several classic mistakes)."""

import numpy as np
import pandas as pd
import tensorflow as tf
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

DATA = "churn.csv"
LEARNING_RATE = 0.1
EPOCHS = 200

df = pd.read_csv(DATA)
features = df.drop(columns=["customer_id", "churned"])
labels = df["churned"].values

# Scaling before the split: the test rows shape the mean and variance.
scaler = StandardScaler()
X = scaler.fit_transform(features.values)

X_train, X_test, y_train, y_test = train_test_split(X, labels, test_size=0.2, random_state=42)

model = tf.keras.Sequential(
    [
        tf.keras.layers.Input(shape=(X.shape[1],)),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(32, activation="relu"),
        tf.keras.layers.Dense(1, activation="sigmoid"),
    ]
)
model.compile(
    optimizer=tf.keras.optimizers.Adam(lr=LEARNING_RATE),
    loss="binary_crossentropy",
    metrics=["accuracy"],
)
model.fit(X_train, y_train, epochs=EPOCHS, batch_size=64)
print(model.evaluate(X_test, y_test))
