"""TFL501 (raw images) and TFL502 (raw table features into scale-sensitive models)."""

from __future__ import annotations

import textwrap

import pytest

from tests.conftest import codes, lint


def only(code: str, source: str) -> list[str]:
    found = codes(source, select=(code, "TFL001"))
    assert "TFL001" not in found, "the test source does not parse"
    return [c for c in found if c == code]


def case(head: str, fit: str) -> str:
    return textwrap.dedent(head) + MODEL + textwrap.dedent(fit)


MODEL = """
model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
"""

IMAGES_BAD = {
    "mnist-direct": case("""
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    """, """
model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
    """),
    "cifar-astype-reshape": case("""
        import numpy as np
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
        x_train = x_train.astype("float32")
        x_train = np.expand_dims(x_train, -1)
    """, """
model.fit(x_train[:5000], y_train[:5000], epochs=5, validation_split=0.1)
    """),
    "split-of-images": case("""
        from sklearn.model_selection import train_test_split
        from tensorflow import keras
        (images, labels), _ = keras.datasets.fashion_mnist.load_data()
        x_tr, x_val, y_tr, y_val = train_test_split(images, labels, test_size=0.1)
    """, """
model.fit(x_tr, y_tr, epochs=5, validation_data=(x_val, y_val))
    """),
    "image-dataset-prefetch": case("""
        import tensorflow as tf
        from tensorflow import keras
        train_ds = tf.keras.utils.image_dataset_from_directory("photos", image_size=(96, 96))
        train_ds = train_ds.cache().shuffle(1000).prefetch(tf.data.AUTOTUNE)
    """, """
model.fit(train_ds, epochs=5)
    """),
    "generator-without-rescale": case("""
        from tensorflow import keras
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        datagen = ImageDataGenerator(rotation_range=20, horizontal_flip=True)
        train_gen = datagen.flow_from_directory("data/train", target_size=(64, 64), class_mode="sparse")
    """, """
model.fit(train_gen, epochs=5)
    """),
    "functional-model": """
        import tensorflow as tf
        (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
        inputs = tf.keras.Input(shape=(28, 28))
        x = tf.keras.layers.Flatten()(inputs)
        x = tf.keras.layers.Dense(64, activation="relu")(x)
        outputs = tf.keras.layers.Dense(10, activation="softmax")(x)
        model = tf.keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=3, validation_split=0.1)
    """,
}

IMAGES_BAD["factory-compiles"] = """
    import tensorflow as tf
    def build():
        model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return model
    (x_train, y_train), _ = tf.keras.datasets.mnist.load_data()
    net = build()
    net.fit(x_train, y_train, epochs=3, validation_split=0.1)
"""

IMAGES_GOOD = {
    "divided": case("""
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        x_train, x_test = x_train / 255.0, x_test / 255.0
    """, """
model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
    """),
    "augmented-divide": case("""
        from tensorflow import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
        x_train = x_train.astype("float32")
        x_train /= 255
    """, """
model.fit(x_train, y_train, epochs=5, validation_split=0.1)
    """),
    "divided-in-call": case("""
        from tensorflow import keras
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
    """, """
model.fit(x_train / 255.0, y_train, epochs=5, validation_split=0.1)
    """),
    "rescaling-layer": """
        import tensorflow as tf
        train_ds = tf.keras.utils.image_dataset_from_directory("photos", image_size=(96, 96))
        model = tf.keras.Sequential([tf.keras.layers.Rescaling(1.0 / 255), tf.keras.layers.Flatten(), tf.keras.layers.Dense(5)])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(train_ds, epochs=5)
    """,
    "dataset-map-scaling": case("""
        import tensorflow as tf
        from tensorflow import keras
        train_ds = tf.keras.utils.image_dataset_from_directory("photos", image_size=(96, 96))
        train_ds = train_ds.map(lambda x, y: (x / 255.0, y))
    """, """
model.fit(train_ds, epochs=5)
    """),
    "generator-rescale": case("""
        from tensorflow import keras
        from tensorflow.keras.preprocessing.image import ImageDataGenerator
        datagen = ImageDataGenerator(rescale=1.0 / 255)
        train_gen = datagen.flow_from_directory("data/train", target_size=(64, 64), class_mode="sparse")
    """, """
model.fit(train_gen, epochs=5)
    """),
    "pretrained-base": """
        import tensorflow as tf
        train_ds = tf.keras.utils.image_dataset_from_directory("photos", image_size=(224, 224))
        base = tf.keras.applications.EfficientNetB0(include_top=False, pooling="avg")
        model = tf.keras.Sequential([base, tf.keras.layers.Dense(5)])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(train_ds, epochs=5)
    """,
    "model-from-factory": """
        from tensorflow import keras
        from nets import make_cnn
        (x_train, y_train), _ = keras.datasets.mnist.load_data()
        model = make_cnn()
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(x_train, y_train, epochs=5, validation_split=0.1)
    """,
}


