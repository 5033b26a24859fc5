"""TFL201-TFL205 in varied real-world styles."""

from __future__ import annotations

from tests.conftest import codes, lint


def test_fit_without_validation_tf_keras_alias():
    src = """
        import tensorflow as tf
        model = tf.keras.models.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, epochs=50)
    """
    assert codes(src).count("TFL201") == 1


def test_fit_without_validation_functional_model_from_keras():
    src = """
        import keras
        from keras import layers as L
        inp = keras.Input((4,))
        out = L.Dense(1)(L.Dense(8, activation="relu")(inp))
        net = keras.Model(inp, out)
        net.compile("adam", "mse")
        net.fit(X, y, epochs=40)
    """
    assert "TFL201" in codes(src)


def test_fit_without_validation_model_from_local_builder_function():
    src = """
        from tensorflow import keras
        def build():
            m = keras.Sequential()
            m.add(keras.layers.Dense(1))
            return m
        clf = build()
        clf.compile(optimizer="sgd", loss="mse")
        history = clf.fit(train_x, train_y, batch_size=16, epochs=30)
    """
    assert "TFL201" in codes(src)


def test_subclassed_model_fit_without_validation():
    src = """
        import tensorflow as tf
        class Net(tf.keras.Model):
            def __init__(self):
                super().__init__()
                self.d = tf.keras.layers.Dense(1)
            def call(self, x):
                return self.d(x)
        net = Net()
        net.compile(optimizer="adam", loss="mse")
        net.fit(ds, epochs=30)
    """
    assert "TFL201" in codes(src)


