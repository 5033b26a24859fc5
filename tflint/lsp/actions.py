"""Code actions: the rule's quick fix, "Disable TFLxxx for this line", fix all.

Quick fixes and fix-all are built from the same ``Fix`` edits the CLI
applies with ``--fix``; an edit whose result would not parse is never
offered.
"""

from __future__ import annotations

import re
from typing import Callable

from lsprotocol import types

from tflint import api
from tflint.fixes import FixError, fix_until_stable, is_sound
from tflint.diagnostics import Diagnostic, Edit
from tflint.lsp import convert
from tflint.lsp.documents import Outcome, Snapshot, lint
from tflint.source import SourceFile

FIX_ALL_KIND = "source.fixAll.tflint"
KINDS = [types.CodeActionKind.QuickFix, FIX_ALL_KIND]
UNSUPPRESSIBLE = frozenset({"TFL001", "TFL004"})  # syntax errors and unreadable files
# the same comment forms tflint.suppression reads
_NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[A-Z]+[0-9]*(?:[\s,]+[A-Z]+[0-9]+)*))?", re.I)


def wanted(only: list[str] | None, kind: str) -> bool:
    """Is an action of ``kind`` asked for by a ``context.only`` filter?"""
    if not only:
        return True
    return any(kind == k or kind.startswith(k + ".") for k in only)


def workspace_edit(edits: dict[str, list[types.TextEdit]], snapshot: Snapshot, document_changes: bool) -> types.WorkspaceEdit:
    if not document_changes:
        return types.WorkspaceEdit(changes=edits)
    return types.WorkspaceEdit(
        document_changes=[
            types.TextDocumentEdit(
                text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=snapshot.version_of(uri)),
                edits=list(uri_edits),
            )
            for uri, uri_edits in edits.items()
        ]
    )


def quick_fix(out: Outcome, d: Diagnostic, lsp: types.Diagnostic, document_changes: bool) -> types.CodeAction | None:
    fix = d.fix
    if fix is None or out.result.source is None:
        return None
    edits = convert.text_edits(fix.edits, out.locate)
    if not edits or not is_sound(out.result.source, d, lambda fixed: api.lint_source(fixed, out.config), out.result):
        return None
    title = f"{fix.description} ({d.code})" + ("" if fix.safe else " (unsafe)")
    return types.CodeAction(
        title=title,
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp],
        is_preferred=fix.safe,
        edit=workspace_edit(edits, out.snapshot, document_changes),
    )


def noqa_edit(lines: list[str], d: Diagnostic) -> tuple[int, int, int, str] | None:
    """(0-based line, start column, end column, new text) that silences ``d`` on its line."""
    candidates = [d.range.start.line]
    if d.range.end.line != d.range.start.line:
        candidates.append(d.range.end.line)
    for line_no in candidates:
        if not 1 <= line_no <= len(lines):
            continue
        text = lines[line_no - 1]
        m = _NOQA.search(text)
        if m and m.group("codes"):
            at = m.end("codes")
            return line_no - 1, at, at, f", {d.code}"
        if m:
            return None  # a bare noqa already silences everything
        stripped = text.rstrip()
        if stripped.endswith("\\"):
            continue  # a comment would break the line continuation
        return line_no - 1, len(stripped), len(text), "  # noqa: " + d.code
    return None


def noqa_action(out: Outcome, uri: str, d: Diagnostic, lsp: types.Diagnostic, document_changes: bool) -> types.CodeAction | None:
    if d.code in UNSUPPRESSIBLE:
        return None
    lines = out.lines[uri]
    found = noqa_edit(lines.lines, d)
    if found is None:
        return None
    line, start, end, new_text = found
    text = lines.lines[line]
    rng = types.Range(
        start=types.Position(line=line, character=lines.units(text[:start])),
        end=types.Position(line=line, character=lines.units(text[:end])),
    )
    return types.CodeAction(
        title=f"Disable {d.code} for this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[lsp],
        edit=workspace_edit({uri: [types.TextEdit(range=rng, new_text=new_text)]}, out.snapshot, document_changes),
    )


