"""Run the child process under limits and take its whole process tree down.

The child is a session leader (``start_new_session``), so ``killpg`` reaches
everything it forks; descendants that call ``setsid`` themselves are still
found through their parent links, which we re-read from ``/proc`` on every
tick. Memory is the resident set of the whole tree, polled, because address
space limits (RLIMIT_AS) break TensorFlow and CUDA, which reserve far more
virtual memory than they use. The child talks to us over a pipe of JSON lines;
its own stdout/stderr go to files in a private temporary folder.
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from typing import Callable

TICK = 0.05

#: Signals that cancel a probe (Ctrl-C, an editor's SIGTERM, a closed terminal).
CANCEL_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@dataclass
class ChildOutcome:
    returncode: int | None = None
    timed_out: bool = False
    memory_exceeded: bool = False
    peak_rss: int = 0  # bytes, whole tree
    events: list[dict] = field(default_factory=list)
    stdout: str = ""
    stderr: str = ""
    leftover: list[int] = field(default_factory=list)  # pids alive after cleanup (should be none)
    wall: float = 0.0

    def last(self, kind: str) -> dict | None:
        for event in reversed(self.events):
            if event.get("event") == kind:
                return event
        return None


def physical_memory() -> int:
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        size = os.sysconf("SC_PAGE_SIZE")
        total = pages * size
    except (ValueError, OSError):
        total = 8 << 30
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            text = open(path).read().strip()
        except OSError:
            continue
        if text.isdigit() and 0 < int(text) < total:
            total = int(text)
    return total


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _stat(pid: int) -> tuple[int, int, str, int] | None:
    """(ppid, session id, state, start time) from /proc/PID/stat."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            data = fh.read().decode("ascii", "replace")
    except OSError:
        return None
    rest = data[data.rfind(")") + 2 :].split()
    # fields after the name: state ppid pgrp session ... starttime is field 22 (index 19 here)
    try:
        return int(rest[1]), int(rest[3]), rest[0], int(rest[19])
    except (IndexError, ValueError):
        return None


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


