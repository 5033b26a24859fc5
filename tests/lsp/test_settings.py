"""Configuration files, client settings, multi-root workspaces, run modes, pull diagnostics, encodings."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import LEAKY, SERVER, change_doc, codes, diagnostics_for, initialize, open_doc

pytestmark = pytest.mark.asyncio


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


async def test_config_file_is_read_and_reread_when_it_changes(client: LanguageClient, workspace):
    pyproject = workspace / "pyproject.toml"
    pyproject.write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\nignore = ["TFL201"]\n')
    await initialize(client, workspace)
    uri = (workspace / "src" / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 1)) == ["TFL303"]
    await asyncio.sleep(0.1)
    watched = [w["globPattern"] for r in client.registrations for w in r.register_options["watchers"]]
    assert "**/pyproject.toml" in watched and "**/tflint.toml" in watched

    pyproject.write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\nignore = []\nseverity-overrides = { TFL201 = "info" }\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=pyproject.as_uri(), type=types.FileChangeType.Changed)])
    )
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) == 2)
    assert {d.code: d.severity for d in diags}["TFL201"] == types.DiagnosticSeverity.Information


async def test_broken_config_is_reported_and_defaults_used(client: LanguageClient, workspace):
    (workspace / "tflint.toml").write_text('selec = ["TFL2"]\n')
    await initialize(client, workspace)
    uri = (workspace / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    # the broken file is not read: the defaults, in which the advice rules (TFL2xx but TFL203/205) are off
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 1)) == ["TFL303"]
    assert any("unknown key 'selec'" in m.message for m in client.log_messages)
    assert any("unknown key 'selec'" in m.message for m in client.messages)


async def test_initialization_options_as_the_vscode_extension_sends_them(client: LanguageClient, workspace):
    options = {
        "settings": {"enable": True, "select": [], "ignore": ["TFL303"], "run": "onType", "severityOverrides": {"TFL201": "error"}},
        "globalSettings": {"enable": True, "select": [], "ignore": ["TFL303"], "run": "onType", "severityOverrides": {"TFL201": "error"}},
        "workspaceSettings": [],
    }
    client.set_configuration(None, section="tflint")  # this client answers workspace/configuration with nothing
    await initialize(client, workspace, options=options)
    uri = (workspace / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) == 1)
    assert codes(diags) == ["TFL201"]
    assert diags[0].severity == types.DiagnosticSeverity.Error


async def test_workspace_configuration_per_folder_and_change(client: LanguageClient, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir(), b.mkdir()
    (a / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\nignore = ["TFL303"]\n')
    client.set_configuration({"select": ["TFL3"]}, section="tflint", scope_uri=b.as_uri())
    await initialize(client, a, folders=[a, b])
    ua, ub = (a / "train.py").as_uri(), (b / "train.py").as_uri()
    open_doc(client, ua, LEAKY)
    open_doc(client, ub, LEAKY)
    assert codes(await diagnostics_for(client, ua, lambda ds: len(ds) == 1)) == ["TFL201"]  # a's pyproject
    assert codes(await diagnostics_for(client, ub, lambda ds: len(ds) == 1)) == ["TFL303"]  # b's settings

    client.set_configuration({"enable": False}, section="tflint", scope_uri=b.as_uri())
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    assert list(await diagnostics_for(client, ub, lambda ds: len(ds) == 0)) == []
    await asyncio.sleep(0.3)
    assert codes(client.diagnostics[ua]) == ["TFL201"]


async def test_run_on_save_lints_on_open_and_save_only(client: LanguageClient, workspace):
    await initialize(client, workspace, options={"tflint": {"run": "onSave"}})
    uri = (workspace / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    await diagnostics_for(client, uri, lambda ds: len(ds) == 2)
    change_doc(client, uri, 2, LEAKY.replace("epochs=50)", "epochs=5, validation_split=0.1)"))
    await asyncio.sleep(0.6)
    assert len(client.diagnostics[uri]) == 2  # not linted while typing
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 1)) == ["TFL303"]


async def test_pull_diagnostics_when_the_client_supports_them(client: LanguageClient, workspace):
    result = await initialize(client, workspace, pull=True)
    assert result.capabilities.diagnostic_provider is not None
    uri = (workspace / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    params = types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri))
    report = await client.text_document_diagnostic_async(params)
    assert codes(report.items) == ["TFL201", "TFL303"]
    again = await client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=uri), previous_result_id=report.result_id)
    )
    assert again.kind == "unchanged"
    change_doc(client, uri, 2, LEAKY.replace("epochs=50)", "epochs=5, validation_split=0.1)"))
    report = await client.text_document_diagnostic_async(params)
    assert codes(report.items) == ["TFL303"]
    await asyncio.sleep(0.3)
    assert client.diagnostics == {}  # pulled, never pushed


async def test_utf32_when_the_client_prefers_it(client: LanguageClient, workspace):
    result = await initialize(client, workspace, base="emacs")
    assert result.capabilities.position_encoding == "utf-32"
    uri = (workspace / "train.py").as_uri()
    text = LEAKY.replace("model.fit(", 'tag = "😀😀"; model.fit(')
    open_doc(client, uri, text)
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) == 2)
    fit = next(d for d in diags if d.code == "TFL201")
    assert fit.range.start.character == len('tag = "😀😀"; ')  # code points


async def test_pull_diagnostics_for_notebook_cells(client: LanguageClient, workspace):
    await initialize(client, workspace, pull=True, notebooks=True)
    path = workspace / "train.ipynb"
    sources = ["import tensorflow as tf\nmodel = tf.keras.Sequential()", "model.compile(optimizer='adam', loss='mse')\nmodel.fit(x, y, epochs=50)"]
    cells = [f"vscode-notebook-cell:{path}#{i}" for i in range(2)]
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=path.as_uri(), notebook_type="jupyter-notebook", version=1,
                cells=[types.NotebookCell(kind=types.NotebookCellKind.Code, document=u) for u in cells],
            ),
            cell_text_documents=[types.TextDocumentItem(uri=u, language_id="python", version=1, text=t) for u, t in zip(cells, sources)],
        )
    )
    first, second = [
        await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=u)))
        for u in cells
    ]
    assert list(first.items) == []
    assert codes(second.items) == ["TFL201"]
    assert second.items[0].range.start == types.Position(line=1, character=0)
