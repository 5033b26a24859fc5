"""The sandbox: limits hold, the whole process tree is gone, and tflint says what happened."""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from tests.probe.conftest import FIXTURES, needs_tf
from tflint.probe.command import run_probe
from tflint.probe.config import ProbeConfig
from tflint.probe.sandbox import ProcessTree, _stat


def _alive(pid: int) -> bool:
    info = _stat(pid)
    return info is not None and info[2] not in ("Z", "X")


def test_time_limit_kills_a_script_that_never_trains():
    start = time.monotonic()
    report = run_probe(str(FIXTURES / "sleep_forever.py"), probe=ProbeConfig(time_limit=3))
    elapsed = time.monotonic() - start
    assert elapsed < 3 + 4
    [d] = report.diagnostics
    assert d.code == "TFL600" and "training never started within the 3 s time limit" in d.message
    assert report.leftover == []


def test_whole_process_tree_is_killed(tmp_path, monkeypatch):
    pidfile = tmp_path / "pids"
    monkeypatch.setenv("TFLINT_TEST_PIDFILE", str(pidfile))
    report = run_probe(str(FIXTURES / "spawn_children.py"), probe=ProbeConfig(time_limit=3))
    assert report.diagnostics[0].code == "TFL600"
    pids = [int(p) for p in pidfile.read_text().split()]
    assert len(pids) == 3  # two children and one in its own session
    time.sleep(0.2)
    assert [p for p in pids if _alive(p)] == []
    assert report.leftover == []


def test_memory_limit_stops_unbounded_allocation():
    report = run_probe(str(FIXTURES / "allocate_forever.py"), probe=ProbeConfig(time_limit=30, memory_limit_mb=600))
    [d] = report.diagnostics
    assert d.code == "TFL600" and "memory limit" in d.message and "--memory-limit" in d.help
    assert report.seconds < 25
    assert report.leftover == []


def test_exit_before_training_is_reported_at_the_exit_line():
    report = run_probe(str(FIXTURES / "exit_before_fit.py"), probe=ProbeConfig(time_limit=30))
    [d] = report.diagnostics
    assert d.code == "TFL600" and d.line == 4 and "sys.exit('no GPU budget today')" in d.message


def test_tensorflow_missing_names_the_extra(tmp_path):
    """A Python without TensorFlow gets the install hint, not a traceback."""
    python = shutil.which("python3", path="/usr/bin:/usr/local/bin")
    if not python or os.path.realpath(python) == os.path.realpath(sys.executable):
        pytest.skip("no second interpreter without TensorFlow")
    import subprocess

    if subprocess.run([python, "-c", "import tensorflow"], capture_output=True).returncode == 0:
        pytest.skip("the system Python has TensorFlow")
    script = tmp_path / "train.py"
    script.write_text("import os\nimport tensorflow as tf\n\nprint(tf.__version__)\n")
    report = run_probe(str(script), probe=ProbeConfig(time_limit=30), python=python)
    [d] = report.diagnostics
    assert d.code == "TFL600" and "TensorFlow is not installed" in d.message and "tflint[probe]" in d.help and d.line == 2


