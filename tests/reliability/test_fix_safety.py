"""Fixes never lose data.

For every fixable rule (discovered from the rule pages, so new fixable rules
are covered as they are added) and each of its Example blocks, in several
surroundings (CRLF, BOM, latin-1, tabs, notebooks): applying the fixes gives
code that parses, a second pass has nothing left to fix, and only the
diagnosed spans change. Writes are atomic and refused when the file changed
since it was read.
"""

from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

import libcst as cst
import pytest

from tflint import fixes, rulebook
from tflint import source as source_mod
from tflint.api import fix_text, lint_text
from tflint.config import Config
from tflint.engine import lint_source
from tflint.fixes import FixError, fix_until_stable, write_atomic
from tflint import api

FIXABLE = sorted(code for code, info in rulebook.all_rules().items() if info.fixable)


def _offers_fix(code: str, block: str) -> bool:
    """Some examples of a fixable rule show a case the fix does not cover (a Softmax() layer)."""
    return any(d.fix is not None for d in lint_text(block, "example.py", Config(select=(code,))).diagnostics if d.code == code)


CASES = [
    pytest.param(code, block, id=f"{code}-{i}")
    for code in FIXABLE
    for i, block in enumerate(rulebook.code_blocks(rulebook.all_rules()[code].page, "Example"))
    if _offers_fix(code, block)
]
#: Unrelated code around the example: it must come out byte for byte.
PROLOGUE = "# -*- coding: utf-8 -*-\n# notes: caf\u00e9 \u2028 \t tab\nSEED = 42  # noqa: E501\n\n"
EPILOGUE = "\n\ndef untouched(a,b):\n\treturn a+b   # trailing spaces   \n"


def test_fixable_rules_are_discovered():
    assert "TFL303" in FIXABLE and CASES
    assert {param.values[0] for param in CASES} == set(FIXABLE)  # every fixable rule shows its fix


def _changed_lines(old: str, new: str) -> set[int]:
    """1-based lines of ``old`` that the edit touched."""
    touched: set[int] = set()
    matcher = difflib.SequenceMatcher(a=old.split("\n"), b=new.split("\n"), autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag != "equal":
            touched.update(range(i1 + 1, max(i2, i1 + 1) + 1))
    return touched


@pytest.mark.parametrize("code,block", CASES)
def test_fix_reparses_is_idempotent_and_stays_in_its_spans(code, block):
    config = Config(select=(code,))
    text = PROLOGUE + block + EPILOGUE
    result = lint_text(text, "train.py", config)
    diagnosed = [d for d in result.diagnostics if d.code == code]
    assert diagnosed, f"{code} example not reported inside the surrounding code"
    fixable = [d for d in diagnosed if d.fix is not None]
    assert fixable, f"{code}: the example offers its fix alone but not inside other code"
    fixed = fix_text(text, "train.py", config)
    assert fixed != text
    cst.parse_module(fixed)  # re-parses
    assert fix_text(fixed, "train.py", config) == fixed  # nothing left to fix
    again = [d for d in lint_text(fixed, "train.py", config).diagnostics if d.fix is not None]
    assert again == [], [d.message for d in again]
    # only lines covered by a fix edit changed; the prologue and epilogue are intact
    allowed = {line for d in fixable for e in d.fix.edits for line in range(e.range.start.line, e.range.end.line + 1)}
    assert _changed_lines(text, fixed) <= allowed, (sorted(_changed_lines(text, fixed)), sorted(allowed))
    assert fixed.startswith(PROLOGUE) and fixed.endswith(EPILOGUE)


@pytest.mark.parametrize("code,block", CASES)
def test_fix_in_a_notebook_keeps_other_cells(code, block):
    import json

    config = Config(select=(code,))
    nb = {
        "nbformat": 4, "nbformat_minor": 5, "metadata": {"language_info": {"name": "python"}},
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# Title \u00e9\n"]},
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": 1, "source": ["%matplotlib inline\n", "!nvidia-smi\n"]},
            {"cell_type": "code", "metadata": {"tags": ["x"]}, "outputs": [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}],
             "execution_count": 2, "source": block.splitlines(keepends=True)},
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": ["%%bash\n", "echo x\n"]},
        ],
    }
    raw = json.dumps(nb, indent=1).encode()
    src = source_mod.load("nb.ipynb", raw)
    result = lint_source(src, config)
    assert any(d.fix is not None for d in result.diagnostics if d.code == code), f"{code}: no fix offered in the notebook"
    fixed = api.fix(src, config, result=result)
    new_text, count = fixed.source.text, fixed.applied
    assert count >= 1
    out = json.loads(src.render(new_text))
    assert out["cells"][0] == nb["cells"][0] and out["cells"][1] == nb["cells"][1] and out["cells"][3] == nb["cells"][3]
    assert out["cells"][2]["outputs"] == nb["cells"][2]["outputs"] and out["cells"][2]["metadata"] == {"tags": ["x"]}
    assert "".join(out["cells"][2]["source"]) != block
    cst.parse_module("".join(out["cells"][2]["source"]))


# -- bytes on disk: encodings, line endings, atomic writes, stale files -----------

_TFL303 = "import tensorflow as tf\nopt = tf.keras.optimizers.Adam(lr=0.1)\nname = 'caf\u00e9'\n"


