"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other viewers."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO

from tflint import __version__, rulebook
from tflint.diagnostics import Diagnostic, Range, Severity
from tflint.output.locations import FileLocator
from tflint.output.summary import RunSummary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    try:
        rel = Path(os.path.abspath(path)).relative_to(Path.cwd())
        return rel.as_posix()
    except ValueError:
        return Path(os.path.abspath(path)).as_uri()


def _region(rng: Range) -> dict:
    return {
        "startLine": max(rng.start.line, 1),
        "startColumn": rng.start.column + 1,
        "endLine": max(rng.end.line, rng.start.line, 1),
        "endColumn": max(rng.end.column + 1, 1) if rng.end.line > rng.start.line else max(rng.end.column, rng.start.column) + 1,
    }


def _location(
    path: str, rng: Range, message: str | None = None, ident: int | None = None,
    cell: int | None = None, locator: FileLocator | None = None,
) -> dict:
    """A physical location; in a notebook the region is the .ipynb file's own line (the cell line if unknown)."""
    if cell is not None and locator is not None:
        rng = locator.file_range(path, cell, rng) or rng
    uri = _uri(path)
    artifact = {"uri": uri}
    if not uri.startswith("file:"):
        artifact["uriBaseId"] = "%SRCROOT%"
    loc: dict = {"physicalLocation": {"artifactLocation": artifact, "region": _region(rng)}}
    if message is not None:
        loc["message"] = {"text": message}
    if ident is not None:
        loc["id"] = ident
    return loc


def _rule_descriptor(code: str) -> dict:
    info = rulebook.get(code)
    if info is None:
        return {"id": code}
    return {
        "id": code,
        "name": info.name,
        "shortDescription": {"text": info.summary or info.name},
        "fullDescription": {"text": info.summary or info.name},
        "helpUri": rulebook.docs_url(code),
        "help": {"text": info.summary or info.name, "markdown": info.page},
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": {"tags": ["tflint", info.name], "fixable": info.fixable},
    }


def build(diagnostics: list[Diagnostic], path_errors: list[str] | tuple[str, ...] = ()) -> dict:
    """The SARIF log; ``path_errors`` (paths that could not be linted) make the run unsuccessful."""
    locator = FileLocator()
    codes = sorted({d.code for d in diagnostics})
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for d in diagnostics:
        cell = f" (notebook cell {d.cell}, line {d.line})" if d.cell is not None else ""
        result = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVEL[d.severity],
            "message": {"text": d.message + cell + (f" Help: {d.help}." if d.help else "")},
            "locations": [_location(d.path, d.range, cell=d.cell, locator=locator)],
        }
        if d.related:
            result["relatedLocations"] = [
                _location(r.path or d.path, r.range, r.message, i, cell=r.cell, locator=locator)
                for i, r in enumerate(d.related)
            ]
        if d.cell is not None:
            result["properties"] = {"cell": d.cell, "cellLine": d.line, "cellColumn": d.column + 1}
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "tflint",
                        "version": __version__,
                        "informationUri": "https://github.com/tflint-ml/tflint",
                        "rules": [_rule_descriptor(c) for c in codes],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not path_errors,
                        "toolExecutionNotifications": [
                            {"level": "error", "message": {"text": text}} for text in path_errors
                        ],
                    }
                ],
                "results": results,
            }
        ],
    }


def render(diagnostics: list[Diagnostic], stream: TextIO, summary: RunSummary) -> None:
    json.dump(build(diagnostics, summary.path_errors), stream, indent=2, ensure_ascii=False)
    stream.write("\n")
