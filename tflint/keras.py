"""``callbacks=[tflint.keras.Monitor()]``: tflint's run diagnosis, live, inside ``fit``.

Importable only where Keras is installed (it subclasses
``keras.callbacks.Callback``); nothing else in tflint imports this module, so
the static linter never imports Keras or TensorFlow. In the training process
it costs the callback and the pure-Python analysis (``tflint.diagnose``), not
tflint's static path (no libcst, no rich).

After each epoch it re-reads the history so far and reports a problem once,
when it becomes clear (the epoch, the evidence, the remedy), on stderr (or to
``report=`` a function). It can stop training on NaN or divergence
(``stop_on=("nan", "divergence")``), checks the batch loss every
``check_every_n_steps`` steps when asked, and writes the run record (history,
findings, the source line of the ``fit`` call) to ``.tflint/last_run.json``,
which ``tflint diagnose`` and the editor read.
"""

from __future__ import annotations

import datetime as _dt
import linecache
import math
import os
import sys
import threading
from pathlib import Path
from typing import Callable, Iterable

import keras

from tflint.diagnose import record
from tflint.diagnose.analysis import NAN_REMEDY, Finding, diagnose
from tflint.diagnose.run import RunLog
from tflint.diagnose.settings import DiagnoseConfig

__all__ = ["Monitor"]

_STOP_CODES = {"nan": "TFL705", "divergence": "TFL703"}
#: frames from these packages are Keras/TF internals, not the user's fit call
_INTERNAL = frozenset({"keras", "tensorflow", "tf_keras", "tflint", "jax", "torch", "absl", "contextlib", "functools"})


_PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", "tflint.toml", ".git")


def project_root(script: str) -> Path | None:
    """The nearest folder at or above ``script``'s that looks like a project root."""
    if script.startswith("<"):
        return None
    folder = Path(script).resolve().parent
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in _PROJECT_MARKERS):
            return candidate
    return None


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def fit_call_site() -> tuple[str, int] | None:
    """(file, line) of the user's code that called ``fit``: the innermost frame outside Keras/TF/tflint."""
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        package = str(frame.f_globals.get("__name__", "")).split(".", 1)[0]
        if package not in _INTERNAL and not filename.startswith("<frozen"):
            return (filename if filename.startswith("<") else os.path.abspath(filename)), frame.f_lineno
        frame = frame.f_back
    return None


