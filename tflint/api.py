"""The public entry points the CLI, the language server and tests use."""

from __future__ import annotations

from pathlib import Path

from tflint import source as source_mod
from tflint.config import Config
from tflint.engine import LintResult, lint_path, lint_source, tool_diagnostic
from tflint.incremental import IncrementalParser
from tflint.fixes import fixed_text
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


def lint_file(path: str | Path, config: Config | None = None) -> LintResult:
    return lint_path(str(path), config or Config())


def fix_text(text: str, path: str = "<stdin>", config: Config | None = None, *, max_passes: int = 5) -> str:
    """Apply every safe fix, re-linting until nothing is left to fix."""
    config = config or Config()
    for _ in range(max_passes):
        result = lint_text(text, path, config)
        if result.source is None:
            return text
        new, count = fixed_text(result.source, result.diagnostics)
        if count == 0 or new == text:
            return text
        text = new
    return text


__all__ = ["LintResult", "SourceFile", "lint_text", "lint_cells", "lint_file", "fix_text", "Config"]
