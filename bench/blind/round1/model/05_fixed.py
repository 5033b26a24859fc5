import tensorflow as tf
from tensorflow.keras import layers, models, optimizers

CONFIG = {
    "vocab_size": 20000,
    "maxlen": 200,
    "embed_dim": 64,
    "lstm_units": 64,
    "dropout": 0.3,
    "optimizer": "adam",
    "lr": 1e-3,
    "batch_size": 64,
    "epochs": 8,
}


def get_optimizer(name, lr):
    name = name.lower()
    if name == "adam":
        return optimizers.Adam(learning_rate=lr)
    if name == "rmsprop":
        return optimizers.RMSprop(learning_rate=lr)
    if name == "sgd":
        return optimizers.SGD(learning_rate=lr, momentum=0.9)
    raise ValueError(f"unknown optimizer {name}")


def load_imdb(cfg):
    (x_tr, y_tr), (x_te, y_te) = tf.keras.datasets.imdb.load_data(num_words=cfg["vocab_size"])
    x_tr = tf.keras.preprocessing.sequence.pad_sequences(x_tr, maxlen=cfg["maxlen"])
    x_te = tf.keras.preprocessing.sequence.pad_sequences(x_te, maxlen=cfg["maxlen"])
    return (x_tr, y_tr), (x_te, y_te)


def build_model(cfg):
    model = models.Sequential([
        layers.Input(shape=(cfg["maxlen"],)),
        layers.Embedding(cfg["vocab_size"], cfg["embed_dim"]),
        layers.Bidirectional(layers.LSTM(cfg["lstm_units"])),
        layers.Dropout(cfg["dropout"]),
        layers.Dense(32, activation="relu"),
        layers.Dense(1, activation="sigmoid"),
    ])
    return model


def compile_and_train(model, cfg, train, val):
    opt = get_optimizer(cfg["optimizer"], cfg["lr"])
    model.compile(optimizer=opt, loss="binary_crossentropy", metrics=["accuracy"])
    return model.fit(train[0], train[1], validation_data=val,
                     batch_size=cfg["batch_size"], epochs=cfg["epochs"])


if __name__ == "__main__":
    (x_tr, y_tr), (x_te, y_te) = load_imdb(CONFIG)
    model = build_model(CONFIG)
    history = compile_and_train(model, CONFIG, (x_tr, y_tr), (x_te, y_te))
    print(model.evaluate(x_te, y_te, verbose=0))
