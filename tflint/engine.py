"""source -> parse -> facts -> checks -> diagnostics, for one file.

Every failure mode ends as a diagnostic, never as an exception: a syntax
error is TFL001, a crash inside one check is TFL002 (the other checks still
run), a file that cannot be read or decoded is TFL004.
"""

from __future__ import annotations

import ast
import gc
import re
import traceback
import warnings
from dataclasses import dataclass, field

import libcst as cst

from tflint import policy, rulebook
from tflint.config import Config
from tflint.diagnostics import Diagnostic, Edit, Fix, Position, Range, Related, Severity
from tflint.analysis.facts import FileFacts, collect_facts
from tflint.analysis.positions import locate
from tflint.incremental import IncrementalParser
from tflint.nesting import MAX_NESTING, too_deep
from tflint.analysis.names import ML_ROOTS
from tflint.checks import load_checks
from tflint.registry import Check, DeclarationError, FixSpec
from tflint.source import SourceError, SourceFile

_ML_IMPORT = re.compile(
    r"^[ \t]*(?:import|from)[ \t]+\(?[ \t]*(?:" + "|".join(sorted(ML_ROOTS)) + r")\b"
    r"|^[ \t]*import[ \t]+[\w. \t,]*\b(?:" + "|".join(sorted(ML_ROOTS)) + r")\b",
    re.M,
)
#: Signs of ML code that does not import what it uses (an excerpt, a cell copied alone): such a file is analysed too,
#: and its unimported names read as the APIs they spell (analysis/facts._implicit_imports). Each starts with a
#: literal so that a non-ML file is ruled out in microseconds; word boundaries are checked on the matches.
_WITHOUT_IMPORT_SIGNS = tuple(
    re.compile(p)
    for p in (r"tf\.\w", r"keras\.\w", r"layers\.\w", r"\.(?:fit|fit_transform|fit_resample|adapt)\(", r"\.compile\(",
              r"Sequential\(", r"train_test_split\(")
)
_ORIGIN = Range(Position(1, 0), Position(1, 0))


@dataclass
class LintResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source: SourceFile | None = None
    facts: FileFacts | None = None
    skipped_deep_analysis: bool = False


def tool_diagnostic(code: str, path: str, message: str, rng: Range = _ORIGIN, cell: int | None = None) -> Diagnostic:
    info = rulebook.get(code)
    name = info.name if info else code
    severity = info.severity if info else Severity.ERROR
    return Diagnostic(code, name, severity, message, path, rng, cell=cell)


def lint_path(path: str, config: Config, data: bytes | None = None) -> LintResult:
    from tflint import source as source_mod

    try:
        src = source_mod.load(path, data)
    except SourceError as exc:
        return LintResult(path, [tool_diagnostic("TFL004", path, str(exc))])
    return lint_source(src, config)


def _syntax_error_from_ast(src: SourceFile, exc: SyntaxError) -> Diagnostic:
    line = exc.lineno or 1
    column = max((exc.offset or 1) - 1, 0)
    cell, rng = src.to_cell_range(Range(Position(line, column), Position(line, column + 1)))
    where = f" (cell {cell})" if cell else ""
    return tool_diagnostic("TFL001", src.path, f"SyntaxError: {exc.msg}{where}", rng, cell)


def _syntax_error_from_libcst(src: SourceFile, exc: cst.ParserSyntaxError) -> Diagnostic:
    line, column = exc.raw_line, exc.raw_column
    cell, rng = src.to_cell_range(Range(Position(line, column), Position(line, column + 1)))
    message = " ".join(str(exc.message).split())
    return tool_diagnostic("TFL001", src.path, f"SyntaxError: {message}", rng, cell)


