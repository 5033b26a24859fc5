"""TFL404 (label encoding vs loss) and TFL405 (output units vs class count)."""

from __future__ import annotations

import pytest

from tests.conftest import codes


def only(code: str, source: str) -> list[str]:
    found = codes(source, select=(code, "TFL001"))
    assert "TFL001" not in found, "the test source does not parse"
    return [c for c in found if c == code]


ENCODING_BAD = {
    "mnist-int-categorical": """
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        x_train = x_train / 255.0
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train, y_train, epochs=3, validation_split=0.1)
    """,
    "to-categorical-sparse": """
        import numpy as np
        import tensorflow as tf
        y = np.load("labels.npy")
        y_onehot = tf.keras.utils.to_categorical(y, num_classes=5)
        model = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(5, activation="softmax")])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy())
        model.fit(np.load("x.npy"), y_onehot, epochs=3, validation_split=0.1)
    """,
    "get-dummies-sparse-split": """
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from keras import layers, models
        df = pd.read_csv("iris.csv")
        X = df.drop(columns=["species"]).values
        y = pd.get_dummies(df["species"]).values
        X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2)
        model = models.Sequential([layers.Dense(16, activation="relu"), layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(X_train, y_train, validation_data=(X_val, y_val), epochs=20)
    """,
    "label-encoder-categorical": """
        import numpy as np
        from sklearn.preprocessing import LabelEncoder
        from tensorflow import keras
        encoder = LabelEncoder()
        y = encoder.fit_transform(np.load("names.npy"))
        model = keras.Sequential([keras.layers.Dense(4, activation="softmax")])
        model.compile(optimizer="adam", loss=keras.losses.categorical_crossentropy)
        model.fit(np.load("x.npy"), y, epochs=3, validation_split=0.1)
    """,
    "image-dataset-default-int": """
        import tensorflow as tf
        train_ds = tf.keras.utils.image_dataset_from_directory("data/train", image_size=(64, 64))
        train_ds = train_ds.cache().prefetch(tf.data.AUTOTUNE)
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=5)
    """,
    "image-dataset-categorical-sparse": """
        import tensorflow as tf
        train_ds = tf.keras.utils.image_dataset_from_directory("data/train", label_mode="categorical")
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train_ds, epochs=5)
    """,
    "flow-from-directory-default-categorical": """
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        from tensorflow.keras import layers, models
        gen = ImageDataGenerator(rescale=1.0 / 255)
        train = gen.flow_from_directory("data/train", target_size=(64, 64))
        model = models.Sequential([layers.Flatten(), layers.Dense(4, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(train, epochs=5)
    """,
}

ENCODING_GOOD = {
    "mnist-int-sparse": """
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train / 255.0, y_train, epochs=3, validation_split=0.1)
    """,
    "mnist-to-categorical-categorical": """
        from tensorflow import keras
        from tensorflow.keras.utils import to_categorical
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        y_train = to_categorical(y_train)
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train / 255.0, y_train, epochs=3, validation_split=0.1)
    """,
    "labels-unknown": """
        import numpy as np
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.load("x.npy"), np.load("y.npy"), epochs=3, validation_split=0.1)
    """,
    "dataset-mapped-labels": """
        import tensorflow as tf
        train_ds = tf.keras.utils.image_dataset_from_directory("data/train")
        train_ds = train_ds.map(lambda x, y: (x / 255.0, tf.one_hot(y, 3)))
        model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(train_ds, epochs=5)
    """,
    "labels-reassigned-in-place": """
        from tensorflow import keras
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        y_train[y_train > 4] = 1
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(x_train / 255.0, y_train, epochs=3, validation_split=0.1)
    """,
}


@pytest.mark.parametrize("source", ENCODING_BAD.values(), ids=ENCODING_BAD.keys())
def test_tfl404_reports(source):
    assert only("TFL404", source) == ["TFL404"]


@pytest.mark.parametrize("source", ENCODING_GOOD.values(), ids=ENCODING_GOOD.keys())
def test_tfl404_silent(source):
    assert only("TFL404", source) == []


