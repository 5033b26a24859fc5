"""Outside tools accept tflint's output: Microsoft's SARIF validator, pre-commit."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / "tests" / "tools"


def _sarif_multitool() -> Path:
    """The validator from tests/tools (installed from its lockfile by `npm ci`)."""
    binary = TOOLS / "node_modules" / "@microsoft" / "sarif-multitool-linux" / "Sarif.Multitool"
    if not binary.exists():
        assert shutil.which("npm"), "npm is needed to install the SARIF validator (tests/tools)"
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TOOLS, check=True, capture_output=True, timeout=600)
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)  # npm may skip its postinstall chmod
    return binary


def test_sarif_validates_against_the_official_schema(tmp_path: Path):
    out = tmp_path / "tflint.sarif"
    proc = subprocess.run(
        [sys.executable, "-m", "tflint", "--format", "sarif", "-o", str(out), "examples/"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(out.read_text())
    results = data["runs"][0]["results"]
    assert results and {r["ruleId"] for r in results} >= {"TFL101", "TFL303"}
    log = tmp_path / "validation.sarif"
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    check = subprocess.run(
        [str(_sarif_multitool()), "validate", "-o", str(log), str(out)],
        capture_output=True, text=True, timeout=300, env=env,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    problems = json.loads(log.read_text())["runs"][0].get("results", [])
    errors = [p for p in problems if p.get("level", "warning") == "error"]
    assert not errors, json.dumps(errors, indent=1)[:3000]


def test_sarif_validator_rejects_a_broken_log(tmp_path: Path):
    """The negative control: the validator really checks the schema."""
    bad = tmp_path / "bad.sarif"
    bad.write_text(json.dumps({"version": "2.1.0", "runs": [{"tool": {}}]}))
    log = tmp_path / "log.sarif"
    subprocess.run([str(_sarif_multitool()), "validate", "-o", str(log), str(bad)], capture_output=True, timeout=300,
                   env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"})
    problems = json.loads(log.read_text())["runs"][0].get("results", [])
    assert any(p.get("level") == "error" for p in problems)


def test_pre_commit_hook_runs_from_the_repository(tmp_path: Path):
    pre_commit = Path(sys.executable).parent / "pre-commit"
    assert pre_commit.exists(), "pre-commit is part of the dev extra"
    work = tmp_path / "user-repo"
    work.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e", "NO_COLOR": "1"}
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)
    (work / "train.py").write_text(
        "import tensorflow as tf\nmodel = tf.keras.Sequential()\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(x, y, epochs=50)\n"
    )
    (work / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201"]\n')  # the advice rules are opt-in
    (work / "ok.py").write_text("print('no ML here')\n")
    subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)
    proc = subprocess.run(
        [str(pre_commit), "try-repo", str(ROOT), "tflint", "--all-files"],
        cwd=work, capture_output=True, text=True, timeout=900, env=env,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output  # the hook found something and failed the commit
    assert "TFL201" in output and "train.py" in output, output
    (work / "train.py").write_text("print('fixed')\n")
    proc = subprocess.run([str(pre_commit), "try-repo", str(ROOT), "tflint", "--all-files"], cwd=work, capture_output=True,
                          text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _readme_block(heading: str, language: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(heading, 1)[1]
    return section.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_readme_pre_commit_snippet_works_as_documented(tmp_path: Path):
    """The README's snippet, with `pre-commit autoupdate` as the README says, against this repository."""
    pre_commit = Path(sys.executable).parent / "pre-commit"
    snippet = _readme_block("### pre-commit", "yaml")
    assert "rev: main" in snippet and "https://github.com/tflint-ml/tflint" in snippet
    work = tmp_path / "user-repo"
    work.mkdir()
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e", "NO_COLOR": "1"}
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)
    # the same repository, from disk: the test needs no network and checks this checkout's hook
    (work / ".pre-commit-config.yaml").write_text(snippet.replace("https://github.com/tflint-ml/tflint", str(ROOT)))
    (work / "train.py").write_text(
        "import tensorflow as tf\nmodel = tf.keras.Sequential()\nmodel.compile(optimizer='adam', loss='mse')\nmodel.fit(x, y, epochs=50)\n"
    )
    (work / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201"]\n')  # the advice rules are opt-in
    subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)
    update = subprocess.run([str(pre_commit), "autoupdate"], cwd=work, capture_output=True, text=True, timeout=300, env=env)
    assert update.returncode == 0, update.stdout + update.stderr
    pinned = (work / ".pre-commit-config.yaml").read_text()
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    tags = subprocess.run(["git", "tag"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert f"rev: {head}" in pinned or any(f"rev: {tag}" in pinned for tag in tags), pinned
    run = subprocess.run([str(pre_commit), "run", "--all-files"], cwd=work, capture_output=True, text=True, timeout=900, env=env)
    assert run.returncode == 1 and "TFL201" in run.stdout + run.stderr, run.stdout + run.stderr


def test_sarif_edge_cases_validate(tmp_path: Path):
    """An empty run, a run with a path that does not exist, and notebook locations in the .ipynb file."""
    (tmp_path / "empty").mkdir()
    shutil.copy(ROOT / "examples" / "credit_smote.ipynb", tmp_path / "nb.ipynb")
    runs = {
        "empty.sarif": (["empty"], 0),
        "missing.sarif": (["nope.py", "nb.ipynb"], 2),
    }
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1"}
    for name, (paths, expected) in runs.items():
        proc = subprocess.run(
            [sys.executable, "-m", "tflint", "--format", "sarif", "-o", name, *paths],
            cwd=tmp_path, capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert proc.returncode == expected, proc.stderr
        log = tmp_path / f"{name}.validation"
        check = subprocess.run([str(_sarif_multitool()), "validate", "-o", str(log), str(tmp_path / name)],
                               capture_output=True, text=True, timeout=300, env=env)
        assert check.returncode == 0, check.stdout + check.stderr
        problems = json.loads(log.read_text())["runs"][0].get("results", [])
        errors = [p for p in problems if p.get("level", "warning") == "error"]
        assert not errors, (name, json.dumps(errors, indent=1)[:3000])
    results = json.loads((tmp_path / "missing.sarif").read_text())["runs"][0]["results"]
    assert results and all(r["properties"]["cell"] for r in results)
