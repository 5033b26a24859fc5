"""Clients that pull diagnostics but cannot be asked to pull again (Neovim 0.11 has no
``workspace/diagnostic/refresh``) get them pushed, so saves and config changes show up."""

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


async def _initialize(client: LanguageClient, root, options=None) -> types.InitializeResult:
    """Neovim 0.11's capabilities: pull diagnostics, no ``workspace/diagnostic/refresh``."""
    return await initialize(client, root, options=options, base="neovim", pull=True, refresh=False)


async def test_pull_is_not_offered_and_diagnostics_are_pushed(client: LanguageClient, workspace):
    result = await _initialize(client, workspace)
    assert result.capabilities.diagnostic_provider is None
    uri = (workspace / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 2)) == ["TFL201", "TFL303"]


async def test_on_save_findings_reach_a_client_without_refresh(client: LanguageClient, workspace):
    await _initialize(client, workspace, {"tflint": {"run": "onSave"}})
    uri = (workspace / "train.py").as_uri()
    open_doc(client, uri, LEAKY)
    await diagnostics_for(client, uri, lambda ds: len(ds) == 2)
    change_doc(client, uri, 2, LEAKY.replace("epochs=50)", "epochs=5, validation_split=0.1)"))
    await asyncio.sleep(0.5)
    assert len(client.diagnostics[uri]) == 2  # onSave: typing does not lint
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 1)) == ["TFL303"]
