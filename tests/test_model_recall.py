"""Model, loss and data-preparation bugs in the shapes real code writes them (issue 16).

Each pattern is a bug that must be reported and a clean twin that must not,
in styles unlike the rest of the suite: notebook cells, factories and classes,
Keras 1/2 and Keras 3 spellings.
"""

from __future__ import annotations

import textwrap

import pytest

from tflint.api import fix_text, lint_cells, lint_text
from tflint.config import Config
from tests.conftest import codes


def only(code: str, source: str) -> list[int]:
    """Lines where ``code`` is reported (the source must parse)."""
    result = lint_text(textwrap.dedent(source), "train.py", Config(select=(code, "TFL001")))
    assert "TFL001" not in [d.code for d in result.diagnostics], "the test source does not parse"
    return [d.range.start.line for d in result.diagnostics if d.code == code]


def cells_report(code: str, cells: list[str]) -> list[tuple[int | None, int]]:
    """(cell, line) of each ``code`` finding in a notebook given as cell sources."""
    result = lint_cells([(i, textwrap.dedent(c)) for i, c in enumerate(cells)], "nb.ipynb", Config(select=(code,)))
    return [(d.cell, d.range.start.line) for d in result.diagnostics if d.code == code]


# -- 1. accuracy thresholded at 0.5 on logits (TFL410); TFL406's fix with "mae" listed ---------------

LOGITS_ACCURACY_NOTEBOOK = [
    """
    import keras
    from keras import layers
    """,
    """
    def make_classifier(width=64):
        inputs = keras.Input(shape=(20,))
        hidden = layers.Dense(width, activation="gelu")(inputs)
        logit = layers.Dense(1, name="logit")(hidden)
        return keras.Model(inputs, logit)
    """,
    """
    clf = make_classifier()
    clf.compile(
        optimizer=keras.optimizers.AdamW(1e-3),
        loss=keras.losses.BinaryCrossentropy(from_logits=True),
        metrics=[{metric}, keras.metrics.AUC(from_logits=True)],
    )
    """,
]


def _notebook(metric: str) -> list[str]:
    return [c.replace("{metric}", metric) for c in LOGITS_ACCURACY_NOTEBOOK]


@pytest.mark.parametrize("metric", ['"accuracy"', "'acc'", '"binary_accuracy"', "keras.metrics.BinaryAccuracy()"])
def test_tfl410_accuracy_on_logits_in_a_notebook_factory(metric):
    assert cells_report("TFL410", _notebook(metric)) == [(2, 6)]


@pytest.mark.parametrize(
    "metric", ['keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")', '"mae"', "keras.metrics.Precision(thresholds=0.0)"]
)
def test_tfl410_silent_when_the_metric_thresholds_logits_at_zero(metric):
    assert cells_report("TFL410", _notebook(metric)) == []


def test_tfl410_silent_on_probabilities_and_on_several_logits():
    sigmoid = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1, activation="sigmoid")])
        model.compile("adam", tf.keras.losses.BinaryCrossentropy(), metrics=["accuracy"])
    """
    assert only("TFL410", sigmoid) == []
    # several logits: Keras 3 picks categorical accuracy for "accuracy" (an argmax, right on logits)
    multi = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(5)])
        model.compile("adam", tf.keras.losses.BinaryCrossentropy(from_logits=True), metrics=["accuracy"])
    """
    assert only("TFL410", multi) == []
    assert only("TFL410", multi.replace('"accuracy"', '"binary_accuracy"')) == [4]


def test_tfl410_in_a_trainer_class_and_its_fix_keeps_the_log_key():
    source = textwrap.dedent(
        """
        import tensorflow as tf
        from tensorflow.keras import layers

        class Trainer:
            def __init__(self):
                self.model = tf.keras.Sequential([layers.Dense(32, activation="relu"), layers.Dense(1)])
                self.model.compile(optimizer="adam",
                                   loss=tf.keras.losses.BinaryCrossentropy(from_logits=True),
                                   metrics=['acc'])

            def run(self, x, y):
                history = self.model.fit(x, y, validation_split=0.2, epochs=5)
                return history.history['val_acc']
        """
    )
    assert only("TFL410", source) == [10]
    fixed = fix_text(source, "trainer.py", Config(select=("TFL410",)))
    assert "metrics=[tf.keras.metrics.BinaryAccuracy(threshold=0.0, name='acc')]" in fixed
    assert only("TFL410", fixed) == []


