"""Push diagnostics end to end: open, edit, save, close, stale versions, UTF-16 positions."""

from __future__ import annotations

import asyncio

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import (
    LEAKY,
    SERVER,
    change_doc,
    codes,
    diagnostics_for,
    initialize,
    open_doc,
    record,
    utf16_offset,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("push")
    lsp_client.root = root  # type: ignore[attr-defined]
    await initialize(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


def uri_of(client, name: str) -> str:
    return (client.root / name).as_uri()


async def test_open_leaky_script_reports_each_finding(client: LanguageClient):
    uri = uri_of(client, "open.py")
    open_doc(client, uri, LEAKY)
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) >= 2)
    assert codes(diags) == ["TFL201", "TFL303"]
    by_code = {d.code: d for d in diags}
    fit = by_code["TFL201"]
    assert fit.source == "tflint"
    assert fit.severity == types.DiagnosticSeverity.Warning
    assert fit.code_description.href.endswith("/rules/TFL201.md")
    assert fit.range.start == types.Position(line=5, character=0)
    assert fit.range.end == types.Position(line=5, character=len("model.fit(x, y, epochs=50)"))
    lr = by_code["TFL303"]
    assert lr.severity == types.DiagnosticSeverity.Error
    line = LEAKY.splitlines()[4]
    assert lr.range.start == types.Position(line=4, character=line.index("lr"))
    assert lr.data["fixable"] is True


async def test_edit_makes_the_diagnostic_disappear(client: LanguageClient):
    uri = uri_of(client, "edit.py")
    open_doc(client, uri, LEAKY)
    await diagnostics_for(client, uri, lambda ds: "TFL201" in codes(ds))
    line = LEAKY.splitlines()[5]
    # a short run with validation data: neither TFL201 nor TFL202 (50 epochs unguarded) applies
    start, end = types.Position(line=5, character=line.index("50")), types.Position(line=5, character=len(line) - 1)
    change_doc(client, uri, 2, "5, validation_split=0.2", types.Range(start=start, end=end))
    diags = await diagnostics_for(client, uri, lambda ds: "TFL201" not in codes(ds))
    assert codes(diags) == ["TFL303"]
    assert client.diagnostics[uri] is diags


async def test_results_for_older_versions_are_never_published_over_newer(client: LanguageClient):
    rec = record(client)
    uri = uri_of(client, "burst.py")
    open_doc(client, uri, LEAKY)
    await diagnostics_for(client, uri, lambda ds: len(ds) == 2)
    # a burst of edits, alternating between flagged and clean, faster than the debounce
    fixed = LEAKY.replace("epochs=50)", "epochs=5, validation_split=0.1)")
    for version in range(2, 22):
        change_doc(client, uri, version, fixed if version % 2 else LEAKY)
        await asyncio.sleep(0.002)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["TFL303"])  # version 21 is the clean one
    await asyncio.sleep(0.5)  # nothing stale may follow
    published = [ds for key, ds in rec.history if key == uri]
    assert codes(published[-1]) == ["TFL303"]
    assert len(published) < 20  # debounced: not one lint per keystroke


async def test_close_clears_the_diagnostics(client: LanguageClient):
    uri = uri_of(client, "close.py")
    open_doc(client, uri, LEAKY)
    await diagnostics_for(client, uri, lambda ds: len(ds) == 2)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert list(await diagnostics_for(client, uri, lambda ds: len(ds) == 0)) == []


async def test_positions_are_utf16_after_accents_cjk_and_emoji(client: LanguageClient):
    uri = uri_of(client, "unicode.py")
    prefix = 'note = "café 中文 😀🎉"; '
    text = LEAKY.replace("model.fit(x, y, epochs=50)", prefix + "model.fit(x, y, epochs=50)").replace(
        "optimizer=Adam(lr", "optimizer=Adam(  # ünï 😀\n    lr"
    )
    open_doc(client, uri, text)
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) == 2)
    lines = text.splitlines()
    fit = next(d for d in diags if d.code == "TFL201")
    fit_line = next(i for i, line in enumerate(lines) if "model.fit" in line)
    start = lines[fit_line].index("model.fit")
    assert fit.range.start == types.Position(line=fit_line, character=utf16_offset(lines[fit_line], start))
    assert fit.range.start.character == start + 2  # two astral emoji, two UTF-16 units each
    assert fit.range.end.character == utf16_offset(lines[fit_line], len(lines[fit_line]))
    lr = next(d for d in diags if d.code == "TFL303")
    assert lr.range.start == types.Position(line=5, character=4)


