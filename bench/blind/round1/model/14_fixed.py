train_df = pd.read_csv("/kaggle/input/digit-recognizer/train.csv")
test_df = pd.read_csv("/kaggle/input/digit-recognizer/test.csv")
print(train_df.shape, test_df.shape)

labels = to_categorical(train_df.pop("label").values, num_classes=10)
pixels = train_df.values.reshape(-1, 28, 28, 1).astype("float32") / 255.0
test_pixels = test_df.values.reshape(-1, 28, 28, 1).astype("float32") / 255.0

x_tr, x_va, y_tr, y_va = train_test_split(pixels, labels, test_size=0.1, random_state=13,
                                          stratify=labels.argmax(1))


def make_cnn():
    net = Sequential(name="digits")
    net.add(Input(shape=(28, 28, 1)))
    for n in (32, 64):
        net.add(Conv2D(n, 3, padding="same", activation="relu"))
        net.add(BatchNormalization())
        net.add(Conv2D(n, 3, padding="same", activation="relu"))
        net.add(MaxPooling2D())
        net.add(Dropout(0.25))
    net.add(Flatten())
    net.add(Dense(256, activation="relu"))
    net.add(Dropout(0.4))
    net.add(Dense(10, activation="softmax"))
    return net


cnn = make_cnn()
cnn.compile(optimizer=Adam(learning_rate=1e-3), loss="categorical_crossentropy", metrics=["accuracy"])

reduce_lr = ReduceLROnPlateau(monitor="val_loss", factor=0.3, patience=2, min_lr=1e-5, verbose=1)
hist = cnn.fit(x_tr, y_tr, epochs=25, batch_size=128, validation_data=(x_va, y_va),
               callbacks=[reduce_lr], verbose=2)
print("best val acc: %.4f" % max(hist.history["val_accuracy"]))

pred = cnn.predict(test_pixels, batch_size=512).argmax(axis=1)
sub = pd.DataFrame({"ImageId": np.arange(1, len(pred) + 1), "Label": pred})
sub.to_csv("submission.csv", index=False)
sub.head()
