"""Inputs for the robustness runs, and the oracle that judges one run.

Shared by tests/reliability/test_generated.py (a bounded number, in CI) and
bench/fuzz.py (a large number, for the report). The oracle: linting never
raises, never reports TFL002, reports TFL001 when neither Python nor libcst
can parse the program, puts every range inside the file (or cell), and the
safe fixes give code that still parses.
"""

from __future__ import annotations

import ast
import io
import random
import tokenize
import traceback
import warnings
from typing import Iterator

import libcst as cst

from tflint import rulebook
from tflint.api import fix_text, lint_cells, lint_text
from tflint.config import Config

#: Programs that import no ML library take the engine's cheap path (syntax
#: only); this header makes the facts walk and every check run.
ML_HEADER = (
    "import tensorflow as tf\n"
    "from tensorflow import keras\n"
    "from sklearn.model_selection import train_test_split\n"
    "from sklearn.preprocessing import StandardScaler\n"
)
ALL = Config(select=("ALL",))


def rule_blocks() -> list[tuple[str, str]]:
    """(id, code) for every python block under Example / Use instead of every rule page."""
    out = []
    for code, info in sorted(rulebook.all_rules().items()):
        for heading in ("Example", "Use instead"):
            for i, block in enumerate(rulebook.code_blocks(info.page, heading)):
                out.append((f"{code}-{heading.split()[0].lower()}-{i}", block))
    return out


def _token_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of every token that has text (best effort on broken code)."""
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.ENDMARKER):
                continue
            if not tok.string:
                continue
            (sl, sc), (el, ec) = tok.start, tok.end
            if sl - 1 < len(starts) and el - 1 < len(starts):
                spans.append((starts[sl - 1] + sc, starts[el - 1] + ec))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return spans


def all_mutations(text: str) -> Iterator[tuple[str, str]]:
    """Every single-step mutation: drop, duplicate or swap lines; delete a token."""
    lines = text.splitlines(keepends=True)
    for i in range(len(lines)):
        yield f"drop line {i + 1}", "".join(lines[:i] + lines[i + 1 :])
        yield f"duplicate line {i + 1}", "".join(lines[: i + 1] + lines[i:])
        if i + 1 < len(lines):
            yield f"swap lines {i + 1}-{i + 2}", "".join(lines[:i] + [lines[i + 1], lines[i]] + lines[i + 2 :])
    for start, end in _token_spans(text):
        yield f"delete token {text[start:end]!r} at {start}", text[:start] + text[end:]


def random_mutation(text: str, rng: random.Random, steps: int = 3) -> tuple[str, str]:
    """Several random mutations applied one after the other."""
    done = []
    for _ in range(steps):
        choices = list(all_mutations(text))
        if not choices:
            break
        what, text = rng.choice(choices)
        done.append(what)
    return "; ".join(done), text


def _python_parses(text: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def _libcst_parses(text: str) -> bool:
    try:
        cst.parse_module(text)
    except (cst.ParserSyntaxError, RecursionError, MemoryError):
        return False
    return True


def _check_ranges(diagnostics, line_counts: dict) -> list[str]:
    problems = []
    for d in diagnostics:
        lines = line_counts.get(d.cell)
        if lines is None:
            problems.append(f"{d.code} in cell {d.cell}, which does not exist")
            continue
        for name, rng in [("range", d.range)] + [(f"related {r.message!r}", r.range) for r in d.related]:
            start, end = rng.start, rng.end
            if not (1 <= start.line <= max(lines, 1) + 1 and start.column >= 0 and (end.line, end.column) >= (start.line, start.column)):
                problems.append(f"{d.code} {name} {start.line}:{start.column}-{end.line}:{end.column} outside {lines} lines")
    return problems


def check_program(text: str, *, notebook: bool = False, fixes: bool = True) -> list[str]:
    """Everything wrong with how tflint handles ``text``; [] when all is well."""
    problems: list[str] = []
    try:
        if notebook:
            # split into cells at blank lines, with IPython-only lines around them
            parts = [p for p in text.split("\n\n") if p.strip()] or [""]
            cells = [(1, "%matplotlib inline\n!pip install -q tensorflow\n")]
            cells += [(i + 2, part + "\n") for i, part in enumerate(parts)]
            cells.append((len(cells) + 2, "%%bash\necho done\n"))
            result = lint_cells(cells, "fuzz.ipynb", ALL)
            assert result.source is not None
            line_counts = {c.number: c.line_count for c in result.source.cells}
            program = result.source.text
        else:
            result = lint_text(text, "fuzz.py", ALL)
            program = text.replace("\r\n", "\n").replace("\r", "\n")
            line_counts = {None: len(program.split("\n"))}
    except BaseException as exc:  # noqa: BLE001 - the oracle: nothing may escape
        if isinstance(exc, KeyboardInterrupt):
            raise
        return ["exception escaped: " + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-3000:]]
    found = {d.code for d in result.diagnostics}
    for d in result.diagnostics:
        if d.code == "TFL002":
            problems.append(f"TFL002: {d.message}")
    python_ok = _python_parses(program)
    if not python_ok and "TFL001" not in found and not _libcst_parses(program):
        problems.append("neither Python nor libcst parse it, yet no TFL001")
    if python_ok and "TFL001" in found:
        messages = [d.message for d in result.diagnostics if d.code == "TFL001"]
        if not all(m.startswith("cannot ") for m in messages):  # our limits, not a syntax claim
            problems.append(f"TFL001 on code Python accepts: {messages}")
    problems.extend(_check_ranges(result.diagnostics, line_counts))
    if fixes and not notebook and any(d.fix is not None for d in result.diagnostics):
        try:
            fixed = fix_text(text, "fuzz.py", ALL)
        except BaseException as exc:  # noqa: BLE001
            if isinstance(exc, KeyboardInterrupt):
                raise
            problems.append(f"fix_text raised {type(exc).__name__}: {exc}")
        else:
            if fixed != text and not _libcst_parses(fixed):
                problems.append("fixed code does not parse")
    return problems
