"""Places in the files as a reader of an output opens them.

Diagnostics in notebooks say (cell, line inside the cell). The text and JSON
outputs keep that; SARIF viewers and GitHub annotations open the ``.ipynb``
file itself, so they get the line and column of the code there.
"""

from __future__ import annotations

from tflint import source as source_mod
from tflint.diagnostics import Range


class FileLocator:
    """Maps ranges in notebook cells to ranges in the ``.ipynb`` file, reading each notebook once."""

    def __init__(self) -> None:
        self._layouts: dict[str, source_mod.NotebookLayout | None] = {}

    def _layout(self, path: str) -> source_mod.NotebookLayout | None:
        if path not in self._layouts:
            try:
                self._layouts[path] = source_mod.notebook_layout(source_mod.read_bytes(path))
            except source_mod.SourceError:
                self._layouts[path] = None  # stdin, or the file is gone: the cell line is all there is
        return self._layouts[path]

    def file_range(self, path: str, cell: int | None, rng: Range) -> Range | None:
        """``rng`` in the file's own lines; None when it cannot be placed (then the caller says cell and line)."""
        if cell is None:
            return rng
        layout = self._layout(path)
        return layout.file_range(cell, rng) if layout is not None else None
