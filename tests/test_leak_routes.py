"""Leak routes real code takes (issue 16): each as a bug that must be reported and a clean twin.

Styles vary on purpose: scripts, notebook cells, helper functions, classes,
Keras 2-era spellings, excerpts whose imports were left out.
"""

from __future__ import annotations

import textwrap

import pytest

from tflint.api import lint_cells, lint_text
from tflint.config import Config

LEAKAGE = Config(select=("TFL1",))


def codes(source: str) -> list[tuple[str, int]]:
    """(code, line) of every TFL1xx finding on ``source``."""
    result = lint_text(textwrap.dedent(source), "train.py", LEAKAGE)
    return [(d.code, d.range.start.line) for d in result.diagnostics]


def messages(source: str) -> list[str]:
    return [d.message for d in lint_text(textwrap.dedent(source), "train.py", LEAKAGE).diagnostics]


# --------------------------------------------------------------------------
# knowledge tables: feature_engine, category_encoders, sklearn_pandas, old sklearn


FEATURE_ENGINE_LEAK = """\
import pandas as pd
from feature_engine.imputation import MeanMedianImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

frame = pd.read_csv("patients.csv")
imputer = MeanMedianImputer(imputation_method="median", variables=["bmi"])
frame = imputer.fit_transform(frame)
features, outcome = frame.drop(columns="outcome"), frame["outcome"]
f_tr, f_te, o_tr, o_te = train_test_split(features, outcome, random_state=0)
forest = RandomForestClassifier().fit(f_tr, o_tr)
print(forest.score(f_te, o_te))
"""

FEATURE_ENGINE_CLEAN = """\
import pandas as pd
from feature_engine.imputation import MeanMedianImputer
from sklearn.model_selection import train_test_split
from sklearn.ensemble import RandomForestClassifier

frame = pd.read_csv("patients.csv")
features, outcome = frame.drop(columns="outcome"), frame["outcome"]
f_tr, f_te, o_tr, o_te = train_test_split(features, outcome, random_state=0)
imputer = MeanMedianImputer(imputation_method="median", variables=["bmi"])
f_tr = imputer.fit_transform(f_tr)
f_te = imputer.transform(f_te)
forest = RandomForestClassifier().fit(f_tr, o_tr)
print(forest.score(f_te, o_te))
"""


def test_feature_engine_imputer_fitted_before_the_split():
    assert codes(FEATURE_ENGINE_LEAK) == [("TFL101", 8)]
    assert codes(FEATURE_ENGINE_CLEAN) == []


@pytest.mark.parametrize(
    "module, cls",
    [
        ("feature_engine.discretisation", "EqualFrequencyDiscretiser"),
        ("feature_engine.outliers", "Winsorizer"),
        ("feature_engine.encoding", "CountFrequencyEncoder"),
        ("feature_engine.encoding", "RareLabelEncoder"),
        ("category_encoders", "CountEncoder"),
    ],
)
def test_feature_engine_and_category_encoders_that_learn_statistics(module, cls):
    leak = FEATURE_ENGINE_LEAK.replace("feature_engine.imputation", module).replace("MeanMedianImputer", cls)
    clean = FEATURE_ENGINE_CLEAN.replace("feature_engine.imputation", module).replace("MeanMedianImputer", cls)
    assert codes(leak) == [("TFL101", 8)]
    assert codes(clean) == []


TARGET_ENCODED_IN_A_CLASS = """\
import pandas as pd
import category_encoders as ce
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression


class ChurnModel:
    def run(self, path):
        table = pd.read_csv(path)
        x, y = table[["plan", "region"]], table["churned"]
        x = ce.{encoder}(cols=["plan", "region"]).fit_transform(x, y)
        x_train, x_test, y_train, y_test = train_test_split(x, y, stratify=y)
        clf = LogisticRegression().fit(x_train, y_train)
        return clf.score(x_test, y_test)


ChurnModel().run("churn.csv")
"""


@pytest.mark.parametrize("encoder", ["TargetEncoder", "WOEEncoder", "LeaveOneOutEncoder", "MEstimateEncoder", "GLMMEncoder"])
def test_target_encoders_fitted_on_all_rows_say_they_carry_the_labels(encoder):
    source = TARGET_ENCODED_IN_A_CLASS.format(encoder=encoder)
    found = lint_text(source, "churn.py", LEAKAGE).diagnostics
    assert [(d.code, d.range.start.line) for d in found] == [("TFL101", 11)]
    assert "held-out labels themselves" in found[0].message


def test_target_encoder_fitted_on_the_training_split_is_clean():
    source = TARGET_ENCODED_IN_A_CLASS.format(encoder="TargetEncoder").replace(
        """        x = ce.TargetEncoder(cols=["plan", "region"]).fit_transform(x, y)
        x_train, x_test, y_train, y_test = train_test_split(x, y, stratify=y)
""",
        """        x_train, x_test, y_train, y_test = train_test_split(x, y, stratify=y)
        enc = ce.TargetEncoder(cols=["plan", "region"]).fit(x_train, y_train)
        x_train, x_test = enc.transform(x_train), enc.transform(x_test)
""",
    )
    assert "enc.transform(x_test)" in source
    assert codes(source) == []


def test_sklearn_pandas_mapper_holding_a_scaler_is_a_fitted_transformer():
    leak = """\
    import pandas as pd
    from sklearn_pandas import DataFrameMapper
    from sklearn.preprocessing import StandardScaler
    from sklearn.model_selection import train_test_split

    houses = pd.read_csv("houses.csv")
    mapper = DataFrameMapper([(["area", "rooms"], StandardScaler())])
    design = mapper.fit_transform(houses)
    train_x, test_x = train_test_split(design, test_size=0.25)
    """
    assert codes(leak) == [("TFL101", 8)]
    clean = leak.replace(
        """    design = mapper.fit_transform(houses)
    train_x, test_x = train_test_split(design, test_size=0.25)
""",
        """    train_h, test_h = train_test_split(houses, test_size=0.25)
    train_x = mapper.fit_transform(train_h)
    test_x = mapper.transform(test_h)
""",
    )
    assert codes(clean) == []