@pytest.mark.parametrize("source", IMAGES_BAD.values(), ids=IMAGES_BAD.keys())
def test_tfl501_reports(source):
    assert only("TFL501", source) == ["TFL501"]


@pytest.mark.parametrize("source", IMAGES_GOOD.values(), ids=IMAGES_GOOD.keys())
def test_tfl501_silent(source):
    assert only("TFL501", source) == []


def test_tfl501_points_at_x_and_the_loader():
    [diag] = lint(IMAGES_BAD["mnist-direct"], select=("TFL501",))
    assert "mnist.load_data()" in diag.message
    assert diag.range.start.line == 8  # the x_train argument of fit
    assert diag.range.start.column == len("model.fit(")
    assert [r.message for r in diag.related][0].startswith("raw data from")


FEATURES_BAD = {
    "scaler-fitted-on-other-rows": """
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        from tensorflow import keras
        df = pd.read_csv("data.csv")
        other = pd.read_csv("other.csv")
        X = df.drop(columns=["y"]).to_numpy()
        StandardScaler().fit(other)
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, df["y"], epochs=5)
    """,
    "two-columns-knn": """
        import pandas as pd
        from sklearn.neighbors import KNeighborsRegressor
        stats = pd.read_csv("life_satisfaction.csv")
        features = stats[["GDP per capita", "Population"]].values
        happiness = stats[["Life satisfaction"]].values
        KNeighborsRegressor(n_neighbors=3).fit(features, happiness)
    """,
    "popped-frame-svr": """
        import pandas as pd
        from sklearn.svm import SVR
        def fit_all(path):
            frame = pd.read_csv(path)
            target = frame.pop("y")
            return SVR().fit(frame.to_numpy(), target)
        fit_all("houses.csv")
    """,
    "svc-read-csv-split": """
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.svm import SVC
        df = pd.read_csv("data.csv")
        X = df.drop(columns=["target"])
        y = df["target"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
        SVC(kernel="rbf").fit(X_train, y_train)
    """,
    "knn-iloc-values": """
        import pandas as pd
        from sklearn.neighbors import KNeighborsClassifier
        data = pd.read_csv("wine.csv")
        X = data.iloc[:, :-1].values
        y = data.iloc[:, -1].values
        knn = KNeighborsClassifier(n_neighbors=5)
        knn.fit(X, y)
    """,
    "logreg-breast-cancer": """
        from sklearn.datasets import load_breast_cancer
        from sklearn.linear_model import LogisticRegression
        X, y = load_breast_cancer(return_X_y=True)
        clf = LogisticRegression(max_iter=1000)
        clf.fit(X, y)
    """,
    "pca-bunch-data": """
        from sklearn import datasets
        from sklearn.decomposition import PCA
        wine = datasets.load_wine()
        pca = PCA(n_components=2)
        pca.fit(wine.data)
    """,
    "keras-dense-on-csv": """
        import pandas as pd
        from tensorflow import keras
        df = pd.read_csv("housing.csv")
        X = df[["rooms", "area", "age"]].to_numpy()
        y = df["price"].to_numpy()
        model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, epochs=50, validation_split=0.2)
    """,
    "pipeline-without-scaler": """
        import pandas as pd
        from sklearn.pipeline import Pipeline
        from sklearn.feature_selection import SelectKBest
        from sklearn.neighbors import KNeighborsClassifier
        df = pd.read_csv("data.csv")
        pipe = Pipeline([("select", SelectKBest(k=5)), ("knn", KNeighborsClassifier())])
        pipe.fit(df.drop(columns=["y"]), df["y"])
    """,
}

