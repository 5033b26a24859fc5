"""The CLI contract CI pipelines depend on (issue 18): exit codes, reports that are
always written, selectors that must name real rules, stdin notebooks, notebook
locations a reader can open, ``--statistics``, the cache's place, caret width."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.test_cli import CLEAN, LEAKY, run
from tests.test_notebooks import notebook
from tflint import rulebook
from tflint.diagnostics import Position
from tflint.output.text import display_width
from tflint.selectors import PROBE_FAMILY
from tflint.source import notebook_layout

NB_CELLS = [
    ("markdown", "# A notebook\n\nwith a long introduction\nover several lines"),
    ("code", "import tensorflow as tf\nLR = 0.001"),
    ("markdown", "## The model"),
    ("code", "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer=tf.keras.optimizers.Adam(lr=LR), loss='mse')"),
    ("code", "x, y = load()\nmodel.fit(x, y, epochs=50)"),
]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # the project opts into the advice rules (off by default), as a user who wants them does
    (tmp_path / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\n')
    (tmp_path / "train.py").write_text(LEAKY)
    (tmp_path / "clean.py").write_text(CLEAN)
    return tmp_path


@pytest.fixture
def nb_project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\n')
    # indent=1 as Jupyter writes it: every source line on a line of its own, far below the cell's start
    (tmp_path / "nb.ipynb").write_text(json.dumps(notebook(NB_CELLS), indent=1))
    return tmp_path


# -- a path that does not exist --------------------------------------------------------


def test_missing_path_beside_a_clean_file_exits_2_and_does_not_pass(project):
    proc = run("nope/", "clean.py", cwd=project)
    assert proc.returncode == 2
    assert "nope/: no such file or directory" in proc.stderr
    assert "All checks passed" not in proc.stdout
    assert "1 path could not be linted" in proc.stdout


def test_missing_path_beside_findings_still_reports_them_and_exits_2(project):
    proc = run("--format", "json", "nope.py", "train.py", cwd=project)
    assert proc.returncode == 2
    data = json.loads(proc.stdout)
    assert {d["code"] for d in data["diagnostics"]} >= {"TFL201", "TFL303"}
    assert data["summary"]["path_errors"] == ["nope.py: no such file or directory"]


def test_missing_path_with_exit_zero_is_still_a_usage_error(project):
    assert run("--exit-zero", "nope.py", cwd=project).returncode == 2


def test_missing_path_makes_the_sarif_run_unsuccessful(project):
    proc = run("--format", "sarif", "-o", "out.sarif", "nope.py", cwd=project)
    assert proc.returncode == 2
    log = json.loads((project / "out.sarif").read_text())
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "nope.py" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_missing_path_is_a_github_error_annotation(project):
    proc = run("--format", "github", "nope.py", cwd=project)
    assert proc.returncode == 2
    assert proc.stdout.strip() == "::error title=tflint::nope.py: no such file or directory"


# -- nothing to lint -----------------------------------------------------------------------


def test_sarif_with_nothing_to_lint_writes_a_valid_empty_log(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text("no python here")
    proc = run("--format", "sarif", "-o", "out.sarif", "docs", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    log = json.loads((tmp_path / "out.sarif").read_text())
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = log["runs"]
    assert run_["results"] == [] and run_["tool"]["driver"]["name"] == "tflint"
    assert run_["invocations"][0]["executionSuccessful"] is True


def test_json_with_nothing_to_lint_is_an_empty_report(tmp_path):
    proc = run("--format", "json", ".", cwd=tmp_path)
    data = json.loads(proc.stdout)
    assert proc.returncode == 0 and data["diagnostics"] == [] and data["summary"]["files_checked"] == 0


def test_text_with_nothing_to_lint_does_not_claim_checks_passed(tmp_path):
    proc = run(".", cwd=tmp_path)
    assert proc.returncode == 0
    assert proc.stdout.strip() == "No Python files or notebooks to check."


# -- selectors ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [("--select", "TFL8", "'TFL8'"), ("--ignore", "TFL999", "'TFL999'"), ("--extend-select", "TFL2,TFL99", "'TFL99'")],
)
def test_a_selector_that_matches_no_rule_is_a_usage_error(project, option, value, named):
    proc = run(option, value, "train.py", cwd=project)
    assert proc.returncode == 2
    assert f"{option}: {named} matches no rule" in proc.stderr
    assert proc.stdout == ""


def test_known_selectors_are_accepted(project):
    proc = run("--select", "TFL2,TFL303", "--ignore", "TFL204", "train.py", cwd=project)
    assert proc.returncode == 1 and "TFL201" in proc.stdout and proc.stderr == ""


def test_a_known_family_that_the_linter_never_reports_says_so(project):
    (project / "pyproject.toml").unlink()  # its extend-select would add TFL201 to the selection
    proc = run("--select", "TFL6", "train.py", cwd=project)
    assert proc.returncode == 0
    assert "--select TFL6 selects only runtime probe rules (TFL600..TFL613)" in proc.stderr
    assert "tflint probe" in proc.stderr
    proc = run("--select", "TFL7", "train.py", cwd=project)
    assert proc.returncode == 0 and "--select TFL7 selects only training-run rules" in proc.stderr
    assert "tflint diagnose" in proc.stderr


def test_probe_family_matches_the_probes_own_rules():
    from tflint.probe.checks import RULES

    assert {c for c in rulebook.all_rules() if c.startswith(PROBE_FAMILY)} == set(RULES)


# -- stdin notebooks -------------------------------------------------------------------------


def test_notebook_json_on_stdin_is_linted_as_a_notebook(nb_project):
    data = (nb_project / "nb.ipynb").read_text()
    proc = run("--format", "json", "-", cwd=nb_project, stdin=data)
    assert proc.returncode == 1, proc.stderr
    found = {(d["code"], d["cell"], d["line"]) for d in json.loads(proc.stdout)["diagnostics"]}
    assert ("TFL303", 4, 2) in found and ("TFL201", 5, 2) in found


def test_notebook_on_stdin_shows_the_cell_in_text_output(nb_project):
    proc = run("-", cwd=nb_project, stdin=(nb_project / "nb.ipynb").read_text())
    assert "-:cell 5:2:1: TFL201" in proc.stdout
    assert "model.fit(x, y, epochs=50)" in proc.stdout  # the code frame, from the cell


def test_python_dict_on_stdin_is_still_python(tmp_path):
    proc = run("--format", "json", "-", cwd=tmp_path, stdin='{"a": 1}\n')
    assert proc.returncode == 0 and json.loads(proc.stdout)["diagnostics"] == []


# -- notebook locations in the file ----------------------------------------------------------


def _file_line(path: Path, line: int) -> str:
    return path.read_text().split("\n")[line - 1]


def test_sarif_points_at_the_ipynb_line_that_holds_the_code(nb_project):
    proc = run("--format", "sarif", "nb.ipynb", cwd=nb_project)
    results = {r["ruleId"]: r for r in json.loads(proc.stdout)["runs"][0]["results"]}
    region = results["TFL201"]["locations"][0]["physicalLocation"]["region"]
    line = _file_line(nb_project / "nb.ipynb", region["startLine"])
    assert region["startLine"] > 20  # far below the cell's own line 2
    assert line[region["startColumn"] - 1 :].startswith("model.fit(x, y, epochs=50)")
    assert results["TFL201"]["properties"] == {"cell": 5, "cellLine": 2, "cellColumn": 1}
    lr = results["TFL303"]["locations"][0]["physicalLocation"]["region"]
    lr_line = _file_line(nb_project / "nb.ipynb", lr["startLine"])
    assert lr_line[lr["startColumn"] - 1 : lr["endColumn"] - 1] == "lr"


def test_github_annotations_point_at_the_ipynb_line_that_holds_the_code(nb_project):
    proc = run("--format", "github", "nb.ipynb", cwd=nb_project)
    (annotation,) = [a for a in proc.stdout.splitlines() if "title=TFL201" in a]
    props = dict(p.split("=", 1) for p in annotation.split(" ", 1)[1].split("::", 1)[0].split(","))
    line = _file_line(nb_project / "nb.ipynb", int(props["line"]))
    assert line[int(props["col"]) - 1 :].startswith("model.fit(x, y, epochs=50)")
    assert "(cell 5, line 2)" in annotation


def test_text_and_json_keep_cell_and_line(nb_project):
    data = json.loads(run("--format", "json", "nb.ipynb", cwd=nb_project).stdout)
    d = next(d for d in data["diagnostics"] if d["code"] == "TFL201")
    assert (d["cell"], d["line"], d["column"]) == (5, 2, 1)
    assert "nb.ipynb:cell 5:2:1: TFL201" in run("nb.ipynb", cwd=nb_project).stdout


def test_layout_handles_escapes_single_string_sources_and_ascii_escaping():
    cells = {
        "cells": [
            {"cell_type": "code", "metadata": {"source": "not this"}, "outputs": [], "execution_count": None,
             "source": ["x = \"数据\\t\"; y = 1\n", "z = 2"]},
            {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
             "source": "a = 1\nb = '😀'; c = 2\n"},
        ],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    for ensure_ascii in (False, True):
        text = json.dumps(cells, indent=1, ensure_ascii=ensure_ascii)
        layout = notebook_layout(text.encode())
        lines = text.split("\n")
        for cell, pos, expected in [(1, Position(1, 14), "= 1"), (1, Position(2, 0), "z = 2"), (2, Position(2, 9), "c = 2")]:
            found = layout.file_position(cell, pos)
            assert lines[found.line - 1][found.column :].startswith(expected), (ensure_ascii, cell, pos)


# -- statistics ------------------------------------------------------------------------------


def test_statistics_prints_only_the_counts(project):
    proc = run("--statistics", "train.py", "clean.py", cwd=project)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert lines[:2] == ["    1  TFL201  fit-without-validation  [ ]", "    1  TFL303  removed-lr-argument  [*]"]
    assert "^" not in proc.stdout and "train.py:" not in proc.stdout  # no findings, no frames
    assert "Found 2 problems" in proc.stdout


def test_statistics_as_json(project):
    proc = run("--statistics", "--format", "json", "train.py", cwd=project)
    entries = json.loads(proc.stdout)
    assert {e["code"]: (e["count"], e["fixable"]) for e in entries} == {"TFL201": (1, False), "TFL303": (1, True)}


def test_statistics_with_sarif_is_a_usage_error(project):
    proc = run("--statistics", "--format", "sarif", "train.py", cwd=project)
    assert proc.returncode == 2 and "--statistics" in proc.stderr


# -- the cache's place -----------------------------------------------------------------------


def test_cache_goes_beside_the_projects_config_not_the_cwd(tmp_path):
    root = tmp_path / "proj"
    (root / "src").mkdir(parents=True)
    (root / "pyproject.toml").write_text("[tool.tflint]\nignore = [\"TFL204\"]\n")
    (root / "src" / "train.py").write_text(LEAKY)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    proc = run(str(root / "src" / "train.py"), cwd=elsewhere)
    assert proc.returncode == 1
    assert (root / ".tflint_cache").is_dir()
    assert not (elsewhere / ".tflint_cache").exists() and not (root / "src" / ".tflint_cache").exists()
    run("train.py", cwd=root / "src")  # from a subfolder: the same cache
    assert not (root / "src" / ".tflint_cache").exists()


def test_cache_goes_to_the_repository_root_without_a_config(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "train.py").write_text(LEAKY)
    run("train.py", cwd=tmp_path / "pkg")
    assert (tmp_path / ".tflint_cache").is_dir() and not (tmp_path / "pkg" / ".tflint_cache").exists()


def test_cache_beside_an_explicit_config(tmp_path):
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "tflint.toml").write_text('ignore = ["TFL204"]\n')
    (tmp_path / "train.py").write_text(LEAKY)
    run("--config", "conf/tflint.toml", "train.py", cwd=tmp_path)
    assert (tmp_path / "conf" / ".tflint_cache").is_dir() and not (tmp_path / ".tflint_cache").exists()


# -- carets by display width -------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ['label = "数据集"; ', 'tag = "🚀🚀"; ', 'name = "café"; '])
def test_carets_sit_under_the_code_after_wide_characters(tmp_path, prefix):
    code = textwrap.dedent(
        f"""\
        import tensorflow as tf
        model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
        {prefix}model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.001), loss="mse")
        """
    )
    (tmp_path / "t.py").write_text(code, encoding="utf-8")
    proc = run("--select", "TFL303", "t.py", cwd=tmp_path)
    lines = proc.stdout.splitlines()
    code_row = next(i for i, line in enumerate(lines) if line.startswith("3 |"))
    caret_row = lines[code_row + 1]
    source_part, caret_part = lines[code_row][len("3 |"):], caret_row[len("  |"):]
    start = caret_part.index("^")
    assert caret_part[start:].startswith("^^ TFL303")
    # the carets start at the display column where `lr` starts on the code line above
    lr_at = source_part.index("(lr=") + 1
    assert start == display_width(source_part[:lr_at])


def test_display_width():
    assert display_width("abc") == 3
    assert display_width("数据") == 4
    assert display_width("🚀") == 2
    assert display_width("e\u0301") == 1  # e + combining acute accent


@pytest.mark.parametrize("key", ["select", "extend-select", "ignore"])
def test_a_config_file_selector_that_matches_no_rule_is_an_error(tmp_path, key):
    (tmp_path / "pyproject.toml").write_text(f'[tool.tflint]\n{key} = ["TFL1", "TFL999"]\n')
    (tmp_path / "train.py").write_text(LEAKY)
    proc = run("--no-cache", "train.py", cwd=tmp_path)
    assert proc.returncode == 2
    assert "pyproject.toml" in proc.stderr and f"'{key}'" in proc.stderr and "'TFL999' matches no rule" in proc.stderr


def test_a_config_file_may_name_probe_and_run_families(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.tflint]\nignore = ["TFL7", "TFL602"]\n')
    (tmp_path / "train.py").write_text(LEAKY)
    assert run("--no-cache", "train.py", cwd=tmp_path).returncode == 1
