"""Output formats. Each module turns a list of diagnostics into one format.

``render(diagnostics, fmt, stream)`` is what the CLI and the probe call.
Lines and columns are 1-based in every format (internally columns are
0-based).
"""

from __future__ import annotations

from typing import Callable, TextIO

from tflint.diagnostics import Diagnostic
from tflint.output.summary import RunSummary

FORMATS = ("text", "json", "sarif", "github", "concise")

__all__ = ["FORMATS", "RunSummary", "render"]


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
