"""The run record: what ``tflint.keras.Monitor`` leaves behind, as a small JSON file.

It holds the epoch logs, the findings, when the run happened and the source
line of the ``fit`` call, so that ``tflint diagnose`` can re-read the run
later and the editor can show the findings at that line. Strict JSON (never
pickle): non-finite numbers are written as the strings "NaN", "Infinity"
and "-Infinity", which the readers turn back into floats.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

FORMAT = "tflint-run/1"
DEFAULT_PATH = Path(".tflint") / "last_run.json"


def _number(value: float):
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return value


def write(path: str | os.PathLike, payload: dict) -> None:
    """Write atomically (a reader never sees half a file)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = dict(payload, format=FORMAT)
    data["history"] = {k: [_number(float(v)) for v in vs] for k, vs in payload.get("history", {}).items()}
    text = json.dumps(data, indent=1, allow_nan=False)
    fd, tmp = tempfile.mkstemp(prefix=target.name, suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read(path: str | os.PathLike) -> dict | None:
    """The record at ``path``, or None when it is missing or not a tflint run record."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return data if isinstance(data, dict) and data.get("format") == FORMAT else None


def fit_location(data: dict) -> tuple[str, int] | None:
    fit = data.get("fit")
    if isinstance(fit, dict) and isinstance(fit.get("path"), str) and isinstance(fit.get("line"), int):
        return fit["path"], fit["line"]
    return None