def test_process_tree_tracks_setsid_descendants():
    import subprocess

    proc = subprocess.Popen(
        [sys.executable, "-c",
         "import subprocess,sys,time; subprocess.Popen([sys.executable,'-c','import time; time.sleep(60)'], start_new_session=True); time.sleep(60)"],
        start_new_session=True,
    )
    tree = ProcessTree(proc.pid)
    deadline = time.monotonic() + 10
    while len(tree.scan()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    members = tree.scan()
    assert len(members) == 2
    assert tree.kill() == []
    proc.wait(timeout=5)
    assert not any(_alive(p) for p in members)


@needs_tf
def test_warm_children_obey_the_same_limits(zygote, tmp_path, monkeypatch):
    if zygote is None:
        pytest.skip("cold runs requested")
    report = run_probe(str(FIXTURES / "sleep_forever.py"), probe=ProbeConfig(time_limit=2), spawner=zygote.spawn)
    assert [d.code for d in report.diagnostics] == ["TFL600"] and report.leftover == []
    pidfile = tmp_path / "pids"
    monkeypatch.setenv("TFLINT_TEST_PIDFILE", str(pidfile))
    report = run_probe(str(FIXTURES / "spawn_children.py"), probe=ProbeConfig(time_limit=3), spawner=zygote.spawn)
    time.sleep(0.2)
    assert [p for p in map(int, pidfile.read_text().split()) if _alive(p)] == []
    assert report.leftover == []


def test_cancelling_the_cli_kills_the_script():
    """An editor cancels a probe with SIGTERM: the script's tree must go with it."""
    import signal
    import subprocess

    from tests.probe.conftest import ROOT

    proc = subprocess.Popen(
        [sys.executable, "-m", "tflint", "probe", "--quiet", str(FIXTURES / "sleep_forever.py")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    children = []
    deadline = time.monotonic() + 30
    while not children and time.monotonic() < deadline:
        time.sleep(0.1)
        children = [p for p in ProcessTree(proc.pid).scan() if p != proc.pid]
    assert children, "the probe did not start the script"
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 2 and "interrupted" in err
    time.sleep(0.2)
    assert not any(_alive(p) for p in children)


@needs_tf
def test_zygote_outlives_a_child_whose_folder_is_already_gone(zygote, tmp_path):
    """Regression: the sandbox removes a killed child's folder before the zygote reaps it.

    Writing that child's status file used to raise inside the SIGCHLD handler
    and end the zygote, so the next probe in the session hit a broken pipe.
    """
    import signal

    if zygote is None:
        pytest.skip("cold runs requested")
    folder = tmp_path / "run"
    folder.mkdir()
    read_fd, write_fd = os.pipe()
    argv = [sys.executable, "-c", "", str(FIXTURES / "sleep_forever.py")]
    child = zygote.spawn(argv, str(FIXTURES), dict(os.environ), str(folder / "out"), str(folder / "err"), write_fd)
    os.close(write_fd)
    os.close(read_fd)
    deadline = time.monotonic() + 10
    while not (folder / "err").exists() and time.monotonic() < deadline:
        time.sleep(0.02)  # the child has set itself up in the folder
    shutil.rmtree(folder)
    os.killpg(child.pid, signal.SIGKILL)
    assert child.wait(timeout=10) == -1  # gone, and no status file could be written
    report = run_probe(str(FIXTURES / "sleep_forever.py"), probe=ProbeConfig(time_limit=2), spawner=zygote.spawn)
    assert [d.code for d in report.diagnostics] == ["TFL600"]
    assert zygote.proc.poll() is None, "the zygote died"


def test_a_dead_warm_start_falls_back_to_a_cold_start():
    from tflint.probe.warm import ZygoteGone

    calls = []

    def gone(*args):
        calls.append(args)
        raise ZygoteGone("the warm start process is gone")

    report = run_probe(str(FIXTURES / "sleep_forever.py"), probe=ProbeConfig(time_limit=2), spawner=gone)
    assert len(calls) == 1
    [d] = report.diagnostics
    assert d.code == "TFL600" and "training never started within the 2 s time limit" in d.message
    assert report.leftover == []


def test_a_cancel_during_the_spawn_still_kills_the_script(tmp_path):
    """The cause of the flaky CLI cancel test: SIGTERM between fork and Popen returning.

    The test above sends SIGTERM as soon as the script's pid shows up, which
    under load can be before ``Popen`` (or the zygote's reply) has returned;
    KeyboardInterrupt then left the sandbox before it knew the child, and the
    script outlived the cancel. Here the signal lands inside the spawn every time.
    """
    import signal
    import subprocess

    from tflint.probe import sandbox

    spawned = []

    def spawner(argv, cwd, env, out_path, err_path, write_fd):
        proc = subprocess.Popen(
            [sys.executable, "-c", "import time; time.sleep(60)"],
            start_new_session=True,
        )
        spawned.append(proc)
        os.kill(os.getpid(), signal.SIGTERM)  # the editor cancels now
        time.sleep(0.3)  # an unheld signal's handler would run here and lose the child
        return proc

    def stop(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        with pytest.raises(KeyboardInterrupt):
            sandbox.run_sandboxed(["python"], str(tmp_path), dict(os.environ), 30, 0, spawner=spawner)
        assert signal.getsignal(signal.SIGTERM) is stop  # the caller's handler is back
    finally:
        signal.signal(signal.SIGTERM, previous)
    [proc] = spawned
    assert proc.wait(timeout=5) == -signal.SIGKILL


def test_a_script_error_is_shown_without_show_output(tmp_path):
    """An argparse error goes to the script's stderr and exits 2: the finding quotes it."""
    script = tmp_path / "train.py"
    script.write_text(
        "import argparse\n\nparser = argparse.ArgumentParser()\nparser.add_argument('--data', required=True)\n"
        "args = parser.parse_args()\n"
    )
    report = run_probe(str(script), probe=ProbeConfig(time_limit=30))
    [d] = report.diagnostics
    assert d.code == "TFL600" and d.line == 5
    assert "sys.exit(2)" in d.message and "the following arguments are required: --data" in d.message
    assert len(d.message) <= 120 and "after `--`" in d.help


@needs_tf
def test_time_limit_names_the_stage_and_line_the_script_reached(zygote, tmp_path):
    """Not "importing tensorflow" for a script that imported it long ago and then looped."""
    script = tmp_path / "train.py"
    script.write_text(
        "import keras\n\nmodel = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])\n"
        "model.compile(optimizer='adam', loss='mse')\nbusy = 0\nwhile True:\n    busy += 1\n"
    )
    spawner = zygote.spawn if zygote else None
    report = run_probe(str(script), probe=ProbeConfig(time_limit=8 if zygote else 60), spawner=spawner)
    [d] = report.diagnostics
    assert d.code == "TFL600" and "training never started" in d.message
    assert "last stage: running the script after compiling the model (line 4)" in d.message, d.message
    assert "it was running line 6" in d.help or "it was running line 7" in d.help, d.help
    assert d.line in (6, 7) and report.leftover == []
