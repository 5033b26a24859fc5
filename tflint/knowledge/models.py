"""Keras layers, activations, losses, metrics and label sources (canonical names).

Used by ``tflint/analysis/models.py`` to rebuild models statically and by the TFL4xx
checks to judge whether output layer, loss, metrics and labels agree.
"""

from __future__ import annotations

_L = "keras.layers."

# -- layers --------------------------------------------------------------------

#: Layers with a size and an activation: callee -> (size parameter, its position,
#: position of ``activation``, default activation).
SIZED_LAYERS: dict[str, tuple[str, int, int | None, str]] = {
    _L + "Dense": ("units", 0, 1, "linear"),
    _L + "Conv1D": ("filters", 0, 7, "linear"),
    _L + "Conv2D": ("filters", 0, 7, "linear"),
    _L + "Conv3D": ("filters", 0, 7, "linear"),
    _L + "Conv1DTranspose": ("filters", 0, None, "linear"),
    _L + "Conv2DTranspose": ("filters", 0, None, "linear"),
    _L + "Conv3DTranspose": ("filters", 0, None, "linear"),
    _L + "SeparableConv1D": ("filters", 0, None, "linear"),
    _L + "SeparableConv2D": ("filters", 0, None, "linear"),
    _L + "SimpleRNN": ("units", 0, 1, "tanh"),
    _L + "LSTM": ("units", 0, 1, "tanh"),
    _L + "GRU": ("units", 0, 1, "tanh"),
}
DENSE = _L + "Dense"
#: Keras 1 names of the size argument (``Dense(output_dim=10)``, ``Convolution2D(nb_filter=32, ...)``).
KERAS1_SIZE_KEYWORDS = ("output_dim", "nb_filter")

#: Layers that only apply an activation: callee -> the activation (None: read
#: the ``activation`` argument, position 0).
ACTIVATION_LAYERS: dict[str, str | None] = {
    _L + "Activation": None,
    _L + "Softmax": "softmax",
    _L + "ReLU": "relu",
    _L + "LeakyReLU": "leaky_relu",
    _L + "PReLU": "prelu",
    _L + "ELU": "elu",
    _L + "ThresholdedReLU": "relu",
}

#: Layers that leave values and shape alone at inference (transparent for the output).
TRANSPARENT_LAYERS = frozenset(
    _L + n
    for n in (
        "Dropout", "SpatialDropout1D", "SpatialDropout2D", "SpatialDropout3D", "AlphaDropout",
        "GaussianDropout", "GaussianNoise", "ActivityRegularization",
    )
)
NORMALIZATION_LAYERS = frozenset(
    _L + n for n in ("BatchNormalization", "LayerNormalization", "GroupNormalization", "UnitNormalization")
)
#: Preprocessing layers that scale raw input values.
SCALING_LAYERS = frozenset(_L + n for n in ("Rescaling", "Normalization"))
NORMALIZATION_LAYER = _L + "Normalization"  # learns each feature's mean and variance with adapt()
INPUT_CONSTRUCTORS = frozenset({"keras.Input", _L + "InputLayer"})
#: Layers that join several tensors (residual connections, branches).
MERGE_LAYERS = frozenset(
    _L + n
    for n in (
        "Add", "Concatenate", "Multiply", "Average", "Subtract", "Maximum", "Minimum", "Dot",
        "add", "concatenate", "multiply", "average", "subtract", "maximum", "minimum", "dot",
    )
)
#: Layers with weights that learn from the input directly (the "first real layer").
LEARNING_LAYERS = frozenset(SIZED_LAYERS) | frozenset(
    _L + n for n in ("Embedding", "DepthwiseConv2D", "DepthwiseConv1D", "EinsumDense")
)

# -- activations -----------------------------------------------------------------