def actions_for_range(
    out: Outcome, uri: str, rng: types.Range, only: list[str] | None, document_changes: bool
) -> list[types.CodeAction]:
    """Quick fixes and noqa actions for the diagnostics that touch ``rng``."""
    if not wanted(only, types.CodeActionKind.QuickFix):
        return []
    lines = out.lines.get(uri)
    if lines is None:
        return []
    wanted_range = lines.range_from_lsp(rng)
    fixes_, silencers = [], []
    for d, lsp in out.by_uri.get(uri, []):
        if not convert.overlaps(d.range, wanted_range):
            continue
        action = quick_fix(out, d, lsp, document_changes)
        if action is not None:
            fixes_.append(action)
        action = noqa_action(out, uri, d, lsp, document_changes)
        if action is not None:
            silencers.append(action)
    return fixes_ + silencers


# -- fix all -----------------------------------------------------------------


def fixed_texts(out: Outcome, relint: Callable[[Snapshot], object] | None = None) -> dict[str, str]:
    """Every document of the target with every safe fix applied, by the one fix loop (``api.fix``).

    Returns {uri: new text (newlines normalised to \\n, no BOM)} for the documents that change.
    """
    src = out.result.source
    if src is None:
        return {}
    lint_program = None
    if relint is not None:  # the server's own lint of a snapshot (tests inject one)
        lint_program = lambda fixed: relint(_snapshot_with(out, fixed))  # noqa: E731
    try:
        if lint_program is None:
            outcome = api.fix(src, out.config, result=out.result)
        else:
            outcome = fix_until_stable(src, lint_program, result=out.result)
    except FixError:
        return {}
    if not outcome.changed:
        return {}
    return _texts_by_uri(out, outcome.source)


def _texts_by_uri(out: Outcome, fixed: SourceFile) -> dict[str, str]:
    texts = {}
    if fixed.is_notebook:
        sources = fixed.cell_sources(fixed.text)
        pairs = [(out.locate(number), text) for number, text in sources.items()]
    else:
        pairs = [(out.locate(None), fixed.text)]
    for where, text in pairs:
        if where is None:
            continue
        uri, lines = where
        original = "\n".join(lines.lines).lstrip("\ufeff")
        if original.endswith("\n") and not text.endswith("\n"):
            text += "\n"  # a cell's final newline is not part of the program
        if text != original:
            texts[uri] = text
    return texts


def _snapshot_with(out: Outcome, fixed: SourceFile) -> Snapshot:
    snap = out.snapshot
    if not snap.notebook:
        return Snapshot(snap.key, snap.version, snap.path, text=fixed.text)
    from dataclasses import replace

    sources = fixed.cell_sources(fixed.text)
    return replace(snap, cells=tuple(replace(c, text=sources.get(c.number, c.text)) for c in snap.cells))


def replacement_edit(lines: convert.Lines, new_text: str) -> types.TextEdit | None:
    """One edit turning the document into ``new_text``: only the lines that differ are replaced."""
    old = list(lines.lines)
    compare = list(old)
    if lines.bom and compare:
        compare[0] = compare[0][1:]
    new = new_text.split("\n")
    newline = lines.newline
    n_old, n_new = len(old), len(new)
    p = 0
    while p < min(n_old, n_new) and compare[p] == new[p]:
        p += 1
    if p == n_old == n_new:
        return None
    s = 0
    while s < min(n_old, n_new) - p and compare[n_old - 1 - s] == new[n_new - 1 - s]:
        s += 1
    middle = new[p : n_new - s]
    if p == 0 and lines.bom and middle:
        middle[0] = "\ufeff" + middle[0]
    if s > 0:
        start = types.Position(line=p, character=0)
        end = types.Position(line=n_old - s, character=0)
        text = "".join(line + newline for line in middle)
    elif p < n_old:
        start = types.Position(line=p, character=0)
        end = types.Position(line=n_old - 1, character=lines.units(old[-1]))
        text = newline.join(middle)
    else:  # the old text is a prefix of the new one
        start = end = types.Position(line=n_old - 1, character=lines.units(old[-1]))
        text = "".join(newline + line for line in middle)
    return types.TextEdit(range=types.Range(start=start, end=end), new_text=text)


def fix_all_action(out: Outcome, document_changes: bool, relint=None) -> types.CodeAction | None:
    if not any(d.fix is not None and d.fix.safe for d in out.result.diagnostics):
        return None
    texts = fixed_texts(out, relint)
    edits: dict[str, list[types.TextEdit]] = {}
    for uri, text in texts.items():
        edit = replacement_edit(out.lines[uri], text)
        if edit is not None:
            edits[uri] = [edit]
    if not edits:
        return None
    return types.CodeAction(
        title="tflint: fix all auto-fixable problems",
        kind=FIX_ALL_KIND,
        edit=workspace_edit(edits, out.snapshot, document_changes),
    )


