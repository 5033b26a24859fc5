"""The benchmark corpus (bench/corpus.py) is deterministic, valid and varied."""

from __future__ import annotations

import ast
import hashlib
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

from tflint import source  # noqa: E402
from tflint.config import Config  # noqa: E402
from tflint.engine import lint_source  # noqa: E402


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in corpus.files_of(folder):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return corpus.generate(30, seed=3, root=tmp_path_factory.mktemp("corpus"))


def test_same_seed_same_files_other_seed_other_files(generated, tmp_path):
    again = corpus.generate(30, seed=3, root=tmp_path / "a")
    other = corpus.generate(30, seed=4, root=tmp_path / "b")
    assert _digest(again) == _digest(generated)
    assert _digest(other) != _digest(generated)


def test_every_file_is_valid_python_or_notebook(generated):
    files = corpus.files_of(generated)
    assert len(files) == 30
    for path in files:
        src = source.load(str(path))  # notebooks: magics masked
        ast.parse(src.text, str(path))
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text())["cells"]
            code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
            assert "%matplotlib" in code and "!pip" in code


def test_mix_of_shapes_and_imports(generated):
    texts = [p.read_text() for p in corpus.files_of(generated)]
    joined = "\n".join(texts)
    for marker in ("Sequential(", "Model(inputs=", "(tf.keras.Model):", "pd.read_csv", "StandardScaler()",
                   "import keras\n", "from tensorflow import keras", "import tensorflow as tf"):
        assert marker in joined, marker
    kinds = {p.name.split("_")[0] for p in corpus.files_of(generated)}
    assert kinds == {"keras", "notebook", "sklearn", "helper"}


@pytest.fixture(scope="module")
def linted(generated):
    config = Config(extend_select=("TFL201", "TFL202", "TFL204"))  # the templates carry the advice rules' mistakes too
    return [(path, lint_source(source.load(str(path)), config)) for path in corpus.files_of(generated)]


def test_helpers_take_the_cheap_path_and_training_scripts_do_not(linted):
    for path, result in linted:
        assert result.skipped_deep_analysis == path.name.startswith("helper_"), path
        assert not [d for d in result.diagnostics if d.code in ("TFL001", "TFL002")], (path, result.diagnostics)


def test_scripts_report_real_findings(linted):
    found = {d.code for _, result in linted for d in result.diagnostics}
    assert {"TFL201", "TFL202", "TFL303"} <= found  # the templates carry the usual mistakes


def test_script_of_lines_is_about_that_long():
    text = corpus.script_of_lines(200)
    assert 190 <= text.count("\n") <= 260
    ast.parse(text)
    assert "import tensorflow" in text or "import keras" in text
