import argparse

import tensorflow as tf


def parse_args():
    p = argparse.ArgumentParser(description="Train a small VGG-style CNN on CIFAR-10")
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--weight-decay", type=float, default=5e-4)
    p.add_argument("--out", default="cnn_cifar10.keras")
    return p.parse_args()


def make_model(weight_decay):
    reg = tf.keras.regularizers.l2(weight_decay)
    model = tf.keras.Sequential()
    model.add(tf.keras.layers.Input(shape=(32, 32, 3)))
    for filters in (32, 64, 128):
        model.add(tf.keras.layers.Conv2D(filters, 3, padding="same", activation="relu",
                                         kernel_regularizer=reg))
        model.add(tf.keras.layers.Conv2D(filters, 3, padding="same", activation="relu",
                                         kernel_regularizer=reg))
        model.add(tf.keras.layers.MaxPooling2D())
    model.add(tf.keras.layers.GlobalAveragePooling2D())
    model.add(tf.keras.layers.Dense(10, activation="softmax"))
    return model


def main():
    args = parse_args()
    (x_train, y_train), (x_test, y_test) = tf.keras.datasets.cifar10.load_data()
    x_train = x_train.astype("float32") / 255.0
    x_test = x_test.astype("float32") / 255.0

    model = make_model(args.weight_decay)
    opt = tf.keras.optimizers.SGD(learning_rate=args.lr, momentum=args.momentum, nesterov=True)
    model.compile(optimizer=opt, loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    ckpt = tf.keras.callbacks.ModelCheckpoint(args.out, monitor="val_accuracy", save_best_only=True)
    model.fit(x_train, y_train, epochs=args.epochs, batch_size=args.batch_size,
              validation_data=(x_test, y_test), callbacks=[ckpt])
    print("done, best model saved to", args.out)


if __name__ == "__main__":
    main()