@pytest.mark.parametrize(
    "label,data",
    [
        ("lf", _TFL303.encode()),
        ("crlf", _TFL303.replace("\n", "\r\n").encode()),
        ("cr", _TFL303.replace("\n", "\r").encode()),
        ("bom", b"\xef\xbb\xbf" + _TFL303.encode()),
        ("latin1", ("# -*- coding: latin-1 -*-\n" + _TFL303).encode("latin-1")),
        ("mixed", b"import tensorflow as tf\r\nx = 1\nopt = tf.keras.optimizers.Adam(lr=0.1)\r\ny = 2\r\n"),
        ("no_final_newline", _TFL303.rstrip("\n").encode()),
    ],
)
def test_cli_fix_changes_only_the_fixed_bytes(tmp_path, label, data):
    path = tmp_path / "train.py"
    path.write_bytes(data)
    mode = 0o640
    os.chmod(path, mode)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    proc = subprocess.run(
        [sys.executable, "-m", "tflint", "--no-cache", "--fix", "--select", "TFL303", str(path)],
        capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    after = path.read_bytes()
    assert after == data.replace(b"(lr=", b"(learning_rate="), (label, after)
    assert os.stat(path).st_mode & 0o777 == mode
    assert [p.name for p in tmp_path.iterdir()] == ["train.py"]  # no temp file left behind


def test_write_refuses_a_file_changed_since_it_was_read(tmp_path):
    path = tmp_path / "train.py"
    path.write_text(_TFL303)
    src = source_mod.load(path)
    fixed = api.fix(src, Config())
    new, count = fixed.source.text, fixed.applied
    assert count == 1
    path.write_text(_TFL303 + "# edited in the editor meanwhile\n")
    with pytest.raises(FixError, match="changed"):
        write_atomic(src, new)
    assert path.read_text().endswith("meanwhile\n")
    assert [p.name for p in tmp_path.iterdir()] == ["train.py"]


def test_write_is_atomic_when_the_write_fails(tmp_path, monkeypatch):
    """A crash in the middle of writing leaves the original file and no temp file."""
    path = tmp_path / "train.py"
    path.write_text(_TFL303)
    src = source_mod.load(path)
    new = api.fix(src, Config()).source.text

    def broken_fsync(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(src, new)
    assert path.read_text() == _TFL303
    assert [p.name for p in tmp_path.iterdir()] == ["train.py"]


def test_write_goes_through_rename(tmp_path, monkeypatch):
    path = tmp_path / "train.py"
    path.write_text(_TFL303)
    src = source_mod.load(path)
    new = api.fix(src, Config()).source.text
    renames = []
    real_replace = os.replace
    monkeypatch.setattr(fixes.os, "replace", lambda a, b: (renames.append((Path(a).parent, Path(b))), real_replace(a, b))[1])
    write_atomic(src, new)
    assert renames == [(tmp_path, path)]
    assert "learning_rate=0.1" in path.read_text()


def test_fix_that_would_break_the_code_is_refused():
    src = source_mod.from_text("x.py", "import tensorflow as tf\nopt = tf.keras.optimizers.Adam(lr=0.1)\n")
    diagnostics = lint_source(src, Config()).diagnostics
    from dataclasses import replace

    from tflint.diagnostics import Edit, Fix

    broken = [replace(d, fix=Fix("break it", (Edit(d.range, "lr=("),))) for d in diagnostics if d.fix is not None]
    from types import SimpleNamespace

    with pytest.raises(FixError, match="does not parse"):
        fix_until_stable(src, lambda s: lint_source(s, Config()), result=SimpleNamespace(diagnostics=broken))


def test_a_fix_that_would_create_a_finding_is_refused_and_its_finding_stays():
    """softmax -> sigmoid on one unit is right for binary cross-entropy, but with a categorical
    loss it would trade TFL401 for TFL402: the fix loop leaves that file alone."""
    categorical = (
        "import keras\n"
        "model = keras.Sequential([keras.layers.Dense(8, activation='relu'), keras.layers.Dense(1, activation='softmax')])\n"
        "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
    )
    src = source_mod.from_text("train.py", categorical)
    outcome = api.fix(src, Config())
    assert outcome.applied == 0 and outcome.source.text == categorical
    assert [d.code for d in outcome.refused] == ["TFL401"]
    assert [d.code for d in outcome.result.diagnostics] == ["TFL401"]
    binary = categorical.replace("categorical_crossentropy", "binary_crossentropy")
    fixed = api.fix_text(binary, "train.py", Config())
    assert "activation='sigmoid'" in fixed and not lint_text(fixed, "train.py", Config()).diagnostics


def test_fixes_that_each_create_nothing_are_all_applied_when_one_beside_them_would():
    text = (
        "import keras\n"
        "opt = keras.optimizers.Adam(lr=1e-3)\n"
        "model = keras.Sequential([keras.layers.Dense(8, activation='relu'), keras.layers.Dense(1, activation='softmax')])\n"
        "model.compile(optimizer=opt, loss='categorical_crossentropy')\n"
        "sgd = keras.optimizers.SGD(lr=1e-2)\n"
    )
    outcome = api.fix(source_mod.from_text("train.py", text), Config())
    assert outcome.applied == 2 and outcome.source.text.count("learning_rate=") == 2
    assert "'softmax'" in outcome.source.text and [d.code for d in outcome.refused] == ["TFL401"]