def _ast_tree(text: str) -> ast.Module | None:
    """The ``ast`` tree (positions.py reuses it), None when ast cannot parse the text.

    Raises SyntaxError only for CPython's nesting limit, which libcst does not
    share (it then parses for minutes); other errors are left to libcst, which
    may know newer syntax than the Python tflint runs on.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(text)
    except SyntaxError as exc:
        if "too many nested" in str(exc.msg):
            raise
        return None
    except ValueError:
        return None


def _python_syntax_error(src: SourceFile) -> Diagnostic | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(src.text)
    except SyntaxError as exc:
        return _syntax_error_from_ast(src, exc)
    except (ValueError, RecursionError, MemoryError) as exc:
        return tool_diagnostic("TFL001", src.path, f"cannot parse: {type(exc).__name__}: {exc}")
    return None


def enabled_checks(config: Config) -> list[tuple[Check, frozenset[str]]]:
    rules = rulebook.all_rules()
    out = []
    for chk in load_checks():
        codes = frozenset(c for c in chk.codes if c in rules and policy.enabled(c, config))
        if codes:
            out.append((chk, codes))
    return out


class _Reporter:
    """The ``report`` callable handed to checks: builds Diagnostics."""

    def __init__(self, chk: Check, facts: FileFacts, src: SourceFile, config: Config, codes: frozenset[str], out: list):
        self.check, self.facts, self.src, self.config, self.codes, self.out = chk, facts, src, config, codes, out
        self.rules = rulebook.all_rules()

    def threshold(self, key: str):
        if key not in self.check.thresholds:
            raise DeclarationError(f"check '{self.check.name}' read threshold '{key}', which it does not declare")
        return self.config.threshold(key)

    def _range(self, where) -> Range:
        return where if isinstance(where, Range) else locate(self.facts, where)

    def __call__(self, code, node, message, *, help=None, related=(), fix=None):
        declared = self.check.rule(code)  # raises for a code the check did not declare
        if fix is not None and declared.fix is None:
            raise DeclarationError(f"check '{self.check.name}' offered a fix for {code}, declared without one")
        if code not in self.codes:
            return
        info = self.rules[code]
        severity = policy.severity(code, self.config)
        rng = self._range(node)
        cell, cell_rng = self.src.to_cell_range(rng)
        rel = []
        for rel_message, rel_where in related:
            r_cell, r_rng = self.src.to_cell_range(self._range(rel_where))
            rel.append(Related(rel_message, r_rng, None, r_cell))
        diag = Diagnostic(code, info.name, severity, message, self.src.path, cell_rng, tuple(rel), None, cell, help)
        diag._program_range = rng  # type: ignore[attr-defined]  (suppression works on program lines)
        if fix is not None:
            diag.fix = self._fix(fix)
        self.out.append(diag)

    def _fix(self, spec: FixSpec) -> Fix:
        edits = []
        for old, new in spec.replacements:
            if getattr(new, "lpar", None):
                new = new.with_changes(lpar=[], rpar=[])
            rng = locate(self.facts, old)
            cell, cell_rng = self.src.to_cell_range(rng)
            edits.append(Edit(cell_rng, self.facts.module.code_for_node(new), cell))
        return Fix(spec.description, tuple(edits), spec.safe)


def lint_source(
    src: SourceFile,
    config: Config,
    checks: list[tuple[Check, frozenset[str]]] | None = None,
    parser: IncrementalParser | None = None,
) -> LintResult:
    """Lint one source. ``parser`` (the language server's, one per document) re-parses only what changed."""
    # The cyclic garbage collector costs about a fifth of a libcst parse while
    # the tree is built (bench/run.py), yet the tree dies by reference counting:
    # pause it for one file, resume after (any cycle left is collected then).
    if not gc.isenabled():
        return _lint_source(src, config, checks, parser)
    gc.disable()
    try:
        return _lint_source(src, config, checks, parser)
    finally:
        gc.enable()


def _too_deep(src: SourceFile) -> Diagnostic:
    return tool_diagnostic(
        "TFL001", src.path,
        f"cannot analyse: the code is nested more than {MAX_NESTING} levels deep; only its syntax was checked",
    )


def _parse_whole(src: SourceFile, result: LintResult) -> tuple[ast.Module | None, cst.Module] | None:
    """Both trees of the whole text; None (with the reason added to ``result``) where there are none."""
    text = src.text
    try:
        tree = _ast_tree(text)
        deep = tree is not None and too_deep(tree)
    except SyntaxError as exc:
        result.diagnostics.append(_syntax_error_from_ast(src, exc))
        return None
    except (RecursionError, MemoryError):
        tree, deep = None, True
    if deep:
        result.diagnostics.append(_too_deep(src))
        return None
    try:
        module = cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        error = _python_syntax_error(src) or _syntax_error_from_libcst(src, exc)
        if tree is not None:  # Python parses it: libcst's limitation, not the user's error
            error.message = f"cannot analyse: tflint's parser (libcst) rejects code that Python accepts ({error.message})"
        result.diagnostics.append(error)
        return None
    except RecursionError:
        result.diagnostics.append(
            tool_diagnostic("TFL001", src.path, "cannot parse: the code is nested too deeply to analyse")
        )
        return None
    return tree, module


def _parse_incrementally(parser: IncrementalParser, text: str):
    """The editor's parse; on any surprise it starts afresh and the whole text is parsed instead."""
    try:
        return parser.parse(text)
    except Exception:  # a bug there must cost speed, never a result
        parser.reset()
        return None


_EXITS = frozenset({"sys.exit", "exit", "quit", "os._exit"})


def _ends_the_script(stmt: ast.stmt) -> bool:
    """``sys.exit(...)``, ``exit()``, ``quit()``, ``os._exit(...)`` or ``raise SystemExit`` at the top level."""
    if isinstance(stmt, ast.Raise):
        exc = stmt.exc.func if isinstance(stmt.exc, ast.Call) else stmt.exc
        return isinstance(exc, ast.Name) and exc.id == "SystemExit"
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        return ast.unparse(stmt.value.func) in _EXITS
    return False


def _without_dead_tail(tree: ast.Module | None, module: cst.Module) -> tuple[ast.Module | None, cst.Module]:
    """A script's top-level statements after an unconditional exit never run: analyse only what does.

    Both trees are cut at the same statement, so the positions module still
    matches them statement for statement. Notebooks are left whole: a cell
    may be run on its own after a cell that exits.
    """
    if tree is None or len(tree.body) != len(module.body):
        return tree, module
    for index, stmt in enumerate(tree.body[:-1]):
        if _ends_the_script(stmt):
            return (
                ast.Module(body=tree.body[: index + 1], type_ignores=tree.type_ignores),
                module.with_changes(body=module.body[: index + 1]),
            )
    return tree, module


def _collect_incrementally(parser: IncrementalParser, parsed, text: str) -> FileFacts:
    """The facts walk of the chunks the edit touched, the other chunks' records reused (incremental_facts.py)."""
    from tflint.incremental_facts import ChunkedFacts

    if parser.facts is None:
        parser.facts = ChunkedFacts()
    try:
        return parser.facts.collect(parsed.module, text, parsed.bodies, parsed.tree)
    except RecursionError:  # the engine reports the nesting, as for a whole walk
        parser.facts.reset()
        raise
    except Exception:  # as for the parse: a bug there must cost speed, never a result
        parser.facts.reset()
        return collect_facts(parsed.module, text, parsed.tree)


def _trains_without_import(text: str) -> bool:
    """``model.fit(...)``, ``tf.keras...``, ``Sequential(...)`` in a file that imports no ML library."""
    for sign in _WITHOUT_IMPORT_SIGNS:
        for match in sign.finditer(text):
            start = match.start()
            if text[start] != ".":
                if start == 0 or not _is_word_char(text[start - 1]):
                    return True  # tf.x, Sequential(: a name of its own, not the end of another
            elif match.group() != ".compile(" or not _is_word_at(text, start - 2, "re"):
                return True  # .fit( / .compile( of anything but the re module
    return False


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _is_word_at(text: str, start: int, word: str) -> bool:
    """``word`` sits at ``start`` as a whole word's end-to-start span (``re`` in ``x = re.compile``)."""
    return start >= 0 and text.startswith(word, start) and (start == 0 or not _is_word_char(text[start - 1]))


def _lint_source(src: SourceFile, config: Config, checks, parser: IncrementalParser | None) -> LintResult:
    result = LintResult(src.path, source=src)
    text = src.text
    is_ml = bool(_ML_IMPORT.search(text)) or _trains_without_import(text)
    if not is_ml:
        # Cheap path: nothing to analyse, only report syntax errors.
        error = _python_syntax_error(src)
        result.skipped_deep_analysis = True
        if error is not None:
            result.diagnostics.append(error)
        return _finish(result, src, config)
    parsed = _parse_incrementally(parser, text) if parser is not None else None
    if parsed is not None:  # the editor's incremental parse: only the edited statements were parsed
        tree, module = parsed.tree, parsed.module
        if parsed.too_deep:
            result.diagnostics.append(_too_deep(src))
            return _finish(result, src, config)
    else:
        parsed_whole = _parse_whole(src, result)
        if parsed_whole is None:
            return _finish(result, src, config)
        tree, module = parsed_whole
    if not src.is_notebook:
        whole = module
        tree, module = _without_dead_tail(tree, module)
        if module is not whole:
            parsed = None  # the chunks an editor reuses are the whole file's: walk what runs
    try:
        facts = _collect_incrementally(parser, parsed, text) if parsed is not None else collect_facts(module, text, tree)
    except RecursionError:
        result.diagnostics.append(
            tool_diagnostic("TFL001", src.path, "cannot analyse: the code is nested too deeply")
        )
        return _finish(result, src, config)
    facts._ast_tree = tree
    result.facts = facts
    if checks is None:
        checks = enabled_checks(config)
    for chk, codes in checks:
        if chk.needs_ml and not facts.uses_ml:
            continue
        produced: list[Diagnostic] = []
        try:
            chk.run(facts, _Reporter(chk, facts, src, config, codes, produced))
        except Exception as exc:  # one broken check must not hide the others
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            result.diagnostics.append(
                tool_diagnostic(
                    "TFL002",
                    src.path,
                    f"internal error in check '{chk.name}': {type(exc).__name__}: {exc} "
                    f"(at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}); other checks still ran",
                )
            )
            continue
        result.diagnostics.extend(produced)
    facts.release()
    return _finish(result, src, config)


def _finish(result: LintResult, src: SourceFile, config: Config) -> LintResult:
    result.diagnostics = policy.apply(result.diagnostics, config, src)
    return result
