"""Code actions (quick fix, disable for this line, fix all), hover and tflint.showRule."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import (
    LEAKY,
    SERVER,
    apply_edits,
    change_doc,
    codes,
    diagnostics_for,
    edits_for,
    initialize,
    open_doc,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("actions")
    lsp_client.root = root  # type: ignore[attr-defined]
    await initialize(lsp_client, root)
    yield
    await lsp_client.shutdown_session()


async def opened(client, name: str, text: str, expect: int = 2):
    uri = (client.root / name).as_uri()
    open_doc(client, uri, text)
    diags = await diagnostics_for(client, uri, lambda ds: len(ds) == expect)
    return uri, list(diags)


async def actions_at(client, uri, diag, only=None):
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diag.range,
            context=types.CodeActionContext(diagnostics=[diag], only=only),
        )
    )
    return result or []


async def test_quick_fix_is_the_same_edit_the_cli_applies(client: LanguageClient):
    uri, diags = await opened(client, "quickfix.py", LEAKY)
    lr = next(d for d in diags if d.code == "TFL303")
    actions = await actions_at(client, uri, lr)
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and "noqa" not in a.title and "Disable" not in a.title)
    assert fix.is_preferred
    assert fix.diagnostics[0].code == "TFL303"
    edits = edits_for(fix.edit, uri)
    assert fix.edit.document_changes[0].text_document.version == 1
    fixed = apply_edits(LEAKY, edits)
    assert "Adam(learning_rate=0.01)" in fixed
    assert fixed.replace("Adam(learning_rate=0.01)", "Adam(lr=0.01)") == LEAKY
    change_doc(client, uri, 2, fixed)
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 1)) == ["TFL201"]


async def test_no_fix_offered_for_a_rule_without_one(client: LanguageClient):
    uri, diags = await opened(client, "nofix.py", LEAKY)
    fit = next(d for d in diags if d.code == "TFL201")
    titles = [a.title for a in await actions_at(client, uri, fit, only=[types.CodeActionKind.QuickFix])]
    assert titles == ["Disable TFL201 for this line"]


async def test_disable_for_this_line_adds_then_extends_noqa(client: LanguageClient):
    text = LEAKY.replace('loss="mse")\n', 'loss="mse")  # noqa: TFL999\n')
    uri, diags = await opened(client, "noqa.py", text)
    lr = next(d for d in diags if d.code == "TFL303")
    action = next(a for a in await actions_at(client, uri, lr) if a.title == "Disable TFL303 for this line")
    extended = apply_edits(text, edits_for(action.edit, uri))
    assert "# noqa: TFL999, TFL303\n" in extended
    fit = next(d for d in diags if d.code == "TFL201")
    action = next(a for a in await actions_at(client, uri, fit) if a.title == "Disable TFL201 for this line")
    added = apply_edits(extended, edits_for(action.edit, uri))
    assert "model.fit(x, y, epochs=50)  # noqa: TFL201\n" in added
    change_doc(client, uri, 2, added)
    assert await diagnostics_for(client, uri, lambda ds: len(ds) == 0) == ()


async def test_fix_all_applies_every_safe_fix(client: LanguageClient):
    text = LEAKY + "opt2 = tf.keras.optimizers.SGD(lr=0.1, momentum=0.9)\n"
    uri, diags = await opened(client, "fixall.py", text, expect=3)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]),
        )
    )
    assert [a.kind for a in result] == ["source.fixAll.tflint"]
    fixed = apply_edits(text, edits_for(result[0].edit, uri))
    assert fixed == text.replace("(lr=", "(learning_rate=")


async def test_fix_all_only_on_request(client: LanguageClient):
    uri, diags = await opened(client, "fixall_auto.py", LEAKY)
    lr = next(d for d in diags if d.code == "TFL303")

    async def kinds(trigger):
        result = await client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=lr.range,
                context=types.CodeActionContext(diagnostics=[lr], trigger_kind=trigger),
            )
        )
        return sorted({a.kind for a in result})

    assert await kinds(types.CodeActionTriggerKind.Automatic) == ["quickfix"]  # the lightbulb
    assert await kinds(types.CodeActionTriggerKind.Invoked) == ["quickfix", "source.fixAll.tflint"]


async def test_fix_all_keeps_crlf_line_endings(client: LanguageClient):
    text = LEAKY.replace("\n", "\r\n")
    uri, _diags = await opened(client, "crlf.py", text)
    result = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)),
            context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.tflint"]),
        )
    )
    fixed = apply_edits(text, edits_for(result[0].edit, uri))
    assert fixed == text.replace("(lr=", "(learning_rate=")


async def test_hover_shows_the_rule_page(client: LanguageClient):
    uri, diags = await opened(client, "hover.py", LEAKY)
    fit = next(d for d in diags if d.code == "TFL201")
    inside = types.Position(line=fit.range.start.line, character=fit.range.start.character + 3)
    result = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    assert result.contents.kind == types.MarkupKind.Markdown
    text = result.contents.value
    assert "fit-without-validation (TFL201)" in text
    for heading in ("What it does", "Why is this bad?", "Use instead"):
        assert f"#### {heading}" in text
    assert "validation_data=(x_val, y_val)" in text  # the Use instead example
    assert result.range == fit.range
    nowhere = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=0, character=2))
    )
    assert nowhere is None


async def test_show_rule_command(client: LanguageClient):
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="tflint.showRule", arguments=["TFL303"]))
    assert result["name"] == "removed-lr-argument"
    assert "## Use instead" in result["markdown"]
    assert result["url"].endswith("TFL303.md")
    with pytest.raises(JsonRpcException):
        await client.workspace_execute_command_async(types.ExecuteCommandParams(command="tflint.showRule", arguments=["TFL999"]))
