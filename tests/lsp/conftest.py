"""Helpers for the end-to-end language server tests (pytest-lsp, real server process)."""

from __future__ import annotations

import asyncio
import os
import sys
import textwrap
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient, client_capabilities

HERE = Path(__file__).parent
SERVER = [sys.executable, "-m", "tflint", "lsp", "--debounce-ms", "20"] + (["--log-file", os.environ["TFLINT_LSP_LOG"]] if os.environ.get("TFLINT_LSP_LOG") else [])
TIMEOUT = 30.0  # generous: CI machines are shared

LEAKY = textwrap.dedent(
    """\
    import tensorflow as tf
    from tensorflow.keras.optimizers import Adam

    model = tf.keras.Sequential([tf.keras.layers.Dense(1)])
    model.compile(optimizer=Adam(lr=0.01), loss="mse")
    model.fit(x, y, epochs=50)
    """
)


def capabilities(
    *, pull: bool = False, notebooks: bool = False, base: str = "visual-studio-code", refresh: bool = True
) -> types.ClientCapabilities:
    """``base``'s capabilities; ``pull`` with ``refresh`` as VS Code (it may be asked to pull again), without as Neovim 0.11."""
    caps = client_capabilities(base)
    if caps.text_document is None:
        caps.text_document = types.TextDocumentClientCapabilities()
    caps.text_document.diagnostic = types.DiagnosticClientCapabilities(related_document_support=False) if pull else None
    if caps.workspace is None:
        caps.workspace = types.WorkspaceClientCapabilities()
    caps.workspace.diagnostics = types.DiagnosticWorkspaceClientCapabilities(refresh_support=pull and refresh)
    if notebooks:
        caps.notebook_document = types.NotebookDocumentClientCapabilities(
            synchronization=types.NotebookDocumentSyncClientCapabilities()
        )
    return caps


ADVICE_OPT_IN = '[tool.tflint]\nextend-select = ["TFL201", "TFL202", "TFL204"]\n'


def opt_in_advice_rules(folder: Path) -> None:
    """The test projects opt into the advice rules (TFL201/202/204 are off by default): their
    fixtures use a fit without validation as the finding everyone knows."""
    if folder.is_dir() and not (folder / "pyproject.toml").exists() and not (folder / "tflint.toml").exists():
        (folder / "pyproject.toml").write_text(ADVICE_OPT_IN)


async def initialize(
    client: LanguageClient, root: Path, *, options=None, pull=False, notebooks=False, base="visual-studio-code", folders=None,
    refresh=True,
):
    folders = folders if folders is not None else [root]
    for folder in folders:
        opt_in_advice_rules(folder)
    client.registrations = []  # type: ignore[attr-defined]
    if types.CLIENT_REGISTER_CAPABILITY not in client.protocol.fm.features:

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register_capability(params: types.RegistrationParams) -> None:
            client.registrations.extend(params.registrations)  # type: ignore[attr-defined]

    return await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(pull=pull, notebooks=notebooks, base=base, refresh=refresh),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders],
            initialization_options=options,
        )
    )


class Recorder(dict):
    """``client.diagnostics`` that also keeps every publication, in order."""

    def __init__(self):
        super().__init__()
        self.history: list[tuple[str, list]] = []

    def __setitem__(self, key, value):
        self.history.append((key, list(value)))
        super().__setitem__(key, value)


def record(client: LanguageClient) -> Recorder:
    rec = Recorder()
    client.diagnostics = rec
    return rec


async def wait_until(client: LanguageClient, predicate, timeout: float = TIMEOUT, method=types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS):
    """Wait for notifications until ``predicate()`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        remaining = deadline - loop.time()
        if remaining <= 0:
            raise AssertionError(f"timed out waiting; diagnostics: {dict(client.diagnostics)}")
        try:
            await asyncio.wait_for(client.wait_for_notification(method), min(remaining, 0.5))
        except asyncio.TimeoutError:
            pass


async def diagnostics_for(client: LanguageClient, uri: str, predicate=lambda ds: True, timeout: float = TIMEOUT):
    await wait_until(client, lambda: uri in client.diagnostics and predicate(client.diagnostics[uri]), timeout)
    return client.diagnostics[uri]


def codes(diags) -> list[str]:
    return sorted(str(d.code) for d in diags)


def open_doc(client: LanguageClient, uri: str, text: str, version: int = 1, language: str = "python") -> None:
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)
        )
    )


def change_doc(client: LanguageClient, uri: str, version: int, text: str, rng: types.Range | None = None) -> None:
    """A full change (``rng`` None) or an incremental one."""
    if rng is None:
        change = types.TextDocumentContentChangeWholeDocument(text=text)
    else:
        change = types.TextDocumentContentChangePartial(range=rng, text=text)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]
        )
    )


def utf16_offset(line: str, column: int) -> int:
    return len(line[:column].encode("utf-16-le")) // 2


def _index(lines: list[str], pos: types.Position) -> int:
    offset = sum(len(line) for line in lines[: pos.line])
    line = lines[pos.line] if pos.line < len(lines) else ""
    units = 0
    for i, ch in enumerate(line):
        if units >= pos.character:
            return offset + i
        units += 2 if ord(ch) > 0xFFFF else 1
    return offset + len(line)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """What a client does with TextEdits (UTF-16 positions), applied back to front."""
    lines = text.splitlines(keepends=True) or [""]
    spans = sorted(((_index(lines, e.range.start), _index(lines, e.range.end), e.new_text) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text


def edits_for(edit: types.WorkspaceEdit, uri: str) -> list[types.TextEdit]:
    if edit.document_changes:
        return [e for dc in edit.document_changes if dc.text_document.uri == uri for e in dc.edits]
    return list((edit.changes or {}).get(uri, []))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    return root
