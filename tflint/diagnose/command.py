"""``tflint diagnose PATH``: why did this run fail to train?

PATH is a CSVLogger file, a Keras History saved as JSON, a TensorBoard log
folder, or the run record ``tflint.keras.Monitor`` writes
(``.tflint/last_run.json``; its findings point at the ``fit`` call). Exit
codes as for linting: 0 nothing at or above ``--fail-on``, 1 findings, 2
unreadable input or configuration (a message, never a traceback).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    from tflint.selectors import parse_codes as _codes

    p = argparse.ArgumentParser(
        prog="tflint diagnose",
        description="Diagnose a finished (or running) training run from its per-epoch logs: overfitting, "
        "underfitting, divergence, oscillation, NaN, plateaus, minority-class collapse.",
    )
    p.add_argument("path", metavar="PATH", help="CSVLogger .csv, History .json, TensorBoard log folder, or .tflint/last_run.json")
    p.add_argument("--format", choices=("text", "json", "sarif", "github", "concise"), default="text")
    p.add_argument("--output-file", "-o", metavar="FILE", help="write the findings to FILE instead of stdout")
    p.add_argument("--report", metavar="HTML", help="also write a self-contained HTML report with the curves")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None, help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--select", type=_codes, metavar="CODES", help="codes or prefixes to report (default: every TFL7 rule)")
    p.add_argument("--ignore", type=_codes, metavar="CODES", help="codes or prefixes not to report")
    p.add_argument("--config", type=Path, metavar="FILE", help="tflint.toml/pyproject.toml to read [tool.tflint.diagnose] from")
    p.add_argument("--quiet", "-q", action="store_true", help="text format: findings only, no curves")
    return p


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    from tflint.config import ConfigError, ConfigResolver
    from tflint.diagnose.readers import LogError, load
    from tflint.diagnose.settings import DiagnoseConfig, DiagnoseConfigError
    from tflint.diagnostics import Severity

    try:
        resolver = ConfigResolver(args.config, {
            "select": tuple(args.select) if args.select else None,
            "ignore": tuple(args.ignore) if args.ignore else None,
            "fail_on": Severity.parse(args.fail_on) if args.fail_on else None,
        })
        config = resolver.for_path(args.path)
        settings = DiagnoseConfig.from_table(config.diagnose, f"{config.source or 'configuration'}: [tool.tflint.diagnose]")
        run = load(args.path)
    except (ConfigError, DiagnoseConfigError, LogError) as exc:
        print(f"tflint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    from tflint.diagnose import findings as findings_mod
    from tflint.diagnose import record
    from tflint.diagnose.analysis import diagnose

    for note in _notes(run, settings):
        print(f"tflint: {args.path}: {note}", file=sys.stderr)
    found = diagnose(run, settings)
    location = None
    data = record.read(args.path) if Path(args.path).is_file() else None
    if data is not None:
        location = record.fit_location(data)
    if location is not None:
        diagnostics = [findings_mod.to_diagnostic(f, location[0], location[1]) for f in found]
    else:
        diagnostics = findings_mod.for_log(found, run)
    diagnostics = findings_mod.apply_config(diagnostics, config)
    kept_codes = {d.code for d in diagnostics}
    found = [f for f in found if f.code in kept_codes]

    if args.report:
        from tflint import rulebook
        from tflint.diagnose.html_report import render as render_html

        severities = {d.code: str(d.severity) for d in diagnostics}
        for f in found:
            severities.setdefault(f.code, str(rulebook.get(f.code).severity))
        try:
            Path(args.report).write_text(render_html(run, found, severities), encoding="utf-8")
        except OSError as exc:
            print(f"tflint: cannot write {args.report}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_ERROR
    try:
        stream = open(args.output_file, "w", encoding="utf-8") if args.output_file else sys.stdout  # noqa: SIM115
    except OSError as exc:
        print(f"tflint: cannot write {args.output_file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        _render(args, run, diagnostics, stream)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(d.severity >= config.fail_on for d in diagnostics) else EXIT_OK


def _notes(run, settings) -> list[str]:
    """What this log cannot show, said once so that a clean result is not over-read."""
    notes = list(run.notes)
    if run.epochs < settings.min_epochs:
        notes.append(
            f"only {run.epochs} epoch{'s' if run.epochs != 1 else ''}: trends need at least {settings.min_epochs} "
            "(min-epochs), so only NaN/inf is checked"
        )
    if not any(name.startswith("val_") for name in run.series):
        notes.append("no validation curves (val_loss, val_...): overfitting and validation findings cannot be judged")
    return notes


def _render(args, run, diagnostics, stream) -> None:
    from tflint.output import RunSummary, render

    summary = RunSummary.of(diagnostics, 1)
    if args.format != "text":
        render(diagnostics, args.format, stream, summary)
        return
    if not args.quiet:
        from tflint.diagnose.sparkline import curve_lines

        stream.write(f"{run.source}: {run.epochs} epoch{'s' if run.epochs != 1 else ''}\n")
        stream.write("\n".join(curve_lines(run.series)) + "\n\n")
        for path in {d.path for d in diagnostics}:  # code frames: the CSV row, or the fit call's line
            try:
                if Path(path).is_file() and path.endswith((".csv", ".py")):
                    summary.sources[path] = Path(path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                pass
        render(diagnostics, "text", stream, summary)
    else:
        from tflint.output.concise import render as concise

        concise(sorted(diagnostics, key=lambda d: d.sort_key()), stream, summary)
