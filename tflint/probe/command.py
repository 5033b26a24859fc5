"""``tflint probe SCRIPT [-- ARGS...]``: run a training script just far enough to judge it.

Parses the options, starts the sandboxed child with the bootstrap, shows
progress, judges the measurements and prints them in the same formats as the
static checks. Exit codes: 0 nothing at or above the fail-on severity, 1
findings, 2 usage or internal error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from tflint.diagnostics import Diagnostic, Severity
from tflint.probe.checks import ProbeReport, evaluate, summary_line
from tflint.probe.config import ProbeConfig, ProbeConfigError
from tflint.probe.sandbox import physical_memory, run_sandboxed

FORMATS = ("text", "json", "sarif", "github", "concise")
BOOTSTRAP = "from tflint.probe.bootstrap import main; main()"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tflint probe",
        description="Run a Keras training script up to its first training call and check that the model can learn.",
        epilog="Arguments after `--` go to the script. Thresholds: [tool.tflint.probe] in pyproject.toml.",
    )
    p.add_argument("script", nargs="+", help="the training script(s), each run in its own folder; several share one TensorFlow import")
    p.add_argument("--time-limit", type=float, default=None, metavar="S", help="wall-clock limit in seconds (default 60)")
    p.add_argument("--memory-limit", type=float, default=None, metavar="MB", help="memory cap of the whole process tree (default 3/4 of RAM)")
    p.add_argument("--device", choices=("auto", "cpu", "gpu"), default="auto", help="where the probe runs (default auto)")
    p.add_argument("--steps", type=int, default=None, metavar="K", help="steps of the one-batch fit (default 50)")
    p.add_argument("--format", choices=FORMATS, default="text", help="output format (default text)")
    p.add_argument("--report", metavar="FILE.html", help="write an HTML report with loss, gradient and update plots (several scripts: one page, a section each)")
    p.add_argument("--config", metavar="FILE", help="use this pyproject.toml/tflint.toml instead of the closest one")
    p.add_argument("--python", metavar="PYTHON", default=sys.executable, help="interpreter that runs the script (default: this one)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress indicator and no table")
    p.add_argument("--show-output", action="store_true", help="print the script's own stdout/stderr afterwards")
    return p


def _config(args, script: Path):
    """(tflint Config or None, ProbeConfig) for the script."""
    from tflint.config import ConfigError, ConfigResolver

    try:
        resolver = ConfigResolver(Path(args.config) if args.config else None)
        config = resolver.for_path(script)
    except ConfigError as exc:
        raise ProbeConfigError(str(exc)) from None
    probe = ProbeConfig.from_table(config.probe, f"{config.source or 'defaults'}: [tool.tflint.probe]")
    if args.time_limit is not None:
        probe.time_limit = args.time_limit
    if args.memory_limit is not None:
        probe.memory_limit_mb = args.memory_limit
    if args.steps is not None:
        probe.overfit_steps = args.steps
    return config, probe


def child_env(probe: ProbeConfig, device: str, deadline: float) -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    env["TFLINT_PROBE_PATH"] = root
    env["TFLINT_PROBE_CONFIG"] = json.dumps(probe.to_dict())
    env["TFLINT_PROBE_DEADLINE"] = repr(deadline)
    env["TFLINT_PROBE_DEVICE"] = device
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # no __pycache__ in the user's folder
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("MPLBACKEND", "Agg")
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = "-1"
        env["JAX_PLATFORMS"] = "cpu"
    return env


def run_probe(
    script: str,
    script_args: list[str] | None = None,
    probe: ProbeConfig | None = None,
    device: str = "auto",
    python: str | None = None,
    on_event=None,
    spawner=None,
) -> ProbeReport:
    """Probe one script and judge it (no filtering by config, no output)."""
    probe = probe or ProbeConfig()
    path = Path(script)
    memory = int(probe.memory_limit_mb * (1 << 20)) if probe.memory_limit_mb else int(physical_memory() * 0.75)
    deadline = time.time() + probe.time_limit
    argv = [python or sys.executable, "-c", BOOTSTRAP, str(path.resolve()), *(script_args or [])]
    outcome = run_sandboxed(
        argv,
        cwd=str(path.resolve().parent),
        env=child_env(probe, device, deadline),
        time_limit=probe.time_limit,
        memory_limit=memory,
        on_event=on_event,
        spawner=spawner,
    )
    report = evaluate(outcome, script, probe, probe.time_limit, memory)
    if path.suffix == ".ipynb":
        _place_on_cells(report, script)
    return report


def _place_on_cells(report: ProbeReport, notebook: str) -> None:
    """The child ran the notebook's cells as one program: put each finding on its cell."""
    from tflint import source

    try:
        src = source.load(notebook)
    except source.SourceError:
        return
    for d in report.diagnostics:
        if d.path == notebook and d.cell is None:
            d.cell, d.range = src.to_cell_range(d.range)