def test_tfl406_fix_for_acc_beside_mae_keeps_evaluate_unpacking():
    source = textwrap.dedent(
        """
        from tensorflow import keras
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse", metrics=["acc", "mae"])
        model.fit(x_train, y_train, epochs=20, validation_split=0.1)
        loss, acc, mae = model.evaluate(x_test, y_test)
        print("Test accuracy:", acc)
        """
    )
    found = [d for d in lint_text(source, "t.py", Config(select=("TFL406",))).diagnostics]
    assert [d.code for d in found] == ["TFL406"] and found[0].fix is not None and found[0].fix.safe
    fixed = fix_text(source, "t.py", Config(select=("TFL406",)))
    assert 'metrics=["mse", "mae"]' in fixed  # in place: evaluate still returns three values
    assert "TFL406" not in codes(fixed)
    # a history plot reads the key: no fix
    plotted = source + 'plt.plot(history.history["val_acc"])\n'
    assert fix_text(plotted, "t.py", Config(select=("TFL406",))) == plotted
    # both regression metrics listed already: replacing would duplicate one, dropping would shift evaluate()
    both = source.replace('["acc", "mae"]', '["acc", "mae", "mse"]')
    assert [d.fix for d in lint_text(both, "t.py", Config(select=("TFL406",))).diagnostics] == [None]


# -- 2. non-probability outputs under a probability crossentropy (TFL402) -----------------------------

NOT_PROBABILITY_BAD = {
    "relu-output-sparse-notebook-style": """
        import tensorflow as tf
        NUM_CLASSES = 7
        inputs = tf.keras.Input(shape=(28, 28, 1))
        x = tf.keras.layers.Conv2D(16, 3, activation="relu")(inputs)
        x = tf.keras.layers.GlobalAveragePooling2D()(x)
        outputs = tf.keras.layers.Dense(NUM_CLASSES, activation=tf.nn.relu)(x)
        model = tf.keras.Model(inputs=inputs, outputs=outputs)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    """,
    "tanh-output-binary-keras1": """
        from keras.models import Sequential
        from keras.layers import Dense, Activation
        model = Sequential()
        model.add(Dense(32, input_dim=10))
        model.add(Activation("relu"))
        model.add(Dense(1))
        model.add(Activation("tanh"))
        model.compile(loss="binary_crossentropy", optimizer="rmsprop")
    """,
    "relu-logits-binary-factory": """
        import keras
        def build():
            model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="relu")])
            model.compile(optimizer="adam", loss=keras.losses.BinaryCrossentropy(from_logits=True))
            return model
    """,
    "several-sigmoids-categorical-no-labels": """
        from tensorflow.keras import layers, models
        net = models.Sequential([layers.Dense(128, activation="relu"), layers.Dropout(0.3), layers.Dense(5, activation="sigmoid")])
        net.compile(loss="categorical_crossentropy", optimizer="adam")
        net.fit(features, targets, epochs=10, validation_split=0.2)
    """,
}

NOT_PROBABILITY_GOOD = {
    "relu-output-sparse-notebook-style": NOT_PROBABILITY_BAD["relu-output-sparse-notebook-style"].replace(
        "activation=tf.nn.relu", "activation=tf.nn.softmax"
    ),
    "tanh-output-mse": NOT_PROBABILITY_BAD["tanh-output-binary-keras1"].replace("binary_crossentropy", "mse"),
    "relu-logits-categorical": """
        import keras
        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(4, activation="relu")])
        model.compile(optimizer="adam", loss=keras.losses.CategoricalCrossentropy(from_logits=True))
    """,
    "several-sigmoids-binary": NOT_PROBABILITY_BAD["several-sigmoids-categorical-no-labels"].replace(
        "categorical_crossentropy", "binary_crossentropy"
    ),
}


@pytest.mark.parametrize("source", NOT_PROBABILITY_BAD.values(), ids=NOT_PROBABILITY_BAD.keys())
def test_tfl402_non_probability_output(source):
    assert len(only("TFL402", source)) == 1


@pytest.mark.parametrize("source", NOT_PROBABILITY_GOOD.values(), ids=NOT_PROBABILITY_GOOD.keys())
def test_tfl402_silent_twins(source):
    assert only("TFL402", source) == []


def test_tfl402_relu_output_in_notebook_cells_points_at_the_loss():
    cells = [
        "import keras\nfrom keras import layers\n",
        "model = keras.Sequential()\nmodel.add(layers.Dense(64, activation='relu'))\nmodel.add(layers.Dense(3, activation='relu'))\n",
        "model.compile(optimizer='adam', loss='categorical_crossentropy')\n",
    ]
    assert cells_report("TFL402", cells) == [(2, 1)]
    cells[1] = cells[1].replace("Dense(3, activation='relu')", "Dense(3, activation='softmax')")
    assert cells_report("TFL402", cells) == []


# -- 3. one-hot labels made by OneHotEncoder().toarray(), np.eye(k)[y], to_categorical, get_dummies ----


