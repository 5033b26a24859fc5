"""The tflint language server: ``tflint lsp [--tcp HOST:PORT] [--debounce-ms N]``.

Linting runs in one worker thread so the event loop keeps answering while a
big file is analysed. Every result carries the version of the document it
was computed for; a result for an older version is dropped, never published
over a newer one. Diagnostics are pulled (``textDocument/diagnostic``) when
the client supports it and pushed otherwise, never both.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import logging
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams, JsonRpcInvalidRequest, JsonRpcParseError
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from tflint import __version__, rulebook
from tflint.config import Config, ConfigError, ConfigResolver
from tflint.api import LintResult
from tflint.incremental import IncrementalParser
from tflint.lsp import actions, hover
from tflint.lsp.debounce import Debouncer
from tflint.lsp.documents import Documents, Outcome, Snapshot, outcome, uri_path
from tflint.lsp.settings import CONFIG_FILES, ConfigFileWatch, Settings, SettingsStore, parse, section

DEFAULT_DEBOUNCE_MS = 200
#: Larger documents are not analysed (a libcst parse of 500,000 characters takes seconds).
DEFAULT_MAX_FILE_SIZE = 500_000
RUN_RECORD = ".tflint/last_run.json"  # written by tflint.keras.Monitor; shown by tflint.lsp.runs
SHOW_RULE_COMMAND = "tflint.showRule"
log = logging.getLogger("tflint.lsp")


class _BadMessage:
    """A message pygls could not turn into a request (bad params): answered with an error."""

    def __init__(self, msg_id: Any, method: str, error: JsonRpcException):
        self.id, self.method, self.error = msg_id, method, error


def _send_error(protocol: LanguageServerProtocol, msg_id: Any, error: JsonRpcException) -> None:
    """An error response; written by hand because pygls drops ``"id": null``, which JSON-RPC requires."""
    body: dict[str, Any] = {"code": error.code, "message": error.message}
    if error.data is not None:
        body["data"] = error.data
    protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "error": body})


class TflintProtocol(LanguageServerProtocol):
    """pygls' protocol, answering malformed messages as JSON-RPC says instead of dropping them."""

    def structure_message(self, data: dict[str, Any]):
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "id" in data and "method" in data:
                return _BadMessage(data["id"], str(data["method"]), exc)
            raise

    def handle_message(self, message):
        if isinstance(message, _BadMessage):
            _send_error(self, message.id, JsonRpcInvalidParams(f"invalid params for {message.method}"))
            return
        if not hasattr(message, "jsonrpc"):
            msg_id = message.get("id") if isinstance(message, dict) else None
            if not isinstance(msg_id, (int, str)):
                msg_id = None
            _send_error(self, msg_id, JsonRpcInvalidRequest("not a JSON-RPC 2.0 message"))
            return
        super().handle_message(message)

    @lsp_method(types.INITIALIZE)
    def lsp_initialize(self, params: types.InitializeParams):
        """pygls' initialize, offering pull diagnostics only to clients the server pulls from.

        The handler stays registered: a client that pulls anyway is still answered.
        """
        result = yield from super().lsp_initialize(params)
        if not getattr(self._server, "pull", True):
            result.capabilities.diagnostic_provider = None
        return result

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        # pygls keeps the future of every notification forever; forget it once done
        future = self._request_futures.get(msg_id)
        if future is not None:
            future.add_done_callback(lambda _f: self._request_futures.pop(msg_id, None))


