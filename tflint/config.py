"""Configuration: ``[tool.tflint]`` in pyproject.toml, or tflint.toml.

The closest config file to a linted file wins (like ruff). Files are read
once per directory and cached, not once per linted file. Unknown keys and bad
values raise ``ConfigError`` naming the key and the file.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # blake2b without loading OpenSSL (hashlib does, a few ms of every start)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

from tflint.diagnostics import Severity

#: Rule thresholds: key -> (type, default, description).
THRESHOLDS: dict[str, tuple[type, Any, str]] = {
    "max-epochs-without-early-stopping": (int, 20, "TFL201, TFL202: runs of this many epochs or more need validation and a stopping callback"),
    "max-learning-rate-adaptive": (float, 0.01, "TFL301: highest sane learning rate for Adam-family optimisers"),
    "max-learning-rate-sgd": (float, 1.0, "TFL301: highest sane learning rate for SGD"),
    "min-learning-rate": (float, 1e-6, "TFL302: lowest sane learning rate for any optimiser"),
    "max-learning-rate-scale": (float, 10.0, "TFL301: highest sane Adadelta learning-rate scale"),
    "min-saturating-layers": (int, 5, "TFL409: hidden sigmoid/tanh layers that make a stack too deep"),
}

_LIST_KEYS = ("select", "ignore", "extend-select", "exclude", "extend-exclude")
_KNOWN_KEYS = set(_LIST_KEYS) | {"per-file-ignores", "fail-on", "severity-overrides", "probe", "diagnose", *THRESHOLDS}
DEFAULT_EXCLUDE = (
    ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", "__pycache__", "node_modules", "build", "dist",
    ".ipynb_checkpoints", ".tflint_cache", "site-packages", ".mypy_cache", ".pytest_cache",
)


class ConfigError(Exception):
    pass


@dataclass
class Config:
    select: tuple[str, ...] | None = None  # None: the rules enabled by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    thresholds: dict[str, Any] = field(default_factory=lambda: {k: v[1] for k, v in THRESHOLDS.items()})
    probe: dict[str, Any] = field(default_factory=dict)
    diagnose: dict[str, Any] = field(default_factory=dict)  # [tool.tflint.diagnose], checked by tflint.diagnose.settings
    root: Path = field(default_factory=Path.cwd)  # where relative globs start
    source: str | None = None  # the file it was read from

    def threshold(self, key: str) -> Any:
        return self.thresholds[key]

    def is_enabled(self, code: str, default_enabled: bool = True) -> bool:
        if self.select is None:
            selected = default_enabled
        else:
            selected = _matches(code, self.select)
        if not selected and self.extend_select:
            selected = _matches(code, self.extend_select)
        if selected and self.ignore:
            # a more specific select beats a broader ignore (ruff's rule)
            ignored = _best_match(code, self.ignore)
            chosen = max(_best_match(code, self.select or ()), _best_match(code, self.extend_select))
            selected = ignored < 0 or chosen > ignored
        return selected

    def ignored_in(self, path: str) -> tuple[str, ...]:
        if not self.per_file_ignores:
            return ()
        rel = _relative(path, self.root)
        codes: list[str] = []
        for pattern, pattern_codes in self.per_file_ignores.items():
            if _glob_match(rel, pattern):
                codes.extend(pattern_codes)
        return tuple(codes)

    def is_excluded(self, path: str) -> bool:
        matcher = self.__dict__.get("_exclude_matcher")
        if matcher is None or matcher.patterns != self.exclude or matcher.root != self.root:
            matcher = self.__dict__["_exclude_matcher"] = _GlobSet(self.exclude, self.root)  # not a field: not fingerprinted
        return matcher.matches(_relative_to_resolved(path, matcher.resolved_root))

    def fingerprint(self) -> str:
        data = {
            k: v
            for k, v in vars(self).items()
            if k not in ("root", "source") and not k.startswith("_")
        }
        return blake2b(json.dumps(data, sort_keys=True, default=str).encode(), digest_size=8).hexdigest()


def _matches(code: str, prefixes) -> bool:
    return _best_match(code, prefixes) >= 0


def _best_match(code: str, prefixes) -> int:
    """Length of the longest matching prefix (-1 when none; ALL matches everything)."""
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def _relative(path: str, root: Path) -> str:
    return _relative_to_resolved(path, root.resolve())


def _relative_to_resolved(path: str, resolved_root: Path) -> str:
    absolute, root = os.path.abspath(path), str(resolved_root)
    if os.sep == "/" and absolute.startswith(root.rstrip("/") + "/"):  # the common case, without pathlib
        return absolute[len(root.rstrip("/")) + 1 :]
    try:
        return Path(os.path.abspath(path)).relative_to(resolved_root).as_posix()
    except ValueError:
        return Path(path).as_posix()


class _GlobSet:
    """The ``exclude`` globs of one config, compiled into two regexes once.

    The same answers as ``_glob_match`` for each pattern, for a fraction of the
    cost: discovery asks once per file and folder of the tree (a warm-cache run
    spent most of its time in fnmatch).
    """

    def __init__(self, patterns: tuple[str, ...], root: Path):
        self.patterns, self.root = patterns, root
        self.resolved_root = root.resolve()
        whole, parts = [], []
        for pattern in patterns:
            pattern = os.path.normcase(pattern.rstrip("/"))
            whole += [fnmatch.translate(pattern), fnmatch.translate(pattern + "/*")]
            if "/" not in pattern:
                parts.append(fnmatch.translate(pattern))
        self._whole = re.compile("|".join(f"(?:{r})" for r in whole)) if whole else None
        self._part = re.compile("|".join(f"(?:{r})" for r in parts)) if parts else None

    def matches(self, rel: str) -> bool:
        rel = os.path.normcase(rel)
        if self._whole is not None and self._whole.match(rel):
            return True
        part = self._part
        return part is not None and any(part.match(name) for name in rel.split("/"))


def _glob_match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
        return True
    # a bare name matches at any depth (like .gitignore)
    if "/" not in pattern:
        return any(fnmatch.fnmatch(part, pattern) for part in rel.split("/"))
    return False


def _codes(value: Any, key: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: '{key}' must be a list of rule codes, e.g. [\"TFL1\", \"TFL201\"]")
    for v in value:
        if v != "ALL" and not (v.startswith("TFL") and v[3:].isdigit() and len(v) <= 6):
            raise ConfigError(f"{source}: '{key}' has {v!r}, which is not a rule code or prefix like TFL2 or TFL201")
    codes = tuple(v.upper() for v in value)
    from tflint.selectors import SelectorError, check  # reads the rule pages, which every lint reads anyway

    try:
        check(f"{source}: '{key}'", codes, for_probe=True)  # a typo must not turn rules off in silence
    except SelectorError as exc:
        raise ConfigError(str(exc)) from None
    return codes


def from_table(table: dict[str, Any], source: str, root: Path, base: Config | None = None) -> Config:
    """Build a Config from a ``[tool.tflint]`` table (validated)."""
    config = Config(root=root, source=source)
    if base is not None:  # CLI defaults under file settings
        config.fail_on = base.fail_on
    for key, value in table.items():
        if key not in _KNOWN_KEYS:
            hint = ", ".join(sorted(_KNOWN_KEYS))
            raise ConfigError(f"{source}: unknown key '{key}' in [tool.tflint] (known keys: {hint})")
        if key in ("select", "ignore", "extend-select"):
            setattr(config, key.replace("-", "_"), _codes(value, key, source))
        elif key in ("exclude", "extend-exclude"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: '{key}' must be a list of glob patterns")
            config.exclude = config.exclude + tuple(value)
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: 'per-file-ignores' must be a table of glob = [codes]")
            config.per_file_ignores = {k: _codes(v, f"per-file-ignores.{k}", source) for k, v in value.items()}
        elif key == "fail-on":
            try:
                config.fail_on = Severity.parse(str(value))
            except ValueError as exc:
                raise ConfigError(f"{source}: 'fail-on': {exc}") from None
        elif key == "severity-overrides":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: 'severity-overrides' must be a table of CODE = \"error|warning|info\"")
            try:
                config.severity_overrides = {k.upper(): Severity.parse(str(v)) for k, v in value.items()}
            except ValueError as exc:
                raise ConfigError(f"{source}: 'severity-overrides': {exc}") from None
        elif key == "probe":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: 'probe' must be a table ([tool.tflint.probe])")
            config.probe = dict(value)
        elif key == "diagnose":
            if not isinstance(value, dict):
                raise ConfigError(f"{source}: 'diagnose' must be a table ([tool.tflint.diagnose])")
            config.diagnose = dict(value)
        else:
            kind, _default, _doc = THRESHOLDS[key]
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (kind is float or isinstance(value, int))
            if not ok or value <= 0:
                raise ConfigError(f"{source}: '{key}' must be a positive {kind.__name__}, got {value!r}")
            config.thresholds[key] = kind(value)
    config.exclude = DEFAULT_EXCLUDE + config.exclude
    return config


def load_file(path: Path) -> Config:
    """Read one config file (pyproject.toml or tflint.toml)."""
    if sys.version_info >= (3, 11):  # imported here: most runs find no config file to read
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("tflint", {})
    else:
        table = data.get("tool", {}).get("tflint", data)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.tflint] must be a table")
    return from_table(table, str(path), path.parent)


def find_config_file(directory: Path) -> Path | None:
    """The closest tflint.toml, or pyproject.toml with a [tool.tflint] table."""
    for folder in (directory, *directory.parents):
        found = _config_in(folder)
        if found is not None:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    """The config file in this very folder, if any (``find_config_file``, one level)."""
    candidate = folder / "tflint.toml"
    if candidate.is_file():
        return candidate
    candidate = folder / "pyproject.toml"
    if candidate.is_file():
        try:
            text = candidate.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        if "[tool.tflint" in text:
            return candidate
    return None


class ConfigResolver:
    """Finds the config for each file, reading every config file once."""

    def __init__(self, explicit: Path | None = None, overrides: dict[str, Any] | None = None):
        self.explicit = load_file(explicit) if explicit else None
        self.overrides = overrides or {}
        self._by_dir: dict[str, Config] = {}  # absolute folder -> its config
        self._by_file: dict[Path, Config] = {}
        self._file_of_dir: dict[Path, Path | None] = {}  # every folder looked at -> its closest config file
        self.default = self._apply(Config())

    def _apply(self, config: Config) -> Config:
        for key, value in self.overrides.items():
            if value is None:
                continue
            if key == "extend_select":
                config.extend_select = config.extend_select + tuple(value)
            elif key == "ignore":
                config.ignore = config.ignore + tuple(value)
            else:
                setattr(config, key, value)
        if not config.exclude:
            config.exclude = DEFAULT_EXCLUDE
        return config

    def for_path(self, path: str | Path) -> Config:
        if self.explicit is not None:
            return self._apply_once(self.explicit)
        absolute = os.path.abspath(path)
        directory = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
        cached = self._by_dir.get(directory)
        if cached is not None:
            return cached
        found = self._closest_config_file(Path(directory))
        if found is None:
            config = self.default
        else:
            config = self._by_file.get(found)
            if config is None:
                config = self._apply(load_file(found))
                self._by_file[found] = config
        self._by_dir[directory] = config
        return config

    def _closest_config_file(self, directory: Path) -> Path | None:
        """``find_config_file`` that remembers every folder it passed: a tree's folders share their parents."""
        walked = []
        found = None
        for folder in (directory, *directory.parents):
            if folder in self._file_of_dir:
                found = self._file_of_dir[folder]
                break
            walked.append(folder)
            found = _config_in(folder)
            if found is not None:
                break
        for folder in walked:
            self._file_of_dir[folder] = found
        return found

    def _apply_once(self, config: Config) -> Config:
        if not getattr(config, "_overrides_applied", False):
            self._apply(config)
            config._overrides_applied = True  # type: ignore[attr-defined]
        return config
