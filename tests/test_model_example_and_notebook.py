"""The example script reports what its docstring promises; notebooks are analysed as one program."""

from __future__ import annotations

from pathlib import Path

import libcst as cst

from tflint.api import fix_text, lint_cells, lint_text
from tflint.config import Config

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "mnist_softmax_mismatch.py"
MINE = ("TFL4", "TFL5")


def test_example_reports_the_loss_mismatch_and_raw_pixels():
    text = EXAMPLE.read_text()
    found = [(d.code, d.range.start.line) for d in lint_text(text, str(EXAMPLE), Config(select=MINE)).diagnostics]
    assert found == [("TFL403", 37), ("TFL501", 41)]
    fixed = fix_text(text, str(EXAMPLE), Config(select=MINE))
    cst.parse_module(fixed)
    assert "SparseCategoricalCrossentropy(from_logits=False)" in fixed
    assert [d.code for d in lint_text(fixed, str(EXAMPLE), Config(select=MINE)).diagnostics] == ["TFL501"]


def test_notebook_model_compile_and_fit_in_separate_cells():
    cells = [
        (1, "import tensorflow as tf\n(x, y), _ = tf.keras.datasets.cifar10.load_data()\n"),
        (2, "%matplotlib inline\nmodel = tf.keras.Sequential()\nmodel.add(tf.keras.layers.Flatten())\n"),
        (3, "model.add(tf.keras.layers.Dense(10))\n"),
        (4, "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy')\n"),
        (5, "model.fit(x / 255.0, y, epochs=3, validation_split=0.1)\n"),
    ]
    diagnostics = lint_cells(cells, "train.ipynb", Config(select=MINE)).diagnostics
    assert [(d.code, d.cell) for d in diagnostics] == [("TFL403", 4)]
    assert diagnostics[0].range.start.line == 1