def _filter(diagnostics: list[Diagnostic], config) -> list[Diagnostic]:
    """The static findings' policy (select, severity, per-file ignores, noqa), file by file."""
    if config is None:
        return diagnostics
    from tflint import policy
    from tflint import source as source_mod

    by_path: dict[str, list[Diagnostic]] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    out = []
    for path, found in by_path.items():
        try:
            src = source_mod.load(path)
        except (source_mod.SourceError, OSError):
            src = None
        out.extend(policy.apply(found, config, src, select_and_severity=True))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    script_args: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, script_args = argv[:cut], argv[cut + 1 :]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    scripts = [Path(s) for s in args.script]
    for script in scripts:
        if not script.is_file():
            print(f"tflint probe: error: {script}: no such file", file=sys.stderr)
            return 2
    try:
        configs = [_config(args, script) for script in scripts]
    except ProbeConfigError as exc:
        print(f"tflint probe: error: {exc}", file=sys.stderr)
        return 2
    from tflint.probe.report import Progress, print_table, write_html

    _stop_on_signals()
    zygote = None
    reports: list[tuple[ProbeReport, object]] = []
    try:
        if len(scripts) > 1:  # import TensorFlow once and fork a fresh child per script
            zygote = _start_zygote(args.python, args.device, args.quiet)
        for script, (config, probe) in zip(scripts, configs):
            progress = Progress(enabled=not args.quiet and sys.stderr.isatty(), steps=probe.overfit_steps)
            with progress:
                report = run_probe(
                    str(script), script_args, probe, args.device, args.python, progress.update,
                    spawner=zygote.spawn if zygote else None,
                )
            report.diagnostics = _filter(report.diagnostics, config)
            reports.append((report, config))
            if args.show_output:
                sys.stderr.write(report.stdout + report.stderr)
            if args.format == "text" and not args.quiet:
                print_table(report, sys.stdout)
            elif not args.quiet:
                print(summary_line(report), file=sys.stderr)
    except KeyboardInterrupt:  # the sandbox has already killed the tree
        print("tflint probe: interrupted", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"tflint probe: error: cannot run {args.python}: {exc}", file=sys.stderr)
        return 2
    finally:
        if zygote is not None:
            zygote.close()
    _render([d for r, _ in reports for d in r.diagnostics], args.format, sys.stdout, [str(s) for s in scripts])
    if args.report:
        try:
            write_html([report for report, _ in reports], args.report)
        except Exception as exc:  # matplotlib missing or unwritable path
            print(f"tflint probe: error: cannot write {args.report}: {exc}", file=sys.stderr)
            return 2
        if not args.quiet:
            print(f"report written to {args.report}", file=sys.stderr)
    failed = any(
        d.severity >= getattr(config, "fail_on", Severity.WARNING) for report, config in reports for d in report.diagnostics
    )
    return 1 if failed else 0


def _start_zygote(python: str, device: str, quiet: bool):
    """A warm start for several scripts; None (each script imports on its own) if it cannot start."""
    from tflint.probe.warm import Zygote

    env = dict(os.environ)
    if device == "cpu":
        env["CUDA_VISIBLE_DEVICES"] = "-1"
        env["JAX_PLATFORMS"] = "cpu"
    try:
        zygote = Zygote(python, env)
    except (OSError, ValueError) as exc:
        if not quiet:
            print(f"tflint probe: no warm start ({exc}); each script imports TensorFlow itself", file=sys.stderr)
        return None
    if not quiet:
        print(f"tflint probe: TensorFlow imported once in {zygote.import_seconds:.1f} s for {python}", file=sys.stderr)
    return zygote


def _stop_on_signals() -> None:
    """SIGTERM/SIGHUP (an editor cancelling the probe) unwind like Ctrl-C, so the sandbox kills the tree."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return

    def stop(signum, _frame):
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)


def _render(diagnostics: list[Diagnostic], fmt: str, stream, scripts: list[str]) -> None:
    from tflint.output import RunSummary, render

    from tflint import source

    sources, cells = {}, {}
    for path in {d.path for d in diagnostics} | set(scripts):
        try:
            src = source.load(path)
        except (OSError, source.SourceError):
            continue
        if src.is_notebook:
            cells.update({(path, cell.number): "\n".join(cell.original_lines) for cell in src.cells})
        else:
            sources[path] = src.text
    summary = RunSummary.of(diagnostics, len(scripts), sources=sources)
    summary.cell_texts = cells
    render(diagnostics, fmt, stream, summary)


if __name__ == "__main__":
    sys.exit(main())