FEATURES_BAD["cross-val-score"] = """
    import pandas as pd
    from sklearn.model_selection import cross_val_score
    from sklearn.svm import SVC
    df = pd.read_csv("data.csv")
    scores = cross_val_score(SVC(), df.drop(columns=["y"]), df["y"], cv=5)
"""
FEATURES_BAD["grid-search"] = """
    import pandas as pd
    from sklearn.model_selection import GridSearchCV
    from sklearn.neighbors import KNeighborsClassifier
    df = pd.read_csv("data.csv")
    search = GridSearchCV(KNeighborsClassifier(), {"n_neighbors": [3, 5, 7]}, cv=5)
    search.fit(df.drop(columns=["y"]), df["y"])
"""

FEATURES_GOOD = {
    "one-column-knn": """
        import pandas as pd
        from sklearn.neighbors import KNeighborsRegressor
        stats = pd.read_csv("life_satisfaction.csv")
        gdp = stats[["GDP per capita"]].values
        happiness = stats[["Life satisfaction"]].values
        KNeighborsRegressor(n_neighbors=3).fit(gdp, happiness)
    """,
    "one-popped-column-svr": """
        import pandas as pd
        from sklearn.svm import SVR
        def fit_one(path):
            frame = pd.read_csv(path)
            target = frame.pop("y")
            area = frame.pop("area")
            return SVR().fit(area.to_numpy().reshape(-1, 1), target)
        fit_one("houses.csv")
    """,
    "grid-search-over-pipeline": """
        import pandas as pd
        from sklearn.model_selection import GridSearchCV
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.neighbors import KNeighborsClassifier
        df = pd.read_csv("data.csv")
        pipe = make_pipeline(StandardScaler(), KNeighborsClassifier())
        GridSearchCV(pipe, {"kneighborsclassifier__n_neighbors": [3, 5]}).fit(df.drop(columns=["y"]), df["y"])
    """,
    "pipeline-steps-variable-with-scaler": """
        import pandas as pd
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC
        df = pd.read_csv("data.csv")
        steps = [("scale", StandardScaler()), ("svc", SVC())]
        Pipeline(steps).fit(df.drop(columns=["y"]), df["y"])
    """,
    "pipeline-with-column-transformer": """
        import pandas as pd
        from sklearn.compose import make_column_transformer
        from sklearn.pipeline import make_pipeline
        from sklearn.svm import SVC
        df = pd.read_csv("data.csv")
        pre = make_column_transformer(("passthrough", ["a"]))
        make_pipeline(pre, SVC()).fit(df, df["y"])
    """,
    "pipeline": """
        import pandas as pd
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC
        df = pd.read_csv("data.csv")
        X = df.drop(columns=["target"])
        clf = make_pipeline(StandardScaler(), SVC())
        clf.fit(X, df["target"])
    """,
    "scaled-before-fit": """
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC
        df = pd.read_csv("data.csv")
        X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["y"]), df["y"])
        scaler = StandardScaler()
        X_train = scaler.fit_transform(X_train)
        SVC().fit(X_train, y_train)
    """,
    "tree-model": """
        import pandas as pd
        from sklearn.ensemble import RandomForestClassifier
        df = pd.read_csv("data.csv")
        RandomForestClassifier().fit(df.drop(columns=["y"]), df["y"])
    """,
    "columns-scaled-in-place": """
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.neighbors import KNeighborsRegressor
        df = pd.read_csv("data.csv")
        cols = ["a", "b"]
        df[cols] = MinMaxScaler().fit_transform(df[cols])
        KNeighborsRegressor().fit(df[cols], df["y"])
    """,
    "manual-standardisation": """
        import pandas as pd
        from sklearn.svm import SVR
        df = pd.read_csv("data.csv")
        X = (df - df.mean()) / df.std()
        SVR().fit(X, df["y"])
    """,
    "keras-normalization-layer": """
        import pandas as pd
        from tensorflow import keras
        df = pd.read_csv("housing.csv")
        X = df[["rooms", "area", "age"]].to_numpy()
        norm = keras.layers.Normalization()
        norm.adapt(X)
        model = keras.Sequential([norm, keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, df["price"], epochs=50, validation_split=0.2)
    """,
    "unknown-source": """
        import numpy as np
        from sklearn.svm import SVC
        X = np.load("features.npy")
        SVC().fit(X, np.load("y.npy"))
    """,
    # a plain model trained first on purpose, then the same rows normalised: a comparison, as tutorials make it
    "baseline-then-normalization-layer": """
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        features = pd.read_csv("abalone.csv")
        labels = features.pop("age")
        features = np.array(features)
        plain = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        plain.compile(optimizer="adam", loss="mse")
        plain.fit(features, labels, epochs=10)
        norm = keras.layers.Normalization()
        norm.adapt(features)
        scaled = keras.Sequential([norm, keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        scaled.compile(optimizer="adam", loss="mse")
        scaled.fit(features, labels, epochs=10)
    """,
    "baseline-then-scaler": """
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        from tensorflow import keras
        df = pd.read_csv("data.csv")
        X = df.drop(columns=["y"]).to_numpy()
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, df["y"], epochs=5)
        scaler = StandardScaler()
        scaler.fit(X)
        model.fit(scaler.transform(X), df["y"], epochs=5)
    """,
}


