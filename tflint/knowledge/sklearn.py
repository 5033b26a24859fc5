"""scikit-learn (and look-alike) APIs the leakage analysis follows, as data.

Keys are canonical names (``tflint.analysis.names.canonical``). A *transformer* learns
state from the rows it is fitted on (means, vocabularies, components), so
fitting one on rows that later reach the test split leaks them. Transformers
that learn nothing from the rows (``Normalizer``, random projections, hashing)
are listed apart so that fitting them anywhere is never reported.
"""

from __future__ import annotations


def _names(module: str, *classes: str) -> frozenset[str]:
    return frozenset(f"{module}.{c}" for c in classes)


#: Encoders that learn from the target: fitted on all rows, they carry the test labels themselves.
TARGET_ENCODERS = (
    _names("sklearn.preprocessing", "TargetEncoder")
    | _names(
        "category_encoders",
        "TargetEncoder", "WOEEncoder", "CatBoostEncoder", "LeaveOneOutEncoder", "JamesSteinEncoder", "MEstimateEncoder",
        "GLMMEncoder", "QuantileEncoder", "SummaryEncoder",
    )
    | _names("feature_engine.encoding", "MeanEncoder", "WoEEncoder", "DecisionTreeEncoder", "PRatioEncoder")
    | _names("feature_engine.discretisation", "DecisionTreeDiscretiser")
)

#: Transformers whose fitted state comes from the rows they see.
TRANSFORMERS = (
    _names(
        "sklearn.preprocessing",
        "StandardScaler", "MinMaxScaler", "MaxAbsScaler", "RobustScaler", "QuantileTransformer",
        "PowerTransformer", "KBinsDiscretizer", "SplineTransformer", "KernelCenterer",
    )
    | _names("sklearn.impute", "SimpleImputer", "IterativeImputer", "KNNImputer", "MissingIndicator")
    | _names(
        "sklearn.decomposition",
        "PCA", "IncrementalPCA", "KernelPCA", "SparsePCA", "MiniBatchSparsePCA", "TruncatedSVD", "NMF",
        "MiniBatchNMF", "FastICA", "FactorAnalysis", "LatentDirichletAllocation", "DictionaryLearning",
        "MiniBatchDictionaryLearning",
    )
    | _names(
        "sklearn.feature_selection",
        "SelectKBest", "SelectPercentile", "SelectFpr", "SelectFdr", "SelectFwe", "GenericUnivariateSelect",
        "VarianceThreshold", "RFE", "RFECV", "SelectFromModel", "SequentialFeatureSelector",
    )
    | _names("sklearn.feature_extraction.text", "CountVectorizer", "TfidfVectorizer", "TfidfTransformer")
    | _names("sklearn.kernel_approximation", "Nystroem", "AdditiveChi2Sampler")
    | _names("sklearn.cross_decomposition", "PLSRegression", "PLSSVD", "CCA")
    | _names("sklearn.discriminant_analysis", "LinearDiscriminantAnalysis")
    | _names("sklearn.manifold", "Isomap", "LocallyLinearEmbedding", "TSNE", "MDS", "SpectralEmbedding")
    | _names("sklearn.neural_network", "BernoulliRBM")
    | _names("sklearn.preprocessing", "Imputer")  # scikit-learn < 0.22
    | _names("sklearn_pandas", "CategoricalImputer")
    | _names(
        "feature_engine.imputation",
        "MeanMedianImputer", "EndTailImputer", "CategoricalImputer", "RandomSampleImputer", "AddMissingIndicator",
    )
    | _names(
        "feature_engine.encoding",
        "CountFrequencyEncoder", "RareLabelEncoder", "DecisionTreeEncoder", "MeanEncoder", "WoEEncoder",
        "PRatioEncoder", "StringSimilarityEncoder",
    )
    | _names(
        "feature_engine.discretisation",
        "EqualFrequencyDiscretiser", "EqualWidthDiscretiser", "DecisionTreeDiscretiser", "GeometricWidthDiscretiser",
    )
    | _names("feature_engine.outliers", "Winsorizer", "OutlierTrimmer")
    | _names("feature_engine.transformation", "BoxCoxTransformer", "YeoJohnsonTransformer")
    | _names(
        "feature_engine.selection",
        "DropConstantFeatures", "DropDuplicateFeatures", "DropCorrelatedFeatures", "SmartCorrelatedSelection",
        "SelectByShuffling", "SelectBySingleFeaturePerformance", "SelectByTargetMeanPerformance",
        "RecursiveFeatureElimination", "RecursiveFeatureAddition", "DropHighPSIFeatures", "SelectByInformationValue",
        "ProbeFeatureSelection", "MRMR",
    )
    | _names("category_encoders", "CountEncoder")
    | TARGET_ENCODERS
)