class ProcessTree:
    """The child and every process descended from it, tracked across ticks."""

    def __init__(self, root: int):
        self.root = root
        self.seen: dict[int, int] = {}  # pid -> start time (guards against pid reuse)

    def scan(self) -> list[int]:
        table: dict[int, tuple[int, int, str, int]] = {}
        try:
            names = os.listdir("/proc")
        except OSError:
            return [self.root]
        for name in names:
            if name.isdigit():
                info = _stat(int(name))
                if info is not None:
                    table[int(name)] = info
        members = {
            pid
            for pid, (ppid, sid, state, start) in table.items()
            if state not in ("Z", "X")
            and (pid == self.root or sid == self.root or self.seen.get(pid) == start)
        }
        grew = True
        while grew:
            grew = False
            for pid, (ppid, _sid, state, _start) in table.items():
                if pid not in members and ppid in members and state not in ("Z", "X"):
                    members.add(pid)
                    grew = True
        for pid in members:
            self.seen.setdefault(pid, table[pid][3])
        return sorted(members)

    def rss(self, members: list[int]) -> int:
        return sum(_rss(pid) for pid in members)

    def alive(self) -> list[int]:
        out = []
        for pid, start in self.seen.items():
            info = _stat(pid)
            if info is not None and info[3] == start and info[2] not in ("Z", "X"):
                out.append(pid)
        return out

    def kill(self, grace: float = 2.0) -> list[int]:
        """SIGKILL the group and every tracked descendant until none is left."""
        deadline = time.monotonic() + grace
        while True:
            try:
                os.killpg(self.root, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            self.scan()
            left = self.alive()
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            if not left or time.monotonic() > deadline:
                return left
            time.sleep(TICK)


def _limit_child() -> None:  # runs in the child between fork and exec
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core files in the user's folder


class _HoldCancel:
    """Hold cancelling signals from the spawn until the child's tree is watched.

    A SIGTERM that landed between the fork and ``Popen`` returning (or the
    zygote answering with the pid) raised KeyboardInterrupt before the sandbox
    knew the child, and the script's tree outlived the cancel. While held, a
    cancelling signal is only noted; ``release()`` puts the caller's handlers
    back and delivers it, inside the block whose ``finally`` kills the tree.
    Python runs signal handlers in the main thread only (whichever thread the
    kernel picked), so the main thread holds, by swapping handlers rather than
    by a signal mask that other threads would not share.
    """

    def __init__(self):
        import threading

        self.saved: dict[int, object] = {}
        self.pending: list[int] = []
        if threading.current_thread() is not threading.main_thread():
            return
        for sig in CANCEL_SIGNALS:
            try:
                self.saved[sig] = signal.signal(sig, self._note)
            except (ValueError, OSError):
                pass

    def _note(self, signum, _frame) -> None:
        self.pending.append(signum)

    def release(self) -> None:
        saved, self.saved = self.saved, {}
        for sig, handler in saved.items():
            signal.signal(sig, handler)
        for sig in dict.fromkeys(self.pending):
            handler = saved.get(sig)
            if callable(handler):
                handler(sig, None)  # e.g. KeyboardInterrupt from the CLI's handler
            elif handler == signal.SIG_DFL:
                os.kill(os.getpid(), sig)  # what would have happened: the default action
        self.pending = []


def run_sandboxed(
    argv: list[str],
    cwd: str,
    env: dict[str, str],
    time_limit: float,
    memory_limit: int,
    on_event: Callable[[dict], None] | None = None,
    tmpdir: str | None = None,
    spawner: Callable | None = None,
) -> ChildOutcome:
    """Run ``argv``; the child gets the write end of the event pipe as $TFLINT_PROBE_FD.

    ``spawner(argv, cwd, env, out_path, err_path, write_fd)`` replaces the
    plain ``Popen`` (the warm zygote in ``warm.py``); it returns an object with
    ``pid``, ``poll()``, ``wait(timeout)`` and ``returncode`` like ``Popen``,
    or raises ``ConnectionError`` when it cannot, and the script starts cold.
    """
    outcome = ChildOutcome()
    own_tmp = tmpdir is None
    tmpdir = tmpdir or tempfile.mkdtemp(prefix="tflint-probe-")
    read_fd, write_fd = os.pipe()
    env = dict(env, TFLINT_PROBE_FD=str(write_fd))
    out_path = os.path.join(tmpdir, "stdout.txt")
    err_path = os.path.join(tmpdir, "stderr.txt")
    start = time.monotonic()
    proc = None
    hold = _HoldCancel()
    try:
        proc = _spawn(argv, cwd, env, out_path, err_path, write_fd, spawner)
    except BaseException:
        os.close(read_fd)
        os.close(write_fd)
        hold.release()
        raise
    os.close(write_fd)
    tree = ProcessTree(proc.pid)
    sel = selectors.DefaultSelector()
    os.set_blocking(read_fd, False)
    sel.register(read_fd, selectors.EVENT_READ)
    events = _EventReader(read_fd, sel, outcome, on_event)
    exited_at = 0.0
    try:
        hold.release()  # a cancel that came during the spawn is raised here, and the finally kills the tree
        while True:
            events.read(TICK)
            members = tree.scan()
            rss = tree.rss(members)
            outcome.peak_rss = max(outcome.peak_rss, rss)
            if proc.poll() is not None:
                # the script is gone: read what is left in the pipe, then end its leftovers
                exited_at = exited_at or time.monotonic()
                if not events.open or time.monotonic() - exited_at > 0.5:
                    break
                continue
            if memory_limit and rss > memory_limit:
                outcome.memory_exceeded = True
                break
            if time.monotonic() - start > time_limit:
                outcome.timed_out = True
                _ask_where(proc.pid, events)
                break
    finally:
        outcome.leftover = tree.kill()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL cannot be ignored
            pass
        sel.close()
        os.close(read_fd)
        outcome.returncode = proc.returncode
        outcome.wall = time.monotonic() - start
        outcome.stdout = _tail(out_path)
        outcome.stderr = _tail(err_path)
        if own_tmp:
            for path in (out_path, err_path):
                try:
                    os.unlink(path)
                except OSError:
                    pass
            try:
                os.rmdir(tmpdir)
            except OSError:
                pass
    return outcome


class _EventReader:
    """The child's JSON lines, parsed as they come."""

    def __init__(self, fd: int, sel, outcome: ChildOutcome, on_event):
        self.fd, self.sel, self.outcome, self.on_event = fd, sel, outcome, on_event
        self.buffer = b""
        self.open = True

    def read(self, timeout: float) -> None:
        if not self.open:
            time.sleep(timeout)
            return
        for _key, _mask in self.sel.select(timeout=timeout):
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                self.open = False
                self.sel.unregister(self.fd)
                return
            self.buffer += chunk
            *lines, self.buffer = self.buffer.split(b"\n")
            for line in lines:
                if not line.strip():
                    continue
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                self.outcome.events.append(event)
                if self.on_event is not None:
                    self.on_event(event)


#: Asks the child where the script is (bootstrap.py answers with a "where" event).
WHERE_SIGNAL = signal.SIGUSR1


def _ask_where(pid: int, events: _EventReader, wait: float = 1.0) -> None:
    """Before killing a script that ran out of time, learn which of its lines it was on."""
    seen = len(events.outcome.events)
    try:
        os.kill(pid, WHERE_SIGNAL)
    except (ProcessLookupError, PermissionError):
        return
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline and events.open:
        events.read(TICK)
        if any(e.get("event") == "where" for e in events.outcome.events[seen:]):
            return


def _spawn(argv, cwd, env, out_path, err_path, write_fd, spawner):
    """The warm zygote's fork when there is one, else a fresh interpreter."""
    proc = None
    if spawner is not None:
        try:
            proc = spawner(argv, cwd, env, out_path, err_path, write_fd)
        except ConnectionError:  # the warm start died: this script starts cold, slower but the same
            proc = None
    if proc is None:
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen(
                argv,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=err,
                pass_fds=(write_fd,),
                start_new_session=True,
                preexec_fn=_limit_child,
            )
    return proc


def _tail(path: str, limit: int = 20000) -> str:
    try:
        with open(path, "rb") as fh:
            fh.seek(0, os.SEEK_END)
            size = fh.tell()
            fh.seek(max(0, size - limit))
            return fh.read().decode("utf-8", "replace")
    except OSError:
        return ""
