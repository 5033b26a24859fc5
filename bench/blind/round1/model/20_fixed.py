params = {
    "image_size": 224,
    "batch_size": 32,
    "epochs": 12,
    "optimizer": {"name": "sgd", "learning_rate": 0.01, "momentum": 0.9},
    "dropout": 0.2,
    "fine_tune_at": 100,
}


def get_optimizer(opt_cfg):
    if opt_cfg["name"] == "sgd":
        return SGD(learning_rate=opt_cfg["learning_rate"], momentum=opt_cfg["momentum"], nesterov=True)
    return Adam(learning_rate=opt_cfg["learning_rate"])


def build_model(num_classes, cfg):
    shape = (cfg["image_size"], cfg["image_size"], 3)
    base = MobileNetV2(input_shape=shape, include_top=False, weights="imagenet")
    base.trainable = True
    for layer in base.layers[:cfg["fine_tune_at"]]:
        layer.trainable = False
    inputs = Input(shape=shape)
    x = preprocess_input(inputs)
    x = base(x, training=False)
    x = GlobalAveragePooling2D()(x)
    x = Dropout(cfg["dropout"])(x)
    outputs = Dense(num_classes, activation="softmax")(x)
    return Model(inputs, outputs)


def train(train_dir, val_dir, cfg=params):
    size = (cfg["image_size"], cfg["image_size"])
    train_ds = image_dataset_from_directory(train_dir, image_size=size, batch_size=cfg["batch_size"],
                                            label_mode="categorical", shuffle=True)
    val_ds = image_dataset_from_directory(val_dir, image_size=size, batch_size=cfg["batch_size"],
                                          label_mode="categorical", shuffle=False)
    num_classes = len(train_ds.class_names)
    model = build_model(num_classes, cfg)
    model.compile(optimizer=get_optimizer(cfg["optimizer"]),
                  loss="categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(train_ds.prefetch(2), validation_data=val_ds.prefetch(2),
                        epochs=cfg["epochs"])
    model.save("mobilenet_finetuned.keras")
    return history


history = train("data/train", "data/val")