class Monitor(keras.callbacks.Callback):
    """Watch a Keras run and say why it is failing to train, while it trains.

    Args:
        path: where to write the run record (JSON; ``None`` writes nothing). A
            relative path is taken from the project of the script that calls
            ``fit`` (the nearest folder above it with pyproject.toml,
            setup.py, tflint.toml or .git), else from the working directory.
        stop_on: problems that stop training: ``"nan"`` (TFL705) and/or
            ``"divergence"`` (TFL703).
        check_every_n_steps: also check the batch loss is finite every N
            training steps (0: epoch logs only, no per-batch cost).
        config: thresholds (``DiagnoseConfig`` or a ``[tool.tflint.diagnose]``-style dict).
        report: called with each new finding's text (default: print to stderr): a line with the
            place, code, epoch and problem, then a ``  = help: ...`` line with the remedy.
    """

    def __init__(
        self,
        path: str | os.PathLike | None = record.DEFAULT_PATH,
        stop_on: Iterable[str] = (),
        check_every_n_steps: int = 0,
        config: DiagnoseConfig | dict | None = None,
        report: Callable[[str], None] | None = None,
    ):
        super().__init__()
        stop_on = tuple(stop_on)
        unknown = [s for s in stop_on if s not in _STOP_CODES]
        if unknown:
            raise ValueError(f"stop_on: unknown {unknown} (use 'nan' and/or 'divergence')")
        if check_every_n_steps < 0:
            raise ValueError("check_every_n_steps must be 0 (off) or a positive number of steps")
        self._path = Path(path) if path is not None else None
        self.path = self._path
        self.stop_codes = {_STOP_CODES[s] for s in stop_on}
        self.every = int(check_every_n_steps)
        self.config = config if isinstance(config, DiagnoseConfig) else DiagnoseConfig.from_table(config, "Monitor(config=)")
        self.report = report or (lambda text: print(text, file=sys.stderr, flush=True))
        self.history: dict[str, list[float]] = {}
        self.findings: list[Finding] = []
        self.batch_findings: list[Finding] = []
        self.stopped_by: str | None = None
        self._reported: set[tuple[str, str]] = set()
        self._fit: tuple[str, int] | None = None
        self._fit_text = ""
        self._started = ""
        self._epoch = 0
        self._lock = threading.Lock()  # batch checks run on Keras' callback thread
        if self.every:
            # Only then does Keras see a batch hook. It is safe to run off the training thread
            # (async_safe), so Keras keeps converting batch logs in the background.
            self.on_train_batch_end = self._check_batch
            self.async_safe = True

    # -- Keras hooks ---------------------------------------------------------

    def on_train_begin(self, logs=None):
        self._fit = fit_call_site()
        if self._path is not None and not self._path.is_absolute():
            root = project_root(self._fit[0]) if self._fit else None
            self.path = (root or Path.cwd()) / self._path
        # the line as it was: the editor drops the findings once this line is edited
        self._fit_text = linecache.getline(self._fit[0], self._fit[1]).strip() if self._fit else ""
        self._started = _now()
        self.history, self.findings, self.batch_findings = {}, [], []
        self._reported, self.stopped_by = set(), None

    def on_epoch_begin(self, epoch, logs=None):
        self._epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        with self._lock:
            n = len(next(iter(self.history.values()), []))
            for key, value in logs.items():
                try:
                    number = float(value)
                except (TypeError, ValueError):
                    continue
                self.history.setdefault(key, [math.nan] * n).append(number)
            for values in self.history.values():  # a key missing this epoch
                if len(values) < n + 1:
                    values.append(math.nan)
            self.findings = diagnose(RunLog({k: list(v) for k, v in self.history.items()}), self.config)
        for finding in self.findings:
            self._announce(finding)
        self._save(status="running")

    def _check_batch(self, batch, logs=None):
        if batch % self.every or not logs or "loss" not in logs:
            return
        try:
            loss = float(logs["loss"])
        except (TypeError, ValueError):
            return
        if math.isfinite(loss):
            return
        epoch = self._epoch + 1
        finding = Finding(
            "TFL705",
            epoch,
            f"the batch loss is {'NaN' if math.isnan(loss) else 'infinite'} at step {batch} of epoch {epoch}: the "
            "weights are likely NaN too",
            "loss",
            marks=((epoch, "NaN batch"),),
            evidence={"step": int(batch)},
            help=NAN_REMEDY,
        )
        with self._lock:
            self.batch_findings.append(finding)
        self._announce(finding)
        self._save(status="running")

    def on_train_end(self, logs=None):
        self._save(status="stopped" if self.stopped_by else "finished")

    # -- helpers ---------------------------------------------------------------

    def _announce(self, finding: Finding) -> None:
        with self._lock:
            if finding.key in self._reported:
                return
            self._reported.add(finding.key)
        where = f"{self._fit[0]}:{self._fit[1]}: " if self._fit else ""
        stop = finding.code in self.stop_codes and self.model is not None
        self.report(f"{where}tflint {finding.code} epoch {finding.epoch}: {finding.message}"
                    + (" -- stopping training (Monitor(stop_on=...))" if stop else "")
                    + (f"\n  = help: {finding.help}" if finding.help else ""))
        if stop:
            self.model.stop_training = True
            self.stopped_by = finding.code

    def all_findings(self) -> list[Finding]:
        """The epoch analysis' findings, plus batch-check findings it has not (yet) made itself."""
        with self._lock:
            epoch_findings, batch_findings = list(self.findings), list(self.batch_findings)
        keys = {f.key for f in epoch_findings}
        seen: set = set()
        extra = [f for f in batch_findings if f.key not in keys and not (f.key in seen or seen.add(f.key))]
        return epoch_findings + extra

    def _save(self, status: str) -> None:
        if self.path is None:
            return
        from tflint import rulebook

        findings = []
        for f in self.all_findings():
            info = rulebook.get(f.code)
            findings.append({
                "code": f.code, "name": info.name if info else "", "severity": str(info.severity) if info else "warning",
                "epoch": f.epoch, "message": f.message, "help": f.help or None, "series": f.series,
            })
        with self._lock:
            history = {k: list(v) for k, v in self.history.items()}
        payload = {
            "tool": "tflint.keras.Monitor",
            "started": self._started,
            "updated": _now(),
            "status": status,
            "stopped_by": self.stopped_by,
            "fit": {"path": self._fit[0], "line": self._fit[1], "text": self._fit_text} if self._fit else None,
            "history": history,
            "findings": findings,
        }
        try:
            record.write(self.path, payload)
        except OSError as exc:  # a read-only project must not break training
            self.report(f"tflint: cannot write the run record {self.path}: {exc.strerror or exc}")
            self.path = None
