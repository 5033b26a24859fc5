"""Content-hash cache: an unchanged file with an unchanged config and an
unchanged tflint is not linted again.

"Unchanged tflint" is the version and a fingerprint of the installed package's
own files (their sizes and modification times): a source checkout or an
editable install changes its checks without changing its version, and a cache
keyed by version alone would replay the old checks' findings.

One JSON file per tflint build under ``.tflint_cache/`` (older builds' files are
removed when it is written), read once at start and written once at the end
(atomically). JSON, not pickle: a cache directory checked into a repository
must not be able to run code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

try:  # blake2b without loading OpenSSL (hashlib does, a few ms of every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

from tflint import __version__
from tflint.diagnostics import Diagnostic, Edit, Fix, Position, Range, Related, Severity

CACHE_DIR = ".tflint_cache"


def _rng(data: list[int]) -> Range:
    return Range(Position(data[0], data[1]), Position(data[2], data[3]))


def _flat(rng: Range) -> list[int]:
    return [rng.start.line, rng.start.column, rng.end.line, rng.end.column]


def encode(d: Diagnostic) -> dict:
    return {
        "c": d.code, "n": d.name, "s": int(d.severity), "m": d.message, "h": d.help, "r": _flat(d.range), "cell": d.cell,
        "rel": [[x.message, _flat(x.range), x.path, x.cell] for x in d.related],
        "fix": None if d.fix is None else [d.fix.description, d.fix.safe, [[_flat(e.range), e.new_text, e.cell] for e in d.fix.edits]],
    }


def decode(data: dict, path: str) -> Diagnostic:
    fix = None
    if data["fix"] is not None:
        desc, safe, edits = data["fix"]
        fix = Fix(desc, tuple(Edit(_rng(r), t, c) for r, t, c in edits), safe)
    return Diagnostic(
        data["c"], data["n"], Severity(data["s"]), data["m"], path, _rng(data["r"]),
        tuple(Related(m, _rng(r), p, c) for m, r, p, c in data["rel"]), fix, data["cell"], data.get("h"),
    )


MAX_ENTRIES = 50_000


def project_root(files: list[str], config_file: str | None = None) -> Path:
    """Where ``.tflint_cache/`` goes: beside the config file that governs the files, else at the
    repository root, else in the files' common folder; never simply the directory tflint ran from.

    ``config_file`` is an explicit ``--config``. One cache serves a whole project
    however it is invoked (``tflint .`` at the root, ``tflint ../x.py`` from a subfolder).
    """
    from tflint.config import find_config_file

    if config_file is not None:
        return Path(os.path.abspath(config_file)).parent
    folders = {os.path.dirname(os.path.abspath(f)) for f in files if f != "-"}
    if not folders:
        return Path.cwd()
    common = Path(os.path.commonpath(sorted(folders)))
    found = find_config_file(common)
    if found is not None:
        return found.parent
    for folder in (common, *common.parents):
        if (folder / ".git").exists():
            return folder
    return common


def file_key(path: str, content: bytes, config_fingerprint: str) -> str:
    h = blake2b(content, digest_size=16)
    h.update(b"\0" + os.path.abspath(path).encode("utf-8", "surrogateescape"))
    h.update(b"\0" + config_fingerprint.encode())
    return h.hexdigest()


def build_fingerprint() -> str:
    """Which tflint wrote an entry: the version plus every package and rule-page file's size and mtime.

    Stat calls only (about a hundred files, well under a millisecond each): reading
    the files would cost more than the cache saves on a small project.
    """
    from tflint.rulebook import rules_dir

    package = Path(__file__).resolve().parent
    roots = [package]
    try:
        pages = rules_dir()
        if package not in pages.parents:
            roots.append(pages)
    except FileNotFoundError:
        pass
    return files_fingerprint(__version__, roots)


def files_fingerprint(version: str, roots: list[Path]) -> str:
    """A digest of the version and every file's path (relative to its root), size and mtime under ``roots``.

    One ``scandir`` per folder and one stat per file, with relative names built
    as the walk goes (``os.walk`` + ``relpath`` cost more than the stats).
    """
    h = blake2b(version.encode(), digest_size=8)
    lines: list[str] = []
    for root in roots:
        _fingerprint_folder(str(root), "", lines)
    h.update("".join(lines).encode("utf-8", "surrogateescape"))
    return h.hexdigest()


def _fingerprint_folder(folder: str, prefix: str, out: list[str]) -> None:
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return
    subfolders = []
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):  # a linked folder is not walked (no loops)
                if entry.name != "__pycache__":
                    subfolders.append(entry)
                continue
            st = entry.stat(follow_symlinks=True)
        except OSError:
            continue
        out.append(f"{prefix}{entry.name}\0{st.st_size}\0{st.st_mtime_ns}\n")
    for entry in subfolders:
        _fingerprint_folder(entry.path, f"{prefix}{entry.name}/", out)


class Cache:
    def __init__(self, root: Path):
        self.path = root / CACHE_DIR / f"v{__version__}-{build_fingerprint()}.json"
        self.entries: dict[str, list[dict]] = {}
        self.used: set[str] = set()
        self.dirty = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.entries = loaded
        except (OSError, ValueError):
            pass

    def get(self, key: str, path: str) -> list[Diagnostic] | None:
        found = self.entries.get(key)
        if found is None:
            return None
        self.used.add(key)
        try:
            return [decode(d, path) for d in found]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        self.entries[key] = [encode(d) for d in diagnostics]
        self.used.add(key)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        if len(self.entries) > MAX_ENTRIES:  # keep what this run used
            self.entries = {k: v for k, v in self.entries.items() if k in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            gitignore = self.path.parent / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by tflint\n*\n")
            import tempfile  # only a run that wrote entries pays for it

            fd, tmp = tempfile.mkstemp(dir=str(self.path.parent), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self.entries, handle, separators=(",", ":"))
            os.replace(tmp, self.path)
            for old in self.path.parent.glob("v*.json"):  # other builds' entries can never hit again
                if old != self.path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass  # a cache that cannot be written is only a slower next run