class TflintServer(LanguageServer):
    def __init__(self, debounce_ms: int = DEFAULT_DEBOUNCE_MS, max_file_size: int = DEFAULT_MAX_FILE_SIZE):
        super().__init__(
            "tflint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
            notebook_document_sync=types.NotebookDocumentSyncOptions(
                notebook_selector=[
                    types.NotebookDocumentFilterWithCells(
                        notebook="*", cells=[types.NotebookCellLanguage(language="python")]
                    )
                ],
                save=True,
            ),
            protocol_cls=TflintProtocol,
        )
        self.default_debounce_ms = debounce_ms
        self.default_max_file_size = max_file_size
        self.too_large: set[str] = set()
        self.settings = SettingsStore()
        self.resolver = ConfigResolver()
        self.config_watch = ConfigFileWatch()
        self.generation = 0  # bumped whenever settings or config files change
        self.pull = False
        self.debouncer = Debouncer()
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tflint-lint")
        self.outcomes: dict[str, Outcome] = {}
        self.parsers: dict[str, IncrementalParser] = {}  # per open document; used by the one lint thread
        self.inflight: dict[str, tuple[int, int, asyncio.Future]] = {}
        self.saved: dict[str, asyncio.Future] = {}  # onSave + pull: the outcome of the last open/save
        self.published: dict[str, tuple[int, set[str]]] = {}  # key -> (version, uris with diagnostics)
        self.logged_crashes: dict[str, set[str]] = {}
        self.shown_config_errors: set[str] = set()
        self._docs: Documents | None = None
        self._tasks: set[asyncio.Task] = set()

    # -- plumbing ------------------------------------------------------------
    @property
    def docs(self) -> Documents:
        if self._docs is None or self._docs.workspace is not self.workspace:
            self._docs = Documents(self.workspace)
        return self._docs

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        try:
            self.window_log_message(types.LogMessageParams(type=kind, message=message))
        except Exception:  # no transport yet (or any more)
            log.warning("%s", message)

    def report_server_error(self, error: Exception, source) -> None:
        """Log instead of pop-ups; answer unparseable JSON with a Parse error (id null)."""
        if isinstance(error, (json.JSONDecodeError, UnicodeDecodeError)):
            _send_error(self.protocol, None, JsonRpcParseError(f"parse error: {error}"))
        name = getattr(source, "__name__", str(source))
        self.log(f"tflint server: {name}: {type(error).__name__}: {error}", types.MessageType.Error)

    def spawn(self, coro) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            self.log(
                "tflint server: internal error: " + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
                types.MessageType.Error,
            )

    def folder_path(self, uri: str) -> str | None:
        return uri_path(uri)

    def settings_for(self, key: str) -> Settings:
        return self.settings.for_path(uri_path(key))

    def debounce_s(self, settings: Settings) -> float:
        ms = settings.debounce_ms if settings.debounce_ms is not None else self.default_debounce_ms
        return ms / 1000.0

    def config_for(self, snap: Snapshot) -> Config:
        settings = self.settings.for_path(snap.path)
        path = snap.path or self.workspace.root_path
        base = self.resolver.default
        if path:
            try:
                base = self.resolver.for_path(path)
            except ConfigError as exc:
                message = str(exc)
                self.log(f"tflint: {message}; using the default configuration", types.MessageType.Error)
                if message not in self.shown_config_errors:
                    self.shown_config_errors.add(message)
                    self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"tflint: {message}"))
        return settings.apply(base)

    # -- linting -------------------------------------------------------------
    def _compute(self, snap: Snapshot, config: Config, generation: int, codec) -> Outcome | None:
        """Worker thread: lint one snapshot unless a newer version already exists."""
        if self.docs.version(snap.key) != snap.version:
            return None
        parser = self.parsers.setdefault(snap.key, IncrementalParser())
        out = outcome(snap, config, generation, codec, parser=parser)  # the engine pauses the cyclic GC meanwhile
        out.result.facts = None  # the tree is not needed any more: keep memory flat
        return out

    async def outcome_for(self, key: str) -> Outcome | None:
        """The outcome for the current version of ``key`` (shared, cached); None if it changed meanwhile."""
        snap = self.docs.snapshot(key)
        if snap is None:
            return None
        if self.config_watch.changed(snap.path or self.workspace.root_path):
            self.log("tflint: a configuration file changed on disk; re-reading it")
            self.on_config_file_changed()
        generation = self.generation
        cached = self.outcomes.get(key)
        if cached is not None and cached.version == snap.version and cached.generation == generation:
            return cached
        running = self.inflight.get(key)
        if running is not None and running[0] == snap.version and running[1] == generation:
            return await asyncio.shield(running[2])
        return await self._lint_now(snap, generation)

    def _limit(self, snap: Snapshot) -> int:
        limit = self.settings.for_path(snap.path).max_file_size
        return self.default_max_file_size if limit is None else limit

    async def _lint_now(self, snap: Snapshot, generation: int) -> Outcome | None:
        key = snap.key
        config = self.config_for(snap)
        codec = self.workspace.position_codec
        limit = self._limit(snap)
        if limit and snap.size > limit:
            if key not in self.too_large:
                self.too_large.add(key)
                self.log(
                    f"tflint: {snap.name} has {snap.size:,} characters, more than tflint.maxFileSize ({limit:,}); "
                    "not analysed",
                    types.MessageType.Warning,
                )
            out = outcome(snap, config, generation, codec, LintResult(snap.name))
            self.outcomes[key] = out
            return out
        self.too_large.discard(key)
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.executor, self._compute, snap, config, generation, codec)
        self.inflight[key] = (snap.version, generation, future)
        try:
            out = await asyncio.shield(future)
        finally:
            if self.inflight.get(key, (0, 0, None))[2] is future:
                del self.inflight[key]
        if out is None:
            return None
        if self.docs.is_open(key):
            cached = self.outcomes.get(key)
            if cached is None or (cached.version, cached.generation) <= (out.version, out.generation):
                self.outcomes[key] = out
        self._log_crashes(key, out)
        return out

    def _log_crashes(self, key: str, out: Outcome) -> None:
        messages = {d.message for d in out.crashes()}
        new = messages - self.logged_crashes.get(key, set())
        self.logged_crashes[key] = messages
        for message in sorted(new):
            self.log(f"tflint: {out.snapshot.name}: {message}", types.MessageType.Error)

    # -- push ----------------------------------------------------------------
    def schedule(self, key: str, delay_s: float) -> None:
        self.debouncer.schedule(key, delay_s, lambda: self.spawn(self.refresh(key)))

    async def refresh(self, key: str) -> None:
        if not self.docs.is_open(key):
            return
        if not self.settings_for(key).enable:
            self.clear(key)
            return
        out = await self.outcome_for(key)
        if out is None or not self.docs.is_open(key) or self.docs.version(key) != out.version:
            return  # a newer version is on its way
        if out.generation != self.generation:
            return  # settings changed meanwhile: a fresh run is scheduled
        self.publish(out)

    def publish(self, out: Outcome) -> None:
        key = out.snapshot.key
        previous = self.published.get(key)
        if previous is not None and previous[0] > out.version:
            return
        uris = set(out.snapshot.uris())
        for uri in out.snapshot.uris():
            self.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(uri=uri, diagnostics=out.lsp_diagnostics(uri), version=out.snapshot.version_of(uri))
            )
        for uri in (previous[1] if previous else set()) - uris:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.published[key] = (out.version, uris)

    def clear(self, key: str, extra_uris: list[str] | None = None) -> None:
        previous = self.published.pop(key, None)
        uris = set(previous[1]) if previous else set()
        uris.update(extra_uris or [])
        if self.pull:
            return
        for uri in uris:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def relint_all(self) -> None:
        self.generation += 1
        self.outcomes.clear()
        if self.pull:
            if _capability(self.client_capabilities, "workspace", "diagnostics", "refresh_support"):
                self.spawn(self._refresh_pull())
            for key in self.docs.targets():
                if self.settings_for(key).run == "onSave":
                    self.saved.pop(key, None)
            return
        for key in self.docs.targets():
            self.schedule(key, 0)

    async def _refresh_pull(self) -> None:
        await self.workspace_diagnostic_refresh_async(None)

    # -- events --------------------------------------------------------------
    def on_open(self, key: str) -> None:
        self.logged_crashes.pop(key, None)
        if self.pull:
            if self.settings_for(key).run == "onSave":
                self.saved.pop(key, None)
            return
        self.schedule(key, 0)

    def on_change(self, key: str) -> None:
        settings = self.settings_for(key)
        if settings.run == "onSave":
            return
        if self.pull:
            self.debouncer.touch(key)
            return
        self.schedule(key, self.debounce_s(settings))

    def on_save(self, key: str) -> None:
        if self.pull:
            self.saved.pop(key, None)
            if _capability(self.client_capabilities, "workspace", "diagnostics", "refresh_support") and self.settings_for(key).run == "onSave":
                self.spawn(self._refresh_pull())
            return
        self.schedule(key, 0)

    def on_close(self, key: str, uris: list[str]) -> None:
        self.debouncer.forget(key)
        self.outcomes.pop(key, None)
        self.parsers.pop(key, None)
        self.saved.pop(key, None)
        self.logged_crashes.pop(key, None)
        self.too_large.discard(key)
        self.clear(key, uris)

    def on_config_file_changed(self) -> None:
        self.resolver = ConfigResolver()
        self.config_watch.forget()
        self.shown_config_errors.clear()
        self.relint_all()

    # -- settings ------------------------------------------------------------
    async def fetch_settings(self) -> None:
        """Ask the client for section ``tflint``: once globally and once per workspace folder."""
        if not _capability(self.client_capabilities, "workspace", "configuration"):
            return
        folders = [f for f in self.workspace.folders.values() if uri_path(f.uri)]
        items = [types.ConfigurationItem(section="tflint")]
        items += [types.ConfigurationItem(scope_uri=f.uri, section="tflint") for f in folders]
        try:
            values = await self.workspace_configuration_async(types.ConfigurationParams(items=items))
        except Exception as exc:
            self.log(f"tflint: could not read the client's settings: {exc}", types.MessageType.Warning)
            return
        if not isinstance(values, (list, tuple)) or not values:
            return
        warn = self._warn
        self.settings.global_settings = parse(section(_plain(values[0])), self.settings.global_settings, warn)
        for folder, value in zip(folders, values[1:]):
            path = uri_path(folder.uri)
            if path:
                folder_settings = parse(section(_plain(value)), self.settings.global_settings, warn)
                if folder_settings != self.settings.global_settings:
                    self.settings.folders[path] = folder_settings
                else:
                    self.settings.folders.pop(path, None)

    def _warn(self, message: str) -> None:
        self.log(f"tflint: {message}", types.MessageType.Warning)

    async def settings_changed(self, params: types.DidChangeConfigurationParams) -> None:
        if _capability(self.client_capabilities, "workspace", "configuration"):
            await self.fetch_settings()
        else:
            data = section(_plain(params.settings))
            if isinstance(data, dict):
                self.settings.global_settings = parse(data, Settings(), self._warn)
                self.settings.folders.clear()
        self.relint_all()


