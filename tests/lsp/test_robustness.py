"""The server stays up: crashing checks, malformed JSON-RPC, unknown methods and documents,
closing while linting, huge and binary files, TCP."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.lsp.conftest import HERE, LEAKY, SERVER, codes, diagnostics_for, initialize, open_doc, record

@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, str(HERE / "crashing_server.py"), "--debounce-ms", "20"]))
async def crashing(lsp_client: LanguageClient):
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_crashing_check_is_logged_and_the_others_still_report(crashing: LanguageClient, workspace):
    await initialize(crashing, workspace)
    uri = (workspace / "train.py").as_uri()
    open_doc(crashing, uri, LEAKY)
    diags = await diagnostics_for(crashing, uri, lambda ds: "TFL002" in codes(ds))
    assert codes(diags) == ["TFL002", "TFL201", "TFL303"]
    errors = [m.message for m in crashing.log_messages if m.type == types.MessageType.Error]
    assert any("exploding_check" in m and "boom from a broken check" in m for m in errors)
    # still serving
    hover = await crashing.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=5, character=2))
    )
    assert "TFL201" in hover.contents.value


@pytest.mark.asyncio
async def test_requests_for_unknown_documents(client: LanguageClient, workspace):
    await initialize(client, workspace)
    ghost = types.TextDocumentIdentifier(uri=(workspace / "never_opened.py").as_uri())
    assert await client.text_document_hover_async(types.HoverParams(text_document=ghost, position=types.Position(line=0, character=0))) is None
    rng = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=0, character=0))
    assert not await client.text_document_code_action_async(
        types.CodeActionParams(text_document=ghost, range=rng, context=types.CodeActionContext(diagnostics=[]))
    )
    report = await client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=ghost))
    assert list(report.items) == []
    # notifications about documents the server never saw
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=ghost.uri, version=3),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text="x = 1\n")],
        )
    )
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=ghost))
    uri = (workspace / "real.py").as_uri()
    open_doc(client, uri, LEAKY)
    assert codes(await diagnostics_for(client, uri, lambda ds: len(ds) == 2)) == ["TFL201", "TFL303"]


@pytest.mark.asyncio
async def test_close_while_a_lint_is_running(client: LanguageClient, workspace):
    await initialize(client, workspace)
    rec = record(client)
    uri = (workspace / "big.py").as_uri()
    body = "".join(f"def f{i}(x):\n    return x * {i}\n\n" for i in range(1500))
    open_doc(client, uri, LEAKY + body)
    await asyncio.sleep(0.05)  # the lint has started in the worker thread
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    small = (workspace / "small.py").as_uri()
    open_doc(client, small, LEAKY)
    await diagnostics_for(client, small, lambda ds: len(ds) == 2)  # queued behind the big one
    await asyncio.sleep(0.3)
    for_big = [ds for key, ds in rec.history if key == uri]
    assert all(ds == [] for ds in for_big)  # nothing published for the closed document


@pytest.mark.asyncio
async def test_huge_and_binary_documents(client: LanguageClient, workspace):
    await initialize(client, workspace)
    huge = (workspace / "huge.py").as_uri()
    text = LEAKY + "# padding\n" * 110_000  # about 1.1 MB
    started = time.monotonic()
    open_doc(client, huge, text)
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(command="tflint.showRule", arguments=["TFL201"]))
    assert result["code"] == "TFL201"
    assert list(await diagnostics_for(client, huge)) == []
    assert time.monotonic() - started < 10
    assert any("maxFileSize" in m.message for m in client.log_messages)
    binary = (workspace / "model.h5").as_uri()
    open_doc(client, binary, "\x89HDF\r\n\x1a\n\x00\x00" + "\x00\xff" * 5000, language="python")
    assert codes(await diagnostics_for(client, binary)) == ["TFL004"]


# -- raw JSON-RPC over stdio ---------------------------------------------------


class RawServer:
    """The server process driven byte by byte (for messages no client library would send)."""

    def __init__(self, *args: str):
        self.proc = subprocess.Popen([*SERVER, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: list[dict] = []
        self._cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line in (b"\r\n", b"\n"):
                    break
            body = out.read(length)
            with self._cond:
                self.messages.append(json.loads(body))
                self._cond.notify_all()

    def send_bytes(self, body: bytes) -> None:
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def send(self, message: dict) -> None:
        self.send_bytes(json.dumps(message).encode())

    def wait_for(self, predicate, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for message in self.messages:
                    if predicate(message):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such message; got {self.messages}")
                self._cond.wait(left)

    def response(self, msg_id, timeout: float = 30.0) -> dict:
        return self.wait_for(lambda m: m.get("id") == msg_id and ("result" in m or "error" in m), timeout)

    def close(self) -> int:
        self.send({"jsonrpc": "2.0", "id": "bye", "method": "shutdown"})
        self.response("bye")
        self.send({"jsonrpc": "2.0", "method": "exit"})
        try:
            return self.proc.wait(timeout=15)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


INIT = {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}}


def test_malformed_json_rpc_is_answered_and_the_server_stays_up():
    server = RawServer()
    try:
        server.send(INIT)
        assert "capabilities" in server.response(1)["result"]
        server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

        server.send_bytes(b'{"jsonrpc": "2.0", "id": 2, "method": ')  # truncated JSON
        parse_error = server.wait_for(lambda m: m.get("error", {}).get("code") == -32700)
        assert parse_error["id"] is None

        server.send_bytes(b"[1, 2, 3]")  # JSON, but not a message
        assert server.wait_for(lambda m: m.get("error", {}).get("code") == -32600)["id"] is None

        server.send({"jsonrpc": "2.0", "id": 3, "method": "textDocument/hover", "params": {"textDocument": {}}})
        assert server.response(3)["error"]["code"] == -32602  # invalid params

        server.send({"jsonrpc": "2.0", "id": 4, "method": "tflint/noSuchMethod", "params": {}})
        assert server.response(4)["error"]["code"] == -32601  # method not found

        server.send({"jsonrpc": "2.0", "method": "$/noSuchNotification", "params": {}})  # ignored, as the spec says
        server.send_bytes(b"\xff\xfe not utf-8")
        server.wait_for(lambda m: m.get("error", {}).get("code") == -32700 and m is not parse_error)

        server.send({"jsonrpc": "2.0", "id": 5, "method": "workspace/executeCommand", "params": {"command": "tflint.showRule", "arguments": ["TFL303"]}})
        assert server.response(5)["result"]["name"] == "removed-lr-argument"
        assert server.close() == 0
    finally:
        if server.proc.poll() is None:
            server.proc.kill()


def test_tcp_transport():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([*SERVER, "--tcp", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        with sock:
            body = json.dumps(INIT).encode()
            sock.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            data = b""
            while b"\r\n\r\n" not in data:
                data += sock.recv(65536)
            head, _, rest = data.partition(b"\r\n\r\n")
            length = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
            while len(rest) < length:
                rest += sock.recv(65536)
            reply = json.loads(rest[:length])
            assert reply["id"] == 1 and "capabilities" in reply["result"]
    finally:
        proc.kill()
        proc.wait(timeout=10)


def test_bad_command_line():
    result = subprocess.run([*SERVER, "--tcp", "nonsense"], capture_output=True, text=True, timeout=60, env={**os.environ})
    assert result.returncode == 2
    assert "HOST:PORT" in result.stderr


def test_publications_never_go_back_to_an_older_version():
    """No debounce at all: lints of intermediate versions overlap the edits and must be dropped."""
    server = RawServer("--debounce-ms", "0")
    try:
        server.send(INIT)
        server.response(1)
        server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        uri = "file:///tmp/tflint-ordering/train.py"
        server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": LEAKY}}})
        clean = LEAKY.replace("epochs=50)", "epochs=50, validation_split=0.1)")
        for version in range(2, 41):
            text = clean if version % 2 else LEAKY
            server.send(
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didChange",
                    "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]},
                }
            )
            time.sleep(0.01)
        last = server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == 40)
        time.sleep(0.5)
        versions = [m["params"]["version"] for m in server.messages if m.get("method") == "textDocument/publishDiagnostics"]
        assert versions == sorted(versions) and versions[-1] == 40
        assert len(versions) < 40  # stale results were dropped, not published late
        assert sorted(d["code"] for d in last["params"]["diagnostics"]) == ["TFL303"]  # no project: default rules
        assert server.close() == 0
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
