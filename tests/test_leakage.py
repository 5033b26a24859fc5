"""TFL101-TFL107: the labelled corpus, the fix, locations, and bad input."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import libcst as cst
import pytest

from tflint.api import fix_text, lint_text
from tflint.config import Config
from tflint.analysis.facts import collect_facts
from tflint.analysis.provenance import HELD, TRAIN, Data, Seq, dataflow

CORPUS = Path(__file__).parent / "leakage_corpus"
_EXPECT = re.compile(r"# expect: ([A-Za-z0-9, ]+)")


def corpus_cases():
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".py", ".ipynb"):
            yield path


def expected_codes(path: Path) -> set[str]:
    text = path.read_text()
    if path.suffix == ".ipynb":
        first = json.loads(text)["cells"][0]["source"]
        text = "".join(first)
    match = _EXPECT.match(text)
    assert match, f"{path.name} has no '# expect:' header"
    label = match.group(1).strip()
    return set() if label == "clean" else {c.strip() for c in label.split(",")}


def leakage_codes(path: Path) -> list:
    result = lint_text(path.read_text(), str(path), Config(select=("TFL1",)), notebook=path.suffix == ".ipynb")
    return result.diagnostics


def test_corpus_is_large_and_balanced():
    cases = list(corpus_cases())
    labels = [expected_codes(p) for p in cases]
    assert len(cases) >= 80
    assert sum(1 for lab in labels if not lab) >= 35  # clean twins
    for code in ("TFL101", "TFL102", "TFL103", "TFL104", "TFL105", "TFL106", "TFL107"):
        assert sum(1 for lab in labels if code in lab) >= 5, code
    assert sum(1 for p in cases if p.suffix == ".ipynb") >= 4


@pytest.mark.parametrize("path", list(corpus_cases()), ids=lambda p: p.name)
def test_corpus_case(path):
    diagnostics = leakage_codes(path)
    assert not [d for d in diagnostics if d.code == "TFL002"], [d.message for d in diagnostics]
    got = {d.code for d in diagnostics}
    assert got == expected_codes(path), [(d.code, d.range.start.line, d.message) for d in diagnostics]


def lint(code: str, select=("TFL1",)):
    return lint_text(textwrap.dedent(code), "train.py", Config(select=select)).diagnostics


SCALED_BEFORE_SPLIT = """\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("d.csv")
X = df.drop(columns="y")
X = StandardScaler().fit_transform(X)
X_train, X_test = train_test_split(X, test_size=0.2)
"""


def test_fit_before_split_is_reported_at_the_fit_with_the_split_related():
    (diag,) = lint(SCALED_BEFORE_SPLIT)
    assert diag.code == "TFL101"
    assert diag.range.start.line == 7
    assert "`X_test`" in diag.message and "train_test_split" in diag.message
    assert [r.range.start.line for r in diag.related] == [8]


def test_notebook_cells_in_order_and_mapped_back():
    cells = [
        (1, "import pandas as pd\nfrom sklearn.preprocessing import MinMaxScaler\nfrom sklearn.model_selection import train_test_split\n"),
        (2, "df = pd.read_csv('a.csv')\nscaled = MinMaxScaler().fit_transform(df)\n"),
        (3, "train, test = train_test_split(scaled)\n"),
    ]
    from tflint.api import lint_cells

    (diag,) = [d for d in lint_cells(cells, "nb.ipynb", Config(select=("TFL1",))).diagnostics]
    assert diag.code == "TFL101" and diag.cell == 2 and diag.range.start.line == 2
    assert diag.related[0].cell == 3


def test_split_first_then_fit_on_the_training_split_is_clean():
    source = """\
    import pandas as pd
    from sklearn.preprocessing import MinMaxScaler
    from sklearn.model_selection import train_test_split
    df = pd.read_csv('a.csv')
    train, test = train_test_split(df)
    scaler = MinMaxScaler().fit(train)
    """
    assert lint(source) == []


TEST_REFIT = """\
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

