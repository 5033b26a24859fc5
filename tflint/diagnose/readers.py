"""Read a run's per-epoch logs: CSVLogger files, History JSON, TensorBoard folders.

Everything a user can hand us wrongly (an empty or truncated CSV, a JSON
that is not a history, a folder without event files) raises
:class:`LogError` with a message that says what was expected; the command
prints it and exits 2. TensorBoard event files are read with the
``tensorboard`` package's own record reader and protos, in its TensorFlow-free
mode, so reading them never imports TensorFlow.
"""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path

from tflint.diagnose.run import RunLog

#: the keys that make a table a training log: at least one must be present
_LOSS_KEYS = ("loss", "val_loss")
_MAX_BYTES = 200_000_000


class LogError(Exception):
    """The input is not a training log we can read; the message says why."""


def load(path: str | os.PathLike) -> RunLog:
    """Read ``path``: a folder (TensorBoard), ``.csv`` or ``.json``; other files are sniffed."""
    p = Path(path)
    if not p.exists():
        raise LogError(f"{p}: no such file or folder")
    if p.is_dir():
        return read_tensorboard(p)
    try:
        if p.stat().st_size > _MAX_BYTES:
            raise LogError(f"{p}: {p.stat().st_size // 1_000_000} MB is too large for a per-epoch training log")
        text = p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        if p.name.startswith("events.out.tfevents"):
            return read_tensorboard(p.parent)
        raise LogError(f"{p}: not a text file (expected a CSVLogger .csv, a History .json or a TensorBoard folder)") from None
    except OSError as exc:
        raise LogError(f"{p}: cannot read: {exc.strerror or exc}") from None
    if p.suffix.lower() == ".json" or text.lstrip()[:1] in ("{", "["):
        return read_history_json(text, str(p))
    return read_csv(text, str(p))


def _checked(series: dict[str, list[float]], source: str, columns: list[str]) -> dict[str, list[float]]:
    if not any(key in series for key in _LOSS_KEYS):
        shown = ", ".join(columns[:12]) or "none"
        raise LogError(
            f"{source}: no 'loss' or 'val_loss' column (found: {shown}); expected the per-epoch log of a Keras run "
            "(CSVLogger, History.history as JSON, or a TensorBoard folder)"
        )
    return series


def _number(value, source: str, where: str) -> float:
    if value is None:
        return math.nan
    if isinstance(value, bool):
        raise LogError(f"{source}: {where}: {value!r} is not a number")
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text in ("", "NA", "N/A", "None", "null"):
            return math.nan
        try:
            return float(text)
        except ValueError:
            pass
    raise LogError(f"{source}: {where}: {value!r} is not a number")


def read_csv(text: str, source: str = "<csv>") -> RunLog:
    """A ``keras.callbacks.CSVLogger`` file: a header row, one row per epoch.

    A last row cut short (the run was killed mid-write) is dropped; a short
    row anywhere else is an error.
    """
    if not text.strip():
        raise LogError(f"{source}: the file is empty (a CSVLogger file has a header row and one row per epoch)")
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines = text.splitlines()
    rows = list(csv.reader(lines, dialect))
    header = [h.strip() for h in rows[0]]
    if len(set(header)) != len(header):
        raise LogError(f"{source}: the header repeats a column: {', '.join(header)}")
    body = [
        (number, row)
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row) and [c.strip() for c in row] != header  # CSVLogger(append=True) repeats it
    ]
    notes = []
    if body and len(body[-1][1]) < len(header) and not text.endswith("\n"):
        line, _ = body.pop()  # the run stopped while writing this row
        notes.append(f"line {line} is cut short (the run stopped while writing it): read the {len(body)} epochs before it")
    if not body:
        raise LogError(f"{source}: no epochs: the file has a header but no rows")
    series: dict[str, list[float]] = {name: [] for name in header if name != "epoch"}
    _checked(series, source, header)
    epoch_lines: dict[int, int] = {}
    for index, (line, row) in enumerate(body):
        if len(row) != len(header):
            raise LogError(f"{source}:{line}: {len(row)} values for {len(header)} columns")
        for name, cell in zip(header, row):
            if name != "epoch":
                series[name].append(_number(cell, source, f"line {line}, column {name!r}"))
        epoch_lines[index + 1] = line
    return RunLog(series, source, epoch_lines, notes)


