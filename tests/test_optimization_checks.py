"""TFL301-TFL304 in varied real-world styles."""

from __future__ import annotations

import pytest

from tests.conftest import codes, lint
from tflint.api import fix_text


@pytest.mark.parametrize(
    "line",
    [
        "opt = tf.keras.optimizers.Adam(0.5)",
        "opt = tf.keras.optimizers.Adam(learning_rate=0.05)",
        "opt = tensorflow.keras.optimizers.RMSprop(LR)",
        "opt = keras.optimizers.AdamW(learning_rate=LR * 10)",
        "opt = Nadam(learning_rate=CONFIG['lr'])",
        "opt = tf.keras.optimizers.legacy.Adam(lr=1.0)",
        "opt = tf.keras.optimizers.SGD(learning_rate=2.0)",
        "opt = tf.compat.v1.train.AdamOptimizer(0.1)",
        "opt = tf_keras.optimizers.Adamax(3e-1)",
        "opt = tf.keras.optimizers.SGD(tf.keras.optimizers.schedules.ExponentialDecay(5.0, 1000, 0.9))",
        "opt = tf.keras.optimizers.Adam(learning_rate=args.lr)",
    ],
)
def test_learning_rate_too_high(line):
    src = f"""
        import tensorflow as tf
        import tensorflow
        import keras
        import tf_keras
        import argparse
        from keras.optimizers import Nadam
        LR = 0.02
        CONFIG = {{"lr": 0.3, "epochs": 10}}
        parser = argparse.ArgumentParser()
        parser.add_argument("--lr", type=float, default=0.5)
        args = parser.parse_args()
        {line}
    """
    assert "TFL301" in codes(src), line


@pytest.mark.parametrize(
    "line",
    [
        "opt = tf.keras.optimizers.Adam(1e-3)",
        "opt = tf.keras.optimizers.Adam()",
        "opt = tf.keras.optimizers.SGD(0.5, momentum=0.9)",
        "opt = tf.keras.optimizers.Adadelta(learning_rate=1.0)",
        "opt = tf.keras.optimizers.Adam(learning_rate=lr_from_elsewhere)",
        "opt = tf.keras.optimizers.Adam(learning_rate=tf.keras.optimizers.schedules.CosineDecay(1e-3, 1000))",
        "opt = torch.optim.Adam(params, lr=0.5)",
    ],
)
def test_learning_rate_sane_or_unknown(line):
    src = f"""
        import tensorflow as tf
        import torch
        {line}
    """
    found = codes(src)
    assert "TFL301" not in found and "TFL302" not in found, line


def test_learning_rate_too_low_through_schedule_variable():
    src = """
        from tensorflow import keras
        schedule = keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=1e-9, decay_steps=100, decay_rate=0.96)
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=schedule), loss="mse")
    """
    found = [d for d in lint(src) if d.code == "TFL302"]
    assert len(found) == 1
    assert "initial learning rate of ExponentialDecay" in found[0].message


def test_learning_rate_report_points_at_constant_definition():
    src = """
        import keras
        LEARNING_RATE = 0.9
        opt = keras.optimizers.Adam(LEARNING_RATE)
    """
    found = [d for d in lint(src) if d.code == "TFL301"]
    assert found[0].line == 4
    assert found[0].related[0].range.start.line == 3


def test_learning_rate_bounds_configurable():
    from tflint.config import Config

    src = """
        import keras
        opt = keras.optimizers.Adam(0.03)
    """
    config = Config(select=("TFL3",))
    assert "TFL301" in codes(src, config=config)
    config.thresholds["max-learning-rate-adaptive"] = 0.05
    assert "TFL301" not in codes(src, config=config)


def test_learning_rate_in_function_uses_local_constant():
    src = """
        import tensorflow as tf
        LR = 1e-3
        def make(lr=1e-3):
            LR = 0.4
            return tf.keras.optimizers.Adam(LR)
        opt = tf.keras.optimizers.Adam(LR)
    """
    assert [d.line for d in lint(src) if d.code == "TFL301"] == [6]


def test_removed_lr_argument_fix():
    src = "from tensorflow.keras.optimizers import Adam, SGD\nopt = Adam(lr=0.001, beta_1=0.9)\nsgd = SGD(lr=0.01, learning_rate=0.01)\n"
    found = [d for d in lint(src) if d.code == "TFL303"]
    assert len(found) == 2
    assert found[0].fix is not None and found[1].fix is None
    fixed = fix_text(src)
    assert "Adam(learning_rate=0.001, beta_1=0.9)" in fixed
    assert "SGD(lr=0.01, learning_rate=0.01)" in fixed
    assert [d.code for d in lint(fixed) if d.code == "TFL303"] == ["TFL303"]


def test_removed_lr_argument_not_for_other_libraries():
    src = """
        import tensorflow as tf
        import torch
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
    """
    assert "TFL303" not in codes(src)


def test_trainable_after_compile_on_model_itself():
    src = """
        import keras
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.layers[0].trainable = False
        model.fit(x, y, validation_split=0.1)
    """
    found = [d for d in lint(src) if d.code == "TFL304"]
    assert len(found) == 1 and found[0].line == 5


def test_trainable_before_compile_or_recompiled_is_clean():
    src = """
        import tensorflow as tf
        base = tf.keras.applications.ResNet50(include_top=False, weights=None)
        base.trainable = False
        model = tf.keras.Sequential([base, tf.keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        model.fit(ds, validation_data=val, epochs=3)
        base.trainable = True
        model.compile(optimizer=tf.keras.optimizers.Adam(1e-5), loss="categorical_crossentropy")
        model.fit(ds, validation_data=val, epochs=3)
    """
    assert "TFL304" not in codes(src)


