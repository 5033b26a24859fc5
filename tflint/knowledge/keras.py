"""Keras APIs: optimizers, callbacks, models (canonical names)."""

from __future__ import annotations

_OPT = "keras.optimizers."

#: Optimizers with per-parameter adaptive step sizes (sensible rates ~1e-4..1e-2).
ADAPTIVE_OPTIMIZERS = frozenset(
    _OPT + n for n in ("Adam", "AdamW", "Adamax", "Nadam", "RMSprop", "Adagrad", "Adafactor", "Lion", "Lamb", "Ftrl", "Muon")
)
#: Plain gradient descent (sensible rates up to ~1).
SGD_OPTIMIZERS = frozenset({_OPT + "SGD"})
#: Adadelta's learning_rate is a scale factor around 1.0, not a step size.
SCALE_FACTOR_OPTIMIZERS = frozenset({_OPT + "Adadelta"})
OPTIMIZERS = ADAPTIVE_OPTIMIZERS | SGD_OPTIMIZERS | SCALE_FACTOR_OPTIMIZERS

#: Optimizer names accepted as strings by compile(optimizer="adam").
OPTIMIZER_STRINGS = {n.rsplit(".", 1)[1].lower(): n for n in OPTIMIZERS}

SCHEDULES = frozenset(
    "keras.optimizers.schedules." + n
    for n in ("ExponentialDecay", "InverseTimeDecay", "PolynomialDecay", "CosineDecay", "CosineDecayRestarts", "PiecewiseConstantDecay")
)

EARLY_STOPPING = "keras.callbacks.EarlyStopping"
#: Callbacks that end training early (user subclasses of Callback that set
#: ``self.model.stop_training`` are recognised separately).
STOPPING_CALLBACKS = frozenset({EARLY_STOPPING, "keras.callbacks.TerminateOnNaN"})
#: Callbacks that read a monitored metric, and their default ``monitor``.
MODEL_CHECKPOINT = "keras.callbacks.ModelCheckpoint"
LEARNING_RATE_SCHEDULER = "keras.callbacks.LearningRateScheduler"
#: Calls that load saved weights back into a model.
LOADERS = frozenset({"keras.models.load_model", "keras.saving.load_model"})
#: Methods of a Keras model subclass that replace the compiled training or evaluation step.
CUSTOM_STEP_METHODS = frozenset({"train_step", "test_step", "compute_loss"})
MONITORING_CALLBACKS = {
    EARLY_STOPPING: "val_loss",
    "keras.callbacks.ModelCheckpoint": "val_loss",
    "keras.callbacks.ReduceLROnPlateau": "val_loss",
}
CALLBACK_BASE = "keras.callbacks.Callback"

#: Constructors whose result is a Keras model.
MODEL_CONSTRUCTORS = frozenset(
    {"keras.Sequential", "keras.Model", "keras.models.load_model", "keras.models.clone_model", "keras.saving.load_model"}
)
MODEL_BASES = frozenset({"keras.Model", "keras.Sequential"})
#: keras.applications.* constructors also build models (matched by prefix).
APPLICATIONS_PREFIX = "keras.applications."

#: Metric names as passed to compile() -> the name Keras logs.
METRIC_LOG_NAMES = {
    "accuracy": "accuracy", "acc": "acc",  # a string metric is logged under the string given
    "binary_accuracy": "binary_accuracy", "categorical_accuracy": "categorical_accuracy",
    "sparse_categorical_accuracy": "sparse_categorical_accuracy",
    "top_k_categorical_accuracy": "top_k_categorical_accuracy",
    "mae": "mae", "mean_absolute_error": "mean_absolute_error",
    "mse": "mse", "mean_squared_error": "mean_squared_error",
    "auc": "auc", "AUC": "auc", "precision": "precision", "recall": "recall",
}
#: Metric classes -> the default name they log under.
METRIC_CLASS_LOG_NAMES = {
    "keras.metrics.Accuracy": "accuracy",
    "keras.metrics.BinaryAccuracy": "binary_accuracy",
    "keras.metrics.CategoricalAccuracy": "categorical_accuracy",
    "keras.metrics.SparseCategoricalAccuracy": "sparse_categorical_accuracy",
    "keras.metrics.AUC": "auc",
    "keras.metrics.Precision": "precision",
    "keras.metrics.Recall": "recall",
    "keras.metrics.MeanAbsoluteError": "mean_absolute_error",
    "keras.metrics.MeanSquaredError": "mean_squared_error",
    "keras.metrics.RootMeanSquaredError": "root_mean_squared_error",
    "keras.metrics.TopKCategoricalAccuracy": "top_k_categorical_accuracy",
}