#: Encoders that learn only the set of categories. Fitting them on all rows is
#: common and nearly harmless, so fit-before-split is not reported for them;
#: fitting them on the test split still is.
CATEGORY_ENCODERS = (
    _names("sklearn.preprocessing", "OneHotEncoder", "OrdinalEncoder")
    | _names("sklearn.feature_extraction", "DictVectorizer")
    | _names(
        "category_encoders",
        "OneHotEncoder", "OrdinalEncoder", "BinaryEncoder", "BaseNEncoder", "BackwardDifferenceEncoder",
        "HelmertEncoder", "SumEncoder", "PolynomialEncoder",
    )
    | _names("feature_engine.encoding", "OneHotEncoder", "OrdinalEncoder")
    | _names("keras.layers", "StringLookup", "IntegerLookup")
)

#: Encoders meant for the target: fitting them on labels is not leakage.
LABEL_ENCODERS = _names("sklearn.preprocessing", "LabelEncoder", "LabelBinarizer", "MultiLabelBinarizer")

#: Learn nothing from the rows (or only their width): never reported.
STATELESS_TRANSFORMERS = (
    _names("sklearn.preprocessing", "Normalizer", "Binarizer", "FunctionTransformer", "PolynomialFeatures")
    | _names("sklearn.feature_extraction.text", "HashingVectorizer")
    | _names("sklearn.feature_extraction", "FeatureHasher")
    | _names("category_encoders", "HashingEncoder")
    | _names("feature_engine.imputation", "ArbitraryNumberImputer", "DropMissingData")
    | _names("feature_engine.discretisation", "ArbitraryDiscretiser")
    | _names("feature_engine.outliers", "ArbitraryOutlierCapper")
    | _names("feature_engine.transformation", "LogTransformer", "PowerTransformer", "ReciprocalTransformer")
    | _names("keras.layers", "CategoryEncoding", "Hashing")
    | _names("sklearn.random_projection", "GaussianRandomProjection", "SparseRandomProjection")
    | _names("sklearn.kernel_approximation", "RBFSampler", "SkewedChi2Sampler", "PolynomialCountSketch")
)

