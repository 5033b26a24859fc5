"""The value query (values.py): values that arrive indirectly, each as a bug and its clean twin.

Every route is written the way real code passes values: dataclass configs,
config dicts, factories, compile wrappers, ``**kwargs``, classes holding the
optimizer, notebooks. The bug must be reported; the twin, identical but for
the value, must not be.
"""

from __future__ import annotations

import json
import textwrap

import libcst as cst
import pytest

from tests.conftest import codes, lint
from tflint.api import lint_text
from tflint.config import Config
from tflint.analysis.facts import UNKNOWN, collect_facts

# Each case: (source with {lr} where a learning rate goes). 0.5 is too high for Adam, 1e-3 is fine.
LEARNING_RATE_ROUTES = {
    "dataclass default": """
        from dataclasses import dataclass
        import tensorflow as tf

        @dataclass
        class TrainConfig:
            epochs: int = 10
            lr: float = {lr}

        cfg = TrainConfig()
        opt = tf.keras.optimizers.Adam(learning_rate=cfg.lr)
    """,
    "dataclass field bound by the constructor": """
        from dataclasses import dataclass, field
        import tensorflow as tf

        @dataclass
        class TrainConfig:
            lr: float = 1e-3
            layers: list = field(default_factory=list)

        cfg = TrainConfig(lr={lr})
        opt = tf.keras.optimizers.Adam(cfg.lr)
    """,
    "config dict": """
        import tensorflow as tf
        CFG = {{"loss": "mse", "lr": {lr}}}
        opt = tf.keras.optimizers.Adam(learning_rate=CFG["lr"])
    """,
    "config dict .get with a default": """
        import tensorflow as tf
        cfg = {{"epochs": 3}}
        opt = tf.keras.optimizers.Adam(learning_rate=cfg.get("lr", {lr}))
    """,
    "nested config from dict()": """
        import tensorflow as tf
        config = dict(optimizer=dict(name="adam", lr={lr}), epochs=5)
        opt = tf.keras.optimizers.Adam(config["optimizer"]["lr"])
    """,
    "factory keyword argument": """
        import tensorflow as tf

        def make_optimizer(lr):
            return tf.keras.optimizers.Adam(learning_rate=lr)

        opt = make_optimizer(lr={lr})
    """,
    "factory positional argument, two agreeing call sites": """
        import tensorflow as tf

        def make_optimizer(name, lr):
            return tf.keras.optimizers.Adam(learning_rate=lr, name=name)

        a = make_optimizer("a", {lr})
        b = make_optimizer("b", {lr})
    """,
    "functools.partial presets the rate": """
        import functools
        import tensorflow as tf

        def make_optimizer(kind, lr):
            return tf.keras.optimizers.Adam(learning_rate=lr, name=kind)

        fast = functools.partial(make_optimizer, lr={lr})
        opt = fast("adam")
    """,
    "partial with a positional preset, called twice": """
        from functools import partial
        import tensorflow as tf

        def optimizer_for(lr, clipnorm=None):
            return tf.keras.optimizers.RMSprop(lr, clipnorm=clipnorm)

        build = partial(optimizer_for, {lr})
        first, second = build(), build(clipnorm=1.0)
    """,
    "parameter default, no call site": """
        from tensorflow import keras

        def build(units=64, lr={lr}):
            model = keras.Sequential([keras.layers.Dense(units), keras.layers.Dense(1)])
            model.compile(optimizer=keras.optimizers.Adam(lr), loss="mse")
            return model
    """,
    "parameter default when the call omits it": """
        from tensorflow import keras

        def build(units=64, lr={lr}):
            return keras.optimizers.Adam(learning_rate=lr)

        opt = build(units=32)
    """,
    "kwargs dict spread into the optimizer": """
        import tensorflow as tf
        opt_kwargs = {{"learning_rate": {lr}, "beta_1": 0.9}}
        opt = tf.keras.optimizers.Adam(**opt_kwargs)
    """,
    "trainer class: __init__ parameter to self": """
        import tensorflow as tf

        class Trainer:
            def __init__(self, model, lr):
                self.model = model
                self.optimizer = tf.keras.optimizers.Adam(learning_rate=lr)

        trainer = Trainer(None, lr={lr})
    """,
    "trainer class: self attribute read in another method": """
        import tensorflow as tf

        class Trainer:
            def __init__(self, lr={lr}):
                self.lr = lr

            def make_optimizer(self):
                return tf.keras.optimizers.Adam(self.lr)

        trainer = Trainer()
        opt = trainer.make_optimizer()
    """,
    "self.cfg dict in a class": """
        import tensorflow as tf

        class Experiment:
            def __init__(self, cfg):
                self.cfg = cfg

            def optimizer(self):
                return tf.keras.optimizers.Adam(learning_rate=self.cfg["lr"])

        exp = Experiment({{"lr": {lr}}})
    """,
    "class attribute config": """
        import tensorflow as tf

        class Hyper:
            LR = {lr}
            EPOCHS = 3

        opt = tf.keras.optimizers.Adam(Hyper.LR)
    """,
    "function parameter with an object argument": """
        from dataclasses import dataclass
        import tensorflow as tf

        @dataclass
        class Config:
            lr: float = {lr}

        def make(cfg):
            return tf.keras.optimizers.Adam(cfg.lr)

        opt = make(Config())
    """,
}