def read_history_json(text: str, source: str = "<json>") -> RunLog:
    """``json.dump(history.history, f)``, a list of per-epoch dicts, or a tflint run record."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LogError(f"{source}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("history"), (dict, list)):
        data = data["history"]  # {"history": {...}, "params": ...} or a tflint run record
    if isinstance(data, list):
        if not data:
            raise LogError(f"{source}: an empty list: no epochs")
        if not all(isinstance(row, dict) for row in data):
            raise LogError(f"{source}: a list must hold one object per epoch, like {{\"loss\": 0.5, \"val_loss\": 0.6}}")
        keys: list[str] = []
        for row in data:
            keys.extend(k for k in row if k not in keys and k != "epoch")
        data = {k: [row.get(k) for row in data] for k in keys}
    if not isinstance(data, dict):
        raise LogError(f"{source}: expected a Keras History as JSON: an object like {{\"loss\": [...], \"val_loss\": [...]}}")
    series: dict[str, list[float]] = {}
    for key, values in data.items():
        if key == "epoch":
            continue
        if not isinstance(values, list):
            raise LogError(f"{source}: '{key}' must be a list with one value per epoch, got {type(values).__name__}")
        series[str(key)] = [_number(v, source, f"'{key}'[{i}]") for i, v in enumerate(values)]
    _checked(series, source, list(series))
    lengths = {len(v) for v in series.values()}
    if lengths == {0}:
        raise LogError(f"{source}: no epochs: every list is empty")
    longest = max(lengths)
    for key, values in series.items():  # a metric added late (e.g. learning_rate) is padded at the front
        if len(values) < longest:
            series[key] = [math.nan] * (longest - len(values)) + values
    return RunLog(series, source)


# -- TensorBoard ---------------------------------------------------------------

_VALIDATION_RUNS = ("validation", "val", "eval", "evaluation", "test")


def read_tensorboard(folder: Path) -> RunLog:
    """Scalar summaries from every event file under ``folder``, as Keras' TensorBoard callback writes them.

    Keras writes ``train/`` and ``validation/`` sub-runs with tags
    ``epoch_loss``, ``epoch_accuracy``...; they become ``loss``,
    ``val_loss``, ``accuracy``... Steps are epochs. Batch-level tags are
    ignored when epoch tags exist.
    """
    files = sorted(p for p in folder.rglob("events.out.tfevents.*") if p.is_file())
    if not files:
        raise LogError(f"{folder}: no TensorBoard event files (events.out.tfevents.*) in this folder or below it")
    roots = sorted({_run_root(p.parent, folder) for p in files})
    if len(roots) > 1:  # logs/run1/train, logs/run2/train...: one run at a time
        shown = ", ".join(r.relative_to(folder).as_posix() or "." for r in roots[:8])
        raise LogError(f"{folder}: {len(roots)} runs in this folder ({shown}); pass one of them")
    try:
        from tensorboard.compat.proto import event_pb2
        from tensorboard.compat.tensorflow_stub import errors as tb_errors
        from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import PyRecordReader_New
        from tensorboard.util import tensor_util
    except ImportError:
        raise LogError(
            f"{folder}: reading TensorBoard logs needs the 'tensorboard' package: pip install 'tflint[diagnose]'"
        ) from None
    # (sub-run, tag) -> {step: value}; the last value written for a step wins (a resumed run)
    scalars: dict[tuple[str, str], dict[int, float]] = {}
    for path in files:
        run = path.parent.relative_to(folder).as_posix()
        plugin_of_tag: dict[str, str] = {}
        reader = PyRecordReader_New(str(path))
        while True:
            try:
                reader.GetNext()
            except tb_errors.OutOfRangeError:
                break
            except tb_errors.DataLossError:
                break  # a file still being written ends in a partial record: keep what came before
            event = event_pb2.Event.FromString(reader.record())
            for value in event.summary.value:
                if value.metadata.plugin_data.plugin_name:
                    plugin_of_tag[value.tag] = value.metadata.plugin_data.plugin_name
                number = _scalar(value, plugin_of_tag.get(value.tag), tensor_util)
                if number is not None:
                    scalars.setdefault((run, value.tag), {})[int(event.step)] = number
    if not scalars:
        raise LogError(f"{folder}: the event files hold no scalar summaries (no loss curve to read)")
    return RunLog(_series_from_tags(scalars, folder), str(folder))


def _run_root(directory: Path, folder: Path) -> Path:
    """The run an event file belongs to: its folder, or the one above a train/validation sub-run."""
    if directory != folder and (directory.name.lower() in _VALIDATION_RUNS or directory.name.lower() == "train"):
        return directory.parent
    return directory


def _scalar(value, plugin: str | None, tensor_util) -> float | None:
    if value.HasField("simple_value"):
        return float(value.simple_value)
    if value.HasField("tensor") and plugin in (None, "scalars"):
        try:
            array = tensor_util.make_ndarray(value.tensor)
        except (TypeError, ValueError):
            return None
        if array.size == 1 and array.dtype.kind in "fiu":
            return float(array.reshape(()))
    return None


def _series_from_tags(scalars: dict[tuple[str, str], dict[int, float]], folder: Path) -> dict[str, list[float]]:
    has_epoch_tags = any(tag.startswith("epoch_") for _, tag in scalars)
    named: dict[str, dict[int, float]] = {}
    for (run, tag), points in scalars.items():
        if has_epoch_tags and not tag.startswith("epoch_"):
            continue
        name = tag[len("epoch_"):] if tag.startswith("epoch_") else tag.rsplit("/", 1)[-1]
        last_part = run.rsplit("/", 1)[-1].lower()
        if last_part in _VALIDATION_RUNS and not name.startswith("val_"):
            name = "val_" + name
        named.setdefault(name, {}).update(points)
    steps = sorted({step for points in named.values() for step in points})
    series = {name: [points.get(step, math.nan) for step in steps] for name, points in named.items()}
    return _checked(series, str(folder), sorted(series))
