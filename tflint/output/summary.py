"""What a run adds to its findings for the outputs: counts, sources for code frames, the gate."""

from __future__ import annotations

from dataclasses import dataclass, field

from tflint.diagnostics import Diagnostic, Severity


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
