"""Applying fixes: text edits from diagnostics, re-parse check, atomic write.

Nothing is written unless the fixed program still parses, and a file that
changed on disk since it was read is left alone.
"""

from __future__ import annotations

import ast
import os
import tempfile
import warnings
from pathlib import Path

import libcst as cst

from tflint.diagnostics import Diagnostic, Edit, Position
from tflint.source import SourceFile


class FixError(Exception):
    pass


def _offsets(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def _offset(starts: list[int], text: str, pos: Position) -> int:
    if pos.line - 1 >= len(starts):
        return len(text)
    return min(starts[pos.line - 1] + pos.column, len(text))


def apply_edits(src: SourceFile, edits: list[Edit]) -> str:
    """Apply edits (user coordinates) to the program text; overlapping edits are skipped."""
    text = src.text
    starts = _offsets(text)
    spans = []
    for edit in edits:
        start = _offset(starts, text, src.to_program_position(edit.cell, edit.range.start))
        end = _offset(starts, text, src.to_program_position(edit.cell, edit.range.end))
        spans.append((start, end, edit.new_text))
    spans.sort(key=lambda s: (s[0], s[1]))
    out: list[str] = []
    cursor = 0
    for start, end, new_text in spans:
        if start < cursor:
            continue  # overlaps an earlier edit: leave it for the next pass
        out.append(text[cursor:start])
        out.append(new_text)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def parses_as_python(text: str) -> bool:
    """Whether this Python accepts ``text`` (the cheap re-parse check for edits)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def fixable(diagnostics: list[Diagnostic], *, unsafe: bool = False) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe)]


def fixed_text(src: SourceFile, diagnostics: list[Diagnostic], *, unsafe: bool = False) -> tuple[str, int]:
    """The program text with every applicable fix applied, and how many were applied."""
    chosen = fixable(diagnostics, unsafe=unsafe)
    edits = [e for d in chosen for e in d.fix.edits]  # type: ignore[union-attr]
    if not edits:
        return src.text, 0
    new = apply_edits(src, edits)
    try:
        cst.parse_module(new)
    except (cst.ParserSyntaxError, RecursionError) as exc:
        raise FixError(f"{src.path}: fixes would produce code that does not parse ({exc}); nothing written") from None
    return new, len(chosen)


def write_atomic(src: SourceFile, program_text: str) -> None:
    """Write the fixed program back (notebook JSON rebuilt), via temp file + rename."""
    path = Path(src.path)
    data = src.render(program_text)
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise FixError(f"{path}: cannot re-read before writing: {exc}") from None
    if src.raw is not None and current != src.raw:
        raise FixError(f"{path}: the file changed while tflint was running; not written")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tflint-tmp", dir=str(path.parent))
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
