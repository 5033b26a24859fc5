"""The editor's data flow: function units not run again while nothing they read changed, and results as a whole run.

``DataFlow`` runs every function that no statement calls as a unit of its own.
In the editor it keeps a record of each unit that added nothing (no split, fit
or use) and of what it read from outside its body; on the next version such a
unit is skipped while those reads give the same answers. These tests check
that it is skipped when it should be, that every kind of outside change makes
it run again, and that the data flow and the findings always equal a whole run.
"""

from __future__ import annotations

import textwrap

import libcst as cst

from tflint.analysis.facts import collect_facts
from tflint.analysis.provenance import DataFlow, dataflow
from tflint.api import lint_text
from tflint.incremental import IncrementalParser
from tflint.incremental_facts import ChunkedFacts


class Editor:
    """One open document: each version goes through the incremental parse, facts and data flow."""

    def __init__(self) -> None:
        self.parser = IncrementalParser()
        self.parser.facts = ChunkedFacts()

    def flow(self, text: str) -> DataFlow:
        parsed = self.parser.parse(text)
        assert parsed is not None
        return dataflow(self.parser.facts.collect(parsed.module, text, parsed.bodies))


def whole(text: str) -> DataFlow:
    return dataflow(collect_facts(cst.parse_module(text), text))


def summary(flow: DataFlow) -> tuple:
    """What the checks read from a data flow, without the run's own numbering."""
    code = flow.facts.module.code_for_node
    events = [
        (e.kind, e.role, code(e.call.node), e.obj.category, e.data is not None, flow.test_path(e.data) if e.data else None,
         [s.kind for s in flow.heldout_splits(e.data)], e.unit)
        for e in flow.events
    ]
    splits = [(s.kind, code(s.node), s.valid, s.unit) for s in flow.splits]
    return events, splits, sorted(flow._inlined)


def same_as_whole(editor: Editor, text: str) -> DataFlow:
    flow = editor.flow(text)
    assert summary(flow) == summary(whole(text))
    findings = [(d.code, d.range, d.message) for d in lint_text(text, "train.py", parser=editor.parser).diagnostics]
    assert findings == [(d.code, d.range, d.message) for d in lint_text(text, "train.py").diagnostics]
    return flow


HELPERS = "\n".join(
    f"def block_{i}(x, units=UNITS):\n    y = layers.Dense(units)(x)\n    return layers.Add()([x, y * np.sqrt({i})])\n"
    for i in range(30)
)

SCRIPT = textwrap.dedent(
    """\
    import numpy as np
    import pandas as pd
    from tensorflow.keras import layers
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    UNITS = 64
    """
) + HELPERS + textwrap.dedent(
    """
    df = pd.read_csv("data.csv")
    X, y = df.drop(columns="y"), df["y"]
    X_train, X_test, y_train, y_test = train_test_split(X, y)
    """
)


def test_an_edit_inside_one_function_runs_only_that_function_again():
    editor = Editor()
    assert same_as_whole(editor, SCRIPT).reused_units == 0
    flow = same_as_whole(editor, SCRIPT.replace("np.sqrt(7)", "np.sqrt(8)"))
    assert flow.reused_units == 29


def test_a_one_shot_lint_keeps_no_records():
    facts = collect_facts(cst.parse_module(SCRIPT), SCRIPT)
    assert facts.reuse is None and dataflow(facts).reused_units == 0


def test_a_function_that_splits_or_fits_runs_every_time():
    text = SCRIPT + "\n\ndef scale(frame):\n    return StandardScaler().fit_transform(frame)\n"
    editor = Editor()
    same_as_whole(editor, text)
    flow = same_as_whole(editor, text.replace("np.sqrt(3)", "np.sqrt(4)"))
    assert flow.reused_units == 29  # the other 29 blocks; scale fits, so it runs again
    assert any(e.kind == "fit" and "fit_transform" in flow.text(e.call.node) for e in flow.events)


def test_a_helper_whose_body_changes_runs_its_callers_again():
    base = SCRIPT + textwrap.dedent(
        """
        def prepare(frame):
            return clean(frame)

        def clean(frame):
            return frame
        """
    )
    editor = Editor()
    same_as_whole(editor, base)
    changed = base.replace("def clean(frame):\n    return frame", "def clean(frame):\n    return StandardScaler().fit_transform(frame)")
    flow = same_as_whole(editor, changed)
    assert any(e.kind == "fit" for e in flow.events)  # prepare ran again and reached the new fit through clean