def test_onehot_encoder_toarray_in_notebook_cells_with_sparse_loss():
    cells = [
        "import pandas as pd\nfrom sklearn.preprocessing import OneHotEncoder\nfrom tensorflow import keras\n",
        'df = pd.read_csv("iris.csv")\nenc = OneHotEncoder(handle_unknown="ignore")\n'
        'y_oh = enc.fit_transform(df[["species"]]).toarray()\n',
        "model = keras.Sequential([keras.layers.Dense(16, activation='relu'), keras.layers.Dense(3, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='{loss}', metrics=['accuracy'])\n"
        "model.fit(df.drop(columns='species').values, y_oh, epochs=50, validation_split=0.2)\n",
    ]
    bad = [c.replace("{loss}", "sparse_categorical_crossentropy") for c in cells]
    assert cells_report("TFL404", bad) == [(2, 2)]
    good = [c.replace("{loss}", "categorical_crossentropy") for c in cells]
    assert cells_report("TFL404", good) == []


EYE = """
    import numpy as np
    import tensorflow as tf

    NUM_CLASSES = 4
    labels = np.loadtxt("labels.txt", dtype=int)
    targets = np.eye(NUM_CLASSES)[labels]

    class Classifier(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = tf.keras.layers.Dense(32, activation="relu")
            self.head = tf.keras.layers.Dense({units}, activation="softmax")

        def call(self, x):
            return self.head(self.hidden(x))

    clf = Classifier()
    clf.compile(optimizer="adam", loss="{loss}")
    clf.fit(features, targets, epochs=5, validation_split=0.1)
"""


def test_identity_matrix_rows_are_one_hot_labels():
    assert only("TFL405", EYE.format(units=3, loss="categorical_crossentropy")) == [13]
    assert only("TFL405", EYE.format(units=4, loss="categorical_crossentropy")) == []
    assert only("TFL404", EYE.format(units=4, loss="sparse_categorical_crossentropy")) == [19]
    assert only("TFL404", EYE.format(units=4, loss="categorical_crossentropy")) == []
    # the identity matrix itself (not indexed by the labels) is not a label encoding
    unindexed = EYE.format(units=3, loss="sparse_categorical_crossentropy").replace("[labels]", "")
    assert only("TFL404", unindexed) == [] and only("TFL405", unindexed) == []


KERAS1_TO_CATEGORICAL = """
    from keras.models import Sequential
    from keras.layers import Dense
    from keras.utils import np_utils
    import pandas

    frame = pandas.read_csv("sonar.csv", header=None)
    y = np_utils.to_categorical(frame[60].values, {classes})
    model = Sequential()
    model.add(Dense(60, input_dim=60, activation="relu"))
    model.add(Dense(5, activation="softmax"))
    model.compile(loss="{loss}", optimizer="adam")
    model.fit(frame.values[:, :60], y, batch_size=5, validation_split=0.3)
"""


def test_keras1_np_utils_to_categorical():
    assert only("TFL404", KERAS1_TO_CATEGORICAL.format(classes=5, loss="sparse_categorical_crossentropy")) == [12]
    assert only("TFL404", KERAS1_TO_CATEGORICAL.format(classes=5, loss="categorical_crossentropy")) == []
    assert only("TFL405", KERAS1_TO_CATEGORICAL.format(classes=6, loss="categorical_crossentropy")) == [11]


def test_get_dummies_labels_from_a_column():
    source = """
        import pandas as pd
        import keras
        train = pd.read_csv("train.csv")
        y_train = pd.get_dummies(train["label"]).to_numpy(dtype="float32")
        model = keras.Sequential([keras.layers.Dense(64, activation="relu"), keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss=keras.losses.{loss}())
        model.fit(train.drop("label", axis=1).to_numpy() / 255.0, y_train, epochs=3, validation_split=0.1)
    """
    assert only("TFL404", source.format(loss="SparseCategoricalCrossentropy")) == [7]
    assert only("TFL404", source.format(loss="CategoricalCrossentropy")) == []


# -- 4. one linear hidden Dense feeding the output Dense (TFL407) ---------------------------------------

HEAD_ON_FEATURES = """
    import keras
    from keras import layers

    def head(features_shape, width={width}):
        inputs = keras.Input(shape=features_shape)
        x = layers.GlobalAveragePooling2D()(inputs)
        x = layers.Dense(width{activation})(x)
        x = layers.Dropout(0.3)(x)
        return keras.Model(inputs, layers.Dense(5, activation="softmax")(x))

    model = head((7, 7, 1280))
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
"""


def test_tfl407_one_linear_hidden_dense_before_the_output():
    assert only("TFL407", HEAD_ON_FEATURES.format(width=128, activation="")) == [8]
    assert only("TFL407", HEAD_ON_FEATURES.format(width=128, activation=", activation=None")) == [8]
    assert only("TFL407", HEAD_ON_FEATURES.format(width=128, activation=', activation="relu"')) == []
    # narrower than the output: a low-rank bottleneck, which may be the point
    assert only("TFL407", HEAD_ON_FEATURES.format(width=3, activation="")) == []


