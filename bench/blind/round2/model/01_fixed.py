"""Train a bag-of-embeddings intent classifier on the support-ticket dump.

Usage:
    python train_intent.py --data data/tickets.jsonl --epochs 8
"""
import argparse
import json
import os

import numpy as np
import keras
from keras import layers

DEFAULT_CONFIG = {
    "vocab_size": 20000,
    "seq_len": 64,
    "embed_dim": 128,
    "hidden": 256,
    "dropout": 0.3,
    "lr": 1e-3,
    "batch_size": 64,
}

INTENTS = ["billing", "refund", "login", "shipping", "cancel", "other"]


def load_jsonl(path):
    texts, labels = [], []
    with open(path) as fh:
        for line in fh:
            rec = json.loads(line)
            texts.append(rec["text"])
            labels.append(INTENTS.index(rec["intent"]))
    return np.array(texts)[:, None], np.asarray(labels, dtype="int32")


def build_model(args, vectorizer):
    inputs = keras.Input(shape=(1,), dtype="string", name="text")
    x = vectorizer(inputs)
    x = layers.Embedding(args.vocab_size, args.embed_dim, mask_zero=True)(x)
    x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dense(args.hidden, activation="relu")(x)
    x = layers.Dropout(args.dropout)(x)
    logits = layers.Dense(len(INTENTS), name="logits")(x)
    model = keras.Model(inputs, logits, name="intent_bow")
    model.compile(
        optimizer=keras.optimizers.Adam(args.lr),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    return model


def parse_args():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="data/tickets.jsonl")
    p.add_argument("--val-data", default="data/tickets_val.jsonl")
    p.add_argument("--epochs", type=int, default=8)
    p.add_argument("--out", default="runs/intent")
    for key, value in DEFAULT_CONFIG.items():
        p.add_argument("--" + key.replace("_", "-"), type=type(value), default=value)
    return p.parse_args()


def main():
    args = parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "config.json"), "w") as fh:
        json.dump(vars(args), fh, indent=2)

    train_x, train_y = load_jsonl(args.data)
    val_x, val_y = load_jsonl(args.val_data)

    vectorizer = layers.TextVectorization(
        max_tokens=args.vocab_size, output_sequence_length=args.seq_len
    )
    vectorizer.adapt(train_x[:, 0])

    model = build_model(args, vectorizer)
    model.summary()
    history = model.fit(
        train_x,
        train_y,
        validation_data=(val_x, val_y),
        epochs=args.epochs,
        batch_size=args.batch_size,
        callbacks=[
            keras.callbacks.ModelCheckpoint(
                os.path.join(args.out, "best.keras"), save_best_only=True
            ),
            keras.callbacks.CSVLogger(os.path.join(args.out, "log.csv")),
        ],
    )
    best = max(history.history["val_accuracy"])
    print(f"best val accuracy: {best:.4f}")


if __name__ == "__main__":
    main()