def test_old_sklearn_imputer_in_a_keras_2_script():
    leak = """\
    import numpy as np
    from sklearn.preprocessing import Imputer
    from sklearn.cross_validation import train_test_split
    from keras.models import Sequential
    from keras.layers import Dense

    data = np.loadtxt("pima.csv", delimiter=",")
    X, Y = data[:, :8], data[:, 8]
    X = Imputer(strategy="mean").fit_transform(X)
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, test_size=0.33)
    model = Sequential()
    model.add(Dense(12, input_dim=8, init="uniform", activation="relu"))
    model.add(Dense(1, activation="sigmoid"))
    model.compile(loss="binary_crossentropy", optimizer="adam")
    model.fit(X_train, Y_train, nb_epoch=150)
    print(model.evaluate(X_test, Y_test))
    """
    assert codes(leak) == [("TFL101", 9)]
    clean = leak.replace("X = Imputer(strategy=\"mean\").fit_transform(X)\n    ", "").replace(
        "test_size=0.33)\n", "test_size=0.33)\n    imp = Imputer(strategy=\"mean\").fit(X_train)\n    X_train, X_test = imp.transform(X_train), imp.transform(X_test)\n"
    )
    assert "imp.transform(X_test)" in clean
    assert codes(clean) == []


# --------------------------------------------------------------------------
# vocabulary-only and stateless encoders (rule page TFL101: not reported before the split)


def test_string_lookup_learns_only_a_vocabulary_but_adapting_it_on_the_test_split_is_reported():
    before_split = """\
    import pandas as pd
    import tensorflow as tf
    from sklearn.model_selection import train_test_split

    df = pd.read_csv("t.csv")
    lookup = tf.keras.layers.StringLookup()
    lookup.adapt(df["port"])
    df["port_id"] = lookup(df["port"])
    train, test = train_test_split(df[["port_id", "fare"]])
    """
    assert codes(before_split) == []
    on_test = """\
    import pandas as pd
    import tensorflow as tf
    from sklearn.model_selection import train_test_split

    df = pd.read_csv("t.csv")
    train, test = train_test_split(df)
    lookup = tf.keras.layers.StringLookup()
    lookup.adapt(test["port"])
    """
    assert codes(on_test) == [("TFL103", 8)]


def test_hashing_and_explicit_category_encoding_learn_nothing():
    source = """\
    import pandas as pd
    import category_encoders as ce
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.model_selection import train_test_split

    df = pd.read_csv("reviews.csv")
    words = HashingVectorizer(n_features=2**18).fit_transform(df["text"])
    cats = ce.HashingEncoder(cols=["shop"]).fit_transform(df)
    a, b = train_test_split(words)
    c, d = train_test_split(cats)
    """
    assert codes(source) == []


# --------------------------------------------------------------------------
# excerpts whose imports were left out


def test_an_unimported_known_class_is_that_class():
    excerpt = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split

    df = pd.read_csv("titanic.csv")
    enc = CountFrequencyEncoder(encoding_method="count", variables=["Embarked"])
    df = enc.fit_transform(df)
    X_train, X_test = train_test_split(df, test_size=0.2)
    """
    assert codes(excerpt) == [("TFL101", 6)]


AUTOENCODER_IMPUTER = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from sklearn.linear_model import LogisticRegression

    df = pd.read_csv("sensors.csv")
    cols = ["a", "b", "c"]
    filled = df[cols].fillna(0)
    missing = df[cols].isnull()
    {rows}
    net = Sequential([Input(shape=(3,)), Dense(4, activation="relu"), Dense(3)])
    net.compile(optimizer="adam", loss="mse")
    net.fit({fit_on}, {fit_on}, epochs=20)
    filled[missing] = net.predict(filled)[missing]
    df[cols] = filled
    {split}
    LogisticRegression().fit(X_train, y_train)
"""


def test_an_unimported_keras_autoencoder_imputer_fitted_on_all_rows_is_a_leak():
    """``Sequential``/``Dense`` with their imports left out are Keras: its predictions fill the frame that is split."""
    leak = AUTOENCODER_IMPUTER.format(
        rows="", fit_on="filled",
        split='X_train, X_test, y_train, y_test = train_test_split(df[cols], df["y"], test_size=0.3)',
    )
    assert codes(leak) == [("TFL101", 12)]  # and no TFL106: predicting to fill the frame is not an evaluation
    split_first = AUTOENCODER_IMPUTER.format(
        rows='train_rows, test_rows = train_test_split(df.index, test_size=0.3)',
        fit_on="filled.loc[train_rows]",
        split='X_train, y_train = df.loc[train_rows, cols], df.loc[train_rows, "y"]',
    )
    assert codes(split_first) == []


def test_an_unimported_conventional_alias_is_that_module():
    cells = [
        (1, "from sklearn.metrics import r2_score\ndf = pd.read_csv('sales.csv')\nnorm = tf.keras.layers.Normalization()\n"),
        (2, "norm.adapt(df.values)\n"),
        (3, "cut = int(0.8 * len(df))\nx_train, x_test = df.values[:cut], df.values[cut:]\n"),
    ]
    found = lint_cells(cells, "excerpt.ipynb", LEAKAGE).diagnostics
    assert [(d.code, d.cell, d.range.start.line) for d in found] == [("TFL101", 2, 1)]  # a file with an ML import


