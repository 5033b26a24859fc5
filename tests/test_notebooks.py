"""Notebooks: one program, cells in order, magics masked, findings mapped back to cells."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tflint.api import lint_cells, lint_file
from tflint.config import Config
from tflint.fixes import write_atomic
from tflint import api


def notebook(cells: list[tuple[str, str]], nbformat: int = 4) -> dict:
    def lines(src):
        parts = src.split("\n")
        return [p + "\n" for p in parts[:-1]] + [parts[-1]]

    if nbformat == 3:
        return {
            "nbformat": 3, "nbformat_minor": 0, "metadata": {},
            "worksheets": [{"cells": [
                {"cell_type": kind, **({"input": lines(src), "language": "python", "outputs": []} if kind == "code" else {"source": lines(src)})}
                for kind, src in cells
            ]}],
        }
    return {
        "nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}},
        "cells": [
            {"cell_type": kind, "metadata": {}, "source": lines(src), **({"outputs": [], "execution_count": None} if kind == "code" else {})}
            for kind, src in cells
        ],
    }


CELLS = [
    ("markdown", "# Title"),
    ("code", "%matplotlib inline\n!pip install tensorflow\nimport tensorflow as tf\nfiles = !ls data\nLR = 0.5"),
    ("markdown", "Build the model"),
    ("code", "%%time\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer=tf.keras.optimizers.Adam(lr=LR), loss='mse')"),
    ("code", "%%bash\necho this is not python ((("),
    ("code", "tf.keras.optimizers.Adam?\nmodel.fit(x, y, epochs=50)"),
]


def test_cells_are_one_program_and_findings_map_to_cells(tmp_path: Path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook(CELLS)))
    result = lint_file(path, Config(select=("ALL",)))
    found = sorted((d.code, d.cell, d.line, d.column) for d in result.diagnostics)
    # LR defined in cell 2 reaches the optimizer in cell 4; fit in cell 6 line 2
    assert ("TFL301", 4, 3, 52) in found
    assert ("TFL303", 4, 3, 49) in found
    assert ("TFL201", 6, 2, 0) in found
    assert all(d.code != "TFL001" for d in result.diagnostics)


def test_nbformat3_is_read(tmp_path: Path):
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(notebook(CELLS, nbformat=3)))
    result = lint_file(path, Config(select=("ALL",)))
    assert {d.code for d in result.diagnostics} >= {"TFL201", "TFL303"}


def test_syntax_error_in_a_cell_is_reported_in_that_cell(tmp_path: Path):
    path = tmp_path / "bad.ipynb"
    path.write_text(json.dumps(notebook([("code", "import keras"), ("code", "x = (1,\n")])))
    (diag,) = lint_file(path).diagnostics
    assert diag.code == "TFL001" and diag.cell == 2


def test_fix_in_notebook_keeps_magics_and_other_cells(tmp_path: Path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook(CELLS)))
    result = lint_file(path, Config(select=("TFL303",)))
    fixed = api.fix(result.source, Config(select=("TFL303",)), result=result)
    new_text, count = fixed.source.text, fixed.applied
    assert count == 1
    write_atomic(result.source, new_text)
    data = json.loads(path.read_text())
    sources = ["".join(c["source"]) for c in data["cells"]]
    assert sources[1] == "%matplotlib inline\n!pip install tensorflow\nimport tensorflow as tf\nfiles = !ls data\nLR = 0.5"
    assert "Adam(learning_rate=LR)" in sources[3] and sources[3].startswith("%%time\n")
    assert sources[4] == "%%bash\necho this is not python ((("
    assert sources[0] == "# Title"
    assert data["cells"][0]["cell_type"] == "markdown"


def test_lint_cells_api_for_editors():
    result = lint_cells([(1, "import keras"), (2, "model = keras.Sequential()\nmodel.compile('adam', 'mse')"), (3, "model.fit(x, y, epochs=30)")], "nb.ipynb", Config(extend_select=("TFL201",)))
    assert [(d.code, d.cell, d.line) for d in result.diagnostics] == [("TFL201", 3, 1)]


def test_cli_reports_cell_numbers(tmp_path: Path):
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook(CELLS)))
    proc = subprocess.run([sys.executable, "-m", "tflint", "--extend-select", "TFL201", "--format", "json", str(path)], capture_output=True, text=True)
    cells = {d["code"]: d["cell"] for d in json.loads(proc.stdout)["diagnostics"]}
    assert cells["TFL201"] == 6 and cells["TFL303"] == 4
    text = subprocess.run([sys.executable, "-m", "tflint", "--extend-select", "TFL201", str(path)], capture_output=True, text=True, env={"NO_COLOR": "1", "PATH": ""}).stdout
    assert "nb.ipynb:cell 6:2:1: TFL201" in text
    assert "model.fit(x, y, epochs=50)" in text  # code frame from the cell's own text


def test_a_modulo_operator_that_starts_a_line_inside_brackets_is_not_a_magic():
    cells = [
        (1, "import tensorflow as tf\nlabels = [0, 1, 1]"),
        (2, "print('Class counts: %s'\n      % (labels,))\n%matplotlib inline"),
    ]
    result = lint_cells(cells, "nb.ipynb")
    assert [d.code for d in result.diagnostics if d.code == "TFL001"] == []
    # a real magic line is still masked
    assert "pass" in result.source.text.splitlines()[-1]


def test_a_cell_indented_as_a_whole_runs_dedented_as_ipython_does(tmp_path: Path):
    """IPython strips an indent every line of a cell shares: no syntax error, columns and fixes in place."""
    cells = [("code", "import keras\nmodel = keras.Sequential()"), ("code", "    model.add(keras.layers.Dense(1, activation='softmax'))\n    opt = keras.optimizers.Adam(lr=1e-3)")]
    path = tmp_path / "nb.ipynb"
    path.write_text(json.dumps(notebook(cells)))
    found = lint_file(path, Config()).diagnostics
    assert "TFL001" not in [d.code for d in found]
    lr = next(d for d in found if d.code == "TFL303")
    assert (lr.cell, lr.range.start.line, lr.range.start.column) == (2, 2, 32)  # `lr` in the indented line
    result = lint_file(path, Config())
    fixed = api.fix(result.source, Config(), result=result)
    write_atomic(result.source, fixed.source.text)
    source = "".join(json.loads(path.read_text())["cells"][1]["source"])
    assert source == "    model.add(keras.layers.Dense(1, activation='sigmoid'))\n    opt = keras.optimizers.Adam(learning_rate=1e-3)"
