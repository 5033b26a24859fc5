"""The facts layer: canonical names, constants, argument binding, positions."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from tflint.analysis.positions import locate
from tflint.analysis.facts import UNKNOWN, collect_facts


def facts_of(src: str):
    src = textwrap.dedent(src)
    return collect_facts(cst.parse_module(src), src)


@pytest.mark.parametrize(
    "imports,expr",
    [
        ("import tensorflow as tf", "tf.keras.layers.Dense"),
        ("import tensorflow", "tensorflow.keras.layers.Dense"),
        ("import keras", "keras.layers.Dense"),
        ("from keras import layers as L", "L.Dense"),
        ("from tensorflow.keras import layers", "layers.Dense"),
        ("from tensorflow.keras.layers import Dense", "Dense"),
        ("from tensorflow.keras.layers import Dense as D", "D"),
        ("import tf_keras", "tf_keras.layers.Dense"),
        ("import tf_keras as keras", "keras.layers.Dense"),
        ("from keras.layers.core import Dense", "Dense"),
        ("import tensorflow.keras as K", "K.layers.Dense"),
        ("from tensorflow.keras.layers import *", "Dense"),
        ("from tensorflow import keras", "keras.layers.Dense"),
    ],
)
def test_aliases_resolve_to_one_canonical_name(imports, expr):
    facts = facts_of(f"{imports}\nx = {expr}(3)\n")
    assert [c.callee for c in facts.calls] == ["keras.layers.Dense"]


def test_unresolvable_names_stay_unknown():
    facts = facts_of("from mystery import *\nx = Dense(3)\ny = thing.method()\n")
    assert [c.callee for c in facts.calls] == [None, None]


def test_constant_propagation():
    facts = facts_of(
        """
        LR = 3.0
        EPOCHS = 50
        SCALE = LR * 2 + 1
        NAME = "adam" + "w"
        PAIR = (1, 2)
        CFG = {"lr": 1e-3}
        X = unknown()
        LR2 = -LR
        BIG = 10 ** 10 ** 10
        """
    )
    values = {a.names[0]: facts.const(a.targets[0]) for a in facts.assignments}
    assert values["LR"] == 3.0 and values["EPOCHS"] == 50 and values["SCALE"] == 7.0
    assert values["NAME"] == "adamw" and values["PAIR"] == (1, 2) and values["CFG"] == {"lr": 1e-3}
    assert values["X"] is UNKNOWN and values["LR2"] == -3.0 and values["BIG"] is UNKNOWN


def test_reassignment_uses_the_value_before_the_use():
    facts = facts_of("import keras\nLR = 0.1\na = keras.optimizers.Adam(LR)\nLR = 0.001\nb = keras.optimizers.Adam(LR)\n")
    first, second = facts.calls_to("keras.optimizers.Adam")
    assert facts.const_of_call_arg(first, "learning_rate") == 0.1
    assert facts.const_of_call_arg(second, "learning_rate") == 0.001


def test_argument_binding_positional_and_keyword():
    facts = facts_of(
        "import tensorflow as tf\n"
        "a = tf.keras.optimizers.Adam(1e-3)\n"
        "b = tf.keras.optimizers.SGD(momentum=0.9, learning_rate=0.1)\n"
        "model.fit(x, y, 32, 10)\n"
    )
    adam, sgd = facts.calls_to("keras.optimizers.Adam", "keras.optimizers.SGD")
    assert facts.const_of_call_arg(adam, "learning_rate") == 1e-3
    assert facts.const_of_call_arg(sgd, "learning_rate") == 0.1
    (fit,) = facts.method_calls("fit")
    assert facts.const_of_call_arg(fit, "epochs") == 10
    assert facts.const_of_call_arg(fit, "batch_size") == 32


def test_positions_are_code_points_with_non_ascii_before():
    src = 'import keras\ns = "héllo 😀 東京"; opt = keras.optimizers.Adam(0.5)\n'
    facts = facts_of(src)
    (call,) = facts.calls_to("keras.optimizers.Adam")
    rng = locate(facts, call.node)
    line = src.split("\n")[1]
    assert line[rng.start.column :].startswith("keras.optimizers.Adam(0.5)")
    assert line[rng.end.column - 1] == ")"
    value = locate(facts, call.positional[0].value)
    assert line[value.start.column : value.end.column] == "0.5"


def test_positions_fall_back_when_ast_and_libcst_disagree():
    # A decorated function and nested calls: lexical order still matches.
    src = "import keras\n@deco(a(1))\ndef f(x=g(2)):\n    return h(i(3))\n"
    facts = facts_of(src)
    names = []
    for call in facts.calls:
        rng = locate(facts, call.node)
        names.append(src.split("\n")[rng.start.line - 1][rng.start.column])
    assert names == ["d", "a", "g", "h", "i"]


def test_scopes_and_loop_depth():
    facts = facts_of(
        """
        import keras
        def train(m):
            for fold in range(5):
                m.fit(x, y)
        class Net(keras.Model):
            def call(self, x):
                return self.dense(x)
        """
    )
    (fit,) = facts.method_calls("fit")
    assert fit.scope.name == "train" and fit.loop_depth == 1
    assert facts.classes["Net"].bases == ("keras.Model",)
    assert facts.functions["Net.call"].scope.class_name == "Net"