def test_a_name_the_file_binds_itself_is_never_taken_for_the_library_class():
    own_class = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split


    class MeanMedianImputer:
        def __init__(self, **kw):
            self.kw = kw

        def fit_transform(self, frame):
            return frame.fillna(0)


    df = pd.read_csv("titanic.csv")
    df = MeanMedianImputer(variables=["Age"]).fit_transform(df)
    X_train, X_test = train_test_split(df, test_size=0.2)
    """
    assert codes(own_class) == []
    star = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split
    from helpers import *

    df = pd.read_csv("titanic.csv")
    df = MeanMedianImputer(variables=["Age"]).fit_transform(df)
    X_train, X_test = train_test_split(df, test_size=0.2)
    """
    assert codes(star) == []
    local_tf = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split
    import mylib as tf

    df = pd.read_csv("t.csv")
    norm = tf.keras.layers.Normalization()
    norm.adapt(df)
    X_train, X_test = train_test_split(df, test_size=0.2)
    """
    assert codes(local_tf) == []


# --------------------------------------------------------------------------
# whole-frame statistics applied through pandas methods


@pytest.mark.parametrize(
    "line",
    [
        'df = df.replace(np.nan, df.mean())',
        'df = df.fillna({"age": df["age"].mean()})',
        'df = df.clip(lower=df.quantile(0.01), upper=df.quantile(0.99), axis=1)',
        'df["fare_by_class"] = df["pclass"].map(df.groupby("pclass")["fare"].mean().to_dict())',
        'df["fare_by_class"] = df.groupby("pclass")["fare"].transform("mean")',
        'df["fare_by_class"] = df.groupby("pclass")["fare"].transform(np.median)',
        'df["age_bin"] = pd.qcut(df["age"], q=4, labels=False)',
        'df["age_bin"] = pd.cut(df["age"], bins=5, labels=False)',
    ],
)
def test_whole_frame_statistic_before_the_split(line):
    source = f"""\
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("passengers.csv")
{line}
X, y = df.drop(columns="survived"), df["survived"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
"""
    assert codes(source) == [("TFL101", 7)]


@pytest.mark.parametrize(
    "line",
    [
        'X_train = X_train.replace(np.nan, X_train.mean())\nX_test = X_test.replace(np.nan, X_train.mean())',
        'means = X_train.groupby("pclass")["fare"].mean().to_dict()\nX_test["fare_by_class"] = X_test["pclass"].map(means)',
        'X_train["fare_by_class"] = X_train.groupby("pclass")["fare"].transform("mean")',
        'X_train = X_train.clip(lower=X_train.quantile(0.01), upper=X_train.quantile(0.99), axis=1)',
        'X_test["age_bin"] = pd.cut(X_test["age"], bins=[0, 18, 35, 60, 100], labels=False)',
        'X_test["fare"] = X_test["fare"].transform(np.log1p)',
    ],
)
def test_statistics_of_the_training_split_only_are_clean(line):
    source = f"""\
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("passengers.csv")
X, y = df.drop(columns="survived"), df["survived"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)
{line}
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
"""
    assert codes(source) == []


def test_explicit_bin_edges_before_the_split_learn_nothing():
    source = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split

    EDGES = [0, 18, 35, 60, 100]
    df = pd.read_csv("passengers.csv")
    df["age_bin"] = pd.cut(df["age"], EDGES, labels=False)
    train, test = train_test_split(df)
    """
    assert codes(source) == []


def test_encoder_imported_from_its_defining_module():
    source = """\
    import pandas as pd
    from category_encoders.glmm import GLMMEncoder
    from sklearn.model_selection import train_test_split

    heart = pd.read_csv("heart.csv")
    X, y = heart[["cp", "age"]], heart["target"]
    X = GLMMEncoder(cols=["cp"]).fit_transform(X, y)
    X_train, X_test, y_train, y_test = train_test_split(X, y)
    """
    assert codes(source) == [("TFL101", 7)]


# --------------------------------------------------------------------------
# values that arrive through loops, comprehensions and callbacks (issue 14's routes)


LIST_BUILDING_LOOP = """\
import re
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import MultinomialNB


def clean(text):
    return re.sub(r"[^a-z ]", "", text.lower())


reviews = pd.read_csv("reviews.csv")
corpus = []
for text in reviews["body"]:
    corpus.append(clean(text))
matrix = TfidfVectorizer(min_df=2).fit_transform(corpus)
m_train, m_test, s_train, s_test = train_test_split(matrix, reviews["stars"])
print(MultinomialNB().fit(m_train, s_train).score(m_test, s_test))
"""


def test_list_building_loop_holds_the_rows_it_was_built_from():
    assert codes(LIST_BUILDING_LOOP) == [("TFL101", 16)]
    clean = LIST_BUILDING_LOOP.replace(
        """matrix = TfidfVectorizer(min_df=2).fit_transform(corpus)
m_train, m_test, s_train, s_test = train_test_split(matrix, reviews["stars"])
""",
        """c_train, c_test, s_train, s_test = train_test_split(corpus, reviews["stars"])
vec = TfidfVectorizer(min_df=2).fit(c_train)
m_train, m_test = vec.transform(c_train), vec.transform(c_test)
""",
    )
    assert "vec.transform(c_test)" in clean
    assert codes(clean) == []


def test_comprehensions_over_rows_and_over_column_names():
    cells = [
        (1, "import pandas as pd\nfrom sklearn.preprocessing import StandardScaler, normalize\n"
            "from sklearn.feature_extraction.text import CountVectorizer\n"
            "from sklearn.model_selection import train_test_split\n"),
        (2, "df = pd.read_csv('listings.csv')\nnumeric = ['price', 'area']\n"),
        (3, "scaled = [StandardScaler().fit_transform(df[[c]]) for c in numeric]\n"),
        (4, "bags = CountVectorizer().fit_transform([t.lower() for t in df['title'] if t])\n"),
        (5, "train, test = train_test_split(df, test_size=0.2)\n"),
    ]
    found = lint_cells(cells, "listings.ipynb", LEAKAGE).diagnostics
    assert [(d.code, d.cell, d.range.start.line) for d in found] == [("TFL101", 3, 1), ("TFL101", 4, 1)]


def test_fitting_once_per_sample_inside_a_comprehension_learns_nothing_across_rows():
    source = """\
    import numpy as np
    import pandas as pd
    from sklearn.preprocessing import MinMaxScaler
    from sklearn.model_selection import train_test_split

    signals = pd.read_parquet("eeg.parquet")
    scaler = MinMaxScaler()
    series = [scaler.fit_transform(np.asarray(s).reshape(-1, 1)) for s in signals["raw"]]
    x_train, x_test, y_train, y_test = train_test_split(series, list(signals["label"]), test_size=0.15)
    """
    assert codes(source) == []


@pytest.mark.parametrize(
    "line",
    [
        'df["age"] = df["age"].apply(lambda v: (v - df["age"].mean()) / df["age"].std())',
        'df["income"] = df.groupby("city")["income"].transform(lambda s: s.fillna(s.median()))',
        'df[["a", "b"]] = df[["a", "b"]].apply(lambda col: (col - col.min()) / (col.max() - col.min()))',
    ],
)
def test_callbacks_run_on_the_rows_they_are_given(line):
    source = f"""\
import pandas as pd
from sklearn.model_selection import train_test_split


def zscore(column):
    return (column - column.mean()) / column.std()


df = pd.read_csv("people.csv")
{line}
train, test = train_test_split(df, test_size=0.25)
"""
    assert codes(source) == [("TFL101", 10)]


@pytest.mark.parametrize(
    "line",
    [
        'df["age"] = df["age"].apply(lambda v: v / 100)',
        'df["name"] = df["name"].map(str.lower)',
        'df[["a", "b"]] = df[["a", "b"]].apply(lambda col: col.fillna(0))',
        'df["title"] = df["title"].apply(shorten)',
    ],
)
def test_callbacks_that_learn_nothing_from_the_rows_are_clean(line):
    source = f"""\
import pandas as pd
from sklearn.model_selection import train_test_split


def shorten(text):
    return text[:80]


df = pd.read_csv("people.csv")
{line}
train, test = train_test_split(df, test_size=0.25)
"""
    assert codes(source) == []


LOOP_OVER_FRAMES = """\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.ensemble import GradientBoostingClassifier

titanic = pd.read_csv("titanic.csv")
train, test = train_test_split(titanic, test_size=0.2, random_state=1)
for ds in [train, test]:
    ds["Age"].fillna(ds["Age"].mean(), inplace=True)
    ds["Family"] = ds["SibSp"] + ds["Parch"]
features = ["Age", "Family", "Fare"]
gbc = GradientBoostingClassifier().fit(train[features], train["Survived"])
print(gbc.score(test[features], test["Survived"]))
"""


def test_a_local_function_given_to_apply_is_run_on_the_rows_and_the_apply_is_related():
    source = """\
import pandas as pd
from sklearn.model_selection import train_test_split


def zscore(column):
    return (column - column.mean()) / column.std()


df = pd.read_csv("people.csv")
df[["a", "b"]] = df[["a", "b"]].apply(zscore)
train, test = train_test_split(df, test_size=0.25)
"""
    (diag,) = lint_text(source, "people.py", LEAKAGE).diagnostics
    assert (diag.code, diag.range.start.line) == ("TFL101", 6)
    assert sorted(r.range.start.line for r in diag.related) == [10, 11]


def test_loop_over_a_literal_list_of_frames_fits_the_test_frame_on_itself():
    assert codes(LOOP_OVER_FRAMES) == [("TFL103", 8)]
    clean = LOOP_OVER_FRAMES.replace('ds["Age"].fillna(ds["Age"].mean(), inplace=True)',
                                     'ds["Age"].fillna(train["Age"].mean(), inplace=True)')
    assert codes(clean) == []


def test_loop_over_separate_files_is_not_a_split():
    source = LOOP_OVER_FRAMES.replace(
        'titanic = pd.read_csv("titanic.csv")\ntrain, test = train_test_split(titanic, test_size=0.2, random_state=1)',
        'train = pd.read_csv("train.csv")\ntest = pd.read_csv("test.csv")',
    )
    assert "train.csv" in source
    assert codes(source) == []


# --------------------------------------------------------------------------
# splits real code writes by hand


SCALED_THEN_MASKED = """\
import numpy as np
import pandas as pd
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression

df = pd.read_csv("loans.csv", parse_dates=["issued"])
df[["amount", "income"]] = StandardScaler().fit_transform(df[["amount", "income"]])
{split}
clf = LogisticRegression().fit(train[["amount", "income"]], train["default"])
print(clf.score(test[["amount", "income"]], test["default"]))
"""


@pytest.mark.parametrize(
    "split",
    [
        "msk = np.random.rand(len(df)) < 0.8\ntrain = df[msk]\ntest = df[~msk]",
        'train = df[df["issued"] < "2020-01-01"]\ntest = df[df["issued"] >= "2020-01-01"]',
        'test = df.loc[df.issued > "2020-01-01"]\ntrain = df.loc[df.issued <= "2020-01-01"]',
        "in_test = df.branch.isin(['north', 'east'])\ntrain, test = df[~in_test], df[in_test]",
    ],
)
def test_row_masks_with_their_complement_are_splits(split):
    assert codes(SCALED_THEN_MASKED.format(split=split)) == [("TFL101", 7)]


def test_masks_without_a_train_or_test_name_are_subsets_not_splits():
    source = SCALED_THEN_MASKED.format(
        split="paid = df[df.default == 0]\nunpaid = df[df.default != 0]\ntrain = pd.concat([paid.sample(500), unpaid])\n"
              "test = pd.read_csv('loans_2021.csv')"
    )
    assert codes(source) == []


def test_a_random_mask_split_is_not_reported_as_scoring_on_the_training_rows():
    source = SCALED_THEN_MASKED.format(split="msk = np.random.rand(len(df)) < 0.8\ntrain = df[msk]\ntest = df[~msk]")
    clean = source.replace('df[["amount", "income"]] = StandardScaler().fit_transform(df[["amount", "income"]])\n', "")
    assert codes(clean) == []  # neither TFL101 nor TFL106: test = df[~msk] holds other rows than train


def test_a_random_mask_over_time_ordered_rows_is_a_shuffled_split():
    source = """\
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import Ridge

    prices = pd.read_csv("prices.csv").sort_values("date")
    prices["lag1"] = prices["close"].shift(1)
    prices = prices.dropna()
    keep = np.random.rand(len(prices)) < 0.85
    train, test = prices[keep], prices[~keep]
    model = Ridge().fit(train[["lag1"]], train["close"])
    """
    assert codes(source) == [("TFL107", 9)]
    by_date = source.replace("keep = np.random.rand(len(prices)) < 0.85", 'keep = prices["date"] < "2023-01-01"')
    assert codes(by_date) == []


RESHUFFLED = """\
import numpy as np
import tensorflow as tf

x, y = np.load("x.npy"), np.load("y.npy")
ds = tf.data.Dataset.from_tensor_slices((x, y)).shuffle(len(x){args})
train_ds = ds.take(8000).batch(32).prefetch(tf.data.AUTOTUNE)
val_ds = ds.skip(8000).batch(32)
model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(train_ds, validation_data=val_ds, epochs=10)
"""


def test_a_dataset_reshuffled_every_epoch_before_take_and_skip():
    found = lint_text(RESHUFFLED.format(args=""), "train.py", LEAKAGE).diagnostics
    assert [(d.code, d.range.start.line) for d in found] == [("TFL104", 5)]
    assert "reshuffles every epoch" in found[0].message and "reshuffle_each_iteration=False" in found[0].help
    assert sorted(r.range.start.line for r in found[0].related) == [7, 10]


@pytest.mark.parametrize("args", [", reshuffle_each_iteration=False", ", seed=1, reshuffle_each_iteration=False"])
def test_a_dataset_shuffled_once_before_take_and_skip_is_clean(args):
    assert codes(RESHUFFLED.format(args=args)) == []


def test_a_dataset_shuffled_then_cached_keeps_its_first_order():
    source = RESHUFFLED.format(args="").replace(".shuffle(len(x))", ".shuffle(len(x)).cache()")
    assert codes(source) == []


def test_take_and_skip_sides_stay_named_through_batch_map_and_prefetch():
    source = """\
    import numpy as np
    import tensorflow as tf

    def scale(image, label):
        return image / 255.0, label

    images = np.load("images.npy")
    norm = tf.keras.layers.Normalization(axis=None)
    norm.adapt(images)
    ds = tf.data.Dataset.from_tensor_slices(images)
    train_ds = ds.take(5000).map(scale).batch(64).prefetch(2)
    test_ds = ds.skip(5000).map(scale).batch(64)
    """
    assert codes(source) == [("TFL101", 9)]


OLD_SKLEARN = """\
import numpy as np
from sklearn.cross_validation import KFold
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

X, y = np.load("x.npy"), np.load("y.npy")
X = StandardScaler().fit_transform(X)
for train_index, test_index in KFold(len(X), n_folds=5, shuffle=True):
    clf = SVC().fit(X[train_index], y[train_index])
    print(clf.score(X[test_index], y[test_index]))
"""


def test_old_cross_validation_splitters_are_iterated_directly():
    assert codes(OLD_SKLEARN) == [("TFL101", 7)]
    clean = OLD_SKLEARN.replace("X = StandardScaler().fit_transform(X)\n", "").replace(
        "    clf = SVC()", "    sc = StandardScaler().fit(X[train_index])\n    clf = SVC()"
    )
    assert codes(clean) == []


def test_old_grid_search_module():
    source = """\
    import numpy as np
    from sklearn.grid_search import GridSearchCV
    from sklearn.preprocessing import MinMaxScaler
    from sklearn.ensemble import RandomForestClassifier

    X, y = np.load("x.npy"), np.load("y.npy")
    X = MinMaxScaler().fit_transform(X)
    grid = GridSearchCV(RandomForestClassifier(), {"max_depth": [3, 5, None]}, cv=3).fit(X, y)
    """
    assert codes(source) == [("TFL101", 7)]


class SearchThenSplit:
    """A search on every row, then a test split carved from the same rows (written as a function)."""

    LEAK = """\
    import pandas as pd
    from sklearn.model_selection import RandomizedSearchCV, train_test_split
    from sklearn.ensemble import GradientBoostingRegressor


    def tune_and_report(path):
        houses = pd.read_csv(path)
        X, y = houses.drop(columns="price"), houses["price"]
        search = RandomizedSearchCV(GradientBoostingRegressor(), {"max_depth": [2, 3, 4]}, n_iter=3)
        search.fit(X, y)
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        final = GradientBoostingRegressor(**search.best_params_).fit(X_train, y_train)
        return final.score(X_test, y_test)


    tune_and_report("houses.csv")
    """


def test_search_on_all_rows_then_a_test_split_from_them():
    found = lint_text(textwrap.dedent(SearchThenSplit.LEAK), "tune.py", LEAKAGE).diagnostics
    assert [(d.code, d.range.start.line) for d in found] == [("TFL105", 10)]
    assert sorted(r.range.start.line for r in found[0].related) == [11, 13]


def test_search_on_the_training_split_then_scored_on_the_test_split_is_clean():
    clean = SearchThenSplit.LEAK.replace(
        """        search.fit(X, y)
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
""",
        """        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        search.fit(X_train, y_train)
""",
    )
    assert "search.fit(X_train, y_train)" in clean
    assert codes(clean) == []


def test_a_search_on_all_rows_with_no_later_test_split_is_left_to_cross_validation():
    source = """\
    import numpy as np
    from sklearn.model_selection import GridSearchCV
    from sklearn.linear_model import Ridge

    X, y = np.load("x.npy"), np.load("y.npy")
    search = GridSearchCV(Ridge(), {"alpha": [0.1, 1.0]}).fit(X, y)
    print(search.best_score_)
    """
    assert codes(source) == []


# --------------------------------------------------------------------------
# train and test files stacked, preprocessed together, sliced back


def test_labelled_test_file_stacked_scaled_and_scored_is_a_leak():
    source = """\
    import numpy as np
    from sklearn.preprocessing import StandardScaler
    from sklearn.metrics import accuracy_score
    from sklearn.ensemble import RandomForestClassifier

    x_train, y_train = np.load("x_train.npy"), np.load("y_train.npy")
    x_test, y_test = np.load("x_test.npy"), np.load("y_test.npy")
    both = StandardScaler().fit_transform(np.concatenate([x_train, x_test]))
    x_train, x_test = both[:len(x_train)], both[len(x_train):]
    clf = RandomForestClassifier().fit(x_train, y_train)
    predictions = clf.predict(x_test)
    print(accuracy_score(y_test, predictions))
    """
    assert codes(source) == [("TFL101", 8)]


KAGGLE_CELLS = [
    (1, "import pandas as pd\nfrom sklearn.impute import SimpleImputer\nfrom sklearn.linear_model import LogisticRegression\n"),
    (2, "train = pd.read_csv('../input/train.csv')\ntest = pd.read_csv('../input/test.csv')\n"
        "target = train.pop('Survived')\nn_train = len(train)\n"),
    (3, "full = pd.concat([train, test])\nfull = SimpleImputer(strategy='median').fit_transform(full)\n"),
    (4, "X_train, X_test = full[:n_train], full[n_train:]\nmodel = LogisticRegression().fit(X_train, target)\n"),
    (5, "pd.DataFrame({'Survived': model.predict(X_test)}).to_csv('submission.csv', index=False)\n"),
]


def test_kaggle_unlabelled_test_file_preprocessed_with_train_is_not_reported():
    assert lint_cells(KAGGLE_CELLS, "kaggle.ipynb", LEAKAGE).diagnostics == []


def test_kaggle_style_stacking_is_reported_once_the_held_out_part_is_scored():
    cells = KAGGLE_CELLS[:4] + [(5, "print(model.score(X_test, pd.read_csv('../input/answers.csv')['Survived']))\n")]
    found = lint_cells(cells, "kaggle.ipynb", LEAKAGE).diagnostics
    assert [(d.code, d.cell, d.range.start.line) for d in found] == [("TFL101", 3, 2)]


# --------------------------------------------------------------------------
# a model fitted on all rows that picks the columns


MODEL_PICKS_COLUMNS = """\
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import SelectFromModel
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

df = pd.read_csv("diabetes.csv")
X, y = df.drop(columns="Outcome"), df["Outcome"]
{pick}
X_train, X_test, y_train, y_test = train_test_split(X_sel, y, test_size=0.25)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
"""


@pytest.mark.parametrize(
    "pick",
    [
        "rf = RandomForestClassifier().fit(X, y)\nX_sel = X[X.columns[rf.feature_importances_ > 0.05]]",
        "lr = LogisticRegression(penalty='l1', solver='liblinear')\nlr.fit(X, y)\nkeep = X.columns[lr.coef_[0] != 0]\nX_sel = X[keep]",
        "rf = RandomForestClassifier().fit(X, y)\n"
        "keep = [c for c, imp in zip(X.columns, rf.feature_importances_) if imp > 0.01]\nX_sel = X[keep]",
        "rf = RandomForestClassifier().fit(X, y)\nX_sel = SelectFromModel(rf, prefit=True).transform(X)",
    ],
)
def test_columns_picked_by_a_model_fitted_on_all_rows(pick):
    found = lint_text(MODEL_PICKS_COLUMNS.format(pick=pick), "select.py", LEAKAGE).diagnostics
    assert [d.code for d in found] == ["TFL101"]
    assert found[0].range.start.line in (9, 10, 11, 12)


@pytest.mark.parametrize(
    "pick",
    [
        "rf = RandomForestClassifier().fit(X, y)\nprint(rf.feature_importances_)\nX_sel = X",
        "rf = RandomForestClassifier().fit(X.iloc[:0], y.iloc[:0])\nX_sel = X[['Glucose', 'BMI']]",
    ],
)
def test_importances_only_printed_or_columns_picked_by_hand_are_clean(pick):
    assert codes(MODEL_PICKS_COLUMNS.format(pick=pick)) == []


def test_columns_picked_on_the_training_split_only_are_clean():
    source = """\
    import pandas as pd
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.model_selection import train_test_split

    df = pd.read_csv("diabetes.csv")
    X, y = df.drop(columns="Outcome"), df["Outcome"]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)
    rf = RandomForestClassifier().fit(X_train, y_train)
    keep = X_train.columns[rf.feature_importances_ > 0.05]
    final = RandomForestClassifier().fit(X_train[keep], y_train)
    print(final.score(X_test[keep], y_test))
    """
    assert codes(source) == []


# --------------------------------------------------------------------------
# PyTorch splits and scipy's zscore


TORCH_SCRIPT = """\
import numpy as np
import torch
from scipy.stats import zscore
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader, Subset, TensorDataset, random_split

x, y = np.load("x.npy"), np.load("y.npy")
{prep}
ds = TensorDataset(torch.tensor(x), torch.tensor(y))
{split}
"""


@pytest.mark.parametrize(
    "split",
    [
        "train_ds, test_ds = random_split(ds, [800, 200])",
        "train_idx, test_idx = train_test_split(np.arange(len(ds)), test_size=0.2)\n"
        "train_set, test_set = Subset(ds, train_idx), Subset(ds, test_idx)",
    ],
)
def test_torch_splits_after_a_whole_data_zscore(split):
    assert codes(TORCH_SCRIPT.format(prep="x = zscore(x, axis=0)", split=split)) == [("TFL101", 8)]
    assert codes(TORCH_SCRIPT.format(prep="x = x / 255.0", split=split)) == []


def test_zscore_of_the_training_split_only_is_clean():
    source = TORCH_SCRIPT.format(
        prep="",
        split="train_ds, test_ds = random_split(ds, [800, 200])\nx_train = zscore(x[:800], axis=0)",
    )
    assert codes(source) == []


# --------------------------------------------------------------------------
# time order that survives resampling and window features (TFL107)


RESAMPLED = """\
import pandas as pd
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold, TimeSeriesSplit, cross_val_score, train_test_split

sales = pd.read_csv("sales.csv", parse_dates=["date"]).set_index("date")
daily = sales.resample("D").mean()
daily["lag7"] = daily["units"].shift(7)
daily["trend"] = daily["units"].rolling(28).mean()
daily = daily.dropna()
X, y = daily[["lag7", "trend"]], daily["units"]
{split}
"""


@pytest.mark.parametrize(
    "split, line",
    [
        ("X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)", 11),
        ("print(cross_val_score(Ridge(), X, y, cv=KFold(5, shuffle=True)))", 11),
    ],
)
def test_time_order_survives_resample_and_window_features(split, line):
    assert codes(RESAMPLED.format(split=split)) == [("TFL107", line)]


@pytest.mark.parametrize(
    "split",
    [
        "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, shuffle=False)",
        "print(cross_val_score(Ridge(), X, y, cv=TimeSeriesSplit(5)))",
    ],
)
def test_time_ordered_splits_of_resampled_rows_are_clean(split):
    assert codes(RESAMPLED.format(split=split)) == []


def test_a_rolling_mean_feature_is_rows_not_a_whole_frame_statistic():
    source = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split

    df = pd.read_csv("sensor.csv")
    df["smooth"] = df["reading"] - df["reading"].rolling(5).mean()
    train, test = train_test_split(df, shuffle=False)
    """
    assert codes(source) == []


# --------------------------------------------------------------------------
# a test directory as validation data under a selecting callback (TFL105)


DIRECTORIES = """\
import tensorflow as tf
from tensorflow.keras.preprocessing.image import ImageDataGenerator

gen = ImageDataGenerator(rescale=1 / 255)
train_gen = gen.flow_from_directory("xray/train", target_size=(64, 64))
held_gen = gen.flow_from_directory("{held}", target_size=(64, 64))
model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(2, activation="softmax")])
model.compile("adam", "categorical_crossentropy", metrics=["accuracy"])
model.fit(train_gen, validation_data=held_gen, epochs=50,
          callbacks=[{callback}])