def _plain(value: Any) -> Any:
    """Settings as plain JSON data (pygls may hand over attrs objects or namespaces)."""
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (dict, str, int, float, bool)):
        return value
    if hasattr(value, "__dict__"):
        return {k: _plain(v) for k, v in vars(value).items()}
    return value


def _capability(caps: types.ClientCapabilities | None, *path: str) -> Any:
    value: Any = caps
    for name in path:
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def create_server(debounce_ms: int = DEFAULT_DEBOUNCE_MS, max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> TflintServer:
    ls = TflintServer(debounce_ms, max_file_size)

    @ls.feature(types.INITIALIZE)
    def initialize(ls: TflintServer, params: types.InitializeParams) -> None:
        can_pull = _capability(params.capabilities, "text_document", "diagnostic") is not None
        can_refresh = bool(_capability(params.capabilities, "workspace", "diagnostics", "refresh_support"))
        # A client that pulls but cannot be asked to pull again (Neovim 0.11 pulls only after
        # didOpen/didChange) would never see the findings of a save, a settings or a config change:
        # it gets them pushed, and pull is not offered.
        ls.pull = can_pull and can_refresh  # TflintProtocol.lsp_initialize then offers pull or not
        ls.settings.from_initialization_options(_plain(params.initialization_options), ls._warn, ls.folder_path)

    @ls.feature(types.INITIALIZED)
    def initialized(ls: TflintServer, params: types.InitializedParams) -> None:
        ls.spawn(_after_initialized(ls))

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: TflintServer, params: types.DidOpenTextDocumentParams) -> None:
        key = ls.docs.target_of(params.text_document.uri)
        if key is not None:
            ls.on_open(key)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: TflintServer, params: types.DidChangeTextDocumentParams) -> None:
        key = ls.docs.target_of(params.text_document.uri)
        if key is not None:
            ls.on_change(key)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: TflintServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if uri.endswith(CONFIG_FILES):
            ls.on_config_file_changed()
            return
        key = ls.docs.target_of(uri)
        if key is not None:
            ls.on_save(key)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: TflintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        if ls.workspace.get_notebook_document(cell_uri=uri) is None:
            ls.on_close(uri, [uri])

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_open(ls: TflintServer, params: types.DidOpenNotebookDocumentParams) -> None:
        ls.on_open(params.notebook_document.uri)

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_change(ls: TflintServer, params: types.DidChangeNotebookDocumentParams) -> None:
        ls.on_change(params.notebook_document.uri)

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def notebook_save(ls: TflintServer, params: types.DidSaveNotebookDocumentParams) -> None:
        ls.on_save(params.notebook_document.uri)

    @ls.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_close(ls: TflintServer, params: types.DidCloseNotebookDocumentParams) -> None:
        ls.on_close(params.notebook_document.uri, [c.uri for c in params.cell_text_documents])

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(ls: TflintServer, params: types.DidChangeWatchedFilesParams) -> None:
        if any(change.uri.endswith(CONFIG_FILES) for change in params.changes):
            ls.on_config_file_changed()
        elif any(change.uri.endswith(RUN_RECORD) for change in params.changes):
            ls.relint_all()  # a training run wrote new findings (tflint.keras.Monitor)

    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    def configuration_changed(ls: TflintServer, params: types.DidChangeConfigurationParams) -> None:
        ls.spawn(ls.settings_changed(params))

    @ls.feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def folders_changed(ls: TflintServer, params: types.DidChangeWorkspaceFoldersParams) -> None:
        for folder in params.event.removed:
            path = uri_path(folder.uri)
            if path:
                ls.settings.folders.pop(path, None)
        ls.spawn(_refetch(ls))

    @ls.feature(
        types.TEXT_DOCUMENT_DIAGNOSTIC,
        types.DiagnosticOptions(identifier="tflint", inter_file_dependencies=True, workspace_diagnostics=False),
    )
    async def pull_diagnostics(ls: TflintServer, params: types.DocumentDiagnosticParams):
        uri = params.text_document.uri
        key = ls.docs.target_of(uri)
        if key is None or not ls.settings_for(key).enable:
            return types.RelatedFullDocumentDiagnosticReport(items=[])
        settings = ls.settings_for(key)
        if settings.run == "onSave":
            out = await _saved_outcome(ls, key)
        else:
            wait = ls.debouncer.remaining(key, ls.debounce_s(settings))
            if wait > 0:
                await asyncio.sleep(wait)
            out = await ls.outcome_for(key)
            if out is not None and ls.docs.version(key) != out.version:
                out = None
        if out is None:
            if not ls.docs.is_open(key):
                return types.RelatedFullDocumentDiagnosticReport(items=[])
            raise JsonRpcException(
                code=int(types.LSPErrorCodes.ServerCancelled),
                message="the document changed while it was linted",
                data={"retriggerRequest": True},
            )
        result_id = f"{out.generation}:{out.version}:{out.snapshot.version_of(uri)}"
        if params.previous_result_id == result_id:
            return types.UnchangedDocumentDiagnosticReport(result_id=result_id)
        return types.RelatedFullDocumentDiagnosticReport(items=out.lsp_diagnostics(uri), result_id=result_id)

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=actions.KINDS, resolve_provider=False),
    )
    async def code_action(ls: TflintServer, params: types.CodeActionParams):
        uri = params.text_document.uri
        key = ls.docs.target_of(uri)
        if key is None or not ls.settings_for(key).enable:
            return None
        out = await ls.outcome_for(key)
        if out is None or uri not in out.lines:
            return None
        only = params.context.only
        # fix-all re-lints; compute it when asked for (a kind filter, or an explicit request),
        # not for every automatic lightbulb request on a cursor move
        want_fix_all = actions.wanted(only, actions.FIX_ALL_KIND) and (
            bool(only) or params.context.trigger_kind != types.CodeActionTriggerKind.Automatic
        )
        document_changes = bool(_capability(ls.client_capabilities, "workspace", "workspace_edit", "document_changes"))

        def build() -> list[types.CodeAction]:
            found = actions.actions_for_range(out, uri, params.range, only, document_changes)
            if want_fix_all:
                fix_all = actions.fix_all_action(out, document_changes)
                if fix_all is not None:
                    found.append(fix_all)
            return found

        return await asyncio.get_running_loop().run_in_executor(ls.executor, build) or None

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    async def on_hover(ls: TflintServer, params: types.HoverParams):
        uri = params.text_document.uri
        key = ls.docs.target_of(uri)
        if key is None or not ls.settings_for(key).enable:
            return None
        out = await ls.outcome_for(key)
        if out is None or uri not in out.lines:
            return None
        return hover.hover([d for d, _lsp in out.by_uri.get(uri, [])], out.lines[uri], params.position)

    @ls.command(SHOW_RULE_COMMAND)
    def show_rule(ls: TflintServer, *args):
        code = args[0] if args else None
        if isinstance(code, dict):
            code = code.get("code")
        if not isinstance(code, str):
            raise JsonRpcInvalidParams("tflint.showRule takes a rule code, e.g. [\"TFL201\"]")
        info = rulebook.get(code) or next((r for r in rulebook.all_rules().values() if r.name == code.lower()), None)
        if info is None:
            raise JsonRpcInvalidParams(f"unknown rule {code!r}")
        return {
            "code": info.code,
            "name": info.name,
            "severity": str(info.severity),
            "fix": info.fix,
            "summary": info.summary,
            "url": rulebook.docs_url(info.code),
            "markdown": info.page,
            "hover": hover.rule_markdown(info.code),
        }

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: TflintServer, params: None) -> None:
        ls.executor.shutdown(wait=False, cancel_futures=True)

    return ls


