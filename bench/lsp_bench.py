"""Language server latency and memory: ``tflint lsp`` driven over stdio.

    .venv/bin/python bench/lsp_bench.py                  # 100/500/2,000/5,000 lines, 5,000 edits
    .venv/bin/python bench/lsp_bench.py --quick          # fewer samples and edits
    .venv/bin/python bench/lsp_bench.py --baseline ../main   # also another checkout's server, size by size

For each script size: open it, then make one-character edits (a constant in
the middle of the file) and time each ``didChange`` -> ``publishDiagnostics``
for that version. The server runs with ``--debounce-ms 0`` so the figures
exclude the debounce (which adds ``tflint.debounceMs``, 200 ms by default,
while the user is typing). For reference the engine alone is timed in this
process on the same script: with a whole parse (as the CLI lints a file),
and with the incremental parse the server uses for the same edits (only the
edited top-level statement is parsed again and walked for facts again, see
tflint/incremental.py and tflint/incremental_facts.py); the server's latency
minus the latter is what the server adds (snapshot, thread hop, conversion to
LSP, JSON-RPC).

``--baseline TREE`` starts a second server from another checkout of tflint
(``PYTHONPATH=TREE``, the same interpreter) and times it on the same scripts
with the same edits, size by size next to this one: before and after figures
from one run, under the same load.

Then resident memory (VmRSS of the server process) after a warm-up and again
after 5,000 edits of the 100-line script, each waited for.

Targets: p95 <= 50 ms at 500 lines (issue 5) and at 2,000 lines, <= 100 ms at
5,000 lines (issue 20); growth <= 10 MB over 5,000 edits (``--memory-lines``
sets the script they edit: 100 lines by default).
Results also go to ``bench/out/lsp_last.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def script(lines: int) -> str:
    """A realistic training script of about ``lines`` lines with two findings at the end."""
    head = [
        "import numpy as np",
        "import pandas as pd",
        "import tensorflow as tf",
        "from tensorflow import keras",
        "from tensorflow.keras import layers",
        "from tensorflow.keras.optimizers import Adam",
        "",
        "UNITS = 64",
        "",
    ]
    body: list[str] = []
    i = 0
    while len(head) + len(body) < lines - 12:
        body += [
            f"def block_{i}(x, units=UNITS):",
            f'    """Residual block {i}."""',
            f"    y = layers.Dense(units, activation='relu', name='dense_{i}')(x)",
            f"    y = layers.Dropout(0.{i % 9 + 1})(y)",
            f"    scale = np.sqrt({i + 1}) * 0.5",
            "    return layers.Add()([x, y * scale])",
            "",
        ]
        i += 1
    tail = [
        "",
        "frame = pd.read_csv('train.csv')",
        "x = frame.drop(columns=['label']).to_numpy()",
        "y = frame['label'].to_numpy()",
        "inputs = keras.Input(shape=(UNITS,))",
        "outputs = layers.Dense(1, activation='sigmoid')(block_0(inputs))",
        "model = keras.Model(inputs, outputs)",
        "model.compile(optimizer=Adam(lr=0.001), loss='binary_crossentropy')",
        "model.fit(x, y, epochs=5, batch_size=32)",
        "",
    ]
    return "\n".join(head + body + tail)


class Server:
    """``tflint lsp`` over pipes; a reader thread timestamps every message as it arrives."""

    def __init__(self, cmd: list[str], env: dict | None = None, cwd: Path = ROOT):
        self.proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=cwd, env=env
        )
        self.cond = threading.Condition()
        self.published: dict[tuple[str, int], float] = {}
        self.responses: dict[object, dict] = {}
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while True:
                line = out.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line in (b"\r\n", b"\n"):
                    break
            message = json.loads(out.read(length))
            now = time.perf_counter()
            with self.cond:
                if message.get("method") == "textDocument/publishDiagnostics":
                    params = message["params"]
                    self.published[(params["uri"], params.get("version"))] = now
                elif "id" in message and "method" not in message:
                    self.responses[message["id"]] = message
                elif "id" in message:  # a request from the server: answer it
                    self.send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                self.cond.notify_all()

    def send(self, message: dict) -> float:
        body = json.dumps(message).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()
        return time.perf_counter()

    def request(self, method: str, params) -> dict:
        self.next_id += 1
        msg_id = self.next_id
        self.send({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
        with self.cond:
            self.cond.wait_for(lambda: msg_id in self.responses, timeout=120)
            return self.responses.pop(msg_id)

    def notify(self, method: str, params) -> float:
        return self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_published(self, uri: str, version: int, timeout: float = 120.0) -> float:
        with self.cond:
            if not self.cond.wait_for(lambda: (uri, version) in self.published, timeout=timeout):
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            return self.published.pop((uri, version))

    def rss_mb(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def edit_position(text: str) -> tuple[int, int]:
    """Where the one-character edits go: the digit of a constant in the middle of the file."""
    lines = text.split("\n")
    middle = len(lines) // 2
    for n in range(middle, len(lines)):
        if "np.sqrt(" in lines[n]:
            return n, lines[n].index("np.sqrt(") + len("np.sqrt(")
    return 7, len("UNITS = 6")


def measure(server: Server, uri: str, text: str, edits: int, first_version: int = 2) -> list[float]:
    line, col = edit_position(text)
    latencies = []
    version = first_version
    for k in range(edits):
        digit = str(k % 9 + 1)
        sent = server.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [
                    {"range": {"start": {"line": line, "character": col}, "end": {"line": line, "character": col + 1}}, "text": digit}
                ],
            },
        )
        got = server.wait_published(uri, version)
        latencies.append((got - sent) * 1000)
        version += 1
    return latencies


def open_doc(server: Server, uri: str, text: str) -> None:
    server.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
    server.wait_published(uri, 1)


def engine_ms(text: str, repeats: int) -> tuple[float, float]:
    """Median ms of the engine in this process: a whole parse, and the incremental parse the server uses.

    The incremental figure makes the same one-character edits as ``measure``,
    so the server's latency minus it is what the server itself adds.
    """
    sys.path.insert(0, str(ROOT))
    from tflint.api import lint_text
    from tflint.incremental import IncrementalParser

    lint_text(text, "bench.py")
    whole = []
    for _ in range(repeats):
        start = time.perf_counter()
        lint_text(text, "bench.py")
        whole.append((time.perf_counter() - start) * 1000)
    parser = IncrementalParser()
    lint_text(text, "bench.py", parser=parser)
    line, col = edit_position(text)
    lines = text.split("\n")
    incremental = []
    for k in range(repeats * 3):
        lines[line] = lines[line][:col] + str(k % 9 + 1) + lines[line][col + 1 :]
        edited = "\n".join(lines)
        start = time.perf_counter()
        lint_text(edited, "bench.py", parser=parser)
        incremental.append((time.perf_counter() - start) * 1000)
    return statistics.median(whole), statistics.median(incremental)


#: the server with all garbage-collector tuning undone: the engine's pause during a lint and
#: the server's gc.freeze() at start (baseline for --compare-gc)
UNTUNED = (
    "import gc, sys; gc.disable = lambda: None; gc.freeze = lambda: None; "
    "from tflint.lsp.server import main; sys.exit(main(sys.argv[1:]))"
)


def initialize(server: Server) -> None:
    init = server.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": ROOT.as_uri(), "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}}}},
    )
    assert "result" in init, init
    server.notify("initialized", {})


def _env_for(tree: Path) -> dict:
    """The environment of a server that runs the tflint of ``tree`` (``python -m`` drops the working
    directory from sys.path, so without this the installed tflint would answer)."""
    paths = [str(tree), *[p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


#: p95 targets in ms by script size (issues 5 and 20)
P95_TARGETS = {500: 50.0, 2000: 50.0, 5000: 100.0}


def latency_table(servers: list[tuple[str, "Server"]], sizes: list[int], args, title: str, close: bool = False) -> dict:
    """p50/p95/max per size for each server; with several, each size is timed on each in turn (same load)."""
    rows: dict = {label: {} for label, _ in servers}
    try:
        for _, server in servers:
            initialize(server)
        print(f"\n{title}")
        print(f"{'server':<10} {'lines':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'target':>7} "
              f"{'engine: whole':>14} {'incremental':>12} {'samples':>8}")
        for size in sizes:
            text = script(size)
            uri = (ROOT / "bench" / f"lsp_bench_{size}.py").as_uri()
            samples = args.samples or (20 if args.quick else (40 if size >= 2000 else 100))
            whole = incremental = None
            if not args.no_engine:
                whole, incremental = engine_ms(text, 5 if size >= 2000 else 10)
            for label, server in servers:
                open_doc(server, uri, text)
                measure(server, uri, text, 3)  # warm-up
                lat = measure(server, uri, text, samples, first_version=5)
                server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
                target = P95_TARGETS.get(size)
                row = {
                    "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95), "max_ms": max(lat),
                    "target_p95_ms": target, "samples": samples,
                }
                if label == "this":
                    row.update(engine_whole_ms=whole, engine_incremental_ms=incremental)
                rows[label][size] = row
                verdict = "" if target is None else ("ok" if row["p95_ms"] <= target else "MISSED")
                engine = f"{whole:>14.1f} {incremental:>12.1f}" if label == "this" and whole is not None else f"{'':>14} {'':>12}"
                print(f"{label:<10} {size:>6} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['max_ms']:>8.1f} "
                      f"{verdict:>7} {engine} {samples:>8}", flush=True)
    finally:
        if close:
            for _, server in servers:
                server.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="fewer samples (20 per size) and 500 edits for memory")
    p.add_argument("--sizes", default="100,500,2000,5000", help="script sizes in lines (default: 100,500,2000,5000)")
    p.add_argument("--samples", type=int, help="edits timed per size (default: 100; 40 from 2,000 lines)")
    p.add_argument("--edits", type=int, help="edits for the memory figure (default: 5,000)")
    p.add_argument("--memory-lines", type=int, default=100, help="size of the script edited for the memory figure")
    p.add_argument("--baseline", metavar="TREE", help="also time the server of another tflint checkout (before/after)")
    p.add_argument("--no-engine", action="store_true", help="skip the in-process engine columns")
    p.add_argument("--python", default=sys.executable, help="interpreter that runs the server")
    p.add_argument(
        "--compare-gc", action="store_true",
        help="also time a server whose garbage-collector tuning is switched off (same run, for comparison)",
    )
    args = p.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    edits = args.edits or (500 if args.quick else 5000)
    cmd = [args.python, "-m", "tflint", "lsp", "--debounce-ms", "0"]
    results: dict = {"python": args.python, "cpus": os.cpu_count(), "sizes": {}}
    print(f"tflint lsp over stdio, --debounce-ms 0 (figures exclude the debounce); {os.cpu_count()} CPUs")
    if args.compare_gc:
        untuned = [args.python, "-c", UNTUNED, "--debounce-ms", "0"]
        results["untuned_gc"] = latency_table([("untuned", Server(untuned))], sizes, args, "server without the gc tuning", close=True)["untuned"]
    server = Server(cmd, env=_env_for(ROOT))
    servers = [("this", server)]
    if args.baseline:
        tree = os.path.abspath(args.baseline)
        # started in its own folder: ``python -m tflint`` finds the package in the working directory first
        servers.insert(0, ("baseline", Server(cmd, env=_env_for(Path(tree)), cwd=Path(tree))))
        results["baseline"] = tree
    try:
        rows = latency_table(servers, sizes, args, "servers" if args.baseline else "server as shipped")
        results["sizes"] = rows["this"]
        if args.baseline:
            results["baseline_sizes"] = rows["baseline"]
            servers[0][1].close()
        text = script(args.memory_lines)
        uri = (ROOT / "bench" / "lsp_bench_memory.py").as_uri()  # (a memory figure of the shipped server only)
        open_doc(server, uri, text)
        measure(server, uri, text, 200)  # warm-up: caches, allocator arenas
        before = server.rss_mb()
        start = time.perf_counter()
        measure(server, uri, text, edits, first_version=202)
        after = server.rss_mb()
        seconds = time.perf_counter() - start
        results["memory"] = {"edits": edits, "rss_before_mb": before, "rss_after_mb": after, "growth_mb": after - before, "seconds": seconds}
        print(f"memory: {before:.1f} MB after warm-up, {after:.1f} MB after {edits:,} more edits "
              f"(growth {after - before:+.1f} MB; {seconds:.0f} s)")
        met = [f"p95 at {size:,} lines {results['sizes'][size]['p95_ms']:.1f} ms (<= {target:.0f}: "
               f"{'met' if results['sizes'][size]['p95_ms'] <= target else 'NOT met'})"
               for size, target in P95_TARGETS.items() if size in results["sizes"]]
        print(f"targets (server as shipped): {'; '.join(met)}; growth {after - before:+.1f} MB over {edits:,} edits of "
              f"{args.memory_lines} lines (<= 10: {'met' if after - before <= 10 else 'NOT met'})")
    finally:
        server.close()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / "lsp_last.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