"""


@pytest.mark.parametrize(
    "callback",
    ["tf.keras.callbacks.EarlyStopping(patience=5, restore_best_weights=True)",
     'tf.keras.callbacks.ModelCheckpoint("best.keras", "val_accuracy", save_best_only=True)'],
)
def test_a_generator_over_the_test_directory_selects_the_epoch(callback):
    found = lint_text(DIRECTORIES.format(held="xray/test", callback=callback), "gen.py", LEAKAGE).diagnostics
    assert [(d.code, d.range.start.line) for d in found] == [("TFL105", 9)]
    assert "xray/test" in found[0].message


@pytest.mark.parametrize(
    "held, callback",
    [
        ("xray/val", "tf.keras.callbacks.EarlyStopping(patience=5)"),
        ("xray/test", "tf.keras.callbacks.TensorBoard()"),
        ("xray/test", 'tf.keras.callbacks.ModelCheckpoint("best.keras", "loss", save_best_only=True)'),
    ],
)
def test_a_validation_directory_or_a_non_selecting_callback_is_clean(held, callback):
    assert codes(DIRECTORIES.format(held=held, callback=callback)) == []


def test_directory_datasets_from_keras_utils():
    source = """\
    import keras

    train_ds = keras.utils.image_dataset_from_directory("chest_xray/train")
    test_ds = keras.utils.image_dataset_from_directory("chest_xray/test/")
    model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(2)])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(train_ds, validation_data=test_ds, epochs=30,
              callbacks=[keras.callbacks.ModelCheckpoint("best.keras", save_best_only=True)])
    """
    assert codes(source) == [("TFL105", 7)]


# --------------------------------------------------------------------------
# a model used as an imputer before the split


REGRESSION_IMPUTER = """\
import pandas as pd
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split