async def test_binary_content_is_reported_not_fatal(client: LanguageClient):
    uri = uri_of(client, "binary.py")
    open_doc(client, uri, "\x00\x01\x02ELF\x00" * 100)
    diags = await diagnostics_for(client, uri)
    assert codes(diags) == ["TFL004"]
    # the server is still serving
    ok = uri_of(client, "after_binary.py")
    open_doc(client, ok, LEAKY)
    assert len(await diagnostics_for(client, ok, lambda ds: len(ds) == 2)) == 2


async def test_non_python_documents_are_ignored(client: LanguageClient):
    uri = uri_of(client, "notes.md")
    open_doc(client, uri, "model.fit(x, y)", language="markdown")
    probe = uri_of(client, "probe_after_md.py")
    open_doc(client, probe, LEAKY)
    await diagnostics_for(client, probe, lambda ds: len(ds) == 2)
    assert uri not in client.diagnostics


async def test_syntax_error_is_reported_and_recovers(client: LanguageClient):
    uri = uri_of(client, "syntax.py")
    open_doc(client, uri, LEAKY + "def broken(:\n")
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) > 0)
    assert codes(diags) == ["TFL001"]
    assert diags[0].range.start.line == 6
    change_doc(client, uri, 2, LEAKY)
    assert codes(await diagnostics_for(client, uri, lambda ds: "TFL001" not in codes(ds))) == ["TFL201", "TFL303"]


async def test_typing_through_a_broken_line_keeps_positions_exact(client: LanguageClient):
    """Incremental edits (the server re-parses only the edited statement): a line added above
    the findings, a call left unclosed for a moment, then closed again."""
    uri = uri_of(client, "typing.py")
    open_doc(client, uri, LEAKY)
    await diagnostics_for(client, uri, lambda ds: codes(ds) == ["TFL201", "TFL303"])
    top = types.Position(line=3, character=0)
    change_doc(client, uri, 2, "EPOCHS = 5\n", types.Range(start=top, end=top))
    diags = await diagnostics_for(client, uri, lambda ds: any(d.range.start.line == 6 for d in ds))
    assert {d.code: d.range.start.line for d in diags} == {"TFL201": 6, "TFL303": 5}
    end = types.Position(line=7, character=0)
    change_doc(client, uri, 3, "print((\n", types.Range(start=end, end=end))  # typing, not finished
    assert codes(await diagnostics_for(client, uri, lambda ds: codes(ds) == ["TFL001"])) == ["TFL001"]
    close = types.Position(line=7, character=len("print(("))
    change_doc(client, uri, 4, "))", types.Range(start=close, end=close))
    diags = await diagnostics_for(client, uri, lambda ds: codes(ds) == ["TFL201", "TFL303"])
    assert {d.code: d.range.start.line for d in diags} == {"TFL201": 6, "TFL303": 5}


SCALER_LEAK = """\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data.csv")
X, y = df.drop(columns="label"), df["label"]
X_scaled = StandardScaler().fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2)
"""

SCALER_FIXED = """\
import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data.csv")
X, y = df.drop(columns="label"), df["label"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
scaler = StandardScaler().fit(X_train)
X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
"""


async def test_leakage_is_reported_with_the_split_as_related_information(client: LanguageClient):
    uri = uri_of(client, "leak.py")
    open_doc(client, uri, SCALER_LEAK)
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) >= 1)
    assert codes(diags) == ["TFL101"]
    leak = diags[0]
    assert leak.range.start == types.Position(line=6, character=SCALER_LEAK.splitlines()[6].index("StandardScaler"))
    related = leak.related_information[0]
    assert related.location.uri == uri
    assert related.location.range.start.line == 7
    remedy = leak.related_information[-1]  # the help line, at the finding itself
    assert remedy.message.startswith("help: split first") and remedy.location.range == leak.range
    assert "help: split first" not in leak.message
    change_doc(client, uri, 2, SCALER_FIXED)
    assert list(await diagnostics_for(client, uri, lambda ds: len(ds) == 0)) == []
