"""Each fixture script really exhibits its problem, and the healthy ones are clean."""

from __future__ import annotations

import math

import pytest

from tests.probe.conftest import FIXTURES, _jobs, needs_tf

pytestmark = needs_tf


def _names() -> list[str]:
    import tempfile
    from pathlib import Path

    return sorted(_jobs(Path(tempfile.mkdtemp())))


@pytest.mark.parametrize("name", _names())
def test_expected_findings(probe_runs, name):
    job = probe_runs.jobs[name]
    report = probe_runs.report(name)
    found = {d.code for d in report.diagnostics}
    detail = "\n".join(f"  {d.code} {d.severity} line {d.line}: {d.message}" for d in report.diagnostics)
    if job.expect:
        assert job.expect <= found, f"{name}: expected {sorted(job.expect)}, got:\n{detail}\n({report.outcome})"
    elif not job.absent:
        assert not report.diagnostics, f"{name}: a healthy script got findings:\n{detail}"
        assert report.result is not None, f"{name}: training was not reached ({report.outcome})"
    assert not (job.absent & found), f"{name}: {sorted(job.absent & found)} should not fire:\n{detail}"
    for code, line in job.lines.items():
        lines = [d.line for d in report.diagnostics if d.code == code]
        assert line in lines, f"{name}: {code} expected at line {line}, got {lines}"
    assert report.leftover == [], "processes survived the probe"


def test_findings_sit_on_source_lines(probe_runs):
    """Per-layer findings point at the layer, TFL606/TFL612 at the optimizer, data at fit."""
    def line_of(name, needle):
        for i, text in enumerate((FIXTURES / f"{name}.py").read_text().splitlines(), 1):
            if needle in text:
                return i
        raise AssertionError(needle)

    dead = probe_runs.report("dead_relu")
    d604 = next(d for d in dead.diagnostics if d.code == "TFL604")
    assert d604.line == line_of("dead_relu", "Constant(-10.0)")
    assert d604.range.start.column == len("    ")  # the Dense(...) call itself
    lr = probe_runs.report("huge_lr")
    for d in lr.diagnostics:
        assert d.line == line_of("huge_lr", "SGD(learning_rate=50.0)"), d
    nan = probe_runs.report("nan_in_data")
    assert {d.line for d in nan.diagnostics} == {line_of("nan_in_data", "model.fit(")}
    sig = probe_runs.report("deep_sigmoid")
    d603 = next(d for d in sig.diagnostics if d.code == "TFL603")
    assert d603.line == line_of("deep_sigmoid", 'Dense(32, activation="sigmoid")')


def test_numbers_in_messages(probe_runs):
    report = probe_runs.report("imbalanced")
    d = next(d for d in report.diagnostics if d.code == "TFL610")
    assert "99" in d.message and "accuracy is the only metric" in d.help
    report = probe_runs.report("label_out_of_range")
    d = next(d for d in report.diagnostics if d.code == "TFL611")
    assert "class id 9" in d.message and "5 units" in d.message


def test_every_finding_has_a_short_message_and_a_help(probe_runs):
    """Fixtures and rule-page examples: the problem in one short clause, the remedy apart."""
    seen = set()
    for name in probe_runs.jobs:
        for d in probe_runs.report(name).diagnostics:
            seen.add(d.code)
            assert len(d.message) <= 120 and "\n" not in d.message, f"{name}: {d.code} {d.message!r}"
            assert d.help and d.help.strip(), f"{name}: {d.code} has no help"
    assert len(seen) >= 12, sorted(seen)


def test_escalation_when_one_batch_fit_fails(probe_runs):
    """Dead units are an error when the model cannot fit one batch, a warning otherwise."""
    dead = probe_runs.report("dead_relu")
    codes = {d.code: d for d in dead.diagnostics}
    assert "TFL607" in codes and str(codes["TFL604"].severity) == "error"
    sat = probe_runs.report("saturated_tanh")
    d605 = next(d for d in sat.diagnostics if d.code == "TFL605")
    assert ("TFL607" in {d.code for d in sat.diagnostics}) == (str(d605.severity) == "error")


def test_custom_loops_and_pipelines_are_intercepted(probe_runs):
    assert probe_runs.report("custom_loop_healthy").result["kind"] == "custom_loop"
    assert probe_runs.report("custom_loop_huge_lr").result["kind"] == "custom_loop"
    assert probe_runs.report("healthy_train_on_batch").result["kind"] == "train_on_batch"
    tfdata = probe_runs.report("healthy_tfdata").result
    assert tfdata["kind"] == "fit" and tfdata["batch_size"] == 32