heart = pd.read_csv("heart.csv")
known = heart["chol"].notnull()
reg = LinearRegression()
reg.fit(heart[known][["age", "thalach"]], heart[known]["chol"])
heart.loc[~known, "chol"] = reg.predict(heart[~known][["age", "thalach"]])
X_train, X_test, y_train, y_test = train_test_split(heart[["age", "chol", "thalach"]], heart["target"])
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
"""


def test_a_regression_imputer_fitted_on_all_rows():
    found = lint_text(REGRESSION_IMPUTER, "impute.py", LEAKAGE).diagnostics
    assert [(d.code, d.range.start.line) for d in found] == [("TFL101", 8)]
    assert "predictions are written" in found[0].message


def test_a_regression_imputer_fitted_on_the_training_split_is_clean():
    source = """\
    import pandas as pd
    from sklearn.linear_model import LinearRegression, LogisticRegression
    from sklearn.model_selection import train_test_split

    heart = pd.read_csv("heart.csv")
    X_train, X_test, y_train, y_test = train_test_split(heart[["age", "chol", "thalach"]], heart["target"])
    known = X_train["chol"].notnull()
    reg = LinearRegression().fit(X_train[known][["age", "thalach"]], X_train[known]["chol"])
    for part in [X_train, X_test]:
        missing = part["chol"].isnull()
        part.loc[missing, "chol"] = reg.predict(part[missing][["age", "thalach"]])
    print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
    """
    assert codes(source) == []


# --------------------------------------------------------------------------
# augmented copies put next to their originals before the split (TFL102)


def test_flipped_copies_concatenated_with_the_originals_before_the_split():
    source = """\
    import numpy as np
    import tensorflow as tf
    from sklearn.model_selection import train_test_split

    X, y = np.load("images.npy"), np.load("labels.npy")
    flipped = tf.image.flip_left_right(X)
    X_all, y_all = np.concatenate([X, flipped]), np.concatenate([y, y])
    X_train, X_test, y_train, y_test = train_test_split(X_all, y_all, test_size=0.2)
    """
    found = lint_text(textwrap.dedent(source), "aug.py", LEAKAGE).diagnostics
    assert [(d.code, d.range.start.line) for d in found] == [("TFL102", 6)]
    assert "augmented copies" in found[0].message


AUGMENT_LOOP = """\
import albumentations as A
import cv2
import glob
from sklearn.model_selection import train_test_split