async def _after_initialized(ls: TflintServer) -> None:
    caps = ls.client_capabilities
    if _capability(caps, "workspace", "did_change_watched_files", "dynamic_registration"):
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in (*CONFIG_FILES, RUN_RECORD)]
        try:
            await ls.client_register_capability_async(
                types.RegistrationParams(
                    registrations=[
                        types.Registration(
                            id="tflint-config-files",
                            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                        )
                    ]
                )
            )
        except Exception as exc:
            ls.log(f"tflint: could not watch config files: {exc}", types.MessageType.Warning)
    before = (ls.settings.global_settings, dict(ls.settings.folders))
    await ls.fetch_settings()
    if (ls.settings.global_settings, ls.settings.folders) != before:
        ls.relint_all()
    mode = "pull" if ls.pull else "push"
    ls.log(f"tflint {__version__} language server ready ({mode} diagnostics)")


async def _refetch(ls: TflintServer) -> None:
    await ls.fetch_settings()
    ls.relint_all()


async def _saved_outcome(ls: TflintServer, key: str) -> Outcome | None:
    """onSave + pull: the outcome computed when the document was last opened or saved."""
    future = ls.saved.get(key)
    if future is None:
        future = asyncio.ensure_future(ls.outcome_for(key))
        ls.saved[key] = future
    out = await asyncio.shield(future)
    if out is None:
        ls.saved.pop(key, None)
    return out