def test_tfl407_linear_hidden_then_activation_layer_is_not_linear():
    source = """
        from tensorflow.keras.models import Sequential
        from tensorflow.keras.layers import Dense, Activation, Dropout
        model = Sequential()
        model.add(Dense(512, input_shape=(784,)))
        model.add(Activation("relu"))
        model.add(Dropout(0.2))
        model.add(Dense(10))
        model.add(Activation("softmax"))
    """
    assert only("TFL407", source) == []
    assert only("TFL407", source.replace('model.add(Activation("relu"))', "pass")) == [5]


# -- 5. Sequential() built with add() inside __main__, try: and strategy.scope() -------------------------

MAIN_GUARD = """
    import argparse
    from tensorflow import keras

    def parse():
        parser = argparse.ArgumentParser()
        parser.add_argument("--epochs", type=int, default=10)
        return parser.parse_args()

    if __name__ == "__main__":
        args = parse()
        model = keras.Sequential()
        model.add(keras.layers.Dense(128, activation="relu", input_shape=(784,)))
        model.add(keras.layers.Dense(10, activation="softmax"))
        model.compile(optimizer="sgd", loss="{loss}", metrics=["accuracy"])
"""


def test_sequential_built_under_the_main_guard():
    assert only("TFL402", MAIN_GUARD.format(loss="binary_crossentropy")) == [15]
    assert only("TFL402", MAIN_GUARD.format(loss="categorical_crossentropy")) == []


def test_a_layer_added_in_a_nested_if_leaves_the_model_unknown():
    nested = MAIN_GUARD.format(loss="binary_crossentropy").replace(
        '        model.add(keras.layers.Dense(10, activation="softmax"))',
        '        if args.epochs > 5:\n            model.add(keras.layers.Dense(10, activation="softmax"))',
    )
    assert only("TFL402", nested) == []
    one_line = MAIN_GUARD.format(loss="binary_crossentropy").replace(
        '        model.add(keras.layers.Dense(10, activation="softmax"))',
        '        if args.epochs > 5: model.add(keras.layers.Dense(10, activation="softmax"))',
    )
    assert only("TFL402", one_line) == []


def test_sequential_built_inside_try_and_strategy_scope():
    source = """
        import tensorflow as tf

        def main():
            strategy = tf.distribute.MirroredStrategy()
            try:
                with strategy.scope():
                    net = tf.keras.models.Sequential()
                    net.add(tf.keras.layers.Flatten(input_shape=(32, 32, 3)))
                    net.add(tf.keras.layers.Dense(256, activation="relu"))
                    net.add(tf.keras.layers.Dense(1, activation="{act}"))
                    net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
            except RuntimeError as err:
                print("no GPUs:", err)
                return
            net.fit(x, y, validation_split=0.1)
    """
    assert only("TFL401", source.format(act="softmax")) == [11]
    # the model is rebuilt: its one sigmoid unit under categorical crossentropy is TFL402
    cat = source.format(act="sigmoid").replace("binary_crossentropy", "categorical_crossentropy")
    assert only("TFL402", cat) == [12]
    assert only("TFL402", source.format(act="sigmoid")) == []


def test_a_layer_chosen_by_try_except_leaves_the_model_unknown():
    source = """
        import keras
        model = keras.Sequential()
        model.add(keras.layers.Dense(64, activation="relu"))
        try:
            model.add(keras.layers.Dense(10, activation="softmax"))
        except ValueError:
            model.add(keras.layers.Dense(1, activation="sigmoid"))
        model.compile(optimizer="adam", loss="binary_crossentropy")
    """
    assert only("TFL402", source) == []


# -- 6. Keras 1/2 spellings: output_dim=, nb_filter=, init=, Convolution2D, nb_epoch=, a dataset module alias --

KERAS1_SCRIPT = """
    from keras.models import Sequential
    from keras.layers import Dense, Dropout, Flatten, Convolution2D, MaxPooling2D
    from keras.datasets import cifar10

    (X_train, y_train), (X_test, y_test) = cifar10.load_data()
    X_train = X_train.astype("float32") / 255

    model = Sequential()
    model.add(Convolution2D(nb_filter=32, nb_row=3, nb_col=3, border_mode="same", input_shape=(32, 32, 3), activation="relu"))
    model.add(MaxPooling2D(pool_size=(2, 2)))
    model.add(Flatten())
    model.add(Dense(output_dim=512, init="glorot_uniform", activation="relu"))
    model.add(Dropout(0.5))
    model.add(Dense(output_dim={units}, init="glorot_uniform", activation="softmax"))
    model.compile(loss="{loss}", optimizer="sgd")
    model.fit(X_train, y_train, batch_size=32, nb_epoch=200, validation_split=0.1)
"""


