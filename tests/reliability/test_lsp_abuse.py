"""The language server under abuse (what tests/lsp/test_robustness.py does not cover):
wrong parameter types, 1,000 rapid edits, many documents at once; it stays up,
answers, publishes for the latest version and its memory stays bounded."""

from __future__ import annotations

import pytest

lsp_robustness = pytest.importorskip("tests.lsp.test_robustness")
RawServer, INIT = lsp_robustness.RawServer, lsp_robustness.INIT

BAD = "import tensorflow as tf\nopt = tf.keras.optimizers.Adam(lr=0.1)\n"
GOOD = "import tensorflow as tf\nopt = tf.keras.optimizers.Adam(learning_rate=0.001)\n"


def _start() -> RawServer:
    server = RawServer()
    server.send(INIT)
    server.response(1)
    server.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    return server


def _rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def _published(server, uri, version, predicate=lambda diags: True, timeout=60.0):
    return server.wait_for(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri and m["params"].get("version") == version and predicate(m["params"]["diagnostics"]),
        timeout,
    )


def _open(server, uri, text, version=1):
    server.send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": uri, "languageId": "python", "version": version, "text": text}}})


def test_wrong_parameter_types_do_not_take_the_server_down():
    server = _start()
    try:
        junk = [
            {"method": "textDocument/didOpen", "params": {"textDocument": {"uri": 5, "languageId": [], "version": "x", "text": 7}}},
            {"method": "textDocument/didOpen", "params": None},
            {"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///nope.py", "version": 2}, "contentChanges": "abc"}},
            {"method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///w/a.py", "version": None},
                                                            "contentChanges": [{"range": {"start": {"line": -5, "character": "a"}}, "text": 1}]}},
            {"method": "textDocument/didClose", "params": {"textDocument": {"uri": None}}},
            {"method": "workspace/didChangeConfiguration", "params": {"settings": {"tflint": {"select": 5, "ignore": {"a": 1}}}}},
        ]
        for message in junk:
            server.send({"jsonrpc": "2.0", **message})
        requests = [
            ("textDocument/hover", {"textDocument": {"uri": "file:///w/a.py"}, "position": {"line": "one", "character": None}}),
            ("textDocument/codeAction", {"textDocument": {"uri": 3}, "range": [], "context": None}),
            ("workspace/executeCommand", {"command": "tflint.showRule", "arguments": [None, 5, {}]}),
            ("textDocument/diagnostic", {"textDocument": {"uri": ["x"]}}),
        ]
        for i, (method, params) in enumerate(requests, start=100):
            server.send({"jsonrpc": "2.0", "id": i, "method": method, "params": params})
            server.response(i)  # an answer (result or error), not silence
        _open(server, "file:///w/after.py", BAD)  # and it still works
        _published(server, "file:///w/after.py", 1, lambda d: any(x.get("code") == "TFL303" for x in d))
        assert server.close() == 0
    finally:
        if server.proc.poll() is None:
            server.proc.kill()


def test_thousand_rapid_edits_end_with_the_latest_version():
    server = _start()
    uri = "file:///w/rapid.py"
    try:
        _open(server, uri, GOOD)
        for version in range(2, 1002):
            text = BAD if version == 1001 else GOOD + f"# edit {version}\n"
            server.send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}})
        _published(server, uri, 1001, lambda d: any(x.get("code") == "TFL303" for x in d), timeout=120)
        publications = [m for m in server.messages if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]
        assert len(publications) < 100, f"{len(publications)} publications for 1,000 edits: no debounce"
        assert server.close() == 0
    finally:
        if server.proc.poll() is None:
            server.proc.kill()


def test_many_documents_at_once_and_memory_stays_bounded():
    server = _start()
    try:
        for round_ in range(3):
            for i in range(200):
                _open(server, f"file:///w/doc{i}.py", BAD + f"# round {round_}\n" * 50, version=round_ + 1)
            _published(server, "file:///w/doc199.py", round_ + 1, timeout=180)
            for i in range(200):
                server.send({"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": f"file:///w/doc{i}.py"}}})
            if round_ == 0:
                baseline = _rss_kib(server.proc.pid)
        grown = _rss_kib(server.proc.pid) - baseline
        assert grown < 150 * 1024, f"RSS grew by {grown} KiB over two more rounds of 200 documents"
        server.send({"jsonrpc": "2.0", "id": 7, "method": "workspace/executeCommand", "params": {"command": "tflint.showRule", "arguments": ["TFL303"]}})
        assert "result" in server.response(7)
        assert server.close() == 0
    finally:
        if server.proc.poll() is None:
            server.proc.kill()