@pytest.mark.parametrize("source", FEATURES_BAD.values(), ids=FEATURES_BAD.keys())
def test_tfl502_reports(source):
    assert only("TFL502", source) == ["TFL502"]


@pytest.mark.parametrize("source", FEATURES_GOOD.values(), ids=FEATURES_GOOD.keys())
def test_tfl502_silent(source):
    assert only("TFL502", source) == []


def test_tf_data_pipeline_from_raw_arrays():
    source = """
        import tensorflow as tf
        (x_train, y_train), _ = tf.keras.datasets.cifar10.load_data()
        train_ds = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(10000).batch(64)
        model = tf.keras.Sequential([tf.keras.layers.Conv2D(32, 3, activation="relu"), tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(train_ds, epochs=5)
    """
    assert only("TFL501", source) == ["TFL501"]
    scaled = source.replace("((x_train, y_train))", "((x_train / 255.0, y_train))")
    assert only("TFL501", scaled) == []
    mapped = source.replace(".shuffle(10000)", ".map(lambda x, y: (tf.cast(x, tf.float32) / 255.0, y)).shuffle(10000)")
    assert only("TFL501", mapped) == []


def test_a_sequential_used_as_a_layer_is_its_own_layers():
    """An augmentation block (a Sequential of Random* layers) first: the pixels still reach Conv2D unscaled."""
    source = textwrap.dedent("""
        import tensorflow as tf
        from tensorflow.keras import layers

        train = tf.keras.utils.image_dataset_from_directory("photos", image_size=(128, 128))
        augment = tf.keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.1){rescale}])
        model = tf.keras.Sequential([
            layers.Input(shape=(128, 128, 3)),
            augment,
            layers.Conv2D(16, 3, activation="relu"),
            layers.GlobalAveragePooling2D(),
            layers.Dense(2),
        ])
        model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        model.fit(train, epochs=5)
    """)
    assert only("TFL501", source.format(rescale="")) == ["TFL501"]
    assert only("TFL501", source.format(rescale=", layers.Rescaling(1.0 / 255)")) == []