def test_keras1_output_dim_sets_the_units():
    # softmax over 10 units with binary crossentropy: only known once output_dim= is read as the units
    assert only("TFL402", KERAS1_SCRIPT.format(units=10, loss="binary_crossentropy")) == [16]
    assert only("TFL402", KERAS1_SCRIPT.format(units=10, loss="sparse_categorical_crossentropy")) == []
    # cifar10 labels: 10 integer classes
    assert only("TFL405", KERAS1_SCRIPT.format(units=12, loss="sparse_categorical_crossentropy")) == [15]
    assert only("TFL405", KERAS1_SCRIPT.format(units=10, loss="sparse_categorical_crossentropy")) == []


def test_keras1_nb_epoch_is_the_epoch_count():
    config = Config(select=("TFL202",))
    found = lint_text(textwrap.dedent(KERAS1_SCRIPT.format(units=10, loss="sparse_categorical_crossentropy")), "k1.py", config)
    assert [(d.code, d.range.start.line) for d in found.diagnostics] == [("TFL202", 17)]
    short = KERAS1_SCRIPT.format(units=10, loss="sparse_categorical_crossentropy").replace("nb_epoch=200", "nb_epoch=3")
    assert lint_text(textwrap.dedent(short), "k1.py", config).diagnostics == []


def test_convolution2d_is_conv2d():
    source = """
        from keras.layers import Convolution2D
        from keras.layers.convolutional import Convolution2D as Conv
        mask = Convolution2D(1, 3, 3, activation="softmax")
        other = Conv(1, 3, 3, activation="softmax")
        fine = Conv(1, 3, 3, activation="sigmoid")
    """
    assert only("TFL401", source) == [4, 5]


MNIST_ALIAS = """
    import tensorflow as tf
    mnist = tf.keras.datasets.mnist
    (x_train, y_train), (x_test, y_test) = mnist.load_data()
    {scale}
    model = tf.keras.models.Sequential([
        tf.keras.layers.Flatten(input_shape=(28, 28)),
        tf.keras.layers.Dense(128, activation="relu"),
        tf.keras.layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="{loss}", metrics=["accuracy"])
    model.fit(x_train, y_train, epochs=5, validation_split=0.1)
"""


def test_dataset_module_bound_to_a_name():
    raw = MNIST_ALIAS.format(scale="", loss="sparse_categorical_crossentropy")
    assert only("TFL501", raw) == [12]
    assert only("TFL404", raw.replace("sparse_categorical", "categorical")) == [11]
    scaled = MNIST_ALIAS.format(scale="x_train, x_test = x_train / 255.0, x_test / 255.0", loss="sparse_categorical_crossentropy")
    assert only("TFL501", scaled) == [] and only("TFL404", scaled) == []


# -- 8. epochs through fit(**params) ---------------------------------------------------------------------


def test_epochs_from_a_params_dict_point_at_the_value():
    source = textwrap.dedent(
        """
        import keras
        FIT = dict(
            batch_size=64,
            epochs=300,
            validation_split=0.2,
        )
        model = keras.Sequential([keras.layers.Dense(32, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, y, **FIT)
        """
    )
    found = lint_text(source, "t.py", Config(select=("TFL202",))).diagnostics
    assert [(d.code, d.range.start.line) for d in found] == [("TFL202", 5)]
    stopped = source.replace("**FIT)", "callbacks=[keras.callbacks.EarlyStopping(patience=5)], **FIT)")
    assert lint_text(stopped, "t.py", Config(select=("TFL202",))).diagnostics == []


# -- 7. raw tables from np.loadtxt/genfromtxt (TFL502); raw images at evaluate/predict (TFL501) ----------

PIMA = """
    import numpy as np
    from keras.models import Sequential
    from keras.layers import Dense

    dataset = np.{reader}("pima-indians-diabetes.csv", delimiter=",")
    X = dataset[:, 0:8]
    Y = dataset[:, 8]
    {scale}
    model = Sequential()
    model.add(Dense(12, input_dim=8, init="uniform", activation="relu"))
    model.add(Dense(1, init="uniform", activation="sigmoid"))
    model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    model.fit(X, Y, nb_epoch=150, batch_size=10)
"""


@pytest.mark.parametrize("reader", ["loadtxt", "genfromtxt"])
def test_tfl502_raw_table_from_numpy_text_readers(reader):
    assert only("TFL502", PIMA.format(reader=reader, scale="")) == [14]
    scaled = PIMA.format(reader=reader, scale="X = (X - X.mean(axis=0)) / X.std(axis=0)")
    assert only("TFL502", scaled) == []


def test_tfl502_np_load_is_not_known_to_be_raw():
    assert only("TFL502", PIMA.format(reader="load", scale="")) == []


def test_tfl501_raw_test_images_after_scaled_training_in_a_notebook():
    cells = [
        "import numpy as np\nimport keras\n",
        "(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()\nx_train = x_train.astype('float32') / 255\n",
        "model = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Conv2D(32, 3, activation='relu'),\n"
        "                          keras.layers.Flatten(), keras.layers.Dense(10, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])\n"
        "model.fit(x_train, y_train, epochs=10, validation_split=0.1)\n",
        "test_loss, test_acc = model.evaluate(x_test, y_test)\nprobs = model.predict(x_test[:16])\n",
    ]
    assert cells_report("TFL501", cells) == [(3, 1), (3, 2)]
    cells[1] += "x_test = x_test.astype('float32') / 255\n"
    assert cells_report("TFL501", cells) == []