ACTIVATION_NAMES = frozenset(
    {
        "softmax", "sigmoid", "linear", "relu", "tanh", "elu", "selu", "gelu", "swish", "silu", "softplus",
        "softsign", "hard_sigmoid", "hard_silu", "hard_swish", "exponential", "leaky_relu", "relu6", "mish",
        "log_softmax", "log_sigmoid", "celu", "glu", "sparse_plus", "squareplus", "tanh_shrink",
    }
)
#: Activation functions usable as ``activation=`` values or applied to a tensor.
ACTIVATION_FUNCTIONS: dict[str, str] = {
    **{f"keras.activations.{n}": n for n in ACTIVATION_NAMES},
    **{f"keras.ops.{n}": n for n in ("softmax", "sigmoid", "relu", "tanh", "elu", "selu", "gelu", "silu", "softplus", "log_softmax")},
    **{f"tensorflow.nn.{n}": n for n in ("softmax", "sigmoid", "relu", "tanh", "elu", "selu", "gelu", "silu", "swish", "softplus", "softsign", "relu6", "leaky_relu", "log_softmax")},
    "tensorflow.math.sigmoid": "sigmoid",
    "tensorflow.math.tanh": "tanh",
    "tensorflow.math.softmax": "softmax",
    "tensorflow.math.softplus": "softplus",
    "tensorflow.sigmoid": "sigmoid",
    "tensorflow.tanh": "tanh",
    "keras.backend.softmax": "softmax",
    "keras.backend.sigmoid": "sigmoid",
    "keras.backend.relu": "relu",
    "keras.backend.tanh": "tanh",
}
#: Activations whose outputs are probabilities.
PROBABILITY_ACTIVATIONS = frozenset({"softmax", "sigmoid"})
#: Activations whose outputs are not probabilities (linear outputs, logits, are judged apart).
NON_PROBABILITY_ACTIVATIONS = frozenset(
    {
        "relu", "tanh", "elu", "selu", "gelu", "swish", "silu", "softplus", "softsign", "exponential",
        "leaky_relu", "relu6", "mish", "log_softmax", "log_sigmoid", "celu", "prelu", "hard_silu", "hard_swish",
    }
)
#: Activations that are never negative (as logits they keep sigmoid at 0.5 or above).
NON_NEGATIVE_ACTIVATIONS = frozenset({"relu", "relu6", "softplus", "exponential"})
#: Activations that saturate (vanishing gradients in deep stacks).
SATURATING_ACTIVATIONS = frozenset({"sigmoid", "tanh", "hard_sigmoid", "softsign"})

# -- losses ------------------------------------------------------------------------
# Families: "categorical" (one-hot labels), "sparse" (integer labels), "binary",
# "regression", "other".

LOSS_STRINGS: dict[str, str] = {
    "categorical_crossentropy": "categorical",
    "categorical_focal_crossentropy": "categorical",
    "sparse_categorical_crossentropy": "sparse",
    "binary_crossentropy": "binary",
    "binary_focal_crossentropy": "binary",
    "mse": "regression", "MSE": "regression", "mean_squared_error": "regression",
    "mae": "regression", "MAE": "regression", "mean_absolute_error": "regression",
    "mape": "regression", "MAPE": "regression", "mean_absolute_percentage_error": "regression",
    "msle": "regression", "MSLE": "regression", "mean_squared_logarithmic_error": "regression",
    "huber": "regression", "huber_loss": "regression", "log_cosh": "regression", "logcosh": "regression",
    "kld": "other", "kl_divergence": "other", "kullback_leibler_divergence": "other", "hinge": "other",
    "squared_hinge": "other", "categorical_hinge": "other", "poisson": "other", "cosine_similarity": "other",
}
#: Loss classes -> (family, position of ``from_logits`` or None).
LOSS_CLASSES: dict[str, tuple[str, int | None]] = {
    "keras.losses.CategoricalCrossentropy": ("categorical", 0),
    "keras.losses.CategoricalFocalCrossentropy": ("categorical", 2),
    "keras.losses.SparseCategoricalCrossentropy": ("sparse", 0),
    "keras.losses.BinaryCrossentropy": ("binary", 0),
    "keras.losses.BinaryFocalCrossentropy": ("binary", 3),
    "keras.losses.MeanSquaredError": ("regression", None),
    "keras.losses.MeanAbsoluteError": ("regression", None),
    "keras.losses.MeanAbsolutePercentageError": ("regression", None),
    "keras.losses.MeanSquaredLogarithmicError": ("regression", None),
    "keras.losses.Huber": ("regression", None),
    "keras.losses.LogCosh": ("regression", None),
    "keras.losses.KLDivergence": ("other", None),
    "keras.losses.Hinge": ("other", None),
    "keras.losses.Poisson": ("other", None),
}
#: Loss functions passed by reference (``loss=keras.losses.mse``); never from logits.
LOSS_FUNCTIONS: dict[str, str] = {
    f"{module}.{name}": family
    for module in ("keras.losses", "keras.metrics")
    for name, family in LOSS_STRINGS.items()
}
#: Families whose loss expects probabilities unless ``from_logits=True``.
PROBABILITY_LOSSES = frozenset({"categorical", "sparse", "binary"})
#: Loss class for each probability family (what a fix spells out).
LOSS_CLASS_OF_FAMILY = {
    "categorical": "keras.losses.CategoricalCrossentropy",
    "sparse": "keras.losses.SparseCategoricalCrossentropy",
    "binary": "keras.losses.BinaryCrossentropy",
}
#: Only the plain string names can be replaced by their class safely.
PLAIN_LOSS_NAMES = {
    "categorical_crossentropy": "categorical",
    "sparse_categorical_crossentropy": "sparse",
    "binary_crossentropy": "binary",
}