def _address(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit():
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {value!r}")
    return host or "127.0.0.1", int(port)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tflint lsp", description="Run the tflint language server (stdio by default).")
    p.add_argument("--stdio", action="store_true", help="speak LSP over stdin/stdout (the default)")
    p.add_argument("--tcp", type=_address, metavar="HOST:PORT", help="listen on a TCP socket instead (for debugging)")
    p.add_argument(
        "--debounce-ms", type=int, default=DEFAULT_DEBOUNCE_MS, metavar="MS",
        help=f"wait this long after the last edit before linting (default: {DEFAULT_DEBOUNCE_MS}); "
        "the client setting tflint.debounceMs overrides it",
    )
    p.add_argument(
        "--max-file-size", type=int, default=DEFAULT_MAX_FILE_SIZE, metavar="CHARS",
        help=f"do not analyse larger documents (default: {DEFAULT_MAX_FILE_SIZE:,}; 0: no limit); "
        "the client setting tflint.maxFileSize overrides it",
    )
    p.add_argument("--log-file", type=Path, metavar="FILE", help="write the server's own debug log to FILE")
    args = p.parse_args(argv if argv is not None else sys.argv[1:])
    if args.debounce_ms < 0:
        p.error("--debounce-ms must be >= 0")
    if args.log_file:
        logging.basicConfig(filename=str(args.log_file), level=logging.DEBUG, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    server = create_server(args.debounce_ms, max(args.max_file_size, 0))
    # modules, rule pages, lsprotocol's converters: never garbage, so keep the collections
    # that still run between lints from scanning them again and again
    gc.collect()
    gc.freeze()
    if args.tcp:
        host, port = args.tcp
        server.start_tcp(host, port)
    else:
        server.start_io()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
