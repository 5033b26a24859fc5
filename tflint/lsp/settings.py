"""Client settings (``tflint.*``) and how they change the project's Config.

Settings arrive in ``initializationOptions`` (flat, under ``tflint``, or as the
VS Code extension sends them: ``settings`` / ``globalSettings`` /
``workspaceSettings``) and from ``workspace/configuration`` section
``tflint``, per workspace folder. A bad value is reported and ignored, never
fatal.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from typing import Any, Callable

from tflint.config import Config
from tflint.diagnostics import Severity
from tflint.selectors import SelectorError
from tflint.selectors import check as check_selectors

RUN_MODES = ("onType", "onSave")


@dataclass(frozen=True)
class Settings:
    enable: bool = True
    select: tuple[str, ...] = ()  # empty: the project's config or the default rule set
    ignore: tuple[str, ...] = ()
    run: str = "onType"
    severity_overrides: tuple[tuple[str, Severity], ...] = ()
    debounce_ms: int | None = None  # None: the server's default
    max_file_size: int | None = None  # characters; None: the server's default, 0: no limit

    def apply(self, config: Config) -> Config:
        """A copy of ``config`` with these settings on top (the cached config is not touched)."""
        if not (self.select or self.ignore or self.severity_overrides):
            return config
        changes: dict[str, Any] = {}
        if self.select:
            changes["select"] = self.select
            changes["extend_select"] = ()
        if self.ignore:
            changes["ignore"] = config.ignore + self.ignore
        if self.severity_overrides:
            changes["severity_overrides"] = {**config.severity_overrides, **dict(self.severity_overrides)}
        return dataclasses.replace(config, **changes)


def _code_list(value: Any, key: str, warn: Callable[[str], None]) -> tuple[str, ...] | None:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, (list, tuple)):
        warn(f"tflint.{key} must be a list of rule codes, got {value!r}; ignored")
        return None
    out = []
    for v in value:
        code = str(v).strip().upper()
        if code == "ALL" or (code.startswith("TFL") and code[3:].isdigit() and len(code) <= 6):
            try:
                check_selectors(f"tflint.{key}", [code], for_probe=True)
            except SelectorError as exc:  # TFL7, TFL999: a typo would silently turn rules off
                warn(f"{exc}; ignored")
                continue
            out.append(code)
        else:
            warn(f"tflint.{key}: {v!r} is not a rule code or prefix like TFL2 or TFL201; ignored")
    return tuple(out)


def parse(data: Any, base: Settings | None = None, warn: Callable[[str], None] = lambda _m: None) -> Settings:
    """Settings from a ``tflint`` section (camelCase keys, as the extension sends them)."""
    settings = base or Settings()
    if not isinstance(data, dict):
        return settings
    changes: dict[str, Any] = {}
    if "enable" in data:
        if isinstance(data["enable"], bool):
            changes["enable"] = data["enable"]
        else:
            warn(f"tflint.enable must be true or false, got {data['enable']!r}; ignored")
    for key in ("select", "ignore"):
        if key in data and data[key] is not None:
            codes = _code_list(data[key], key, warn)
            if codes is not None:
                changes[key] = codes
    if "run" in data and data["run"] is not None:
        if data["run"] in RUN_MODES:
            changes["run"] = data["run"]
        else:
            warn(f"tflint.run must be onType or onSave, got {data['run']!r}; ignored")
    overrides = data.get("severityOverrides", data.get("severity_overrides"))
    if overrides is not None:
        if isinstance(overrides, dict):
            parsed = []
            for code, value in overrides.items():
                try:
                    parsed.append((str(code).upper(), Severity.parse(str(value))))
                except ValueError as exc:
                    warn(f"tflint.severityOverrides.{code}: {exc}; ignored")
            changes["severity_overrides"] = tuple(sorted(parsed))
        else:
            warn("tflint.severityOverrides must be an object like {\"TFL201\": \"error\"}; ignored")
    debounce = data.get("debounceMs", data.get("debounce"))
    if debounce is not None:
        if isinstance(debounce, (int, float)) and not isinstance(debounce, bool) and 0 <= debounce <= 10_000:
            changes["debounce_ms"] = int(debounce)
        else:
            warn(f"tflint.debounceMs must be a number of milliseconds (0-10000), got {debounce!r}; ignored")
    size = data.get("maxFileSize")
    if size is not None:
        if isinstance(size, int) and not isinstance(size, bool) and size >= 0:
            changes["max_file_size"] = size
        else:
            warn(f"tflint.maxFileSize must be a number of characters (0: no limit), got {size!r}; ignored")
    return dataclasses.replace(settings, **changes) if changes else settings


def section(data: Any) -> Any:
    """The ``tflint`` section of a settings object that may or may not be wrapped in it."""
    if isinstance(data, dict) and isinstance(data.get("tflint"), dict):
        return data["tflint"]
    return data


@dataclass
class SettingsStore:
    """Global settings and each workspace folder's own; the longest folder prefix wins."""

    global_settings: Settings = field(default_factory=Settings)
    folders: dict[str, Settings] = field(default_factory=dict)  # folder path -> settings

    def from_initialization_options(self, options: Any, warn: Callable[[str], None], folder_path: Callable[[str], str | None]) -> None:
        options = section(options)
        if not isinstance(options, dict):
            return
        if "settings" in options or "globalSettings" in options or "workspaceSettings" in options:
            glob = options.get("globalSettings") or options.get("settings")
            self.global_settings = parse(section(glob), Settings(), warn)
            for entry in options.get("workspaceSettings") or []:
                if isinstance(entry, dict) and isinstance(entry.get("uri"), str):
                    path = folder_path(entry["uri"])
                    if path:
                        self.folders[path] = parse(section(entry.get("settings")), self.global_settings, warn)
        else:
            self.global_settings = parse(options, Settings(), warn)

    def for_path(self, path: str | None) -> Settings:
        if path and self.folders:
            best = None
            for folder in self.folders:
                if (path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)) and (best is None or len(folder) > len(best)):
                    best = folder
            if best is not None:
                return self.folders[best]
        return self.global_settings


#: The files tflint reads its configuration from (config.find_config_file).
CONFIG_FILES = ("pyproject.toml", "tflint.toml")


def _stat_key(path: str) -> tuple[int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


class ConfigFileWatch:
    """Notices config files that changed on disk although the client said nothing.

    Not every client sends ``workspace/didChangeWatchedFiles`` (Neovim on Linux
    sends none) or a ``didSave`` for ``pyproject.toml``. Before a document is
    linted, this stats every file its configuration could come from: each
    config file name in its folder and every folder above (about twenty
    ``stat`` calls, microseconds), so an edited, created or deleted config is
    seen at the next lint.
    """

    def __init__(self) -> None:
        self._seen: dict[str, tuple] = {}  # folder -> the stat keys of the config files above it

    @staticmethod
    def _signature(folder: str) -> tuple:
        keys = []
        current = os.path.abspath(folder)
        while True:
            keys.extend(_stat_key(os.path.join(current, name)) for name in CONFIG_FILES)
            parent = os.path.dirname(current)
            if parent == current:
                return tuple(keys)
            current = parent

    def changed(self, path: str | None) -> bool:
        """Whether a config file for ``path`` changed since the last call for its folder."""
        if not path:
            return False
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        signature = self._signature(folder)
        before = self._seen.get(folder)
        self._seen[folder] = signature
        return before is not None and before != signature

    def forget(self) -> None:
        """After the configuration was re-read anyway: start afresh, so one edit is not acted on twice."""
        self._seen.clear()