@pytest.mark.parametrize("route", sorted(LEARNING_RATE_ROUTES))
def test_a_learning_rate_that_arrives_indirectly_is_followed(route):
    src = LEARNING_RATE_ROUTES[route]
    assert "TFL301" in codes(src.format(lr="0.5")), route
    assert "TFL301" not in codes(src.format(lr="1e-3")), route


def test_the_finding_lands_on_the_optimizer_and_names_the_value():
    [found] = [
        d for d in lint(LEARNING_RATE_ROUTES["factory keyword argument"].format(lr="0.5")) if d.code == "TFL301"
    ]
    assert found.range.start.line == 5  # Adam(learning_rate=lr) inside the factory
    assert "0.5" in found.message


def test_a_spread_keyword_is_reported_where_the_dict_holds_it():
    src = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        fit_params = dict(
            epochs=200,
            batch_size=32,
        )
        model.fit(x, y, validation_split=0.2, **fit_params)
    """
    [found] = [d for d in lint(src) if d.code == "TFL202"]
    assert (found.range.start.line, found.range.start.column) == (6, 11)


def test_fit_params_carry_validation_data():
    src = """
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        fit_params = {"epochs": 30, "validation_data": (x_val, y_val)}
        model.fit(x, y, **fit_params)
    """
    assert "TFL201" not in codes(src)
    assert "TFL201" in codes(src.replace('"validation_data": (x_val, y_val)', '"batch_size": 8'))


def test_a_dict_changed_anywhere_is_unknown():
    src = """
        import tensorflow as tf
        CFG = {"lr": 1e-3}
        CFG["lr"] = float(input())
        opt = tf.keras.optimizers.Adam(learning_rate=CFG["lr"])
    """
    assert "TFL301" not in codes(src.replace("1e-3", "0.5"))
    src = """
        import tensorflow as tf
        fit_params = {"epochs": 3}
        fit_params.update(validation_data=(xv, yv))
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        model.compile(optimizer="adam", loss="mse")
        model.fit(x, y, **fit_params)
    """
    assert "TFL201" not in codes(src)


# -- loss constants passed to a compile wrapper ----------------------------------------------------


@pytest.mark.parametrize(
    "loss, expected",
    [('"categorical_crossentropy"', True), ('"binary_crossentropy"', False)],
)
def test_a_loss_passed_to_a_compile_wrapper(loss, expected):
    src = f"""
        from tensorflow import keras
        LOSS = {loss}

        def compile_model(model, loss):
            model.compile(optimizer="adam", loss=loss, metrics=["accuracy"])
            return model

        model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1, activation="sigmoid")])
        compile_model(model, LOSS)
    """
    assert ("TFL402" in codes(src)) is expected


# -- several values: report only what holds on every path ------------------------------------------


def test_if_else_arms_are_alternatives():
    src = """
        import tensorflow as tf
        if big_model:
            lr = {a}
        else:
            lr = {b}
        opt = tf.keras.optimizers.Adam(learning_rate=lr)
    """
    assert "TFL301" not in codes(src.format(a="0.5", b="1e-3"))  # one arm is fine: not on every path
    assert "TFL301" in codes(src.format(a="0.5", b="0.3"))  # too high on both


def test_a_value_changed_in_one_arm_may_still_be_the_first():
    src = """
        import tensorflow as tf
        lr = 0.5
        if fine_tune:
            lr = 1e-4
        opt = tf.keras.optimizers.Adam(learning_rate=lr)
    """
    assert "TFL301" not in codes(src)
    assert "TFL301" in codes(src.replace("1e-4", "0.7"))


def test_call_sites_that_disagree_stay_silent():
    src = """
        import tensorflow as tf

        def make(lr):
            return tf.keras.optimizers.Adam(learning_rate=lr)

        small = make(1e-3)
        large = make(0.5)
    """
    assert "TFL301" not in codes(src)


def test_a_parameter_shadows_the_global_of_the_same_name():
    src = """
        import tensorflow as tf
        lr = 0.5

        def make(lr=1e-3):
            return tf.keras.optimizers.Adam(learning_rate=lr)

        opt = make()
    """
    assert "TFL301" not in codes(src)


@pytest.mark.parametrize(
    "escape",
    [
        "wrapper = KerasClassifier(build_fn=make)",  # passed as a callback
        "results = list(map(make, [1e-3, 1e-4]))",
        "opt = make(args.lr)",  # an unknown argument
    ],
)
def test_a_function_called_from_elsewhere_has_unknown_arguments(escape):
    src = f"""
        import tensorflow as tf
        from scikeras.wrappers import KerasClassifier

        def make(lr=0.5):
            return tf.keras.optimizers.Adam(learning_rate=lr)

        {escape}
    """
    assert "TFL301" not in codes(src)


def test_a_decorated_entry_point_has_unknown_arguments():
    src = """
        import hydra
        import tensorflow as tf

        @hydra.main(config_path="conf")
        def main(lr=0.5):
            opt = tf.keras.optimizers.Adam(learning_rate=lr)
    """
    assert "TFL301" not in codes(src)


def test_a_framework_method_of_a_library_subclass_is_not_followed():
    src = """
        import tensorflow as tf

        class Net(tf.keras.Model):
            def call(self, inputs, lr=0.5):
                self.opt = tf.keras.optimizers.Adam(lr)
                return inputs
    """
    # ``call`` is invoked by Keras, never here: its arguments are unknown (the default applies only when omitted)
    assert "TFL301" not in codes(src)


def test_loop_over_alternatives_is_several_values():
    src = """
        import tensorflow as tf
        for lr in [1e-3, 0.5]:
            opt = tf.keras.optimizers.Adam(learning_rate=lr)
    """
    assert "TFL301" not in codes(src)
    assert "TFL301" in codes(src.replace("1e-3", "0.3"))


def test_the_query_says_which_values_are_possible():
    src = textwrap.dedent(
        """
        if a:
            x = 1
        elif b:
            x = 2
        else:
            x = 3
        y = x
        """
    )
    facts = collect_facts(cst.parse_module(src), src)
    assert sorted(facts.possible(cst.Name("x"))) == [1, 2, 3]
    assert facts.const(cst.Name("x")) is UNKNOWN


def test_recursion_and_long_call_chains_are_bounded():
    chain = "\n".join(f"def f{i}(v):\n    return f{i + 1}(v)\n" for i in range(200))
    src = f"import tensorflow as tf\n{chain}\ndef f200(v):\n    return tf.keras.optimizers.Adam(v)\n\nf0(0.5)\n"
    src += "def loop(v):\n    return loop(v)\nloop(0.5)\n"
    lint_text(src, "deep.py", Config())  # finishes, no RecursionError


def test_a_notebook_config_cell_reaches_the_training_cell():
    cells = [
        ("code", "import tensorflow as tf\nfrom dataclasses import dataclass\n"),
        ("markdown", "## Settings"),
        ("code", "@dataclass\nclass Settings:\n    lr: float = 0.5\n"),
        ("code", "settings = Settings()\nopt = tf.keras.optimizers.Adam(settings.lr)\n"),
    ]
    nb = {
        "cells": [{"cell_type": kind, "metadata": {}, "source": text, **({"outputs": [], "execution_count": None} if kind == "code" else {})} for kind, text in cells],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    result = lint_text(json.dumps(nb), "nb.ipynb", Config(), notebook=True)
    [found] = [d for d in result.diagnostics if d.code == "TFL301"]
    assert found.cell == 4


def test_a_partial_that_escapes_leaves_its_function_unknown():
    src = """
        import functools
        import tensorflow as tf

        def make_optimizer(lr=0.5):
            return tf.keras.optimizers.Adam(learning_rate=lr)

        factories = {"slow": functools.partial(make_optimizer, lr=1e-4)}
        opt = factories["slow"]()
    """
    assert "TFL301" not in codes(src)
