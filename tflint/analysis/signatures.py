"""Positional parameter order of the APIs whose arguments checks read.

Binding ``Adam(1e-3)`` to ``learning_rate`` needs only the order of the
leading positional parameters, so that is all this table holds (as data, so
that new APIs are one line). Keys are canonical names (see ``names.py``).
"""

from __future__ import annotations

_OPT = "keras.optimizers."
_SCHED = "keras.optimizers.schedules."

FUNCTION_SIGNATURES: dict[str, tuple[str, ...]] = {
    # optimizers
    _OPT + "Adam": ("learning_rate", "beta_1", "beta_2", "epsilon", "amsgrad"),
    _OPT + "AdamW": ("learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon", "amsgrad"),
    _OPT + "Adamax": ("learning_rate", "beta_1", "beta_2", "epsilon"),
    _OPT + "Nadam": ("learning_rate", "beta_1", "beta_2", "epsilon"),
    _OPT + "RMSprop": ("learning_rate", "rho", "momentum", "epsilon", "centered"),
    _OPT + "Adagrad": ("learning_rate", "initial_accumulator_value", "epsilon"),
    _OPT + "Adadelta": ("learning_rate", "rho", "epsilon"),
    _OPT + "Adafactor": ("learning_rate", "beta_2_decay", "epsilon_1", "epsilon_2"),
    _OPT + "Lion": ("learning_rate", "beta_1", "beta_2"),
    _OPT + "Lamb": ("learning_rate", "beta_1", "beta_2", "epsilon"),
    _OPT + "Ftrl": ("learning_rate", "learning_rate_power"),
    _OPT + "SGD": ("learning_rate", "momentum", "nesterov"),
    _OPT + "Muon": ("learning_rate",),
    # learning-rate schedules
    _SCHED + "ExponentialDecay": ("initial_learning_rate", "decay_steps", "decay_rate", "staircase"),
    _SCHED + "InverseTimeDecay": ("initial_learning_rate", "decay_steps", "decay_rate", "staircase"),
    _SCHED + "PolynomialDecay": ("initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle"),
    _SCHED + "CosineDecay": ("initial_learning_rate", "decay_steps", "alpha"),
    _SCHED + "CosineDecayRestarts": ("initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha"),
    _SCHED + "PiecewiseConstantDecay": ("boundaries", "values"),
    # callbacks
    "keras.callbacks.EarlyStopping": (
        "monitor", "min_delta", "patience", "verbose", "mode", "baseline", "restore_best_weights", "start_from_epoch",
    ),
    "keras.callbacks.ModelCheckpoint": (
        "filepath", "monitor", "verbose", "save_best_only", "save_weights_only", "mode", "save_freq",
    ),
    "keras.callbacks.ReduceLROnPlateau": ("monitor", "factor", "patience", "verbose", "mode", "min_delta", "cooldown", "min_lr"),
    # layers
    "keras.layers.Dense": ("units", "activation", "use_bias"),
    "keras.layers.Activation": ("activation",),
    "keras.layers.Dropout": ("rate",),
    "keras.layers.Conv1D": ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation"),
    "keras.layers.Conv2D": ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation"),
    "keras.layers.Conv3D": ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation"),
    "keras.layers.LSTM": ("units", "activation", "recurrent_activation"),
    "keras.layers.GRU": ("units", "activation", "recurrent_activation"),
    "keras.layers.SimpleRNN": ("units", "activation"),
    # losses
    "keras.losses.BinaryCrossentropy": ("from_logits", "label_smoothing"),
    "keras.losses.CategoricalCrossentropy": ("from_logits", "label_smoothing"),
    "keras.losses.SparseCategoricalCrossentropy": ("from_logits", "ignore_class"),
    "keras.losses.BinaryFocalCrossentropy": ("apply_class_balancing", "alpha", "gamma", "from_logits"),
    "keras.losses.CategoricalFocalCrossentropy": ("alpha", "gamma", "from_logits"),
    # utils
    "keras.utils.to_categorical": ("x", "num_classes"),
    "keras.utils.split_dataset": ("dataset", "left_size", "right_size", "shuffle", "seed"),
}

#: Methods of a Keras model (the receiver type is inferred separately).
METHOD_SIGNATURES: dict[str, tuple[str, ...]] = {
    "fit": (
        "x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split", "validation_data",
        "shuffle", "class_weight", "sample_weight", "initial_epoch", "steps_per_epoch",
    ),
    "fit_generator": (
        "generator", "steps_per_epoch", "epochs", "verbose", "callbacks", "validation_data", "validation_steps",
    ),
    # Keras 2 and 3 disagree after ``loss``; bind only what they share.
    "compile": ("optimizer", "loss"),
    "evaluate": ("x", "y", "batch_size", "verbose", "sample_weight", "steps", "callbacks"),
    "predict": ("x", "batch_size", "verbose", "steps", "callbacks"),
    "train_on_batch": ("x", "y", "sample_weight", "class_weight"),
}
