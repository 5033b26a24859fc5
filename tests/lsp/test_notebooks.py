"""Notebook document sync: the notebook is one program, diagnostics land on the right cell."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import SERVER, apply_edits, codes, diagnostics_for, edits_for, initialize, wait_until

pytestmark = pytest.mark.asyncio(loop_scope="module")

CELLS = [
    (types.NotebookCellKind.Markup, "markdown", "# Training\nSome notes."),
    (types.NotebookCellKind.Code, "python", "import tensorflow as tf\nfrom tensorflow.keras.optimizers import Adam\n"),
    (types.NotebookCellKind.Code, "python", "model = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer=Adam(lr=0.01), loss='mse')"),
    (types.NotebookCellKind.Markup, "markdown", "Now train:"),
    (types.NotebookCellKind.Code, "python", "%matplotlib inline\nhistory = model.fit(x, y, epochs=50)"),
]


@pytest_lsp.fixture(scope="module", config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("notebooks")
    lsp_client.root = root  # type: ignore[attr-defined]
    result = await initialize(lsp_client, root, notebooks=True)
    assert result.capabilities.notebook_document_sync is not None
    yield
    await lsp_client.shutdown_session()


def open_notebook(client: LanguageClient, name: str) -> tuple[str, list[str]]:
    path = client.root / name
    nb_uri = path.as_uri()
    cell_uris = [f"vscode-notebook-cell:{path}#cell{i}" for i in range(len(CELLS))]
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=nb_uri,
                notebook_type="jupyter-notebook",
                version=1,
                cells=[types.NotebookCell(kind=kind, document=uri) for (kind, _l, _t), uri in zip(CELLS, cell_uris)],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
                for (_k, language, text), uri in zip(CELLS, cell_uris)
            ],
        )
    )
    return nb_uri, cell_uris


async def test_diagnostics_are_mapped_to_their_cells(client: LanguageClient):
    _nb, cells = open_notebook(client, "train.ipynb")
    fit_diags = await diagnostics_for(client, cells[4], lambda ds: len(ds) == 1)
    # fit is only known to be a Keras fit through cells 2 and 3: the notebook is one program
    assert codes(fit_diags) == ["TFL201"]
    assert fit_diags[0].range.start == types.Position(line=1, character=len("history = "))
    lr_diags = client.diagnostics[cells[2]]
    assert codes(lr_diags) == ["TFL303"]
    assert lr_diags[0].range.start == types.Position(line=1, character=CELLS[2][2].splitlines()[1].index("lr"))
    assert list(client.diagnostics[cells[1]]) == []
    assert cells[0] not in client.diagnostics  # markdown cells get nothing


async def test_editing_a_cell_updates_the_notebook(client: LanguageClient):
    nb, cells = open_notebook(client, "edit.ipynb")
    await diagnostics_for(client, cells[4], lambda ds: len(ds) == 1)
    line = CELLS[4][2].splitlines()[1]
    start, end = types.Position(line=1, character=line.index("50")), types.Position(line=1, character=len(line) - 1)
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(uri=nb, version=2),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    text_content=[
                        types.NotebookDocumentCellContentChanges(
                            document=types.VersionedTextDocumentIdentifier(uri=cells[4], version=2),
                            changes=[types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text="5, validation_split=0.2")],
                        )
                    ]
                )
            ),
        )
    )
    assert list(await diagnostics_for(client, cells[4], lambda ds: len(ds) == 0)) == []
    assert codes(client.diagnostics[cells[2]]) == ["TFL303"]

    # deleting the cell with the optimizer clears its diagnostics
    client.notebook_document_did_change(
        types.DidChangeNotebookDocumentParams(
            notebook_document=types.VersionedNotebookDocumentIdentifier(uri=nb, version=3),
            change=types.NotebookDocumentChangeEvent(
                cells=types.NotebookDocumentCellChanges(
                    structure=types.NotebookDocumentCellChangeStructure(
                        array=types.NotebookCellArrayChange(start=2, delete_count=1, cells=[]),
                        did_close=[types.TextDocumentIdentifier(uri=cells[2])],
                    )
                )
            ),
        )
    )
    assert list(await diagnostics_for(client, cells[2], lambda ds: len(ds) == 0)) == []


async def test_quick_fix_edits_the_cell(client: LanguageClient):
    _nb, cells = open_notebook(client, "fix.ipynb")
    lr = (await diagnostics_for(client, cells[2], lambda ds: len(ds) == 1))[0]
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=cells[2]),
            range=lr.range,
            context=types.CodeActionContext(diagnostics=[lr]),
        )
    )
    fix = next(a for a in actions if a.is_preferred)
    assert [dc.text_document.uri for dc in fix.edit.document_changes] == [cells[2]]
    assert "Adam(learning_rate=0.01)" in apply_edits(CELLS[2][2], edits_for(fix.edit, cells[2]))
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=cells[4]), position=types.Position(line=1, character=12))
    )
    assert "TFL201" in hover.contents.value


async def test_close_clears_every_cell(client: LanguageClient):
    nb, cells = open_notebook(client, "close.ipynb")
    await diagnostics_for(client, cells[4], lambda ds: len(ds) == 1)
    client.notebook_document_did_close(
        types.DidCloseNotebookDocumentParams(
            notebook_document=types.NotebookDocumentIdentifier(uri=nb),
            cell_text_documents=[types.TextDocumentIdentifier(uri=u) for u in cells],
        )
    )
    await wait_until(client, lambda: not client.diagnostics[cells[4]] and not client.diagnostics[cells[2]])


LEAKY_CELLS = [
    (types.NotebookCellKind.Code, "python", "import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler"),
    (types.NotebookCellKind.Markup, "markdown", "Scale, then split:"),
    (types.NotebookCellKind.Code, "python", 'df = pd.read_csv("data.csv")\nX, y = df.drop(columns="label"), df["label"]\nX_scaled = StandardScaler().fit_transform(X)'),
    (types.NotebookCellKind.Markup, "markdown", "Later:"),
    (types.NotebookCellKind.Code, "python", "X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2)"),
]


async def test_leakage_across_cells_points_at_the_split_in_another_cell(client: LanguageClient):
    path = client.root / "leak.ipynb"
    cell_uris = [f"vscode-notebook-cell:{path}#c{i}" for i in range(len(LEAKY_CELLS))]
    client.notebook_document_did_open(
        types.DidOpenNotebookDocumentParams(
            notebook_document=types.NotebookDocument(
                uri=path.as_uri(), notebook_type="jupyter-notebook", version=1,
                cells=[types.NotebookCell(kind=k, document=u) for (k, _l, _t), u in zip(LEAKY_CELLS, cell_uris)],
            ),
            cell_text_documents=[
                types.TextDocumentItem(uri=u, language_id=lang, version=1, text=t) for (_k, lang, t), u in zip(LEAKY_CELLS, cell_uris)
            ],
        )
    )
    diags = await diagnostics_for(client, cell_uris[2], lambda ds: len(ds) == 1)
    leak = diags[0]
    assert leak.code == "TFL101"
    line = LEAKY_CELLS[2][2].splitlines()[2]
    assert leak.range.start == types.Position(line=2, character=line.index("StandardScaler"))
    related = leak.related_information[0]
    assert related.location.uri == cell_uris[4]  # the split, two cells later
    split_line = LEAKY_CELLS[4][2]
    assert related.location.range.start == types.Position(line=0, character=split_line.index("train_test_split"))
    assert "split off here" in related.message