files = sorted(glob.glob("pets/*.jpg"))
labels = [int("dog" in f) for f in files]
aug = A.Compose([A.HorizontalFlip(p=1.0), A.RandomBrightnessContrast()])
images, targets = [], []
for f, label in zip(files, labels):
    img = cv2.imread(f)
{body}
X_train, X_test, y_train, y_test = train_test_split(images, targets, test_size=0.3)
"""


def test_an_augmentation_loop_that_keeps_original_and_copy():
    body = '    images.append(img)\n    images.append(aug(image=img)["image"])\n    targets += [label, label]'
    assert codes(AUGMENT_LOOP.format(body=body)) == [("TFL102", 13)]


def test_one_augmented_copy_per_image_is_not_a_duplicate():
    body = '    images.append(aug(image=img)["image"])\n    targets.append(label)'
    assert codes(AUGMENT_LOOP.format(body=body)) == []


def test_augmenting_the_training_split_only_is_clean():
    source = """\
    import numpy as np
    from tensorflow import keras
    from sklearn.model_selection import train_test_split

    X, y = np.load("images.npy"), np.load("labels.npy")
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
    flip = keras.layers.RandomFlip("horizontal")
    X_train = np.concatenate([X_train, flip(X_train)])
    y_train = np.concatenate([y_train, y_train])
    """
    assert codes(source) == []


# --------------------------------------------------------------------------
# whole-data statistics computed after the split and applied to the training side


@pytest.mark.parametrize(
    "line",
    [
        "X_train = (X_train - X.mean()) / X.std()",
        "scaler = StandardScaler().fit(X)\nX_train = scaler.transform(X_train)",
        "X_train = X_train.fillna(X.median())",
    ],
)
def test_statistics_of_all_rows_applied_to_the_training_split_after_it(line):
    source = f"""\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
{line}
"""
    assert [c for c, _ in codes(source)] == ["TFL101"]


@pytest.mark.parametrize(
    "line",
    [
        "X_train = (X_train - X_train.mean()) / X_train.std()",
        "scaler = StandardScaler().fit(X_train)\nX_test = scaler.transform(X_test)",
        "print(X.mean())",
    ],
)
def test_statistics_of_the_training_split_after_it_are_clean(line):
    source = f"""\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("d.csv")
