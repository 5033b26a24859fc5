"""Plain data types shared by every part of tflint.

This module depends on nothing else in the package so that the engine, the
outputs, the language server and the runtime probe can all speak the same
language. Lines are 1-based; columns are 0-based code points (what libcst
and Python strings count). Outputs convert to their own conventions (JSON is
1-based, LSP counts UTF-16 units).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.IntEnum):
    """Ordered so that ``severity >= fail_on`` means "counts as a failure"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> "Severity":
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r} (use error, warning or info)") from None

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Position:
    line: int  # 1-based
    column: int  # 0-based, code points


@dataclass(frozen=True)
class Range:
    start: Position
    end: Position

    @classmethod
    def of(cls, line: int, column: int, end_line: int, end_column: int) -> "Range":
        return cls(Position(line, column), Position(end_line, end_column))


@dataclass(frozen=True)
class Edit:
    """Replace the text in ``range`` with ``new_text``.

    Like every range in a Diagnostic, ``range`` is in the user's coordinates:
    for notebooks it is relative to code cell ``cell``.
    """

    range: Range
    new_text: str
    cell: int | None = None


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


@dataclass(frozen=True)
class Related:
    """Another place that explains the finding (e.g. where the split happens)."""

    message: str
    range: Range
    path: str | None = None  # None: the same file
    cell: int | None = None


@dataclass
class Diagnostic:
    code: str
    name: str
    severity: Severity
    message: str
    path: str
    range: Range
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    # Notebooks: 1-based cell number, and ``range`` is relative to that cell.
    cell: int | None = None
    # The remedy, apart from ``message`` (which names the problem in one clause), as ruff and rustc do.
    help: str | None = None

    @property
    def line(self) -> int:
        return self.range.start.line

    @property
    def column(self) -> int:
        return self.range.start.column

    def sort_key(self) -> tuple:
        return (self.path, self.cell or 0, self.range.start, self.code)


@dataclass(frozen=True)
class RuleInfo:
    """What a rule page in ``rules/`` declares about a rule."""

    code: str
    name: str
    severity: Severity
    fix: str  # "none", "safe" or "unsafe"
    default_enabled: bool
    summary: str  # first paragraph of "What it does"
    page: str  # the whole Markdown page

    @property
    def fixable(self) -> bool:
        return self.fix != "none"
