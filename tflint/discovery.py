"""Which files to lint: explicit files, and .py/.ipynb files under directories,
skipping excluded folders and whatever .gitignore files ignore."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tflint.config import ConfigResolver

if TYPE_CHECKING:
    import pathspec

EXTENSIONS = (".py", ".ipynb", ".pyi")


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # readable messages, the run continues
    # paths named on the command line that cannot be linted: the run continues, the exit code is 2
    errors: list[str] = field(default_factory=list)


def _load_gitignore(folder: Path) -> pathspec.PathSpec | None:
    path = folder / ".gitignore"
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    import pathspec  # only when a .gitignore exists (keeps `tflint file.py` start-up light)

    return pathspec.GitIgnoreSpec.from_lines(lines)


def _ancestor_specs(folder: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """.gitignore files above ``folder`` up to the repository root."""
    specs = []
    for parent in folder.parents:
        spec = _load_gitignore(parent)
        if spec is not None:
            specs.append((parent, spec))
        if (parent / ".git").exists():
            break
    return list(reversed(specs))


def _ignored(path: Path, is_dir: bool, specs: list[tuple[Path, pathspec.PathSpec]]) -> bool:
    for base, spec in specs:
        try:
            rel = path.relative_to(base).as_posix()
        except ValueError:
            continue
        if spec.match_file(rel + "/" if is_dir else rel):
            return True
    return False


def discover(paths: list[str], resolver: ConfigResolver, *, respect_gitignore: bool = True) -> Discovery:
    found = Discovery()
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            found.files.append(path)

    for raw in paths:
        if raw == "-":
            add(raw)
            continue
        path = Path(raw)
        if path.is_file():
            add(raw)  # explicitly named files are always linted
            continue
        if not path.exists():
            if path.is_symlink():
                found.errors.append(f"{raw}: broken symbolic link (or a link loop)")
            else:
                found.errors.append(f"{raw}: no such file or directory")
            continue
        if not path.is_dir():
            found.errors.append(f"{raw}: not a regular file or directory")
            continue
        _walk(path, resolver, found, add, respect_gitignore)
    return found


def _walk(root: Path, resolver: ConfigResolver, found: Discovery, add, respect_gitignore: bool) -> None:
    root_abs = Path(os.path.abspath(root))
    base_specs = _ancestor_specs(root_abs) if respect_gitignore else []
    specs_by_dir: dict[str, list] = {}

    def on_error(exc: OSError) -> None:
        found.problems.append(f"{exc.filename}: cannot read directory ({exc.strerror}); skipped")

    for dirpath, dirnames, filenames in os.walk(root_abs, onerror=on_error, followlinks=False):
        folder = Path(dirpath)
        parent_specs = specs_by_dir.get(str(folder.parent), base_specs) if folder != root_abs else base_specs
        specs = parent_specs
        if respect_gitignore:
            own = _load_gitignore(folder)
            if own is not None:
                specs = [*parent_specs, (folder, own)]
        specs_by_dir[dirpath] = specs
        config = resolver.for_path(folder / "_")
        kept = []
        for name in sorted(dirnames):
            child = folder / name
            if config.is_excluded(str(child)) or (respect_gitignore and _ignored(child, True, specs)):
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.endswith(EXTENSIONS):
                continue
            child = folder / name
            if child.is_symlink() and not child.exists():
                found.problems.append(f"{child}: broken symbolic link (or a link loop); skipped")
                continue
            if not child.is_file():  # a FIFO named x.py would block the read forever
                found.problems.append(f"{child}: not a regular file (a FIFO, socket or device); skipped")
                continue
            if config.is_excluded(str(child)) or (respect_gitignore and _ignored(child, False, specs)):
                continue
            display = os.path.relpath(child) if not os.path.isabs(str(root)) else str(child)
            add(display)