GENERATORS = """
    from tensorflow.keras.preprocessing.image import ImageDataGenerator
    from tensorflow import keras

    train_datagen = ImageDataGenerator(rescale=1.0 / 255, shear_range=0.2, zoom_range=0.2, horizontal_flip=True)
    test_datagen = ImageDataGenerator({test_args})
    train_flow = train_datagen.flow_from_directory("data/train", target_size=(150, 150), class_mode="binary")
    test_flow = test_datagen.flow_from_directory("data/test", target_size=(150, 150), class_mode="binary")

    classifier = keras.Sequential([
        keras.layers.Conv2D(32, (3, 3), activation="relu", input_shape=(150, 150, 3)),
        keras.layers.MaxPooling2D(),
        keras.layers.Flatten(),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    classifier.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    classifier.fit(train_flow, epochs=25, validation_data=train_flow)
    print(classifier.evaluate(test_flow))
"""


def test_tfl501_test_generator_without_rescale():
    assert only("TFL501", GENERATORS.format(test_args="")) == [18]
    assert only("TFL501", GENERATORS.format(test_args="rescale=1.0 / 255")) == []


# -- 7. class order built by per-class append loops (TFL205) --------------------------------------------

PER_CLASS_LOOP = """
    import os
    import numpy as np
    from PIL import Image
    from tensorflow import keras

    def load(root, classes):
        images, labels = [], []
        for cls in classes:
            for fname in sorted(os.listdir(os.path.join(root, cls))):
                img = Image.open(os.path.join(root, cls, fname)).resize((64, 64))
                images.append(np.asarray(img) / 255.0)
                labels.append(classes.index(cls))
        images, labels = np.array(images), np.array(labels)
        {shuffle}
        model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(len(classes), activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(images, labels, epochs=20, validation_split=0.25)
        return model
"""


def test_tfl205_per_class_append_loop():
    assert only("TFL205", PER_CLASS_LOOP.format(shuffle="")) == [18]
    shuffled = PER_CLASS_LOOP.format(shuffle="order = np.random.permutation(len(images)); images, labels = images[order], labels[order]")
    assert only("TFL205", shuffled) == []


def test_tfl205_one_loop_copying_a_dataset_keeps_its_order():
    source = """
        import numpy as np
        from tensorflow import keras
        xs, ys = [], []
        for image, label in raw_dataset:
            xs.append(image)
            ys.append(label)
        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(np.array(xs), np.array(ys), epochs=20, validation_split=0.25)
    """
    assert only("TFL205", source) == []


def test_tfl205_label_loop_whose_append_is_after_the_loop_is_not_class_order():
    source = """
        import numpy as np
        from tensorflow import keras
        ys = []
        for label in range(3):
            print(label)
        for batch in batches:
            for row in batch:
                ys.append(label)
        model = keras.Sequential([keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(features, np.array(ys), epochs=20, validation_split=0.25)
    """
    assert only("TFL205", source) == []


# -- 8. learning rates from PiecewiseConstantDecay's first value, K.set_value and .assign ----------------

PIECEWISE = """
    import tensorflow as tf

    class Config:
        boundaries = [10_000, 20_000]
        rates = [{first}, 1e-4, 1e-5]

    def make_optimizer(cfg=Config()):
        schedule = tf.keras.optimizers.schedules.PiecewiseConstantDecay(cfg.boundaries, cfg.rates)
        return tf.keras.optimizers.Adam(learning_rate=schedule)

    model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(10)])
    model.compile(optimizer=make_optimizer(), loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    model.fit(x, y, validation_split=0.1, epochs=3)
"""


def test_tfl301_first_piecewise_rate():
    literal = """
        import keras
        sched = keras.optimizers.schedules.PiecewiseConstantDecay(boundaries=[500, 1000], values=[0.5, 0.05, 0.005])
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer=keras.optimizers.Adam(sched), loss="mse")
        model.fit(x, y, epochs=3)
    """
    assert only("TFL301", literal) == [3]
    assert only("TFL301", literal.replace("values=[0.5, 0.05, 0.005]", "values=[1e-3, 1e-4, 1e-5]")) == []
    # the later pieces are not the starting rate: a high one after a low start is a warm-up, not judged
    assert only("TFL301", literal.replace("values=[0.5, 0.05, 0.005]", "values=[1e-4, 0.5, 1e-3]")) == []


def test_tfl301_first_piecewise_rate_from_a_config_class():
    found = only("TFL301", PIECEWISE.format(first="0.3"))
    assert len(found) == 1
    assert only("TFL301", PIECEWISE.format(first="1e-3")) == []


