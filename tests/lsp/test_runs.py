"""The latest training run's findings in the editor, at the fit line (tflint.keras.Monitor's record)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import SERVER, change_doc, diagnostics_for, initialize, open_doc
from tflint.config import Config
from tflint.diagnose import record
from tflint.diagnostics import Severity
from tflint.lsp.runs import run_diagnostics

SCRIPT = textwrap.dedent(
    """\
    import keras
    import tflint.keras

    model = keras.Sequential([keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    history = model.fit(x, y, validation_split=0.2, epochs=10, callbacks=[tflint.keras.Monitor()])
    """
)
FIT_LINE = 6
FINDING = {"code": "TFL701", "name": "overfitting-onset", "severity": "warning", "epoch": 6, "series": "val_loss",
           "message": "overfitting: val_loss rose 37% from its best 0.41 at epoch 5",
           "help": "add EarlyStopping(monitor='val_loss', patience=3, restore_best_weights=True)"}


def write_record(root: Path, script: Path, findings=(FINDING,), when="2026-12-07T02:28:27+00:00") -> None:
    text = SCRIPT.splitlines()[FIT_LINE - 1].strip()
    record.write(root / ".tflint" / "last_run.json", {
        "updated": when, "fit": {"path": str(script), "line": FIT_LINE, "text": text},
        "history": {"loss": [0.5, 0.4]}, "findings": list(findings),
    })


# -- the pure part -------------------------------------------------------------------


def test_findings_sit_on_the_fit_line_marked_as_from_the_run(tmp_path):
    script = tmp_path / "train.py"
    write_record(tmp_path, script)
    [d] = run_diagnostics(str(script), SCRIPT)
    assert d.code == "TFL701" and d.line == FIT_LINE and d.column == 0
    assert d.range.end.column == len(SCRIPT.splitlines()[FIT_LINE - 1])
    assert d.message.startswith("from the run of 2026-12-07 02:28:27 UTC: epoch 6: overfitting")
    assert d.help == FINDING["help"]


def test_they_follow_the_line_when_lines_are_added_above(tmp_path):
    script = tmp_path / "train.py"
    write_record(tmp_path, script)
    [d] = run_diagnostics(str(script), "import numpy as np\n\n" + SCRIPT)
    assert d.line == FIT_LINE + 2


def test_they_are_dropped_when_the_fit_line_changes(tmp_path):
    script = tmp_path / "train.py"
    write_record(tmp_path, script)
    edited = SCRIPT.replace("epochs=10", "epochs=5")
    assert run_diagnostics(str(script), edited) == []


def test_only_the_file_that_ran_and_only_enabled_rules(tmp_path):
    script = tmp_path / "train.py"
    write_record(tmp_path, script)
    assert run_diagnostics(str(tmp_path / "other.py"), SCRIPT) == []
    assert run_diagnostics(str(script), SCRIPT, Config(ignore=("TFL7",))) == []
    [d] = run_diagnostics(str(script), SCRIPT, Config(severity_overrides={"TFL701": Severity.ERROR}))
    assert d.severity is Severity.ERROR


def test_a_record_in_a_parent_folder_is_found_and_a_broken_one_ignored(tmp_path):
    script = tmp_path / "src" / "train.py"
    script.parent.mkdir()
    write_record(tmp_path, script)
    assert [d.code for d in run_diagnostics(str(script), SCRIPT)] == ["TFL701"]
    (tmp_path / ".tflint" / "last_run.json").write_text("{not json")
    assert run_diagnostics(str(script), SCRIPT) == []


# -- end to end: a real server --------------------------------------------------------


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("runs")
    lsp_client.root = root  # type: ignore[attr-defined]
    await initialize(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


def _run_findings(diags):
    return [d for d in diags if d.message.startswith("from the run of")]


@pytest.mark.asyncio(loop_scope="module")
async def test_editor_shows_the_run_then_drops_it_when_the_fit_line_is_edited(client: LanguageClient):
    root = client.root
    script = root / "train.py"
    script.write_text(SCRIPT)
    write_record(root, script)
    uri = script.as_uri()
    open_doc(client, uri, SCRIPT)
    diags = await diagnostics_for(client, uri, lambda ds: bool(_run_findings(ds)))
    [run] = _run_findings(diags)
    assert run.code == "TFL701" and run.source == "tflint"
    assert run.range.start == types.Position(line=FIT_LINE - 1, character=0)
    assert run.severity == types.DiagnosticSeverity.Warning

    change_doc(client, uri, 2, SCRIPT.replace("epochs=10", "epochs=30"))
    await diagnostics_for(client, uri, lambda ds: not _run_findings(ds))


@pytest.mark.asyncio(loop_scope="module")
async def test_a_new_run_is_shown_when_its_record_changes(client: LanguageClient):
    root = client.root
    script = root / "second.py"
    script.write_text(SCRIPT)
    uri = script.as_uri()
    open_doc(client, uri, SCRIPT)
    await diagnostics_for(client, uri)
    nan = {"code": "TFL705", "name": "nan-loss", "severity": "error", "epoch": 4, "series": "loss",
           "message": "loss is NaN from epoch 4 on"}
    write_record(root, script, findings=[nan], when="2026-12-07T03:00:00+00:00")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=(root / ".tflint" / "last_run.json").as_uri(), type=types.FileChangeType.Changed)
    ]))
    diags = await diagnostics_for(client, uri, lambda ds: bool(_run_findings(ds)))
    [run] = _run_findings(diags)
    assert run.code == "TFL705" and run.severity == types.DiagnosticSeverity.Error
    assert "2026-12-07 03:00:00 UTC" in run.message