def test_reports_device_and_timings(probe_runs, zygote):
    report = probe_runs.report("healthy_mlp")
    assert report.device == "CPU" or report.device.startswith("GPU")
    if zygote is None:  # cold: the child imported TensorFlow itself and timed it
        assert report.import_seconds and 0 < report.import_seconds < report.seconds
    else:  # warm: imported once before the fork
        assert report.import_seconds == 0.0
    overfit = report.result["overfit"]
    # the fit stops once the loss has halved, well before the 200-step budget
    assert overfit["stopped"] == "fitted" and 30 <= overfit["steps"] < 200
    assert len(report.losses) == overfit["steps"] + 1 and report.losses[-1] < 0.5 * report.losses[0]
    layers = report.layers
    assert [l["type"] for l in layers] == ["Dense", "Dense", "Dense"]
    assert all(l["grad_norm"] > 0 and l["update_ratio"] > 0 for l in layers)


def test_never_writes_into_the_script_folder(probe_runs):
    assert probe_runs.fixture_writes == {}


def test_the_same_script_gives_the_same_findings_every_run(zygote):
    """Five runs each of an unseeded healthy and an unseeded sick script: identical findings and numbers."""
    from concurrent.futures import ThreadPoolExecutor

    from tflint.probe.command import run_probe
    from tflint.probe.config import ProbeConfig

    def run(name):
        report = run_probe(str(FIXTURES / f"{name}.py"), probe=ProbeConfig(time_limit=120), spawner=zygote.spawn if zygote else None)
        findings = [(d.code, str(d.severity), d.line, d.message) for d in report.diagnostics]
        return findings, report.losses, [l.get("grad_norm") for l in report.layers]

    for name in ("unseeded_healthy", "unseeded_sick"):
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(run, [name] * 5))
        findings, losses, grads = runs[0]
        assert losses, f"{name}: training was not reached"
        assert (name == "unseeded_sick") == bool(findings), findings
        for other in runs[1:]:
            assert other == runs[0], f"{name}: runs differ:\n{runs[0]}\n{other}"


def test_a_tf_function_loop_is_measured_before_its_first_update(zygote):
    """The same GradientTape loop with and without @tf.function: the same initial loss and gradients.

    The step used to be found only after tf.function had run it, so the
    "initial" loss was taken after one Adam(0.5) update (7.6 instead of 1.5) and
    TFL608 fired on a healthy loop.
    """
    from tflint.probe.command import run_probe
    from tflint.probe.config import ProbeConfig

    spawner = zygote.spawn if zygote else None
    graph, eager = (
        run_probe(str(FIXTURES / f"custom_loop_{kind}.py"), probe=ProbeConfig(time_limit=120), spawner=spawner)
        for kind in ("graph", "eager")
    )
    assert graph.result["kind"] == eager.result["kind"] == "custom_loop"
    assert graph.result["initial_loss"] == pytest.approx(eager.result["initial_loss"], rel=1e-6)
    assert abs(graph.result["initial_loss"] - math.log(4)) < 0.5
    assert [l["grad_norm"] for l in graph.layers] == pytest.approx([l["grad_norm"] for l in eager.layers], rel=1e-5)
    assert "TFL608" not in {d.code for d in graph.diagnostics}


def test_a_notebook_runs_its_cells_in_order_and_findings_sit_on_cells(zygote, tmp_path):
    """%magics and ! lines are masked as the static linter masks them; each finding names its cell."""
    from tflint.probe.command import run_probe
    from tflint.probe.config import ProbeConfig

    notebook = FIXTURES / "dead_relu_notebook.ipynb"
    report = run_probe(str(notebook), probe=ProbeConfig(time_limit=120), spawner=zygote.spawn if zygote else None)
    placed = {d.code: (d.cell, d.line, d.range.start.column) for d in report.diagnostics}
    assert placed["TFL604"] == (4, 3, 4)  # cell 4 (the markdown cell is cell 1), the Dense(...) line
    assert placed["TFL607"] == (5, 3, 10)  # the model.fit(...) call under %%time
    assert all(d.path == str(notebook) for d in report.diagnostics)

    broken = tmp_path / "broken.ipynb"
    broken.write_text('{"cells": [')
    [d] = run_probe(str(broken), probe=ProbeConfig(time_limit=60)).diagnostics
    assert d.code == "TFL600" and "notebook is not valid JSON" in d.message