SET_LATER = """
    import tensorflow as tf
    from tensorflow.keras import backend as K

    model = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate={built}), loss="mse")
    model.fit(x, y, epochs=5, validation_split=0.2)
    {setting}
    model.fit(x, y, epochs=5, validation_split=0.2)
"""


@pytest.mark.parametrize(
    "setting",
    [
        "K.set_value(model.optimizer.lr, 0.5)",
        "K.set_value(model.optimizer.learning_rate, 0.5)",
        "model.optimizer.learning_rate.assign(0.5)",
        "model.optimizer.learning_rate = 0.5",
        "model.optimizer.lr = 0.5",
    ],
)
def test_tfl301_rate_set_after_the_optimizer_is_built(setting):
    assert only("TFL301", SET_LATER.format(built="1e-3", setting=setting)) == [8]
    assert only("TFL301", SET_LATER.format(built="1e-3", setting=setting.replace("0.5", "1e-4"))) == []


def test_a_rate_set_later_replaces_the_built_one():
    # built too high, lowered before training resumes: the constructor's rate is not the one judged
    assert only("TFL301", SET_LATER.format(built="0.5", setting="K.set_value(model.optimizer.lr, 1e-4)")) == []
    assert only("TFL301", SET_LATER.format(built="0.5", setting="model.optimizer.learning_rate = 1e-4")) == []
    # an attribute assignment reads its value like the calls do: a rate computed from the old one is unknown
    assert only("TFL301", SET_LATER.format(built="0.5", setting="model.optimizer.learning_rate = model.optimizer.learning_rate * 0.1")) == []
    # set to a value tflint cannot read: the rate is unknown, nothing is said
    unknown = SET_LATER.format(built="0.5", setting="K.set_value(model.optimizer.lr, K.get_value(model.optimizer.lr) * 0.1)")
    assert only("TFL301", unknown) == []


def test_tfl301_assign_on_an_optimizer_variable_in_a_trainer():
    source = """
        import keras

        class Trainer:
            def __init__(self, model):
                self.model = model
                self.opt = keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)

            def warm_restart(self):
                self.opt.learning_rate.assign({rate})

            def train(self, ds):
                self.model.compile(optimizer=self.opt, loss="mse")
                self.model.fit(ds, epochs=5)
    """
    assert only("TFL301", source.format(rate="5.0")) == [10]
    assert only("TFL301", source.format(rate="0.05")) == []


# -- 7. column writes judged by what they write (TFL502) --------------------------------------------------

TITANIC = """
    import pandas as pd
    from sklearn.preprocessing import LabelEncoder, StandardScaler
    from tensorflow import keras

    df = pd.read_csv("titanic.csv")
    X = df.drop(columns=["Survived"])
    y = df["Survived"]
    {write}
    model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy")
    model.fit(X, y, epochs=50, validation_split=0.2)
"""


@pytest.mark.parametrize(
    "write",
    [
        'X["Sex"] = X["Sex"].map({"male": 0, "female": 1})',
        'X["Embarked"] = LabelEncoder().fit_transform(X["Embarked"])',
        'X.loc[:, "Age"] = X["Age"].fillna(28)',
        'X["Cabin"] = "unknown"',
    ],
)
def test_tfl502_encoding_a_column_leaves_the_table_raw(write):
    assert only("TFL502", TITANIC.format(write=write)) == [12]


@pytest.mark.parametrize(
    "write",
    [
        'X["Fare"] = X["Fare"] / X["Fare"].max()',
        'X[["Age", "Fare"]] = StandardScaler().fit_transform(X[["Age", "Fare"]])',
        "X[X.columns] = StandardScaler().fit_transform(X)",
    ],
)
def test_tfl502_a_rescaling_column_write_may_be_the_scaling(write):
    assert only("TFL502", TITANIC.format(write=write)) == []


# -- found by a blind set written in other hands (stop 15) ---------------------------------------------


def test_a_dataclass_field_made_by_a_default_factory_holds_its_value():
    source = """
        from dataclasses import dataclass, field
        import keras

        @dataclass
        class Settings:
            loss: str = "mean_squared_error"
            metrics: list = field(default_factory=lambda: {metrics})

        cfg = Settings()
        model = keras.Sequential([keras.Input(shape=(8,)), keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss=cfg.loss, metrics=cfg.metrics)
        model.fit(x, y, epochs=10)
    """
    assert only("TFL406", source.format(metrics='["accuracy"]')) == [12]
    assert only("TFL406", source.format(metrics='["mae"]')) == []


BUNDLED = """
    import keras
    from sklearn.datasets import {loader}

    {load}
    net = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(32, activation="relu"),
                            keras.layers.Dense({units}, activation="softmax")])
    net.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
    net.fit(features, labels, epochs=30)
"""


