"""Canonical names: one spelling for each API, whatever the import style.

``tf.keras.layers.Dense``, ``tensorflow.keras.layers.Dense``,
``keras.layers.Dense``, ``tf_keras.layers.Dense`` and
``keras.layers.core.Dense`` all become ``keras.layers.Dense``; checks and
knowledge tables only ever see canonical names.
"""

from __future__ import annotations

from functools import lru_cache

# Longest prefix first: rewritten repeatedly until nothing changes.
_PREFIX_REWRITES: tuple[tuple[str, str], ...] = (
    ("tensorflow.python.keras.", "keras."),
    ("tensorflow.compat.v1.keras.", "keras."),
    ("tensorflow.compat.v2.keras.", "keras."),
    ("tensorflow.keras.", "keras."),
    ("tensorflow.compat.v2.", "tensorflow."),
    ("tf_keras.", "keras."),
    ("keras.api._v2.keras.", "keras."),
    ("keras.api.", "keras."),
    ("keras.src.", "keras."),
    ("keras._tf_keras.keras.", "keras."),
    # Keras 2 internal module paths
    ("keras.layers.core.", "keras.layers."),
    ("keras.layers.convolutional.", "keras.layers."),
    ("keras.layers.pooling.", "keras.layers."),
    ("keras.layers.recurrent.", "keras.layers."),
    ("keras.layers.normalization.", "keras.layers."),
    ("keras.layers.normalization_v2.", "keras.layers."),
    ("keras.layers.merge.", "keras.layers."),
    ("keras.layers.advanced_activations.", "keras.layers."),
    ("keras.layers.embeddings.", "keras.layers."),
    ("keras.layers.experimental.preprocessing.", "keras.layers."),
    ("keras.layers.preprocessing.", "keras.layers."),
    ("keras.optimizers.legacy.", "keras.optimizers."),
    ("keras.optimizers.experimental.", "keras.optimizers."),
    ("keras.optimizer_v2.adam.", "keras.optimizers."),
    ("keras.optimizers.schedules.learning_rate_schedule.", "keras.optimizers.schedules."),
    ("keras.utils.np_utils.", "keras.utils."),
    ("keras.engine.training.", "keras."),
    ("keras.engine.sequential.", "keras."),
    ("keras.engine.functional.", "keras."),
    ("keras.models.Sequential", "keras.Sequential"),
    ("keras.models.Model", "keras.Model"),
    ("keras.engine.input_layer.", "keras."),
    ("keras.layers.Input", "keras.Input"),
    ("keras.callbacks.callbacks.", "keras.callbacks."),
    ("sklearn.cross_validation.", "sklearn.model_selection."),
    ("sklearn.model_selection._split.", "sklearn.model_selection."),
    ("sklearn.preprocessing._data.", "sklearn.preprocessing."),
    ("sklearn.preprocessing.data.", "sklearn.preprocessing."),
    ("sklearn.preprocessing._label.", "sklearn.preprocessing."),
    ("sklearn.preprocessing._encoders.", "sklearn.preprocessing."),
    ("imblearn.over_sampling._smote.", "imblearn.over_sampling."),
)

_EXACT_REWRITES = {
    "keras.models.Sequential": "keras.Sequential",
    "keras.models.Model": "keras.Model",
    "keras.layers.Input": "keras.Input",
    "tensorflow.keras": "keras",
    "tf_keras": "keras",
    # Keras 1/2 aliases of the convolution layers
    "keras.layers.Convolution1D": "keras.layers.Conv1D",
    "keras.layers.Convolution2D": "keras.layers.Conv2D",
    "keras.layers.Convolution3D": "keras.layers.Conv3D",
}

#: Modules whose import marks a file as worth deep analysis.
ML_ROOTS = frozenset({"tensorflow", "keras", "tf_keras", "sklearn", "imblearn"})


@lru_cache(maxsize=8192)
def canonical(name: str) -> str:
    """The canonical spelling of a fully qualified dotted name."""
    for _ in range(6):
        before = name
        if name in _EXACT_REWRITES:
            name = _EXACT_REWRITES[name]
        for prefix, repl in _PREFIX_REWRITES:
            if name.startswith(prefix) or name + "." == prefix:
                name = repl + name[len(prefix) :] if name.startswith(prefix) else repl[:-1]
                break
        if name == before:
            return name
    return name


def last_part(name: str) -> str:
    return name.rpartition(".")[2]


def is_keras(name: str | None) -> bool:
    return bool(name) and (name == "keras" or name.startswith("keras."))
