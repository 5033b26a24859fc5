"""A config file edited on disk is read again although the client sends no file-change
notification (Neovim on Linux sends none): the server stats the config files before it lints."""

from __future__ import annotations

import os

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import LEAKY, SERVER, change_doc, codes, diagnostics_for, initialize, open_doc
from tflint.lsp.settings import ConfigFileWatch


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


def _save(client: LanguageClient, uri: str) -> None:
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


@pytest.mark.asyncio
async def test_edited_pyproject_is_reread_at_the_next_change_without_a_notification(client: LanguageClient, workspace):
    pyproject = workspace / "pyproject.toml"
    pyproject.write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\nignore = ["TFL201"]\n')
    await initialize(client, workspace)
    uri = (workspace / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 1)) == ["TFL303"]

    pyproject.write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\nignore = ["TFL303"]\n')  # no didChangeWatchedFiles, no didSave
    change_doc(client, uri, 2, LEAKY + "\n")
    assert codes(await diagnostics_for(client, uri, lambda ds: codes(ds) == ["TFL201"])) == ["TFL201"]
    assert any("configuration file changed on disk" in m.message for m in client.log_messages)


@pytest.mark.asyncio
async def test_a_config_created_on_disk_is_used_on_save_in_on_save_mode(client: LanguageClient, workspace):
    await initialize(client, workspace, options={"tflint": {"run": "onSave"}})
    (workspace / "src").mkdir()
    uri = (workspace / "src" / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 2)) == ["TFL201", "TFL303"]

    (workspace / "tflint.toml").write_text('ignore = ["TFL2"]\n')
    _save(client, uri)
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 1)) == ["TFL303"]


def test_watch_notices_edits_creations_and_deletions(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    doc = str(tmp_path / "a" / "b" / "train.py")
    watch = ConfigFileWatch()
    assert watch.changed(doc) is False  # the first look only records
    assert watch.changed(doc) is False
    (tmp_path / "pyproject.toml").write_text("[tool.tflint]\nextend-select = [\"TFL201\", \"TFL202\", \"TFL204\"]\n")
    assert watch.changed(doc) is True  # created two folders up
    assert watch.changed(doc) is False
    (tmp_path / "pyproject.toml").write_text('[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\nignore = ["TFL201"]\n')
    assert watch.changed(doc) is True  # edited (the size changed)
    os.remove(tmp_path / "pyproject.toml")
    assert watch.changed(doc) is True  # deleted
    (tmp_path / "a" / "tflint.toml").write_text("")
    watch.forget()
    assert watch.changed(doc) is False  # after a reload the next look records afresh