@pytest.mark.parametrize(
    "load",
    [
        "bunch = load_wine()\n    features, labels = bunch.data, bunch.target",
        "features, labels = load_wine(return_X_y=True)",
        "bunch = load_wine()\n    features = bunch['data']\n    labels = bunch['target']",
    ],
    ids=["attributes", "return_X_y", "keys"],
)
def test_the_classes_of_a_bundled_scikit_learn_data_set_are_known(load):
    output_line = 7 + load.count("\n")
    assert only("TFL405", BUNDLED.format(loader="load_wine", load=load, units=10)) == [output_line]
    assert only("TFL405", BUNDLED.format(loader="load_wine", load=load, units=3)) == []


def test_data_returned_by_a_helper_is_followed_to_where_it_was_read():
    source = """
        import pandas as pd
        import tensorflow as tf
        from sklearn.model_selection import train_test_split

        def read_table(path):
            table = pd.read_csv(path)
            features = table.drop(columns=["price"]).to_numpy("float32")
            {scale}
            return features, table["price"].to_numpy()

        def main():
            X, y = read_table("homes.csv")
            X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2)
            model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(1)])
            model.compile(optimizer="adam", loss="mse")
            model.fit(X_tr, y_tr, validation_data=(X_va, y_va), epochs=20)

        main()
    """
    assert only("TFL502", source.format(scale="")) == [17]
    assert only("TFL502", source.format(scale="features = (features - features.mean(0)) / features.std(0)")) == []


CUSTOM_LOOP = """
    import tensorflow as tf

    class Net(tf.keras.Model):
        def __init__(self):
            super().__init__()
            self.hidden = tf.keras.layers.Dense(64, activation="relu")
            self.head = tf.keras.layers.Dense(10{activation})

        def call(self, x):
            return self.head(self.hidden(x))

    net = Net()
    criterion = tf.keras.losses.SparseCategoricalCrossentropy({logits})
    opt = tf.keras.optimizers.Adam(1e-3)

    @tf.function
    def step(x, y):
        with tf.GradientTape() as tape:
            scores = net(x, training=True)
            loss = criterion(y, scores)
        grads = tape.gradient(loss, net.trainable_variables)
        opt.apply_gradients(zip(grads, net.trainable_variables))
        return loss

    def evaluate(x, y):
        return criterion(y, net(x))
"""


def test_a_custom_training_loop_is_checked_like_compile():
    """``criterion(y, net(x))`` in a GradientTape loop: the loss object and the model's output must agree."""
    double_softmax = CUSTOM_LOOP.format(activation=', activation="softmax"', logits="from_logits=True")
    assert only("TFL403", double_softmax) == [14]  # once, though the loss is applied in two places
    assert only("TFL403", CUSTOM_LOOP.format(activation=', activation="softmax"', logits="")) == []
    assert only("TFL403", CUSTOM_LOOP.format(activation="", logits="from_logits=True")) == []
    assert only("TFL403", CUSTOM_LOOP.format(activation="", logits="")) == [21]  # logits scored as probabilities


def test_categorical_crossentropy_on_one_linear_unit_is_a_loss_that_is_always_zero():
    """A regression head (Dense(1), no activation) given a classification loss: TFL402, not a from_logits finding."""
    source = """
        import keras
        inputs = keras.Input(shape=(16,))
        years = keras.layers.Dense(1, name="years")(keras.layers.Dense(32, activation="relu")(inputs))
        model = keras.Model(inputs, years)
        model.compile(optimizer="adam", loss="{loss}")
        model.fit(x, y, epochs=10)
    """
    assert only("TFL402", source.format(loss="categorical_crossentropy")) == [6]
    assert only("TFL403", source.format(loss="categorical_crossentropy")) == []
    assert only("TFL402", source.format(loss="mse")) == []


def test_a_hand_written_loss_called_on_the_model_output_in_a_custom_loop():
    """``bce(y, p)`` with ``p = net(x)`` (a sigmoid output): the helper's ``log(p)`` is a log of a probability."""
    source = """
        import tensorflow as tf

        net = tf.keras.Sequential([tf.keras.layers.Dense(32, activation="relu"), tf.keras.layers.Dense(1, activation="{act}")])
        opt = tf.keras.optimizers.Adam(1e-3)

        def bce(target, p):
            return -tf.reduce_mean(target * tf.math.log(p{eps}))

        def step(x, y):
            with tf.GradientTape() as tape:
                p = net(x, training=True)
                loss = bce(y, p)
            opt.apply_gradients(zip(tape.gradient(loss, net.trainable_variables), net.trainable_variables))
    """
    assert only("TFL408", source.format(act="sigmoid", eps="")) == [8]
    assert only("TFL408", source.format(act="sigmoid", eps=" + 1e-7")) == []
    assert only("TFL408", source.format(act="softplus", eps="")) == []  # not a probability: nothing said