X, y = df.drop(columns="y"), df["y"]
X_train, X_test, y_train, y_test = train_test_split(X, y)
{line}
"""
    assert codes(source) == []


# --------------------------------------------------------------------------
# Keras sweeps that keep the best test score (TFL105)


SWEEP = """\
import numpy as np
import tensorflow as tf
from sklearn.model_selection import train_test_split


def build(units, lr=1e-3):
    model = tf.keras.Sequential([tf.keras.layers.Dense(units, activation="relu"),
                                 tf.keras.layers.Dense(1, activation="sigmoid")])
    model.compile(tf.keras.optimizers.Adam(lr), "binary_crossentropy", metrics=["accuracy"])
    return model


X, y = np.load("x.npy"), np.load("y.npy")
x_train, x_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
scores = {{}}
for setting in {grid}:
{body}
    model.fit(x_train, y_train, epochs=5)
    scores[setting] = model.evaluate({scored}, {scored_y})[1]
print(max(scores, key=scores.get))
"""


@pytest.mark.parametrize(
    "grid, body",
    [
        ("(16, 64, 256)", "    model = build(setting)"),
        ("[1e-2, 1e-3]", "    model = build(32)\n    model.compile(tf.keras.optimizers.Adam(setting), 'binary_crossentropy')"),
    ],
)
def test_a_keras_sweep_scored_on_the_test_split(grid, body):
    found = codes(SWEEP.format(grid=grid, body=body, scored="x_test", scored_y="y_test"))
    assert [c for c, _ in found] == ["TFL105"]


def test_a_keras_sweep_scored_on_a_validation_split_is_clean():
    source = SWEEP.format(grid="(16, 64)", body="    model = build(setting)", scored="x_val", scored_y="y_val").replace(
        "x_train, x_test, y_train, y_test = train_test_split(X, y, test_size=0.2)",
        "x_train, x_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\n"
        "x_train, x_val, y_train, y_val = train_test_split(x_train, y_train, test_size=0.2)",
    )
    assert codes(source) == []


def test_repeating_the_same_model_and_printing_each_test_score_is_not_a_sweep():
    source = SWEEP.format(grid="range(3)", body="    model = build(32)", scored="x_test", scored_y="y_test")
    assert codes(source) == []


# --------------------------------------------------------------------------
# routes found by a blind set written in other hands (stop 15)


def test_a_row_filter_before_a_helper_split_is_no_split_of_its_own():
    """Dropping outliers with a mask keeps one subset; a statistic fitted after it still leaks into the helper's split."""
    source = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split

    def clean(frame):
        frame = frame[frame["area"] < 5000]
        frame["rooms"] = frame["rooms"].fillna(frame["rooms"].mean())
        return frame

    def holdout(frame):
        target = frame.pop("price")
        return train_test_split(frame, target, test_size=0.2)

    def main():
        houses = clean(pd.read_csv("houses.csv"))
        a_tr, a_te, b_tr, b_te = holdout(houses)

    main()
    """
    assert codes(source) == [("TFL101", 6)]


EXCERPT = """\
feats = np.load("features.npy")
target = np.load("labels.npy")
{prep}
folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
for tr, va in folds.split(feats, target):
    clf = RandomForestClassifier(n_estimators=200).fit(feats[tr], target[tr])
    print(clf.score(feats[va], target[va]))
