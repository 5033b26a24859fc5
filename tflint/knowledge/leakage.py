"""What the data-flow analysis needs to know to follow rows to a split, as data.

Samplers, Keras layers with ``adapt()``, the Tokenizer, the methods that fit,
transform or evaluate, and the calls that read, combine or order data.
Canonical names throughout (``tflint.analysis.names.canonical``).
"""

from __future__ import annotations


def _names(module: str, *classes: str) -> frozenset[str]:
    return frozenset(f"{module}.{c}" for c in classes)


#: imbalanced-learn samplers: ``fit_resample`` makes new (or drops) rows.
SAMPLERS = (
    _names(
        "imblearn.over_sampling",
        "SMOTE", "SMOTENC", "SMOTEN", "ADASYN", "BorderlineSMOTE", "SVMSMOTE", "KMeansSMOTE", "RandomOverSampler",
    )
    | _names(
        "imblearn.under_sampling",
        "RandomUnderSampler", "NearMiss", "TomekLinks", "EditedNearestNeighbours", "RepeatedEditedNearestNeighbours",
        "AllKNN", "CondensedNearestNeighbour", "OneSidedSelection", "NeighbourhoodCleaningRule",
        "InstanceHardnessThreshold", "ClusterCentroids",
    )
    | _names("imblearn.combine", "SMOTEENN", "SMOTETomek")
)
RESAMPLE_METHODS = frozenset({"fit_resample", "fit_sample"})

#: Keras preprocessing layers whose ``adapt()`` learns statistics from the data (``StringLookup`` and
#: ``IntegerLookup`` learn only a vocabulary: they are category encoders, ``knowledge.sklearn``).
ADAPT_LAYERS = _names("keras.layers", "Normalization", "TextVectorization", "Discretization")
#: Keras' legacy text Tokenizer (``fit_on_texts`` builds the vocabulary).
TOKENIZERS = frozenset(
    {
        "keras.preprocessing.text.Tokenizer",
        "keras.legacy.preprocessing.text.Tokenizer",
        "keras_preprocessing.text.Tokenizer",
    }
)

#: Methods that fit a transformer-like object (the data is the first argument).
FIT_METHODS = frozenset({"fit", "fit_transform", "adapt", "fit_on_texts", "fit_on_sequences", "partial_fit"})
#: Methods that apply a fitted transformer (output rows = input rows).
APPLY_METHODS = frozenset(
    {"transform", "inverse_transform", "texts_to_sequences", "texts_to_matrix", "sequences_to_matrix", "__call__"}
)
#: Methods that evaluate a fitted model on data (the first argument).
EVAL_METHODS = frozenset(
    {"score", "evaluate", "predict", "predict_proba", "predict_log_proba", "decision_function", "predict_classes"}
)
#: Keras callbacks that pick an epoch (or a learning rate) from the validation data.
SELECTING_CALLBACKS = frozenset(
    {"keras.callbacks.EarlyStopping", "keras.callbacks.ModelCheckpoint", "keras.callbacks.ReduceLROnPlateau"}
)
#: Tuners whose ``search()`` selects hyper-parameters on ``validation_data``.
TUNER_PREFIXES = ("keras_tuner.", "kerastuner.")

#: ``(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()``.
KERAS_DATASETS_PREFIX = "keras.datasets."
#: ``left, right = keras.utils.split_dataset(ds, left_size=0.8)``.
SPLIT_DATASET = frozenset({"keras.utils.split_dataset"})
#: ``train, test = np.split(data, [n])`` (first part trains, the rest is held out).
ARRAY_SPLITS = frozenset({"numpy.split", "numpy.array_split"})

#: ``train, test = torch.utils.data.random_split(ds, [n, m])`` (first part trains, the rest is held out).
RANDOM_SPLITS = frozenset({"torch.utils.data.random_split"})
#: ``Subset(ds, indices)``: the rows of ``ds`` the indices pick (a split side when they come from one).
SUBSETS = frozenset({"torch.utils.data.Subset"})
#: Functions that standardise with statistics of all the rows they are given (like ``preprocessing.scale``).
FUNCTIONAL_FITS = frozenset({"scipy.stats.zscore", "scipy.stats.mstats.zscore"})

#: Augmentation: classes under these modules, and these Keras layers, make a (random) copy of the rows
#: they are called on; put next to the originals before a split, the copies duplicate test rows.
AUGMENTER_PREFIXES = ("albumentations.", "torchvision.transforms.", "imgaug.augmenters.")
AUGMENTERS = _names(
    "keras.layers", "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
    "RandomBrightness", "RandomCrop",
) | frozenset({"keras.preprocessing.image.ImageDataGenerator"})
#: Functions that return an augmented copy of the images they are given.
AUGMENT_FUNCTIONS = frozenset(
    {"numpy.fliplr", "numpy.flipud", "numpy.rot90", "numpy.flip"}
    | {f"tensorflow.image.{n}" for n in (
        "flip_left_right", "flip_up_down", "rot90", "random_flip_left_right", "random_flip_up_down",
        "random_brightness", "random_contrast", "random_crop", "random_hue", "random_saturation", "adjust_brightness",
    )}
)

