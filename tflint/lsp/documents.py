"""Open documents and notebooks as immutable snapshots, and linting one.

A *target* is what the engine lints as one program: a Python text document,
or a whole notebook (its code cells in order, so a scaler fitted in cell 3
and a split in cell 5 are seen together). A snapshot freezes a target's text
and version on the event loop thread, so linting it in a worker thread never
races the next edit; results are tagged with the version they were computed
for and the server drops them once a newer version exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

from lsprotocol import types
from pygls.uris import to_fs_path
from pygls.workspace import Workspace

from tflint import api
from tflint.config import Config
from tflint.diagnostics import Diagnostic
from tflint.api import LintResult, tool_diagnostic
from tflint.incremental import IncrementalParser
from tflint.lsp import convert
from tflint.lsp.convert import Lines

PYTHON_LANGUAGES = frozenset({"python", "ipython"})
PYTHON_SUFFIXES = (".py", ".pyi", ".pyw")


@dataclass(frozen=True)
class CellSnapshot:
    number: int  # 1-based index among all cells of the notebook (markdown cells count)
    uri: str
    text: str
    version: int


@dataclass(frozen=True)
class Snapshot:
    key: str  # the text document's uri, or the notebook's
    version: int
    path: str | None  # on disk; None for untitled buffers
    text: str = ""
    cells: tuple[CellSnapshot, ...] = ()
    notebook: bool = False

    @property
    def name(self) -> str:
        return self.path or self.key

    @property
    def size(self) -> int:
        return sum(len(c.text) for c in self.cells) if self.notebook else len(self.text)

    def uris(self) -> list[str]:
        return [c.uri for c in self.cells] if self.notebook else [self.key]

    def cell(self, uri: str) -> CellSnapshot | None:
        return next((c for c in self.cells if c.uri == uri), None)

    def text_of(self, uri: str) -> str:
        if not self.notebook:
            return self.text
        cell = self.cell(uri)
        return cell.text if cell else ""

    def version_of(self, uri: str) -> int:
        if not self.notebook:
            return self.version
        cell = self.cell(uri)
        return cell.version if cell else self.version


def uri_path(uri: str) -> str | None:
    if not uri.startswith("file:"):
        return None
    try:
        return to_fs_path(uri)
    except Exception:  # a malformed uri is not a path
        return None


def is_python(doc) -> bool:
    language = (doc.language_id or "").lower()
    if language:
        return language in PYTHON_LANGUAGES
    return unquote(doc.uri).lower().endswith(PYTHON_SUFFIXES)


class Documents:
    """Which open documents are lint targets, and their snapshots."""

    def __init__(self, workspace: Workspace):
        self.workspace = workspace

    def target_of(self, uri: str) -> str | None:
        """The target (text document or notebook uri) a document belongs to; None if not linted."""
        nb = self.workspace.get_notebook_document(cell_uri=uri)
        if nb is not None:
            return nb.uri
        if self.workspace.get_notebook_document(notebook_uri=uri) is not None:
            return uri
        doc = self.workspace.text_documents.get(unquote(uri))
        if doc is None or not is_python(doc):
            return None
        return uri

    def is_open(self, key: str) -> bool:
        return (
            self.workspace.get_notebook_document(notebook_uri=key) is not None
            or unquote(key) in self.workspace.text_documents
        )

    def version(self, key: str) -> int | None:
        nb = self.workspace.get_notebook_document(notebook_uri=key)
        if nb is not None:
            return nb.version
        doc = self.workspace.text_documents.get(unquote(key))
        return None if doc is None else (doc.version or 0)

    def targets(self) -> list[str]:
        keys = [nb.uri for nb in self.workspace.notebook_documents.values()]
        for uri, doc in self.workspace.text_documents.items():
            if self.workspace.get_notebook_document(cell_uri=uri) is None and is_python(doc):
                keys.append(doc.uri)
        return keys

    def snapshot(self, key: str) -> Snapshot | None:
        nb = self.workspace.get_notebook_document(notebook_uri=key)
        if nb is not None:
            return self._notebook_snapshot(nb)
        doc = self.workspace.text_documents.get(unquote(key))
        if doc is None:
            return None
        return Snapshot(key=doc.uri, version=doc.version or 0, path=uri_path(doc.uri), text=doc.source)

    def _notebook_snapshot(self, nb: types.NotebookDocument) -> Snapshot:
        cells = []
        for number, cell in enumerate(nb.cells, start=1):
            if cell.kind != types.NotebookCellKind.Code:
                continue
            doc = self.workspace.text_documents.get(unquote(cell.document))
            if doc is None or not is_python(doc):
                continue
            cells.append(CellSnapshot(number, doc.uri, doc.source, doc.version or 0))
        return Snapshot(key=nb.uri, version=nb.version, path=uri_path(nb.uri), cells=tuple(cells), notebook=True)


@dataclass
class Outcome:
    """A lint result for one snapshot, with its diagnostics already in LSP form."""

    snapshot: Snapshot
    generation: int  # settings/config generation it was computed under
    config: Config
    result: LintResult
    lines: dict[str, Lines] = field(default_factory=dict)
    by_uri: dict[str, list[tuple[Diagnostic, types.Diagnostic]]] = field(default_factory=dict)

    @property
    def version(self) -> int:
        return self.snapshot.version

    def locate(self, cell: int | None):
        snap = self.snapshot
        if not snap.notebook:
            return snap.key, self.lines[snap.key]
        if cell is None:
            if not snap.cells:
                return None
            first = snap.cells[0]
            return first.uri, self.lines[first.uri]
        for c in snap.cells:
            if c.number == cell:
                return c.uri, self.lines[c.uri]
        return None

    def lsp_diagnostics(self, uri: str) -> list[types.Diagnostic]:
        return [lsp for _d, lsp in self.by_uri.get(uri, [])]

    def crashes(self) -> list[Diagnostic]:
        return [d for d in self.result.diagnostics if d.code == "TFL002"]


def lint(snapshot: Snapshot, config: Config, parser: IncrementalParser | None = None) -> LintResult:
    """Run the engine on a snapshot (any thread; never raises for bad input)."""
    name = snapshot.name
    if snapshot.notebook:
        return api.lint_cells([(c.number, c.text) for c in snapshot.cells], name, config, parser=parser)
    if "\x00" in snapshot.text:
        return LintResult(name, [tool_diagnostic("TFL004", name, "binary content (NUL bytes): not Python source")])
    return api.lint_text(snapshot.text, name, config, parser=parser)


def outcome(
    snapshot: Snapshot,
    config: Config,
    generation: int,
    codec,
    result: LintResult | None = None,
    parser: IncrementalParser | None = None,
) -> Outcome:
    """Lint (unless ``result`` is given) and convert every diagnostic to LSP."""
    if result is None:
        result = lint(snapshot, config, parser)
    out = Outcome(snapshot, generation, config, result)
    for uri in snapshot.uris():
        out.lines[uri] = Lines(snapshot.text_of(uri), codec)
        out.by_uri[uri] = []
    for d in result.diagnostics:
        where = out.locate(d.cell)
        if where is None:
            continue
        uri, lines = where
        out.by_uri[uri].append((d, convert.diagnostic(d, lines, out.locate)))
    if not snapshot.notebook:  # the latest training run's findings, at its fit line (tflint.keras.Monitor)
        from tflint.lsp.runs import run_diagnostics

        for d in run_diagnostics(snapshot.path, snapshot.text, config):
            out.by_uri[snapshot.key].append((d, convert.diagnostic(d, out.lines[snapshot.key], out.locate)))
    return out