UNITS_BAD = {
    "cifar100-dense10": """
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.cifar100.load_data()
        model = keras.Sequential([keras.layers.Rescaling(1 / 255), keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=3, validation_split=0.1)
    """,
    "to-categorical-num-classes": """
        import numpy as np
        from tensorflow import keras
        NUM_CLASSES = 7
        y = keras.utils.to_categorical(np.load("y.npy"), NUM_CLASSES)
        inputs = keras.Input(shape=(20,))
        x = keras.layers.Dense(32, activation="relu")(inputs)
        outputs = keras.layers.Dense(6, activation="softmax")(x)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.load("x.npy"), y, epochs=3, validation_split=0.1)
    """,
    "tf-one-hot-depth": """
        import numpy as np
        import tensorflow as tf
        y = tf.one_hot(np.load("y.npy"), depth=4)
        model = tf.keras.Sequential([tf.keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.load("x.npy"), y, epochs=3, validation_split=0.1)
    """,
    "binary-label-mode-two-units": """
        import tensorflow as tf
        ds = tf.keras.utils.image_dataset_from_directory("cats_dogs", label_mode="binary")
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(2, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(ds, epochs=3)
    """,
    "reuters-binary-one-unit": """
        from tensorflow import keras
        (x_train, y_train), _ = keras.datasets.reuters.load_data(num_words=10000)
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(x_train, y_train, epochs=3, validation_split=0.1)
    """,
}

UNITS_GOOD = {
    "imdb-one-sigmoid": """
        from tensorflow import keras
        (x_train, y_train), _ = keras.datasets.imdb.load_data(num_words=10000)
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy")
        model.fit(x_train, y_train, epochs=3, validation_split=0.1)
    """,
    "cifar10-ten": """
        import tensorflow as tf
        (x_train, y_train), _ = tf.keras.datasets.cifar10.load_data()
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(x_train, y_train, epochs=3, validation_split=0.1)
    """,
    "units-from-unique": """
        import numpy as np
        from tensorflow import keras
        y = np.load("y.npy")
        n_classes = len(np.unique(y))
        model = keras.Sequential([keras.layers.Dense(n_classes, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.load("x.npy"), keras.utils.to_categorical(y, n_classes), epochs=3, validation_split=0.1)
    """,
    "to-categorical-unknown-count": """
        import numpy as np
        from tensorflow import keras
        y = keras.utils.to_categorical(np.load("y.npy"))
        model = keras.Sequential([keras.layers.Dense(4, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(np.load("x.npy"), y, epochs=3, validation_split=0.1)
    """,
    "class-names-literal": """
        import tensorflow as tf
        ds = tf.keras.utils.image_dataset_from_directory("flowers", class_names=["daisy", "rose", "tulip"])
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(3)])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(ds, epochs=3)
    """,
}


@pytest.mark.parametrize("source", UNITS_BAD.values(), ids=UNITS_BAD.keys())
def test_tfl405_reports(source):
    assert only("TFL405", source) == ["TFL405"]


@pytest.mark.parametrize("source", UNITS_GOOD.values(), ids=UNITS_GOOD.keys())
def test_tfl405_silent(source):
    assert only("TFL405", source) == []


def test_tfl405_names_both_numbers():
    [diag] = [d for d in __import__("tests.conftest", fromlist=["lint"]).lint(UNITS_BAD["cifar100-dense10"], select=("TFL405",))]
    assert "10 units" in diag.message and "100 classes" in diag.message
    assert diag.related and diag.related[0].message == "labels made here"


def test_labels_through_tf_data_and_random_integers():
    source = """
        import numpy as np
        import tensorflow as tf
        rng = np.random.default_rng(0)
        x = rng.normal(size=(300, 8)).astype("float32")
        y = rng.integers(0, 10, size=300)
        ds = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)
        model = tf.keras.Sequential([tf.keras.layers.Dense(16, activation="relu"), tf.keras.layers.Dense(5, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(ds, epochs=2)
    """
    assert only("TFL405", source) == ["TFL405"]
    assert only("TFL405", source.replace("Dense(5,", "Dense(10,")) == []
    assert only("TFL404", source.replace('loss="sparse_categorical_crossentropy"', 'loss="categorical_crossentropy"')) == ["TFL404"]
    legacy = source.replace("rng.integers(0, 10, size=300)", "np.random.randint(10, size=300)")
    assert only("TFL405", legacy) == ["TFL405"]
    shifted = source.replace("rng.integers(0, 10, size=300)", "rng.integers(1, 10, size=300)")
    assert only("TFL405", shifted) == []
