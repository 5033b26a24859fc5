"""The command line as users run it: a real subprocess, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

LEAKY = textwrap.dedent(
    """\
    import tensorflow as tf
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.001), loss="mse")
    model.fit(x, y, epochs=50)
    """
)
CLEAN = textwrap.dedent(
    """\
    import tensorflow as tf
    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.001), loss="mse")
    model.fit(x, y, epochs=5, validation_split=0.2)
    """
)


def run(*args, cwd: Path, stdin: str | None = None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "tflint", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    # the project opts into the advice rules (off by default), as a user who wants them does
    (tmp_path / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\n')
    (tmp_path / "train.py").write_text(LEAKY)
    (tmp_path / "clean.py").write_text(CLEAN)
    return tmp_path


def test_text_output_and_exit_code(project):
    proc = run("train.py", "clean.py", cwd=project)
    assert proc.returncode == 1, proc.stderr
    assert "train.py:3:50: TFL303" in proc.stdout
    assert "train.py:4:1: TFL201" in proc.stdout
    assert "clean.py" not in proc.stdout
    assert "Found 2 problems" in proc.stdout
    assert "^^" in proc.stdout  # a code frame


def test_clean_file_exits_zero(project):
    proc = run("clean.py", cwd=project)
    assert proc.returncode == 0 and "All checks passed" in proc.stdout


def test_json_contract(project):
    proc = run("--format", "json", ".", cwd=project)
    data = json.loads(proc.stdout)
    assert data["tflint_version"]
    by_code = {d["code"]: d for d in data["diagnostics"]}
    d = by_code["TFL303"]
    assert set(d) >= {"code", "name", "severity", "message", "path", "line", "column", "end_line", "end_column", "cell", "fix"}
    assert (d["line"], d["column"], d["end_line"], d["end_column"]) == (3, 50, 3, 52)
    assert d["name"] == "removed-lr-argument" and d["severity"] == "error" and d["cell"] is None
    assert d["fix"]["edits"][0]["content"] == "learning_rate"
    assert by_code["TFL201"]["fix"] is None
    assert data["summary"]["files_checked"] == 2 and data["summary"]["total"] == 2


def test_github_annotations(project):
    proc = run("--format", "github", "train.py", cwd=project)
    lines = proc.stdout.splitlines()
    assert "::error file=train.py,line=3,col=50,endLine=3,endColumn=52,title=TFL303::TFL303 " in lines[0]
    assert lines[1].startswith("::warning file=train.py,line=4,col=1,")


def test_concise_and_quiet(project):
    proc = run("--format", "concise", "train.py", cwd=project)
    assert proc.stdout.splitlines()[0].startswith("train.py:3:50: TFL303 ")
    quiet = run("-q", "train.py", cwd=project)
    assert "Found" not in quiet.stdout and len(quiet.stdout.splitlines()) == 2


def test_fail_on_and_exit_zero(project):
    assert run("--fail-on", "error", "train.py", cwd=project).returncode == 1  # TFL303 is an error
    assert run("--fail-on", "error", "--ignore", "TFL303", "train.py", cwd=project).returncode == 0
    assert run("--exit-zero", "train.py", cwd=project).returncode == 0


def test_select_ignore_family_prefix(project):
    proc = run("--format", "json", "--select", "TFL2", "train.py", cwd=project)
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["TFL201"]
    proc = run("--format", "json", "--ignore", "TFL201", "train.py", cwd=project)
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["TFL303"]
    (project / "pyproject.toml").unlink()  # the advice rules are off by default
    proc = run("--format", "json", "train.py", cwd=project)
    assert [d["code"] for d in json.loads(proc.stdout)["diagnostics"]] == ["TFL303"]
    bad = run("--select", "E501", "train.py", cwd=project)
    assert bad.returncode == 2 and "not a rule code" in bad.stderr


def test_fix_writes_atomically_and_relints(project):
    proc = run("--fix", "train.py", cwd=project)
    text = (project / "train.py").read_text()
    assert "Adam(learning_rate=0.001)" in text
    assert "Fixed 1 problem" in proc.stdout and "TFL201" in proc.stdout
    assert not [p for p in project.iterdir() if p.name.endswith(".tflint-tmp")]


def test_diff_does_not_write(project):
    proc = run("--diff", "train.py", cwd=project)
    assert proc.returncode == 1
    assert "-model.compile(optimizer=tf.keras.optimizers.Adam(lr=0.001)" in proc.stdout
    assert "+model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate=0.001)" in proc.stdout
    assert (project / "train.py").read_text() == LEAKY


def test_stdin(project):
    proc = run("-", "--stdin-filename", "pipe.py", "--format", "concise", cwd=project, stdin=LEAKY)
    assert proc.returncode == 1 and proc.stdout.startswith("pipe.py:3:50: TFL303")
    fixed = run("-", "--fix", cwd=project, stdin=LEAKY)
    assert "Adam(learning_rate=0.001)" in fixed.stdout


def test_config_in_pyproject_and_errors(project):
    (project / "pyproject.toml").write_text('[tool.tflint]\nignore = ["TFL201"]\n[tool.tflint.severity-overrides]\nTFL303 = "info"\n')
    proc = run("--format", "json", "train.py", cwd=project)
    diags = json.loads(proc.stdout)["diagnostics"]
    assert [(d["code"], d["severity"]) for d in diags] == [("TFL303", "info")]
    assert proc.returncode == 0  # info is below the default fail-on
    (project / "pyproject.toml").write_text('[tool.tflint]\nselct = ["TFL1"]\n')
    bad = run("train.py", cwd=project)
    assert bad.returncode == 2 and "unknown key 'selct'" in bad.stderr and "pyproject.toml" in bad.stderr
    (project / "pyproject.toml").write_text('[tool.tflint]\nmax-learning-rate-sgd = "high"\n')
    bad = run("train.py", cwd=project)
    assert bad.returncode == 2 and "max-learning-rate-sgd" in bad.stderr


def test_closest_config_wins_and_per_file_ignores(project):
    sub = project / "experiments"
    sub.mkdir()
    (sub / "exp.py").write_text(LEAKY)
    (project / "tflint.toml").write_text('extend-select = ["TFL201"]\n[per-file-ignores]\n"train.py" = ["TFL3"]\n')
    (sub / "tflint.toml").write_text('select = ["TFL201"]\n')
    data = json.loads(run("--format", "json", ".", cwd=project).stdout)
    found = sorted((Path(d["path"]).name, d["code"]) for d in data["diagnostics"])
    assert found == [("exp.py", "TFL201"), ("train.py", "TFL201")]


def test_noqa_line_family_and_file_level(project):
    src = LEAKY.replace('loss="mse")', 'loss="mse")  # noqa: TFL3').replace("epochs=50)", "epochs=50)  # noqa")
    (project / "a.py").write_text(src)
    assert run("a.py", cwd=project).returncode == 0
    (project / "b.py").write_text("# tflint: noqa: TFL201\n" + LEAKY)
    data = json.loads(run("--format", "json", "b.py", cwd=project).stdout)
    assert [d["code"] for d in data["diagnostics"]] == ["TFL303"]
    (project / "c.py").write_text(LEAKY.replace("epochs=50)", "epochs=50)  # noqa: TFL201, TFL999, E501"))
    data = json.loads(run("--format", "json", "--extend-select", "TFL003", "c.py", cwd=project).stdout)
    unused = [d for d in data["diagnostics"] if d["code"] == "TFL003"]
    assert len(unused) == 1 and "TFL999" in unused[0]["message"] and "E501" not in unused[0]["message"]


def test_directory_walk_honours_gitignore_and_exclude(project):
    (project / ".gitignore").write_text("generated/\n")
    for folder in ("generated", ".venv", "src"):
        (project / folder).mkdir()
        (project / folder / "m.py").write_text(LEAKY)
    (project / "README.md").write_text("not python")
    data = json.loads(run("--format", "json", ".", cwd=project).stdout)
    paths = {Path(d["path"]).as_posix() for d in data["diagnostics"]}
    assert paths == {"train.py", "src/m.py"}


def test_bad_inputs_give_messages_not_tracebacks(project):
    (project / "syntax.py").write_text("import keras\nmodel.fit(x, y\n")
    (project / "latin1.py").write_bytes("import keras\nname = 'caf\xe9'\n".encode("latin-1"))
    (project / "binary.py").write_bytes(b"\x7fELF\x00\x00\x01garbage")
    (project / "empty.py").write_text("")
    (project / "broken.ipynb").write_text("{not json")
    proc = run("--format", "json", ".", cwd=project)
    assert "Traceback" not in proc.stderr
    data = json.loads(proc.stdout)
    by_file = {}
    for d in data["diagnostics"]:
        by_file.setdefault(d["path"], []).append((d["code"], d["message"]))
    assert by_file["syntax.py"][0][0] == "TFL001" and "SyntaxError" in by_file["syntax.py"][0][1]
    assert by_file["latin1.py"][0][0] == "TFL004" and "utf-8" in by_file["latin1.py"][0][1]
    assert by_file["binary.py"][0][0] == "TFL004" and "binary" in by_file["binary.py"][0][1]
    assert by_file["broken.ipynb"][0][0] == "TFL004" and "not valid JSON" in by_file["broken.ipynb"][0][1]
    assert "empty.py" not in by_file
    assert any(code == "TFL201" for code, _ in by_file["train.py"])  # the rest was still linted


def test_missing_path_is_a_usage_error(project):
    proc = run("nope.py", cwd=project)
    assert proc.returncode == 2 and "no such file" in proc.stderr


def test_cache_reuses_results_and_notices_changes(project):
    first = json.loads(run("--format", "json", "train.py", cwd=project).stdout)
    assert (project / ".tflint_cache").is_dir()
    second = json.loads(run("--format", "json", "train.py", cwd=project).stdout)
    assert first["diagnostics"] == second["diagnostics"]
    (project / "train.py").write_text(CLEAN)
    third = json.loads(run("--format", "json", "train.py", cwd=project).stdout)
    assert third["diagnostics"] == []


def test_jobs_gives_the_same_results(project):
    for i in range(12):
        (project / f"m{i}.py").write_text(LEAKY if i % 2 else CLEAN)
    one = json.loads(run("--format", "json", "--no-cache", "--jobs", "1", ".", cwd=project).stdout)
    two = json.loads(run("--format", "json", "--no-cache", "--jobs", "2", ".", cwd=project).stdout)
    assert one["diagnostics"] == two["diagnostics"] and len(one["diagnostics"]) == 14


def test_rule_and_rules_commands(project):
    page = run("rule", "TFL201", cwd=project)
    assert page.returncode == 0 and "## Why is this bad?" in page.stdout and "fit-without-validation" in page.stdout
    by_name = run("rule", "removed-lr-argument", cwd=project)
    assert "TFL303" in by_name.stdout
    table = run("rules", cwd=project)
    assert "TFL303" in table.stdout and "removed-lr-argument" in table.stdout and "safe" in table.stdout
    every = run("rule", "--all", cwd=project)
    assert every.stdout.count("## What it does") >= 12
    assert run("rule", "TFL999", cwd=project).returncode == 2


def test_statistics(project):
    proc = run("--statistics", "train.py", cwd=project)
    assert "    1  TFL201  fit-without-validation" in proc.stdout


def test_version():
    proc = subprocess.run([sys.executable, "-m", "tflint", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("tflint ")


def test_cache_is_per_tflint_build_not_only_per_version(tmp_path: Path):
    """A source checkout changes its checks without changing its version; the old checks' findings must not replay."""
    from tflint.cache import Cache, build_fingerprint, files_fingerprint

    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "check.py").write_text("A = 1\n")
    before = files_fingerprint("1.0", [pkg])
    assert files_fingerprint("1.0", [pkg]) == before
    (pkg / "check.py").write_text("A = 12\n")
    assert files_fingerprint("1.0", [pkg]) != before
    assert files_fingerprint("1.1", [pkg]) != files_fingerprint("1.0", [pkg])

    project = tmp_path / "project"
    stale = project / ".tflint_cache" / "v0-oldbuild.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}")
    cache = Cache(project)
    assert build_fingerprint() in cache.path.name
    cache.put("k", [])
    cache.save()
    assert cache.path.exists() and not stale.exists()
