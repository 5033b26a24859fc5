"""Model factory for the leaf-disease transfer-learning experiments."""
import tensorflow as tf

AUTOTUNE = tf.data.AUTOTUNE
apps = tf.keras.applications


class ModelFactory:
    """Builds a pretrained backbone + fresh classification head, ready to fit."""

    BACKBONES = {
        "efficientnet_b0": (apps.EfficientNetB0, apps.efficientnet.preprocess_input),
        "resnet50": (apps.ResNet50, apps.resnet50.preprocess_input),
        "mobilenet_v2": (apps.MobileNetV2, apps.mobilenet_v2.preprocess_input),
    }

    OPTIMIZERS = {
        "adam": {"cls": tf.keras.optimizers.Adam, "learning_rate": 3e-4},
        "sgd": {"cls": tf.keras.optimizers.SGD, "learning_rate": 0.01, "momentum": 0.9},
        "adamw": {"cls": tf.keras.optimizers.AdamW, "learning_rate": 2.5e-4, "weight_decay": 1e-4},
    }

    def __init__(self, input_size=224, dropout=0.2, freeze_backbone=True):
        self.input_size = input_size
        self.dropout = dropout
        self.freeze_backbone = freeze_backbone

    def _backbone(self, name):
        cls, preprocess = self.BACKBONES[name]
        base = cls(
            include_top=False,
            weights="imagenet",
            input_shape=(self.input_size, self.input_size, 3),
        )
        base.trainable = not self.freeze_backbone
        return base, preprocess

    def _optimizer(self, name):
        spec = dict(self.OPTIMIZERS[name])
        cls = spec.pop("cls")
        return cls(**spec)

    def create(self, backbone, num_classes, optimizer="adam"):
        base, preprocess = self._backbone(backbone)
        inputs = tf.keras.Input(shape=(self.input_size, self.input_size, 3))
        x = preprocess(inputs)
        x = base(x, training=False)
        x = tf.keras.layers.GlobalAveragePooling2D()(x)
        x = tf.keras.layers.Dropout(self.dropout)(x)
        outputs = tf.keras.layers.Dense(num_classes, activation="softmax")(x)
        model = tf.keras.Model(inputs, outputs, name=f"{backbone}_clf")
        model.compile(
            optimizer=self._optimizer(optimizer),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
        return model


def make_datasets(root, image_size, batch_size, seed=7):
    common = dict(
        validation_split=0.2,
        seed=seed,
        image_size=(image_size, image_size),
        batch_size=batch_size,
    )
    train = tf.keras.utils.image_dataset_from_directory(root, subset="training", **common)
    val = tf.keras.utils.image_dataset_from_directory(root, subset="validation", **common)
    class_names = train.class_names
    return train.prefetch(AUTOTUNE), val.cache().prefetch(AUTOTUNE), class_names


if __name__ == "__main__":
    factory = ModelFactory(input_size=224, dropout=0.3)
    train_ds, val_ds, class_names = make_datasets("data/plant_leaves", 224, 32)
    model = factory.create("efficientnet_b0", num_classes=len(class_names), optimizer="adamw")
    model.fit(
        train_ds,
        validation_data=val_ds,
        epochs=12,
        callbacks=[tf.keras.callbacks.EarlyStopping(patience=3, restore_best_weights=True)],
    )
    model.save("leaf_classifier.keras")