#: Estimator modules: any class under them is a model whose fit/predict/score we follow.
ESTIMATOR_PREFIXES = (
    "sklearn.linear_model.", "sklearn.ensemble.", "sklearn.svm.", "sklearn.tree.", "sklearn.neighbors.",
    "sklearn.naive_bayes.", "sklearn.neural_network.", "sklearn.gaussian_process.", "sklearn.kernel_ridge.",
    "sklearn.dummy.", "sklearn.calibration.", "sklearn.multiclass.", "sklearn.multioutput.",
    "sklearn.semi_supervised.", "sklearn.isotonic.",
)
#: The estimators scripts use most, by their public module. The prefixes above already make any class there a
#: model; this list lets code that calls them without importing them (an excerpt) be read as calling them
#: (analysis/facts._implicit_imports).
COMMON_ESTIMATORS = (
    _names("sklearn.linear_model", "LogisticRegression", "LinearRegression", "Ridge", "Lasso", "ElasticNet",
           "SGDClassifier", "SGDRegressor", "RidgeClassifier", "BayesianRidge", "HuberRegressor")
    | _names("sklearn.ensemble", "RandomForestClassifier", "RandomForestRegressor", "GradientBoostingClassifier",
             "GradientBoostingRegressor", "ExtraTreesClassifier", "ExtraTreesRegressor", "AdaBoostClassifier",
             "AdaBoostRegressor", "HistGradientBoostingClassifier", "HistGradientBoostingRegressor", "BaggingClassifier",
             "BaggingRegressor", "VotingClassifier", "VotingRegressor", "StackingClassifier", "StackingRegressor",
             "IsolationForest")
    | _names("sklearn.svm", "SVC", "SVR", "LinearSVC", "LinearSVR", "NuSVC", "OneClassSVM")
    | _names("sklearn.neighbors", "KNeighborsClassifier", "KNeighborsRegressor", "NearestNeighbors")
    | _names("sklearn.tree", "DecisionTreeClassifier", "DecisionTreeRegressor")
    | _names("sklearn.naive_bayes", "GaussianNB", "MultinomialNB", "BernoulliNB", "ComplementNB")
    | _names("sklearn.neural_network", "MLPClassifier", "MLPRegressor")
    | _names("sklearn.dummy", "DummyClassifier", "DummyRegressor")
    | _names("xgboost", "XGBClassifier", "XGBRegressor")
    | _names("lightgbm", "LGBMClassifier", "LGBMRegressor")
    | _names("catboost", "CatBoostClassifier", "CatBoostRegressor")
)
#: Third-party boosting libraries: only their classifier/regressor/ranker classes are models
#: (``xgboost.DMatrix`` is data).
THIRD_PARTY_ESTIMATOR_PREFIXES = ("xgboost.", "lightgbm.", "catboost.")
ESTIMATOR_SUFFIXES = ("Classifier", "Regressor", "Ranker")
ESTIMATORS = _names("sklearn.discriminant_analysis", "QuadraticDiscriminantAnalysis") | _names(
    "eli5.sklearn", "PermutationImportance"  # wraps a model; its feature_importances_ pick columns
)

#: Hyper-parameter searches: models that cross-validate internally.
SEARCHES = _names(
    "sklearn.model_selection", "GridSearchCV", "RandomizedSearchCV", "HalvingGridSearchCV", "HalvingRandomSearchCV"
) | _names("sklearn.grid_search", "GridSearchCV", "RandomizedSearchCV")  # scikit-learn < 0.20

#: Objects that chain transformers (and maybe a final estimator).
PIPELINES = (
    _names("sklearn.pipeline", "Pipeline", "make_pipeline", "FeatureUnion", "make_union")
    | _names("sklearn.compose", "ColumnTransformer", "make_column_transformer", "TransformedTargetRegressor")
    | _names("imblearn.pipeline", "Pipeline", "make_pipeline")
    | _names("sklearn_pandas", "DataFrameMapper")
)

#: Functions that split rows into train and test outputs (train, test, train, test, ...).
TRAIN_TEST_SPLIT = "sklearn.model_selection.train_test_split"

#: Cross-validation splitters -> shuffled by default?  (``shuffle=`` overrides it.)
SPLITTERS = {
    **{n: False for n in _names(
        "sklearn.model_selection", "KFold", "StratifiedKFold", "GroupKFold", "StratifiedGroupKFold",
        "LeaveOneOut", "LeavePOut", "LeaveOneGroupOut", "LeavePGroupsOut", "PredefinedSplit",
    )},
    **{n: True for n in _names(
        "sklearn.model_selection", "ShuffleSplit", "StratifiedShuffleSplit", "GroupShuffleSplit",
        "RepeatedKFold", "RepeatedStratifiedKFold",
    )},
    "sklearn.model_selection.TimeSeriesSplit": False,
}
#: Splitters that always keep time order (shuffle is never applied).
ORDERED_SPLITTERS = frozenset({"sklearn.model_selection.TimeSeriesSplit"})

#: Functions that cross-validate an estimator on (X, y): held-out folds are internal.
CROSS_VALIDATION = _names(
    "sklearn.model_selection", "cross_val_score", "cross_validate", "cross_val_predict",
    "learning_curve", "validation_curve", "permutation_test_score",
)

#: Function forms of the scalers: ``preprocessing.scale(X)`` fits and transforms in one call.
FUNCTIONAL_TRANSFORMS = _names(
    "sklearn.preprocessing", "scale", "minmax_scale", "maxabs_scale", "robust_scale", "quantile_transform",
    "power_transform",
)
