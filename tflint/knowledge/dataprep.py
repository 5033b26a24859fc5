"""Data sources, scaling steps and scale-sensitive estimators (canonical names)."""

from __future__ import annotations

_PRE = "sklearn.preprocessing."

#: Constructors of sklearn scalers; their ``transform``/``fit_transform`` scale.
SCALERS = frozenset(
    _PRE + n
    for n in (
        "StandardScaler", "MinMaxScaler", "MaxAbsScaler", "RobustScaler", "Normalizer", "QuantileTransformer",
        "PowerTransformer", "KBinsDiscretizer",
    )
)
#: Pipeline constructors: ``make_pipeline(*steps)`` and ``Pipeline(steps=[(name, step), ...])``.
MAKE_PIPELINE = "sklearn.pipeline.make_pipeline"
PIPELINE = "sklearn.pipeline.Pipeline"

#: Model selection functions ``f(estimator, X, y, ...)`` that fit the estimator on X.
CROSS_VALIDATION = frozenset(
    "sklearn.model_selection." + n
    for n in ("cross_val_score", "cross_validate", "cross_val_predict", "learning_curve", "validation_curve")
)
#: Hyper-parameter searches wrapping an estimator (``estimator`` is their first parameter).
SEARCH_CV = frozenset(
    "sklearn.model_selection." + n
    for n in ("GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV")
)

#: Loaders of raw 0-255 image arrays (the x part of ``load_data()``).
RAW_IMAGE_DATASETS = frozenset(
    "keras.datasets." + n + ".load_data" for n in ("mnist", "fashion_mnist", "cifar10", "cifar100")
)
#: Functions that return raw numeric tables. ``np.load`` is not one: ``.npy``/``.npz`` files are as often
#: saved after preprocessing as before, so what they hold cannot be told from the call.
TABLE_READERS = frozenset(
    {"pandas.read_csv", "pandas.read_excel", "pandas.read_parquet", "pandas.read_table", "numpy.loadtxt", "numpy.genfromtxt"}
)
#: sklearn loaders of unscaled numeric features (``return_X_y=True`` or ``.data``).
RAW_FEATURE_DATASETS = frozenset(
    "sklearn.datasets." + n for n in ("load_breast_cancer", "load_wine", "fetch_california_housing")
)

#: Estimators whose result depends on the scale of each feature.
SCALE_SENSITIVE_ESTIMATORS = frozenset(
    {
        "sklearn.svm.SVC", "sklearn.svm.SVR", "sklearn.svm.NuSVC", "sklearn.svm.NuSVR", "sklearn.svm.LinearSVC",
        "sklearn.svm.LinearSVR", "sklearn.neighbors.KNeighborsClassifier", "sklearn.neighbors.KNeighborsRegressor",
        "sklearn.neighbors.RadiusNeighborsClassifier", "sklearn.neighbors.RadiusNeighborsRegressor",
        "sklearn.neural_network.MLPClassifier", "sklearn.neural_network.MLPRegressor",
        "sklearn.linear_model.SGDClassifier", "sklearn.linear_model.SGDRegressor",
        "sklearn.linear_model.Ridge", "sklearn.linear_model.RidgeClassifier", "sklearn.linear_model.Lasso",
        "sklearn.linear_model.ElasticNet", "sklearn.linear_model.LogisticRegression",
        "sklearn.kernel_ridge.KernelRidge", "sklearn.decomposition.PCA", "sklearn.decomposition.KernelPCA",
    }
)

#: Methods that keep the values of an array or frame (shape or type changes only).
VALUE_KEEPING_METHODS = frozenset(
    {
        "astype", "reshape", "copy", "squeeze", "to_numpy", "fillna", "dropna", "drop", "ravel", "flatten",
        "select_dtypes", "head", "tail", "sample", "reset_index", "drop_duplicates", "pop", "toarray", "todense",
    }
)
#: Functions that keep the values of their first argument.
VALUE_KEEPING_FUNCTIONS = frozenset(
    {
        "numpy.array", "numpy.asarray", "numpy.float32", "numpy.expand_dims", "numpy.reshape", "numpy.squeeze",
        "tensorflow.constant", "tensorflow.convert_to_tensor", "tensorflow.expand_dims", "tensorflow.reshape",
        "numpy.stack", "pandas.get_dummies", "tensorflow.cast", "pandas.DataFrame",
    }
)
#: Dataset methods that keep elements unchanged.
DATASET_KEEPING_METHODS = frozenset(
    {"cache", "prefetch", "shuffle", "batch", "repeat", "take", "skip", "unbatch", "with_options", "rebatch"}
)
TRAIN_TEST_SPLIT = "sklearn.model_selection.train_test_split"

#: Column writes that re-encode a column without rescaling the table (``X["sex"] = X["sex"].map(...)``).
ENCODING_METHODS = frozenset({"map", "replace", "astype", "fillna", "factorize", "round"})
ENCODING_FUNCTIONS = frozenset({"pandas.to_numeric", "pandas.Categorical"})
ENCODERS_KEEPING_SCALE = frozenset({"sklearn.preprocessing.LabelEncoder", "sklearn.preprocessing.OrdinalEncoder"})
