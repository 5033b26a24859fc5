"""Start-up stays light: the static lint path imports no heavy library.

``python -X importtime`` lists every module a process imports; these tests
run the real ``tflint`` command that way and check the list. They also lint
with ``tensorflow``, ``keras``, ``numpy`` and ``sklearn`` packages on the path
whose import raises: the static path must never touch them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: Never on the CLI lint path: ML libraries, the language server, the probe.
HEAVY = ("tensorflow", "keras", "tf_keras", "numpy", "sklearn", "scipy", "pandas", "torch", "jax", "imblearn",
         "matplotlib", "pygls", "lsprotocol", "tflint.probe", "tflint.lsp")

SCRIPT = textwrap.dedent(
    """\
    import numpy as np
    import tensorflow as tf
    from sklearn.model_selection import train_test_split

    x, y = np.load("x.npy"), np.load("y.npy")
    x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=0.2)
    model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])
    model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.5), loss="sparse_categorical_crossentropy")
    model.fit(x_train, y_train, epochs=50)
    """
)
EXPECTED = {"TFL201", "TFL301", "TFL303"}  # 50 epochs without validation, lr too high, lr=


def _env(**extra: str) -> dict[str, str]:
    """A clean environment that runs this checkout's tflint (not whichever one is installed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    first = [extra.pop("PYTHONPATH")] if "PYTHONPATH" in extra else []
    env.update(extra)
    env["PYTHONPATH"] = os.pathsep.join([*first, str(ROOT)])
    return env


def _tflint(args: list[str], cwd: Path, env: dict[str, str] | None = None, stdin: str | None = None):
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300, env=env or _env(), input=stdin
    )


def imported_modules(stderr: str) -> set[str]:
    """Module names from ``-X importtime`` output."""
    return {m.group(1) for m in re.finditer(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)\s*$", stderr, re.M)}


def heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\n')
    (folder / "train.py").write_text(SCRIPT)
    for i in range(12):  # enough files for the process pool
        (folder / f"train_{i}.py").write_text(SCRIPT)
    (folder / "helpers.py").write_text("import os\n\ndef here():\n    return os.getcwd()\n")
    return folder


def test_importtime_parser_reads_real_output(project):
    proc = _tflint(["-X", "importtime", "-c", "import json"], project)
    modules = imported_modules(proc.stderr)
    assert "json" in modules and "json.decoder" in modules
    assert heavy({"numpy", "numpy.core", "tflint.lsp.server", "tflint.analysis.positions", "rich"}) == [
        "numpy", "numpy.core", "tflint.lsp.server"
    ]


def test_cli_on_one_file_imports_nothing_heavy(project):
    proc = _tflint(["-X", "importtime", "-m", "tflint", "--no-cache", "train.py"], project)
    assert proc.returncode == 1, proc.stderr[-3000:]  # findings, not a crash
    modules = imported_modules(proc.stderr)
    assert "libcst" in modules and "tflint.engine" in modules  # the parser did run: the list is real
    assert heavy(modules) == [], f"`tflint train.py` imported {heavy(modules)}"
    # a single file needs no process pool and no .gitignore matching
    assert "multiprocessing" not in modules and "pathspec" not in modules


def test_cli_on_a_folder_with_workers_imports_nothing_heavy(project):
    proc = _tflint(["-X", "importtime", "-m", "tflint", "--no-cache", "--jobs", "2", "--format", "json", "."], project)
    assert proc.returncode == 1, proc.stderr[-3000:]
    modules = imported_modules(proc.stderr)  # forked workers write to the same stderr
    assert "multiprocessing" in modules  # the pool did start
    assert heavy(modules) == [], f"`tflint --jobs 2 .` imported {heavy(modules)}"
    found = json.loads(proc.stdout)["diagnostics"]
    assert {Path(d["path"]).name for d in found} == {"train.py", *(f"train_{i}.py" for i in range(12))}


def test_fully_cached_run_does_not_import_the_parser(project):
    first = _tflint(["-m", "tflint", "."], project)
    assert first.returncode == 1, first.stderr[-3000:]
    assert (project / ".tflint_cache").is_dir()
    again = _tflint(["-X", "importtime", "-m", "tflint", "--format", "json", "."], project)
    assert again.returncode == 1, again.stderr[-3000:]
    modules = imported_modules(again.stderr)
    assert "tflint.runner" in modules
    assert "libcst" not in modules and "tflint.engine" not in modules, "a warm cache should not need the parser"
    assert {d["code"] for d in json.loads(again.stdout)["diagnostics"]} >= EXPECTED


@pytest.fixture
def exploding_ml_libraries(tmp_path: Path) -> Path:
    """Packages named like the ML libraries whose import raises."""
    shadow = tmp_path / "shadow"
    for name in ("tensorflow", "keras", "numpy", "sklearn", "pygls"):
        package = shadow / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(f"raise RuntimeError('tflint imported {name}')\n")
    return shadow


def test_raising_tensorflow_on_the_path_really_raises(project, exploding_ml_libraries):
    env = _env(PYTHONPATH=str(exploding_ml_libraries))
    proc = _tflint(["-c", "import tensorflow"], project, env)
    assert proc.returncode != 0 and "tflint imported tensorflow" in proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--no-cache", "--format", "json", "train.py"],
        ["--no-cache", "--jobs", "2", "--format", "json", "."],
        ["--format", "json", "."],  # cache written, then read below
        ["--format", "json", "--stdin-filename", "train.py", "-"],
    ],
    ids=["file", "jobs-2", "cache", "stdin"],
)
def test_lint_succeeds_when_importing_tensorflow_would_raise(project, exploding_ml_libraries, args):
    env = _env(PYTHONPATH=str(exploding_ml_libraries))
    stdin = SCRIPT if args[-1] == "-" else None
    for _ in range(2 if "--no-cache" not in args else 1):  # the cached run: cold, then warm
        proc = _tflint(["-m", "tflint", *args], project, env, stdin)
        assert proc.returncode == 1, proc.stderr[-3000:]
        assert "tflint imported" not in proc.stderr
        found = json.loads(proc.stdout)["diagnostics"]
        assert EXPECTED <= {d["code"] for d in found}
        assert not [d for d in found if d["code"] in ("TFL002", "TFL004")], found


def test_fully_cached_run_without_a_config_file_imports_no_toml_or_tempfile_parser(tmp_path):
    """The warm path reads JSON and stats files; TOML parsing and temp files belong to runs that need them."""
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "train.py").write_text(SCRIPT)
    first = _tflint(["-m", "tflint", "train.py"], folder)
    assert first.returncode == 1, first.stderr[-3000:]
    again = _tflint(["-X", "importtime", "-m", "tflint", "--format", "json", "train.py"], folder)
    assert again.returncode == 1, again.stderr[-3000:]
    modules = imported_modules(again.stderr)
    assert "tflint.cache" in modules and "libcst" not in modules  # really the cached path
    assert not {"tomllib", "tomli", "tempfile", "difflib"} & modules, sorted({"tomllib", "tomli", "tempfile", "difflib"} & modules)
    assert {d["code"] for d in json.loads(again.stdout)["diagnostics"]} >= EXPECTED - {"TFL201"}
