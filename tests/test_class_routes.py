"""Rows through methods of classes defined in the file: the object's ``self.x`` state, at its call sites (issue 14)."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest

from tflint.analysis.facts import collect_facts
from tflint.analysis.provenance import dataflow
from tflint.api import lint_text
from tflint.config import Config


def leaks(src: str) -> list[tuple[str, int]]:
    found = lint_text(textwrap.dedent(src), "prep.py", Config(select=("TFL1",))).diagnostics
    return [(d.code, d.range.start.line) for d in found]


PREPROCESSOR = """
    import pandas as pd
    from sklearn.preprocessing import StandardScaler
    from sklearn.model_selection import train_test_split
    from sklearn.linear_model import LogisticRegression

    class Preprocessor:
        def __init__(self, with_mean=True):
            self.scaler = StandardScaler(with_mean=with_mean)

        def fit(self, X):
            self.scaler.fit(X)
            return self

        def transform(self, X):
            return self.scaler.transform(X)

    df = pd.read_csv("claims.csv")
    X, y = df.drop(columns="fraud"), df["fraud"]
    {body}
    clf = LogisticRegression().fit(X_train, y_train)
    print(clf.score(X_test, y_test))
"""

LEAKY = """prep = Preprocessor().fit(X)
    X_train, X_test, y_train, y_test = train_test_split(prep.transform(X), y, test_size=0.2)"""
CLEAN = """X_tr, X_te, y_train, y_test = train_test_split(X, y, test_size=0.2)
    prep = Preprocessor().fit(X_tr)
    X_train, X_test = prep.transform(X_tr), prep.transform(X_te)"""


def test_a_preprocessor_class_fitted_on_all_rows_is_a_leak_at_its_scaler():
    assert leaks(PREPROCESSOR.format(body=LEAKY)) == [("TFL101", 12)]


def test_the_same_class_fitted_on_the_training_split_is_clean():
    assert leaks(PREPROCESSOR.format(body=CLEAN)) == []


def test_the_finding_names_the_call_site_of_the_method():
    src = textwrap.dedent(PREPROCESSOR.format(body=LEAKY))
    [d] = lint_text(src, "prep.py", Config(select=("TFL101",))).diagnostics
    assert any("Preprocessor().fit(X)" in r.message for r in d.related)


@pytest.mark.parametrize(
    "style",
    [
        # a pipeline-like object kept in a dict of steps, fitted through a method that loops over nothing
        """
        class Cleaner:
            def __init__(self):
                self.imputer = SimpleImputer(strategy="median")
            def fit_transform(self, frame):
                return self.imputer.fit_transform(frame)
        cleaned = Cleaner().fit_transform(features)
        X_train, X_test, y_train, y_test = train_test_split(cleaned, target)
        """,
        # the state set in one method, read in another, the object passed around by name
        """
        class Encoder:
            def learn(self, frame):
                self.scaler = MinMaxScaler().fit(frame)
            def apply(self, frame):
                return self.scaler.transform(frame)
        enc = Encoder()
        enc.learn(features)
        X_train, X_test, y_train, y_test = train_test_split(enc.apply(features), target)
        """,
    ],
)
def test_other_class_styles(style):
    src = """
        import pandas as pd
        from sklearn.impute import SimpleImputer
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        features = pd.read_csv("x.csv")
        target = features.pop("label")
    """ + style + """
        model = LogisticRegression().fit(X_train, y_train)
        print(model.score(X_test, y_test))
    """
    assert [code for code, _ in leaks(src)] == ["TFL101"]


def test_a_class_that_splits_inside_its_own_method_is_nested_validation():
    """A scaler fitted on the training split, then a feature selector validating on its own inner split."""
    src = """
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        from sklearn.model_selection import train_test_split
        from sklearn.neighbors import KNeighborsClassifier

        class Selector:
            def __init__(self, estimator):
                self.estimator = estimator
            def fit(self, X, y):
                X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)
                self.estimator.fit(X_train, y_train)
                self.score_ = self.estimator.score(X_test, y_test)
                return self

        df = pd.read_csv("wine.csv")
        X, y = df.drop(columns="quality"), df["quality"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3)
        sc = StandardScaler()
        X_train_std = sc.fit_transform(X_train)
        X_test_std = sc.transform(X_test)
        Selector(KNeighborsClassifier()).fit(X_train_std, y_train)
    """
    assert leaks(src) == []


def test_a_library_subclass_is_not_run_as_a_local_class():
    """keras.Model subclasses: Keras calls their methods, so their state is not followed here."""
    src = """
        import pandas as pd
        from tensorflow import keras
        from sklearn.preprocessing import StandardScaler
        from sklearn.model_selection import train_test_split

        class Net(keras.Model):
            def __init__(self):
                super().__init__()
                self.scaler = StandardScaler()
            def prepare(self, X):
                return self.scaler.fit_transform(X)

        df = pd.read_csv("d.csv")
        X, y = df.drop(columns="y"), df["y"]
        Xs = Net().prepare(X)
        X_train, X_test, y_train, y_test = train_test_split(Xs, y)
    """
    assert leaks(src) == []


def test_classes_whose_bases_form_a_cycle_are_not_local_classes():
    """``class A(B)`` / ``class B(A)`` cannot run; the base walk once recursed until Python gave up, losing the statement."""
    source = textwrap.dedent(
        """\
        import pandas as pd
        from sklearn.preprocessing import StandardScaler

        class A(B):
            def fit(self, X):
                self.scaler = StandardScaler().fit(X)
                return self

        class B(A):
            pass

        df = pd.read_csv("x.csv")
        prep = A()
        """
    )
    flow = dataflow(collect_facts(cst.parse_module(source), source))
    assert "prep" in flow.module_frame.env  # the statement was evaluated, not dropped by a RecursionError
