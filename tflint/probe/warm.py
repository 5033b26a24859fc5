"""A warm start: one process imports TensorFlow once and forks a child per probe.

Importing TensorFlow costs several seconds and dominates a probe; a caller
that probes many scripts (the test suite, an editor session) can start a
``Zygote`` and pass ``zygote.spawn`` to ``run_sandboxed``. The zygote only
imports modules: no TensorFlow op runs and no device is touched before the
fork, so each child starts from a clean runtime. Every child is put in its
own session, folder and environment exactly as the cold path does, and the
sandbox watches and kills it the same way.

The zygote side (``serve``) imports TensorFlow; this module does not at import.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

_ROOT = str(Path(__file__).resolve().parents[2])


class RemoteChild:
    """A child forked by the zygote: not ours to wait for, so it reports its status in a file."""

    def __init__(self, pid: int, status_path: str):
        self.pid = pid
        self.status_path = status_path
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                text = Path(self.status_path).read_text().strip()
            except OSError:
                text = ""
            if text:
                self.returncode = int(text)
            elif not os.path.exists(f"/proc/{self.pid}"):
                self.returncode = -1  # gone without a status (the zygote died)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        deadline = time.monotonic() + (timeout if timeout is not None else 1e9)
        while self.poll() is None:
            if time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("probe child", timeout)
            time.sleep(0.02)
        return self.returncode


class ZygoteGone(ConnectionError):
    """The zygote stopped answering; the sandbox then starts the script cold."""


class Zygote:
    def __init__(self, python: str | None = None, env: dict[str, str] | None = None, timeout: float = 180):
        parent, child = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        env = dict(env or os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH", "")) if p)
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        self.proc = subprocess.Popen(
            [python or sys.executable, "-c", f"from tflint.probe.warm import serve; serve({child.fileno()})"],
            pass_fds=(child.fileno(),),
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        child.close()
        self.sock = parent
        self.lock = threading.Lock()
        self.sock.settimeout(timeout)
        started = time.monotonic()
        try:
            ready = json.loads(self.sock.recv(1 << 16) or b"null")
            if not isinstance(ready, dict):
                raise OSError("the zygote could not import Keras (is TensorFlow installed for this Python?)")
        except BaseException:
            self.close()
            raise
        self.import_seconds = ready.get("import_seconds", time.monotonic() - started)
        self.sock.settimeout(30)

    def spawn(self, argv, cwd, env, out_path, err_path, write_fd) -> RemoteChild:
        status = out_path + ".status"
        request = {"argv": argv[3:], "cwd": cwd, "env": env, "out": out_path, "err": err_path, "status": status}
        with self.lock:
            try:
                socket.send_fds(self.sock, [json.dumps(request).encode()], [write_fd])
                reply = json.loads(self.sock.recv(1 << 16) or b"null")
            except OSError as exc:
                raise ZygoteGone(f"the warm start process is gone ({exc})") from exc
        if not isinstance(reply, dict):
            raise ZygoteGone("the warm start process closed its socket")
        if "error" in reply:
            raise OSError(f"warm start failed: {reply['error']}")
        return RemoteChild(reply["pid"], status)

    def close(self) -> None:
        try:
            self.sock.close()
        finally:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
                pass

    def __enter__(self) -> "Zygote":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ---------------------------------------------------------------- zygote side


def serve(fd: int) -> None:
    sock = socket.socket(fileno=fd)
    started = time.time()
    import keras  # the backend's framework (TensorFlow or JAX) comes with it
    import numpy  # noqa: F401

    if keras.backend.backend() == "tensorflow":
        import tensorflow  # noqa: F401

    from tflint.probe import bootstrap  # noqa: F401

    statuses: dict[int, str] = {}

    def reap(*_):
        """Record each child's exit code; never raise, or the request loop below would end.

        The sandbox may already have removed a killed child's folder when its
        SIGCHLD arrives here, so a status file that cannot be written is skipped.
        """
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            path = statuses.pop(pid, None)
            if path:
                try:
                    with open(path, "w") as fh:
                        fh.write(str(os.waitstatus_to_exitcode(status)))
                except (OSError, ValueError):
                    pass

    signal.signal(signal.SIGCHLD, reap)
    sock.send(json.dumps({"import_seconds": time.time() - started}).encode())
    while True:
        try:
            data, fds, _flags, _addr = socket.recv_fds(sock, 1 << 20, 1)
        except OSError:
            os._exit(0)
        if not data:
            os._exit(0)
        try:
            request = json.loads(data)
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGCHLD])
            pid = os.fork()
            if pid == 0:
                _child(sock, fds[0], request)  # never returns
            statuses[pid] = request["status"]
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGCHLD])
            os.close(fds[0])
            sock.send(json.dumps({"pid": pid}).encode())
        except Exception as exc:  # noqa: BLE001 - reported to the caller
            signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGCHLD])
            sock.send(json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode())


def _child(sock, event_fd: int, request: dict) -> None:
    import resource

    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGCHLD])
        sock.close()
        os.setsid()
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.chdir(request["cwd"])
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        for target, path in ((1, request["out"]), (2, request["err"])):
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(handle, target)
            os.close(handle)
        env = dict(request["env"], TFLINT_PROBE_FD=str(event_fd))
        os.environ.clear()
        os.environ.update(env)
        sys.argv = ["-c", *request["argv"]]
        from tflint.probe import bootstrap

        bootstrap.main(warm=True)
    finally:
        os._exit(70)
