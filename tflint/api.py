"""The front door: every way in (the CLI, stdin, the language server, the tests) lints and fixes here.

``lint_*`` turn text, cells or a file into a ``LintResult``; ``fix`` runs the
one fix loop (``fixes.fix_until_stable``) over a program with the same config.
"""

from __future__ import annotations

from pathlib import Path

from tflint import source as source_mod
from tflint.config import Config
from tflint.engine import LintResult, lint_path, lint_source, tool_diagnostic
from tflint.incremental import IncrementalParser
from tflint.fixes import FixOutcome, fix_until_stable
from tflint.source import SourceError, SourceFile


def lint_text(
    text: str,
    path: str = "<stdin>",
    config: Config | None = None,
    *,
    notebook: bool = False,
    parser: IncrementalParser | None = None,
) -> LintResult:
    """Lint source text that is not (or not yet) on disk, e.g. an editor buffer.

    An editor passes one ``IncrementalParser`` per document, so each version
    re-parses only the top-level statements that changed.
    """
    config = config or Config()
    try:
        src = source_mod.from_text(path, text, notebook=notebook)
    except SourceError as exc:
        return LintResult(path, [tool_diagnostic("TFL004", path, str(exc))])
    return lint_source(src, config, parser=parser)


def lint_cells(
    cells: list[tuple[int, str]], path: str, config: Config | None = None, *, parser: IncrementalParser | None = None
) -> LintResult:
    """Lint a notebook given as (cell number, source) pairs, as one program."""
    src = source_mod.notebook_from_cells(path, cells)
    return lint_source(src, config or Config(), parser=parser)


def lint_file(path: str | Path, config: Config | None = None, data: bytes | None = None) -> LintResult:
    """Lint a file on disk (or ``data``, its bytes already read); unreadable files are TFL004."""
    return lint_path(str(path), config or Config(), data)


def fix(
    src: SourceFile, config: Config | None = None, *, unsafe: bool = False, result: LintResult | None = None
) -> FixOutcome:
    """Every applicable fix applied to ``src``, re-linting between passes (raises FixError if one breaks it).

    ``result`` is the lint of ``src`` when the caller already has it.
    """
    config = config or Config()
    return fix_until_stable(src, lambda s: lint_source(s, config), unsafe=unsafe, result=result)


def fix_text(text: str, path: str = "<stdin>", config: Config | None = None, *, unsafe: bool = False) -> str:
    """``text`` with every safe (or, with ``unsafe``, every) fix applied."""
    config = config or Config()
    result = lint_text(text, path, config)
    if result.source is None:
        return text
    return fix(result.source, config, unsafe=unsafe, result=result).source.text


__all__ = ["LintResult", "SourceFile", "FixOutcome", "tool_diagnostic", "lint_source", "lint_text", "lint_cells", "lint_file", "fix", "fix_text", "Config"]
