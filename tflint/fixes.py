"""Applying fixes: text edits from diagnostics, the fix loop, atomic write.

``fix_until_stable`` is the one fix loop (the CLI, stdin, the language server
and the tests reach it through ``api.fix``): fixes are applied in passes, each
pass must still parse and must not create a finding that was not there
before (a fix that would is left out and its finding stays), and the loop
stops when nothing is left to fix. Nothing is written unless the fixed program
still parses, and a file that changed on disk since it was read is left alone.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Protocol

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


def fixable(diagnostics: list[Diagnostic], *, unsafe: bool = False) -> list[Diagnostic]:
    return [d for d in diagnostics if d.fix is not None and (d.fix.safe or unsafe)]


def _check_parses(path: str, text: str) -> None:
    """The one "still parses" check every fix passes before anything is shown or written."""
    try:
        cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError) as exc:
        raise FixError(f"{path}: fixes would produce code that does not parse ({exc}); nothing written") from None


class _Linted(Protocol):
    diagnostics: list[Diagnostic]


MAX_FIX_PASSES = 5  # a fix can enable another one; real code settles in one or two


@dataclass
class FixOutcome:
    """What the fix loop did to one program."""

    source: SourceFile  # the fixed program, same layout (cells, encoding) as the original
    applied: int = 0
    result: _Linted | None = None  # the lint of the fixed program
    refused: list[Diagnostic] = field(default_factory=list)  # fixes left out: they would create a finding

    @property
    def changed(self) -> bool:
        return self.applied > 0


def _creates_finding(before: list[Diagnostic], after: list[Diagnostic]) -> bool:
    """Whether ``after`` has more findings of some code than ``before`` (positions move, counts don't)."""
    old = Counter(d.code for d in before)
    return any(count > old[code] for code, count in Counter(d.code for d in after).items())


def fix_until_stable(
    src: SourceFile, lint: Callable[[SourceFile], _Linted], *, unsafe: bool = False, result: _Linted | None = None
) -> FixOutcome:
    """Apply every applicable fix, pass after pass, until nothing is left to fix.

    When a pass's fixes together create a new finding, each is tried alone:
    the ones that create a finding are refused (their findings stay), the
    others are applied. Raises FixError when a fix would leave code that does
    not parse.
    """
    out = FixOutcome(src)
    current, current_result = src, result or lint(src)
    refused: set[tuple] = set()
    for _ in range(MAX_FIX_PASSES):
        chosen = [d for d in fixable(current_result.diagnostics, unsafe=unsafe) if _identity(d) not in refused]
        if not chosen:
            break
        candidate, candidate_result = _try(current, current_result, chosen, lint)
        if candidate is None and len(chosen) > 1:
            alone = [(diag, _try(current, current_result, [diag], lint)) for diag in chosen]
            for diag, (fixed, _) in alone:
                if fixed is None:
                    refused.add(_identity(diag))
                    out.refused.append(diag)
            good = [(diag, tried) for diag, tried in alone if tried[0] is not None]
            chosen = [diag for diag, _ in good]
            if len(good) > 1:
                candidate, candidate_result = _try(current, current_result, chosen, lint)
            if good and candidate is None:  # one alone (already linted); several fine alone but not together: one now
                chosen = chosen[:1]
                candidate, candidate_result = good[0][1]
        elif candidate is None:
            refused.add(_identity(chosen[0]))
            out.refused.append(chosen[0])
            continue
        if candidate is None:
            break
        current, current_result = candidate, candidate_result
        out.applied += len(chosen)
    out.source, out.result = current, current_result
    return out


def _identity(diag: Diagnostic) -> tuple:
    """A finding across passes (its position moves when an earlier fix changes the text)."""
    return diag.code, diag.message, diag.cell, diag.fix.description if diag.fix else None


def is_sound(src: SourceFile, diag: Diagnostic, lint: Callable[[SourceFile], _Linted], before: _Linted) -> bool:
    """Whether ``diag``'s fix alone leaves code that parses and creates no finding (an editor's quick fix)."""
    try:
        return _try(src, before, [diag], lint)[0] is not None
    except FixError:
        return False


def _try(src: SourceFile, before: _Linted, chosen: list[Diagnostic], lint):
    edits = [e for d in chosen for e in d.fix.edits]  # type: ignore[union-attr]
    text = apply_edits(src, edits)
    if text == src.text:
        return None, None
    _check_parses(src.path, text)
    candidate = replace(src, text=text)
    after = lint(candidate)
    if _creates_finding(before.diagnostics, after.diagnostics):
        return None, None
    return candidate, after


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
    import tempfile  # here: every lint imports this module, few write files (a few ms of start-up)

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