def test_validation_given_as_variable_and_split_are_clean():
    src = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        val = (X_val, y_val)
        model.fit(X, y, epochs=5, validation_data=val)
        model.fit(X, y, epochs=5, validation_split=0.1)
        model.fit(X, y, epochs=5, **fit_kwargs)
    """
    assert "TFL201" not in codes(src)


def test_validation_split_zero_counts_as_none():
    src = """
        import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, validation_split=0.0, epochs=30)
    """
    assert "TFL201" in codes(src)


def test_sklearn_fit_is_not_a_keras_fit():
    src = """
        import tensorflow as tf
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler
        scaler = StandardScaler()
        scaler.fit(X)
        clf = LogisticRegression()
        clf.fit(X, y)
    """
    assert codes(src) == []


def test_no_keras_import_no_fit_findings():
    src = """
        import torch
        model.fit(X, y, epochs=100)
    """
    assert codes(src) == []


def test_no_early_stopping_with_constant_epochs():
    src = """
        import tensorflow as tf
        EPOCHS = 60
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, EPOCHS and 1, epochs=EPOCHS, validation_split=0.2)
    """
    found = lint(src)
    assert [d.code for d in found] == ["TFL202"]
    assert "60 epochs" in found[0].message


def test_no_early_stopping_positional_epochs():
    src = """
        import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, 32, 25, validation_split=0.2)
    """
    assert "TFL202" in codes(src)


def test_early_stopping_in_callback_variable_list_is_clean():
    src = """
        from tensorflow.keras.callbacks import EarlyStopping, ModelCheckpoint
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        callbacks = [ModelCheckpoint("best.keras", save_best_only=True)]
        callbacks.append(EarlyStopping(patience=3, restore_best_weights=True))
        model.fit(X, y, epochs=100, validation_split=0.2, callbacks=callbacks)
    """
    assert "TFL202" not in codes(src)


def test_custom_callback_that_stops_training_is_clean():
    src = """
        import tensorflow as tf
        class StopAt(tf.keras.callbacks.Callback):
            def on_epoch_end(self, epoch, logs=None):
                if logs["val_loss"] < 0.1:
                    self.model.stop_training = True
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, epochs=500, validation_split=0.2, callbacks=[StopAt()])
    """
    assert "TFL202" not in codes(src)


def test_unknown_callbacks_stay_silent():
    src = """
        import tensorflow as tf
        from mylib import make_callbacks
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, epochs=500, validation_split=0.2, callbacks=make_callbacks())
    """
    assert "TFL202" not in codes(src)


def test_epochs_threshold_is_configurable():
    from tflint.config import Config

    src = """
        import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, epochs=25, validation_split=0.2)
    """
    config = Config(select=("TFL202",))
    assert "TFL202" in codes(src, config=config)
    config.thresholds["max-epochs-without-early-stopping"] = 30
    assert "TFL202" not in codes(src, config=config)


def test_monitor_val_metric_without_validation_data():
    src = """
        import tensorflow as tf
        ckpt = tf.keras.callbacks.ModelCheckpoint("m.keras", monitor="val_accuracy", save_best_only=True)
        model = tf.keras.Sequential([tf.keras.layers.Dense(3, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(X, y, epochs=5, callbacks=[ckpt])
    """
    found = [d for d in lint(src) if d.code == "TFL203"]
    assert len(found) == 1
    assert "no validation data" in found[0].message
    assert found[0].related and found[0].related[0].range.start.line == 6


def test_reduce_lr_default_monitor_without_validation():
    src = """
        from keras.callbacks import ReduceLROnPlateau
        import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(X, y, epochs=5, callbacks=[ReduceLROnPlateau(factor=0.5)])
    """
    found = [d for d in lint(src) if d.code == "TFL203"]
    assert found and "its default" in found[0].message


def test_monitor_name_matches_metric_class_and_custom_name():
    src = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy",
                      metrics=[tf.keras.metrics.AUC(name="auc_roc"), tf.keras.metrics.Precision()])
        cbs = [tf.keras.callbacks.EarlyStopping(monitor="val_auc_roc", mode="max", restore_best_weights=True),
               tf.keras.callbacks.ModelCheckpoint("m.keras", monitor="val_precision")]
        model.fit(X, y, epochs=5, validation_split=0.2, callbacks=cbs)
    """
    assert "TFL203" not in codes(src)


def test_monitor_acc_alias_flagged_with_suggestion():
    src = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        es = tf.keras.callbacks.EarlyStopping(monitor="val_acc", restore_best_weights=True)
        model.fit(X, y, epochs=5, validation_split=0.2, callbacks=[es])
    """
    found = [d for d in lint(src) if d.code == "TFL203"]
    assert found and "val_acc'" in found[0].message and "did you mean 'val_accuracy'" in found[0].help
    # a string metric is logged under the string given: metrics=["acc"] logs acc and val_acc
    assert "TFL203" not in [d.code for d in lint(src.replace('metrics=["accuracy"]', 'metrics=["acc"]'))]


def test_early_stopping_restore_variants():
    src = """
        from tensorflow.keras.callbacks import EarlyStopping as ES
        RESTORE = True
        a = ES(patience=2)
        b = ES(patience=2, restore_best_weights=False)
        c = ES(patience=2, restore_best_weights=RESTORE)
        d = ES(patience=2, restore_best_weights=flag)
    """
    lines = [d.line for d in lint(src) if d.code == "TFL204"]
    assert lines == [4, 5]


def test_validation_split_after_sorting_dataframe():
    src = """
        import pandas as pd
        import tensorflow as tf
        df = pd.read_csv("data.csv").sort_values("label")
        X = df.drop(columns=["label"]).values
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(df[features].values, df["label"], epochs=5, validation_split=0.25)
    """
    assert "TFL205" in codes(src)


def test_validation_split_after_shuffle_or_on_unordered_data_is_clean():
    src = """
        import numpy as np
        import tensorflow as tf
        x = np.concatenate([a, b])
        y = np.concatenate([np.zeros(len(a)), np.ones(len(b))])
        idx = np.random.permutation(len(x))
        x, y = x[idx], y[idx]
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, y, epochs=5, validation_split=0.2)
        model.fit(raw_x, raw_y, epochs=5, validation_split=0.2)
    """
    assert "TFL205" not in codes(src)


def test_columns_joined_side_by_side_keep_the_row_order():
    src = """
        import numpy as np
        import tensorflow as tf
        (x, y), _ = tf.keras.datasets.mnist.load_data()
        x = x.reshape(-1, 784)
        noisy = np.concatenate([x, np.random.random((len(x), 784))], axis={axis})
        model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        model.fit(noisy, y, epochs=5, validation_split=0.2)
    """
    assert "TFL205" not in codes(src.format(axis=1))  # extra feature columns: rows stay in MNIST's mixed order
    assert "TFL205" in codes(src.format(axis=0))  # the same parts one after the other: in blocks


_STOPPED = """
import tensorflow as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
stop = tf.keras.callbacks.EarlyStopping(monitor="val_loss", patience=5)
best = tf.keras.callbacks.ModelCheckpoint("best.keras", monitor="val_loss", save_best_only=True)
model.fit(x, y, validation_split=0.2, epochs=100, callbacks=[stop, best])
model = tf.keras.models.load_model("best.keras")
"""


def test_tfl204_silent_when_the_best_checkpoint_is_loaded_back():
    assert "TFL204" not in codes(_STOPPED)


def test_tfl204_reported_when_the_checkpoint_is_not_loaded_back_or_not_the_best():
    assert "TFL204" in codes(_STOPPED.replace('model = tf.keras.models.load_model("best.keras")\n', ""))
    assert "TFL204" in codes(_STOPPED.replace("save_best_only=True", "save_best_only=False"))


def test_tfl204_silent_for_an_early_stopping_no_fit_is_given():
    src = _STOPPED.replace("callbacks=[stop, best]", "callbacks=[best]").replace(
        'model = tf.keras.models.load_model("best.keras")\n', ""
    )
    assert "TFL204" not in codes(src)
    assert "TFL204" in codes(src.replace("callbacks=[best]", "callbacks=[best, stop]"))