"""


def test_an_excerpt_without_any_import_is_read_as_the_apis_it_spells():
    leak = EXCERPT.format(prep="feats = SelectKBest(k=50).fit_transform(feats, target)")
    assert codes(leak) == [("TFL101", 3)]
    assert codes(EXCERPT.format(prep="feats = np.log1p(feats)")) == []


def test_an_excerpt_that_binds_the_name_or_shows_torch_is_not_read_as_keras():
    bound = "class Adam:\n    def __init__(self, lr): self.lr = lr\n\nopt = Adam(lr=0.01)\nmodel.compile(optimizer=opt)\n"
    torch = "model = nn.Linear(4, 1)\nopt = Adam(model.parameters(), lr=0.01)\nmodel.fit(x)\n"
    keras = "model = Sequential([Dense(1)])\nmodel.compile(optimizer=Adam(lr=0.01), loss='mse')\n"
    config = Config(select=("TFL303",))
    assert [d.code for d in lint_text(bound, "a.py", config).diagnostics] == []
    assert [d.code for d in lint_text(torch, "a.py", config).diagnostics] == []
    assert [d.code for d in lint_text(keras, "a.py", config).diagnostics] == ["TFL303"]


def test_minority_rows_copied_by_hand_before_the_split_are_oversampling():
    source = """\
    import pandas as pd
    from sklearn.model_selection import train_test_split

    df = pd.read_csv("churn.csv")
    churned = df[df["churn"] == 1]
    balanced = pd.concat({parts}, ignore_index=True)
    tr, te = train_test_split(balanced, test_size=0.25)
    """
    assert codes(source.format(parts="[df] + [churned] * 4")) == [("TFL102", 6)]
    assert codes(source.format(parts="[df, churned, churned]")) == [("TFL102", 6)]
    assert codes(source.format(parts="[df, churned]")) == [("TFL102", 6)]  # one copy of the churned rows is a copy too
    assert codes(source.format(parts="[df, pd.read_csv('extra.csv')]")) == []


def test_a_loop_that_keeps_the_weights_scoring_best_on_the_test_set_selects_on_it():
    source = """\
    import tensorflow as tf

    (x_tr, y_tr), (x_te, y_te) = tf.keras.datasets.mnist.load_data()
    net = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(10, activation="softmax")])
    net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    top, kept = 0.0, None
    for round_ in range(20):
        net.fit(x_tr / 255.0, y_tr, epochs=1)
        _, score = net.evaluate({data} / 255.0, {labels})
        {keep}
    """
    keep = "if score > top:\n            top, kept = score, net.get_weights()"
    assert codes(source.format(data="x_te", labels="y_te", keep=keep)) == [("TFL105", 9)]
    every_epoch = "net.save(f'round_{round_}.keras')"  # a copy every round selects nothing
    assert codes(source.format(data="x_te", labels="y_te", keep=every_epoch)) == []


def test_a_tuning_helper_scored_on_the_holdout_its_caller_passes_selects_on_it():
    source = """\
    from sklearn.datasets import load_diabetes
    from sklearn.linear_model import Ridge
    from sklearn.model_selection import train_test_split

    def sweep(X_fit, y_fit, X_eval, y_eval):
        scores = {{}}
        for alpha in (0.1, 1.0, 10.0):
            scores[alpha] = Ridge(alpha=alpha).fit(X_fit, y_fit).score(X_eval, y_eval)
        return max(scores, key=scores.get)

    X, y = load_diabetes(return_X_y=True)
    X_a, {held_x}, y_a, {held_y} = train_test_split(X, y, test_size=0.2)
    best = sweep(X_a, y_a, {held_x}, {held_y})
    """
    assert codes(source.format(held_x="X_holdout", held_y="y_holdout")) == [("TFL105", 8)]
    assert codes(source.format(held_x="X_val", held_y="y_val")) == []


def test_fold_scores_averaged_are_scores_not_rows():
    """``np.mean(aucs)`` over per-fold metric values fits nothing, though each score was computed on held-out rows."""
    source = """\
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    df = pd.read_csv("churn.csv")
    X, y = df.drop(columns="churn").to_numpy(), df["churn"].to_numpy()
    aucs = []
    for fit_idx, val_idx in StratifiedKFold(5, shuffle=True).split(X, y):
        clf = LogisticRegression().fit(X[fit_idx], y[fit_idx])
        aucs.append(roc_auc_score(y[val_idx], clf.predict_proba(X[val_idx])[:, 1]))
    aucs = np.array(aucs)
    print(aucs.mean(), aucs.std())
    """
    assert codes(source) == []


def test_slicing_a_random_permutation_of_time_ordered_rows_is_a_shuffled_split():
    source = """\
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import Ridge

    frame = pd.read_csv("load.csv", parse_dates=["ts"]).sort_values("ts")
    frame["lag1"] = frame["load"].shift(1)
    frame = frame.dropna()
    X, y = frame[["lag1"]].to_numpy(), frame["load"].to_numpy()
    order = {order}
    cut = int(0.8 * len(order))
    fit_rows, hold_rows = order[:cut], order[cut:]
    model = Ridge().fit(X[fit_rows], y[fit_rows])
    print(model.score(X[hold_rows], y[hold_rows]))
    """
    assert [c for c, _ in codes(source.format(order="np.random.default_rng(0).permutation(len(frame))"))] == ["TFL107"]
    assert codes(source.format(order="np.arange(len(frame))")) == []


def test_a_random_series_sliced_in_time_order_is_not_shuffled():
    """Random values (a simulated signal) cut at a position keep their order: only a permutation's slices shuffle."""
    source = """\
    import numpy as np
    import pandas as pd
    from sklearn.linear_model import Ridge

    signal = pd.DataFrame(np.random.uniform(-0.1, 0.1, size=(1000, 1)))
    target = signal.rolling(window=5).mean().fillna(0)
    cut = 800
    x_train, y_train = signal[:cut], target[:cut]
    x_test, y_test = signal[cut:], target[cut:]
    print(Ridge().fit(x_train, y_train).score(x_test, y_test))
    """
    assert [c for c, _ in codes(source)] == []