X_train, X_test, y_train, y_test = train_test_split(X, y)
scaler = StandardScaler()
X_train = scaler.fit_transform(X_train)
X_test = scaler.fit_transform(
    X_test
)
"""


def test_fit_on_test_fix_replaces_fit_transform_with_transform():
    (diag,) = lint(TEST_REFIT)
    assert diag.code == "TFL103" and diag.fix is not None and diag.fix.safe
    fixed = fix_text(TEST_REFIT, "train.py", Config(select=("TFL103",)))
    assert "X_test = scaler.transform(\n    X_test\n)" in fixed
    assert "X_train = scaler.fit_transform(X_train)" in fixed
    assert lint(fixed) == []


def test_no_fix_when_the_transformer_never_saw_the_training_split():
    source = """\
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    X_train, X_test = train_test_split(X)
    X_test = StandardScaler().fit_transform(X_test)
    """
    (diag,) = lint(source)
    assert diag.code == "TFL103" and diag.fix is None


def test_fit_on_test_inside_a_helper_points_at_the_call_with_the_test_rows():
    source = """\
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    def scale(frame):
        return StandardScaler().fit_transform(frame)

    train, test = train_test_split(df)
    a = scale(train)
    b = scale(test)
    """
    (diag,) = lint(source)
    assert diag.code == "TFL103" and diag.range.start.line == 5 and diag.fix is None
    assert [r.range.start.line for r in diag.related] == [7, 9]  # the split, the call with the test rows


def test_train_test_split_of_any_arity():
    source = """\
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    a_tr, a_te, b_tr, b_te, c_tr, c_te = train_test_split(a, b, c)
    StandardScaler().fit(c_te)
    StandardScaler().fit(b_tr)
    """
    assert [d.code for d in lint(source)] == ["TFL103"]


def test_target_only_fits_are_not_leakage():
    source = """\
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import LabelEncoder, MinMaxScaler

    y = LabelEncoder().fit_transform(df["label"])
    y_scaled = MinMaxScaler().fit_transform(y.reshape(-1, 1))
    X_train, X_test, y_train, y_test = train_test_split(X, y_scaled)
    """
    assert lint(source) == []


def test_provenance_tracks_sides_through_unpacking_and_pass_throughs():
    source = textwrap.dedent(
        """\
        import numpy as np
        from sklearn.model_selection import train_test_split
        X = np.load("x.npy")
        parts = train_test_split(X)
        X_test = parts[1]
        X_test = np.asarray(X_test).astype("float32")
        """
    )
    facts = collect_facts(cst.parse_module(source), source)
    flow = dataflow(facts)
    assert dataflow(facts) is flow  # cached on the facts
    (split,) = flow.splits
    value = flow.module_frame.env["X_test"]
    assert isinstance(value, Data)
    assert flow.heldout_splits(value) == [split]
    assert isinstance(flow.module_frame.env["parts"], Seq)
    assert {path[-1][1] for _, path in value.atoms} == {HELD}
    assert TRAIN != HELD


BAD_INPUTS = [
    "from sklearn.preprocessing import *\nfrom x import *\nscaler.fit(X)\na, b = train_test_split(X)\n",
    "import sklearn\nexec('X = 1')\neval('y')\nsetattr(m, 'fit', None)\nm.fit(X_test)\n",
    "import sklearn\ndef f(x):\n    return f(x)\nf(1)\n",
    "import sklearn\ndef g(a, *args, **kw):\n    return g(*args, **kw)\ng(*[1], **{})\n",
    "import sklearn\nx = lambda: StandardScaler().fit(X)\n[y for y in z]\n",
    "import sklearn\nfrom sklearn.model_selection import train_test_split\n*a, b = train_test_split(*arrays)\n",
    "import sklearn\nclass A:\n    def fit(self):\n        return self.fit()\nA().fit()\n",
    "import sklearn\nfor (a, b), c in zip(x, y):\n    a[b:c] = 1\n",
    "import sklearn\nwhile True:\n    X = X[n:]\n    break\nelse:\n    pass\n",
    "import sklearn\nasync def h():\n    await x.fit(y)\n    async with a as b:\n        pass\n",
    "import sklearn\nmatch x:\n    case [a, b]:\n        fit(a)\n",
    "import sklearn\nx: int\ny: list = []\nz += 1\ndel z\n",
    "import sklearn\n" + "x = (" * 50 + "1" + ")" * 50 + "\n",
]


@pytest.mark.parametrize("source", BAD_INPUTS)
def test_bad_input_degrades_to_silence(source):
    diagnostics = lint_text(source, "bad.py", Config(select=("ALL",))).diagnostics
    assert not [d for d in diagnostics if d.code == "TFL002"], [d.message for d in diagnostics]
    assert not [d for d in diagnostics if d.code.startswith("TFL1")]


@pytest.mark.parametrize(
    "sampler,harm",
    [
        ("imblearn.under_sampling.NearMiss", "rebalanced"),
        ("imblearn.under_sampling.RandomUnderSampler", "rebalanced"),
        ("imblearn.over_sampling.SMOTE", "synthetic or duplicated copies"),
    ],
)
def test_resampling_before_the_split_says_what_that_sampler_does(sampler, harm):
    module, name = sampler.rsplit(".", 1)
    src = textwrap.dedent(f"""
        import pandas as pd
        from {module} import {name}
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestClassifier
        claims = pd.read_csv("claims.csv")
        X, y = claims.drop(columns="fraud"), claims["fraud"]
        X_bal, y_bal = {name}().fit_resample(X, y)
        X_tr, X_te, y_tr, y_te = train_test_split(X_bal, y_bal, stratify=y_bal)
        forest = RandomForestClassifier().fit(X_tr, y_tr)
        print(forest.score(X_te, y_te))
    """)
    found = [d for d in lint_text(src, "train.py", Config(select=("ALL",))).diagnostics if d.code == "TFL102"]
    assert len(found) == 1 and harm in found[0].help


@pytest.mark.parametrize("split_args", ["features / spread, target", "(features - features.mean()) / spread, target"])
def test_a_statistic_applied_inside_the_split_call_is_fitted_before_it(split_args):
    src = textwrap.dedent(f"""
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        features = pd.read_csv("sensors.csv")
        target = features.pop("fault")
        spread = features.std()
        X_train, X_test, y_train, y_test = train_test_split({split_args})
        model = LogisticRegression().fit(X_train, y_train)
        print(model.score(X_test, y_test))
    """)
    found = [d for d in lint_text(src, "train.py", Config(select=("TFL101",))).diagnostics]
    assert found and {d.range.start.line for d in found} <= {7, 8}  # the statistic, fitted on all rows
    clean = src.replace("spread = features.std()", "spread = 10.0")
    assert "mean()" in split_args or not lint_text(clean, "train.py", Config(select=("TFL101",))).diagnostics
