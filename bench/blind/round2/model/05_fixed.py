"""Helpdesk triage: one text encoder, two heads (topic routing + urgency flag)."""
import numpy as np
import pandas as pd
import keras
from keras import layers

TOPICS = ["hardware", "network", "accounts", "printing", "software"]
TOPIC_INDEX = {t: i for i, t in enumerate(TOPICS)}
FLAG_COLS = ["has_attachment", "is_reply", "after_hours", "vip_sender"]
MAX_TOKENS = 20000
SEQ_LEN = 150

vectorize = layers.TextVectorization(max_tokens=MAX_TOKENS, output_sequence_length=SEQ_LEN)


def load_split(path):
    df = pd.read_csv(path)
    text = df["subject"].fillna("") + " " + df["body"].fillna("")
    inputs = {"tokens": text.to_numpy(), "flags": df[FLAG_COLS].to_numpy("float32")}
    targets = {
        "topic": df["topic"].map(TOPIC_INDEX).to_numpy("int32"),
        "urgent": df["priority"].eq("P1").to_numpy("float32"),
    }
    return inputs, targets


def build_model():
    tokens = keras.Input(shape=(SEQ_LEN,), dtype="int32", name="tokens")
    flags = keras.Input(shape=(len(FLAG_COLS),), name="flags")
    x = layers.Embedding(MAX_TOKENS, 96)(tokens)
    x = layers.Conv1D(128, 5, activation="relu")(x)
    x = layers.GlobalMaxPooling1D()(x)
    h = layers.Concatenate()([x, layers.Dense(16, activation="relu")(flags)])
    h = layers.Dense(128, activation="relu")(h)
    h = layers.Dropout(0.3)(h)
    topic = layers.Dense(len(TOPICS), activation="softmax", name="topic")(h)
    urgent = layers.Dense(1, activation="sigmoid", name="urgent")(h)
    return keras.Model(
        inputs={"tokens": tokens, "flags": flags},
        outputs={"topic": topic, "urgent": urgent},
    )


train_x, train_y = load_split("data/triage_train.csv")
val_x, val_y = load_split("data/triage_val.csv")
vectorize.adapt(train_x["tokens"])
for split in (train_x, val_x):
    split["tokens"] = np.asarray(vectorize(split["tokens"]))

print("topic balance:", np.bincount(train_y["topic"], minlength=len(TOPICS)))
print("urgent rate:", train_y["urgent"].mean())

model = build_model()
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=5e-4),
    loss={"topic": "sparse_categorical_crossentropy", "urgent": "binary_crossentropy"},
    loss_weights={"topic": 1.0, "urgent": 0.5},
    metrics={"topic": ["accuracy"], "urgent": [keras.metrics.AUC(name="auc")]},
)
model.fit(
    train_x,
    train_y,
    validation_data=(val_x, val_y),
    batch_size=64,
    epochs=10,
    callbacks=[
        keras.callbacks.EarlyStopping(
            monitor="val_topic_accuracy", mode="max", patience=3, restore_best_weights=True
        )
    ],
)
model.save("triage_two_head.keras")