def test_a_module_name_that_now_holds_rows_runs_its_readers_again():
    reader = "\ndef refit():\n    return scaler.fit(features)\n"
    before = SCRIPT + "\nscaler = None\nfeatures = None\n" + reader
    after = SCRIPT + "\nscaler = StandardScaler()\nfeatures = X\n" + reader
    editor = Editor()
    same_as_whole(editor, before)
    flow = same_as_whole(editor, after)
    assert [e for e in flow.events if e.kind == "fit"], "refit ran again and fitted the module's scaler on X"


def test_a_changed_import_runs_the_functions_whose_calls_it_resolves_again():
    unit = "\ndef encode(frame):\n    return Scaler().fit_transform(frame)\n"
    before = SCRIPT + "\nfrom mylib import Scaler\n" + unit
    after = SCRIPT + "\nfrom sklearn.preprocessing import MinMaxScaler as Scaler\n" + unit
    editor = Editor()
    first = same_as_whole(editor, before)
    assert not [e for e in first.events if e.kind == "fit"]
    flow = same_as_whole(editor, after)
    assert [e for e in flow.events if e.kind == "fit"]


def test_a_function_defined_again_below_is_the_one_its_callers_run():
    unit = "\ndef prepare(frame):\n    return clean(frame)\n\ndef clean(frame):\n    return frame\n"
    redefined = unit + "\ndef clean(frame):\n    return StandardScaler().fit_transform(frame)\n"
    editor = Editor()
    same_as_whole(editor, SCRIPT + unit)
    same_as_whole(editor, SCRIPT + redefined)
    same_as_whole(editor, SCRIPT + unit)


def test_a_skipped_unit_still_marks_the_helpers_it_ran():
    """A helper run inside a unit is not analysed again on its own; skipping the unit must keep that so."""
    text = SCRIPT + textwrap.dedent(
        """
        def outer(frame):
            return inner(frame)

        def inner(frame):
            return frame.dropna()
        """
    )
    editor = Editor()
    same_as_whole(editor, text)
    flow = same_as_whole(editor, text.replace("np.sqrt(2)", "np.sqrt(5)"))
    assert "inner" in flow._inlined and flow.reused_units >= 30


def test_an_unbound_name_that_becomes_bound_runs_its_readers_again():
    unit = "\ndef scale(frame):\n    return StandardScaler().fit_transform(frame)\n"
    editor = Editor()
    text = SCRIPT.replace("from sklearn.preprocessing import StandardScaler\n", "") + unit
    same_as_whole(editor, text)
    same_as_whole(editor, text + "\nStandardScaler = None\n")
    same_as_whole(editor, text)


def test_many_edits_in_a_row_agree_with_whole_runs():
    """Edits of every kind on one document, each version compared with a whole run."""
    text = SCRIPT + textwrap.dedent(
        """
        def load(path):
            return pd.read_csv(path)

        def prepare(frame):
            return frame.fillna(0)

        def train(frame):
            train_part, test_part = train_test_split(frame)
            return StandardScaler().fit(train_part)
        """
    )
    steps = [
        ('return pd.read_csv(path)', 'return pd.read_csv("test.csv")'),
        ("return frame.fillna(0)", "return frame.fillna(frame.mean())"),
        ("UNITS = 64", "UNITS = layers"),
        ("UNITS = layers", "UNITS = 64"),
        ("fit(train_part)", "fit(frame)"),
        ("import numpy as np\n", ""),
        ("def block_4(", "def block_44("),
        ("return frame.fillna(frame.mean())", "return block_1(frame)"),
    ]
    editor = Editor()
    same_as_whole(editor, text)
    for old, new in steps:
        assert old in text, old
        text = text.replace(old, new, 1)
        same_as_whole(editor, text)


def test_a_changed_method_of_a_local_class_runs_the_functions_that_use_the_class_again():
    cls = textwrap.dedent(
        """
        class Prep:
            def fit(self, frame):
                self.seen = frame
                return self

        def use(frame):
            return Prep().fit(frame)
        """
    )
    editor = Editor()
    same_as_whole(editor, SCRIPT + cls)
    changed = cls.replace("self.seen = frame", "self.seen = StandardScaler().fit(frame)")
    flow = same_as_whole(editor, SCRIPT + changed)
    assert [e for e in flow.events if e.kind == "fit"]


def test_a_name_bound_in_another_function_is_no_longer_read_as_the_api_it_spells():
    """Without imports, ``StandardScaler()`` is read as sklearn's only while the file never binds the name."""
    text = SCRIPT.replace("from sklearn.preprocessing import StandardScaler\n", "")
    text += "\ndef scale(frame):\n    return StandardScaler().fit_transform(frame)\n"
    editor = Editor()
    assert [e for e in same_as_whole(editor, text).events if e.kind == "fit"]
    flow = same_as_whole(editor, text + "\ndef other():\n    StandardScaler = dict\n    return StandardScaler\n")
    assert not [e for e in flow.events if e.kind == "fit"]