#: Metrics: their result is a score about the rows, never rows (a mean of fold scores fits nothing).
METRIC_PREFIXES = ("sklearn.metrics.", "keras.metrics.", "tensorflow.math.confusion_matrix")

#: Calls whose result holds the rows of all their data arguments.
COMBINE_FUNCTIONS = frozenset(
    {
        "pandas.concat", "pandas.merge", "numpy.concatenate", "numpy.vstack", "numpy.hstack", "numpy.column_stack",
        "numpy.row_stack", "numpy.append", "numpy.stack", "numpy.dstack", "tensorflow.concat", "tensorflow.stack",
    }
)
COMBINE_METHODS = frozenset({"append", "merge", "join", "combine_first", "concatenate", "zip"})
#: The ones that stack rows: a frame listed twice in them is rows copied by hand (oversampling written out).
ROW_STACKERS = frozenset({"pandas.concat", "numpy.concatenate", "numpy.vstack", "numpy.row_stack"})

#: Functions that read a data set from a directory (each call is a new set of rows).
DIRECTORY_READERS = frozenset({
    "keras.utils.image_dataset_from_directory", "keras.utils.text_dataset_from_directory",
    "keras.utils.audio_dataset_from_directory", "keras.preprocessing.image_dataset_from_directory",
    "keras.preprocessing.text_dataset_from_directory",
})
#: Generator methods that read a data set from a directory or a listing (``ImageDataGenerator``).
DIRECTORY_READ_METHODS = frozenset({"flow_from_directory", "flow_from_dataframe"})

#: Calls that read a data set from outside: each call is a new set of rows.
#: Modules whose functions draw random numbers: data made by them has nothing to generalise to.
RANDOM_DATA_PREFIXES = ("numpy.random.", "tensorflow.random.", "keras.random.", "torch.rand")

#: Loaders whose result holds several arrays by name (``data["x_test"]``): each key is its own data set.
ARCHIVE_LOADERS = frozenset({
    "numpy.load", "h5py.File", "scipy.io.loadmat", "joblib.load", "pickle.load", "torch.load", "json.load",
})
READERS_PREFIXES = ("pandas.read_", "numpy.load", "numpy.genfromtxt", "numpy.loadtxt", "sklearn.datasets.")

#: Methods that make time-ordered features (a row depends on earlier rows).
TIME_FEATURE_METHODS = frozenset({"shift", "rolling", "ewm", "expanding", "pct_change", "diff", "resample", "asfreq"})
#: Methods whose aggregations give one row per window (``resample("D").mean()``), not a statistic of all rows.
WINDOW_METHODS = frozenset({"resample", "rolling", "ewm", "expanding"})
#: Column names that mark a date (``sort_values("date")``, ``set_index("Date")``).
DATE_WORDS = ("date", "time", "timestamp", "datetime", "year", "month", "day", "week", "period")

#: Functions that resample rows with replacement (up-sampling a minority class).
RESAMPLE_FUNCTIONS = frozenset({"sklearn.utils.resample"})

#: Column statistics that, combined with the data itself (``(X - X.mean()) / X.std()``,
#: ``X.fillna(X.median())``), act as a fitted scaler or imputer.
STATISTIC_METHODS = frozenset({"mean", "std", "var", "min", "max", "median", "quantile", "mode"})

#: Methods of a statistic that leave it a statistic (``df.groupby(k)[c].mean().to_dict()``, ``stats.values``).
STAT_KEEPING_METHODS = frozenset({"to_dict", "to_numpy", "values", "tolist", "round", "astype", "squeeze", "item", "copy", "T"})
#: Group-by methods that, given a statistic's name (``transform("mean")``), compute it on the rows.
GROUP_APPLY_METHODS = frozenset({"transform", "agg", "aggregate"})
#: pandas methods that call a function on the rows (or groups, or columns) they are given.
CALLBACK_METHODS = frozenset({"apply", "map", "applymap", "transform", "agg", "aggregate", "pipe"})
#: tf.data methods that keep a dataset's rows (and which side of a take()/skip() split it is).
DATASET_PASS_METHODS = frozenset({
    "batch", "padded_batch", "unbatch", "rebatch", "map", "prefetch", "repeat", "with_options", "ignore_errors",
    "apply", "cache",
})
#: Attributes a fitted model learns from its rows; used to pick columns they act as a fitted selector.
LEARNED_ATTRIBUTES = frozenset({"coef_", "feature_importances_", "ranking_", "support_", "scores_", "pvalues_"})
#: Binning functions -> the argument holding their bins: a count learns edges from the rows, explicit edges do not.
BINNING_FUNCTIONS = {"pandas.qcut": "q", "pandas.cut": "bins"}

#: Methods that make a boolean row mask (``df[df.city.isin(cities)]`` keeps some rows).
MASK_METHODS = frozenset({"isin", "between", "notna", "notnull", "isna", "isnull", "duplicated", "eq", "ne", "lt", "le", "gt", "ge", "contains", "startswith", "endswith"})
#: The same statistics as numpy functions (``np.mean(X, axis=0)``).
STATISTIC_FUNCTIONS = frozenset(
    "numpy." + n
    for n in ("mean", "std", "var", "min", "max", "amin", "amax", "median", "nanmean", "nanstd", "nanmedian",
              "nanmin", "nanmax", "percentile", "quantile", "ptp")
)
