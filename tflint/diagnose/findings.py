"""Run findings as tflint Diagnostics, so every output format and the editor show them.

A finding points at the evidence: the CSV row of its epoch when the log is a
CSVLogger file, the ``fit`` call when the run was watched by
``tflint.keras.Monitor`` (see ``record``), else the first line of the log.
Severity and name come from the rule page, like every other rule.
"""

from __future__ import annotations

from tflint import rulebook
from tflint.diagnose.analysis import Finding
from tflint.diagnose.run import RunLog
from tflint.diagnostics import Diagnostic, Range, Severity


def to_diagnostic(finding: Finding, path: str, line: int = 1, column: int = 0, end_column: int | None = None) -> Diagnostic:
    info = rulebook.get(finding.code)
    if info is None:  # a code without a page is a bug in tflint, not in the user's run
        raise KeyError(f"{finding.code} has no rules/{finding.code}.md")
    return Diagnostic(
        code=finding.code,
        name=info.name,
        severity=info.severity,
        message=f"epoch {finding.epoch}: {finding.message}",
        path=path,
        range=Range.of(line, column, line, column if end_column is None else end_column),
        help=finding.help or None,
    )


def for_log(findings: list[Finding], run: RunLog) -> list[Diagnostic]:
    """Diagnostics located in the log file itself (the epoch's CSV row when there is one)."""
    out = []
    for f in findings:
        line = run.epoch_lines.get(f.epoch) or run.epoch_lines.get(min(f.epoch, run.epochs)) or 1
        out.append(to_diagnostic(f, run.source, line))
    return out


def apply_config(diagnostics: list[Diagnostic], config) -> list[Diagnostic]:
    """select/ignore and severity-overrides of a tflint ``Config``, as for static findings."""
    kept = []
    for d in diagnostics:
        info = rulebook.get(d.code)
        if not config.is_enabled(d.code, info.default_enabled if info else True):
            continue
        override = config.severity_overrides.get(d.code)
        if override is not None:
            d.severity = Severity(override)
        kept.append(d)
    return kept
