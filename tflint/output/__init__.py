"""Output formats. Each module turns a list of diagnostics into one format.

``render(diagnostics, fmt, stream)`` is what the CLI and the probe call.
Lines and columns are 1-based in every format (internally columns are
0-based).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, TextIO

from tflint.diagnostics import Diagnostic, Severity

FORMATS = ("text", "json", "sarif", "github", "concise")


@dataclass
class RunSummary:
    files_checked: int = 0
    files_with_findings: int = 0
    fixed: int = 0
    by_severity: dict[str, int] = field(default_factory=dict)
    statistics: bool = False
    sources: dict[str, str] = field(default_factory=dict)  # path -> text, for code frames
    cell_texts: dict[tuple[str, int], str] = field(default_factory=dict)  # (path, cell) -> cell text
    fail_on: Severity = Severity.WARNING
    path_errors: list[str] = field(default_factory=list)  # named paths that could not be linted (exit 2)

    @classmethod
    def of(cls, diagnostics: list[Diagnostic], files_checked: int, **kwargs) -> "RunSummary":
        counts: dict[str, int] = {}
        for d in diagnostics:
            counts[str(d.severity)] = counts.get(str(d.severity), 0) + 1
        return cls(
            files_checked=files_checked,
            files_with_findings=len({d.path for d in diagnostics}),
            by_severity=counts,
            **kwargs,
        )


#: The formats ``--statistics`` can print (counts per rule, no findings).
STATISTICS_FORMATS = ("text", "concise", "json")


def _renderer(fmt: str, statistics: bool = False) -> Callable[[list[Diagnostic], TextIO, RunSummary], None]:
    if statistics:
        if fmt == "json":
            from tflint.output.json_format import render_statistics
        elif fmt in STATISTICS_FORMATS:
            from tflint.output.text import render_statistics
        else:
            raise ValueError(f"--statistics prints counts as {' or '.join(STATISTICS_FORMATS)}, not {fmt}")
        return render_statistics
    if fmt == "text":
        from tflint.output.text import render
    elif fmt == "json":
        from tflint.output.json_format import render
    elif fmt == "sarif":
        from tflint.output.sarif import render
    elif fmt == "github":
        from tflint.output.github import render
    elif fmt == "concise":
        from tflint.output.concise import render
    else:
        raise ValueError(f"unknown output format {fmt!r} (choose from {', '.join(FORMATS)})")
    return render


def render(diagnostics: list[Diagnostic], fmt: str, stream: TextIO, summary: RunSummary | None = None) -> None:
    summary = summary or RunSummary.of(diagnostics, len({d.path for d in diagnostics}))
    _renderer(fmt, summary.statistics)(sorted(diagnostics, key=Diagnostic.sort_key), stream, summary)
