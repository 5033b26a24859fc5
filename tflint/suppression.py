"""``# noqa`` comments: per line, per file, and which ones went unused.

Forms (codes may be full codes or family prefixes like ``TFL2``):
``# noqa`` / ``# noqa: TFL201, TFL1`` on the flagged line, and
``# tflint: noqa`` / ``# tflint: noqa: TFL201`` anywhere for the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]+)*))?", re.I)
_FILE = re.compile(r"#\s*tflint:\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]+)*))?", re.I)
_SPLIT = re.compile(r"[\s,]+")


@dataclass
class Suppression:
    line: int
    column: int
    codes: tuple[str, ...] | None  # None: every code
    file_level: bool
    used: set[str] = field(default_factory=set)

    def covers(self, code: str) -> bool:
        if self.codes is None:
            return True
        return any(code.startswith(c) for c in self.codes)


def _codes(text: str | None) -> tuple[str, ...] | None:
    if not text:
        return None
    return tuple(c.upper() for c in _SPLIT.split(text.strip()) if c)


def parse(text: str) -> list[Suppression]:
    """Every suppression comment in ``text`` (cheap: only lines that say noqa)."""
    if "noqa" not in text and "NOQA" not in text:
        return []
    found: list[Suppression] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "noqa" not in line.lower() or "#" not in line:
            continue
        m = _FILE.search(line)
        if m:
            found.append(Suppression(number, m.start(), _codes(m.group("codes")), True))
            continue
        m = _LINE.search(line)
        if m:
            found.append(Suppression(number, m.start(), _codes(m.group("codes")), False))
    return found


def is_suppressed(suppressions: list[Suppression], code: str, start_line: int, end_line: int) -> bool:
    """A diagnostic is suppressed by a file-level comment or a noqa on any of its lines' first/last."""
    for s in suppressions:
        if s.file_level or s.line in (start_line, end_line):
            if s.covers(code):
                s.used.add(code)
                return True
    return False
