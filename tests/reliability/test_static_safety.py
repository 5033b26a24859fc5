"""Static linting never executes or imports the code it reads.

The only path that runs user code is the opt-in probe (``tflint probe``).
Every other entry point (CLI, API, language server) reads text and parses it.
These tests plant code whose execution would leave a marker file or kill the
process, lint it every way we can, and check that nothing happened.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tflint.api import lint_cells, lint_file, lint_text
from tflint.config import Config

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tflint"
ALL = Config(select=("ALL",))


def _payload(marker: Path, how: str = "exit") -> str:
    """Python that leaves ``marker`` behind and then ends the process."""
    end = "os._exit(42)" if how == "exit" else "raise SystemExit(42)"
    return (
        "import os, sys\n"
        "import tensorflow as tf\n"
        "from sklearn.model_selection import train_test_split\n"
        "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\n"
        "model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.001), loss='mse')\n"
        "model.fit(x, y, epochs=5)\n"
        f"open({str(marker)!r}, 'w').write('executed')\n"
        f"{end}\n"  # code after it never runs, so tflint does not analyse it either: the findings come first
    )


def _notebook(marker: Path) -> str:
    cells = [
        "%load_ext autoreload\n!touch " + str(marker) + "\n",
        "import os\nimport tensorflow as tf\nimport helper_that_writes\n",
        f"open({str(marker)!r}, 'w').write('executed')\nos._exit(42)\n",
        "%%bash\ntouch " + str(marker) + "\n",
        "model = tf.keras.Sequential()\nmodel.compile(optimizer=tf.keras.optimizers.Adam(lr=0.1), loss='mse')\n"
        "model.fit(x, y, epochs=5)\n",
    ]
    return json.dumps(
        {
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": {"language_info": {"name": "python"}},
            "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None, "source": c} for c in cells],
        }
    )


@pytest.fixture
def planted(tmp_path):
    """A project whose script, notebook, helper and shadow modules all write ``marker``."""
    marker = tmp_path / "MARKER"
    project = tmp_path / "project"
    project.mkdir()
    (project / "train.py").write_text(_payload(marker) + "import helper_that_writes\n")
    (project / "notebook.ipynb").write_text(_notebook(marker))
    writes = f"open({str(marker)!r}, 'w').write(__name__)\n"
    (project / "helper_that_writes.py").write_text(writes)
    # modules named like tflint's own dependencies and the ML libraries: with
    # ``python -m`` the working directory is on sys.path, so any import of
    # these names by tflint would run them
    for name in ("tensorflow", "keras", "sklearn", "numpy", "rich", "libcst", "pathspec", "json", "tomllib", "difflib"):
        (project / f"{name}.py").write_text(writes)
    (project / "conftest.py").write_text(writes)
    (project / "setup.py").write_text(writes)
    (project / "__init__.py").write_text(writes)
    return project, marker


def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run(
        [sys.executable, "-m", "tflint", *args], cwd=cwd, capture_output=True, text=True, timeout=120, env=env
    )


def test_cli_lints_planted_project_without_running_it(planted):
    project, marker = planted
    proc = _cli(["--no-cache", "--format", "json", "."], project)
    assert not marker.exists(), f"user code ran: marker says {marker.read_text()!r}"
    assert proc.returncode == 1, proc.stderr  # findings (TFL303 in both files), not a crash (2) or os._exit (42)
    found = json.loads(proc.stdout)["diagnostics"]
    by_file = {Path(d["path"]).name for d in found if d["code"] == "TFL303"}
    assert {"train.py", "notebook.ipynb"} <= by_file, found


def test_cli_fix_does_not_run_user_code(planted):
    project, marker = planted
    proc = _cli(["--no-cache", "--fix", "train.py", "notebook.ipynb"], project)
    assert not marker.exists(), f"user code ran: marker says {marker.read_text()!r}"
    assert proc.returncode in (0, 1), proc.stderr
    assert "learning_rate=0.001" in (project / "train.py").read_text()


def test_api_lints_planted_code_without_running_it(planted):
    project, marker = planted
    for path in ("train.py", "notebook.ipynb", "helper_that_writes.py", "tensorflow.py"):
        lint_file(project / path, ALL)
    lint_text(_payload(marker, "raise"), "train.py", ALL)
    lint_cells([(1, _payload(marker, "raise")), (2, "!rm -rf /tmp/nothing\n%run train.py\n")], "nb.ipynb", ALL)
    assert not marker.exists()


def test_static_path_imports_no_ml_library_and_not_the_probe(planted):
    """Lint in a fresh interpreter, then list what got imported."""
    project, marker = planted
    for name in ("rich", "libcst", "pathspec", "json", "tomllib", "difflib"):
        (project / f"{name}.py").unlink()  # this interpreter is started by -c, not by tflint
    script = (
        "import sys\n"
        "from tflint.api import lint_file, fix_text\n"
        "from tflint.config import Config\n"
        "cfg = Config(select=('ALL',))\n"
        "for p in ('train.py', 'notebook.ipynb'):\n"
        "    lint_file(p, cfg)\n"
        "fix_text(open('train.py').read(), 'train.py', cfg)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('tensorflow', 'keras', 'tf_keras', 'sklearn', 'numpy', 'scipy', 'torch', 'jax', 'pandas', 'helper_that_writes')"
        " or m.startswith('tflint.probe'))\n"
        "print(','.join(bad))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=120, env=env)
    # ``-c`` puts the working directory on sys.path on purpose: the shadow
    # tensorflow.py there would be imported by any ``import tensorflow``
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"the static path imported {proc.stdout.strip()}"
    assert not marker.exists(), f"user code ran: marker says {marker.read_text()!r}"


# -- no eval/exec of user text anywhere in the static path ----------------------

#: Calls that run code or deserialise objects. The probe (tflint/probe/) is the
#: one opt-in place that runs user scripts, inside its sandbox.
_DANGEROUS_BUILTINS = {"eval", "exec", "compile", "__import__", "execfile", "breakpoint"}
_DANGEROUS_ATTRS = {
    ("importlib", "import_module"), ("runpy", "run_path"), ("runpy", "run_module"), ("pickle", "load"),
    ("pickle", "loads"), ("marshal", "loads"), ("marshal", "load"), ("os", "system"), ("os", "popen"),
    ("subprocess", "run"), ("subprocess", "Popen"), ("subprocess", "call"), ("subprocess", "check_output"),
    ("subprocess", "check_call"), ("os", "execv"), ("os", "execvp"), ("os", "execve"), ("shelve", "open"),
    ("yaml", "load"), ("code", "interact"),
}


def _constant_module_name(node: ast.Call) -> bool:
    """``__import__("rich.console")`` or ``import_module(f"{__name__}.x")``: our own fixed modules."""
    if not node.args:
        return False
    first = node.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return True
    return (
        isinstance(first, ast.JoinedStr)
        and first.values
        and isinstance(first.values[0], ast.FormattedValue)
        and isinstance(first.values[0].value, ast.Name)
        and first.values[0].value.id == "__name__"
    )


def dangerous_calls(text: str, filename: str) -> list[str]:
    found = []
    tree = ast.parse(text, filename)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in _DANGEROUS_BUILTINS:
            if func.id == "__import__" and _constant_module_name(node):
                continue
            found.append(f"{filename}:{node.lineno}: {func.id}(...)")
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            pair = (func.value.id, func.attr)
            if pair in _DANGEROUS_ATTRS:
                if pair == ("importlib", "import_module") and _constant_module_name(node):
                    continue
                found.append(f"{filename}:{node.lineno}: {func.value.id}.{func.attr}(...)")
    return found


def test_scanner_finds_what_it_looks_for():
    planted = "import os, pickle\neval(text)\nexec(code)\npickle.loads(b)\nos.system(cmd)\n__import__(name)\n"
    assert len(dangerous_calls(planted, "x.py")) == 5
    assert dangerous_calls("re.compile('x')\n__import__('rich.console')\nm.eval()\n", "x.py") == []


def test_no_code_execution_outside_the_probe():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("tflint/probe/"):
            continue
        offenders.extend(dangerous_calls(path.read_text(encoding="utf-8"), rel))
    assert offenders == [], "code execution / deserialisation outside tflint/probe/:\n" + "\n".join(offenders)


def test_probe_is_reached_only_by_its_subcommand():
    """Static modules do not import tflint.probe (the LSP may, behind an explicit command)."""
    importers = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(("tflint/probe/", "tflint/lsp/")) or rel == "tflint/cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("tflint.probe"):
                importers.append(f"{rel}:{node.lineno}")
            elif isinstance(node, ast.Import) and any(a.name.startswith("tflint.probe") for a in node.names):
                importers.append(f"{rel}:{node.lineno}")
    assert importers == []