def test_trainable_of_unrelated_model_is_clean():
    src = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        other = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        other.trainable = False
        model.fit(x, y, validation_split=0.1)
    """
    assert "TFL304" not in codes(src)


def test_trainable_functional_backbone_called_on_tensor():
    src = """
        from tensorflow import keras
        backbone = keras.applications.EfficientNetB0(include_top=False, weights=None)
        inputs = keras.Input((224, 224, 3))
        features = backbone(inputs)
        outputs = keras.layers.Dense(5)(features)
        model = keras.Model(inputs, outputs)
        model.compile(optimizer="adam", loss="mse")
        backbone.trainable = True
        model.fit(train, validation_data=val, epochs=2)
    """
    assert "TFL304" in codes(src)


# -- what the optimizer trains: its bound fits model weights, not pixels or nothing ---------------

_IMAGE_LOOP = """
import tensorflow as tf

canvas = tf.Variable(tf.random.uniform((1, 224, 224, 3)))
optimizer = tf.keras.optimizers.Adam(learning_rate=0.05)

@tf.function
def step(image):
    with tf.GradientTape() as tape:
        loss = -tf.reduce_mean(feature_model(image))
    grads = tape.gradient(loss, image)
    optimizer.apply_gradients([(grads, image)])

for _ in range(100):
    step(canvas)
"""


def test_an_optimizer_that_updates_an_image_is_not_judged_by_weight_bounds():
    assert "TFL301" not in codes((_IMAGE_LOOP))
    direct = _IMAGE_LOOP.replace("optimizer.apply_gradients([(grads, image)])", "optimizer.apply_gradients([(grads, canvas)])")
    assert "TFL301" not in codes((direct))


def test_the_same_rate_on_a_models_weights_in_a_custom_loop_is_reported():
    src = """
        import tensorflow as tf

        model = tf.keras.Sequential([tf.keras.layers.Dense(64, activation="relu"), tf.keras.layers.Dense(10)])
        optimizer = tf.keras.optimizers.Adam(learning_rate=0.05)

        @tf.function
        def train_step(x, y):
            with tf.GradientTape() as tape:
                loss = loss_fn(y, model(x, training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables))
        """
    assert "TFL301" in codes((src))
    weights = src.replace("optimizer.apply_gradients(zip(grads, model.trainable_variables))",
                          "params = model.trainable_weights\n            optimizer.apply_gradients(zip(grads, params))")
    assert "TFL301" in codes((weights))


def test_an_optimizer_built_for_show_beside_the_one_compiled_is_not_reported():
    src = """
        from tensorflow import keras

        schedule = keras.optimizers.schedules.ExponentialDecay(0.1, decay_steps=10000, decay_rate=0.9)
        shown = keras.optimizers.RMSprop(learning_rate=schedule)

        model = keras.Sequential([keras.layers.Dense(10, activation="softmax")])
        model.compile(optimizer=keras.optimizers.RMSprop(1e-3), loss="sparse_categorical_crossentropy")
        """
    assert "TFL301" not in codes((src))
    used = src.replace("optimizer=keras.optimizers.RMSprop(1e-3)", "optimizer=shown")
    assert "TFL301" in codes((used))


def test_a_compiled_optimizer_that_the_models_own_train_step_never_calls_is_not_reported():
    src = """
        import keras

        class LayerwiseModel(keras.Model):
            def train_step(self, data):
                x, y = data
                for layer in self.blocks:
                    layer.local_update(x)
                return {"loss": 0.0}

        model = LayerwiseModel()
        model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.03), loss="mse")
        model.fit(x, y, epochs=5)
        """
    assert "TFL301" not in codes((src))
    calls_it = src.replace("layer.local_update(x)", "self.optimizer.apply_gradients(zip(grads, self.trainable_variables))")
    assert "TFL301" in codes((calls_it))


_LINEAR_REGRESSION = """
import pandas as pd
from tensorflow import keras

def load():
    table = pd.read_csv("houses.csv")
    table = pd.get_dummies(table, columns=["district"])
    price = table.pop("price")
    return table, price

def build(rate):
    model = keras.Sequential([keras.layers.Normalization(), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=rate), loss="mse")
    return model

features, target = load()
net = build(0.1)
net.fit(features, target, epochs=200, validation_split=0.2)
"""


def test_linear_regression_on_a_target_of_unknown_scale_is_not_judged():
    """A raw target sits far from the bias's start: 0.1 is what a linear regression on it needs."""
    assert "TFL301" not in codes(_LINEAR_REGRESSION)


@pytest.mark.parametrize(
    "change",
    [
        # class labels: a step of 0.1 per weight overshoots a 0/1 target
        ("net.fit(features, target,", "net.fit(features, keras.utils.to_categorical(target),"),
        # a hidden layer: no longer a linear model
        ("keras.layers.Dense(1)]", 'keras.layers.Dense(64, activation="relu"), keras.layers.Dense(1)]'),
        # beyond ten times the bound
        ("build(0.1)", "build(0.5)"),
    ],
)
def test_linear_regression_exemption_has_limits(change):
    assert "TFL301" in codes(_LINEAR_REGRESSION.replace(*change))


def test_a_column_popped_from_a_partly_encoded_table_is_not_one_hot_labels():
    import libcst as cst

    from tflint.analysis.datasources import data_facts
    from tflint.analysis.facts import collect_facts

    facts = collect_facts(cst.parse_module(_LINEAR_REGRESSION), _LINEAR_REGRESSION)
    fit = next(c for c in facts.calls if c.method == "fit")
    assert data_facts(facts).labels_of_fit(fit) is None