# -- metrics -----------------------------------------------------------------------

ACCURACY_METRIC_STRINGS = frozenset(
    {"accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy"}
)
ACCURACY_METRIC_CLASSES = frozenset(
    "keras.metrics." + n for n in ("Accuracy", "BinaryAccuracy", "CategoricalAccuracy", "SparseCategoricalAccuracy")
)

# -- labels ------------------------------------------------------------------------

#: keras.datasets loaders -> (number of classes or None for regression, images?).
KERAS_DATASETS: dict[str, tuple[int | None, bool]] = {
    "keras.datasets.mnist.load_data": (10, True),
    "keras.datasets.fashion_mnist.load_data": (10, True),
    "keras.datasets.cifar10.load_data": (10, True),
    "keras.datasets.cifar100.load_data": (100, True),
    "keras.datasets.imdb.load_data": (2, False),
    "keras.datasets.reuters.load_data": (46, False),
    "keras.datasets.boston_housing.load_data": (None, False),
    "keras.datasets.california_housing.load_data": (None, False),
}
#: scikit-learn's bundled data sets -> classes of ``.target`` (integer ids from 0), None for regression targets.
SKLEARN_DATASETS: dict[str, int | None] = {
    "sklearn.datasets.load_iris": 3,
    "sklearn.datasets.load_wine": 3,
    "sklearn.datasets.load_breast_cancer": 2,
    "sklearn.datasets.load_digits": 10,
    "sklearn.datasets.fetch_20newsgroups": 20,
    "sklearn.datasets.fetch_20newsgroups_vectorized": 20,
    "sklearn.datasets.fetch_olivetti_faces": 40,
    "sklearn.datasets.load_diabetes": None,
    "sklearn.datasets.fetch_california_housing": None,
}
TO_CATEGORICAL = frozenset({"keras.utils.to_categorical", "keras.utils.np_utils.to_categorical"})
ONE_HOT_FUNCTIONS = frozenset({"tensorflow.one_hot", "keras.ops.one_hot"})
#: Constructors whose ``fit_transform``/``transform`` result is one-hot.
ONE_HOT_ENCODERS = frozenset({"sklearn.preprocessing.OneHotEncoder"})
#: Constructors whose ``fit_transform``/``transform`` result is integer class ids.
INTEGER_ENCODERS = frozenset({"sklearn.preprocessing.LabelEncoder"})
IMAGE_DATASET_FROM_DIRECTORY = frozenset(
    {"keras.utils.image_dataset_from_directory", "keras.preprocessing.image_dataset_from_directory"}
)
IMAGE_DATA_GENERATOR = "keras.preprocessing.image.ImageDataGenerator"
#: ``label_mode=`` / ``class_mode=`` values -> label encoding.
LABEL_MODES = {"int": "int", "sparse": "int", "categorical": "onehot", "binary": "binary"}
#: Datasets built from in-memory ``(features, labels)`` tuples.
FROM_TENSOR_SLICES = frozenset({"tensorflow.data.Dataset.from_tensor_slices", "tensorflow.data.Dataset.from_tensors"})
#: Random integer labels ``randint(low, high)``: class ids below ``high``.
RANDOM_INTEGERS = frozenset({"numpy.random.randint"})
RANDOM_GENERATORS = frozenset({"numpy.random.default_rng"})

# -- logarithms of probabilities (TFL408) ---------------------------------------------

LOG_FUNCTIONS = frozenset(
    {
        "tensorflow.math.log", "tensorflow.log", "keras.ops.log", "keras.backend.log", "numpy.log", "numpy.log2",
        "numpy.log10", "tensorflow.experimental.numpy.log",
    }
)
#: Parameter names a custom loss gives the model's predictions.
PREDICTION_PARAMS = frozenset({"y_pred", "preds", "pred", "predictions", "probs", "y_hat", "yhat"})
#: Prediction methods of a model.
PREDICT_METHODS = frozenset({"predict", "predict_on_batch"})
