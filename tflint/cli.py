"""The ``tflint`` command line.

``tflint PATH...`` lints; ``tflint rule CODE``, ``tflint rules``,
``tflint lsp`` and ``tflint probe`` are subcommands. Exit codes: 0 no
finding at or above ``--fail-on``, 1 findings, 2 usage or internal error.
Heavy modules (rich, pygls, the probe) are imported only by the paths that
use them, so ``tflint file.py`` starts fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tflint import __version__
from tflint.selectors import parse_codes

SUBCOMMANDS = ("rule", "rules", "lsp", "probe", "check", "diagnose")
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tflint",
        description="Find the mistakes that make TensorFlow/Keras training fail or lie.",
        epilog="Subcommands: tflint rule CODE | tflint rule --all | tflint rules | tflint lsp | tflint probe SCRIPT | tflint diagnose LOG",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to lint ('-' for stdin); default: .")
    p.add_argument("--format", choices=("text", "json", "sarif", "github", "concise"), default=None, help="output format (default: text)")
    p.add_argument("--output-file", "-o", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--fail-on", choices=("error", "warning", "info"), default=None, help="lowest severity that makes the exit code 1 (default: warning)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--fix", action="store_true", help="apply safe fixes (the result must re-parse; files are written atomically)")
    p.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    p.add_argument("--diff", action="store_true", help="show the fixes as a diff instead of writing them")
    p.add_argument("--select", type=parse_codes, metavar="CODES", help="comma-separated codes or prefixes to enable (replaces the default set)")
    p.add_argument("--extend-select", type=parse_codes, metavar="CODES", help="codes or prefixes to enable on top of the configured set")
    p.add_argument("--ignore", type=parse_codes, metavar="CODES", help="codes or prefixes to disable")
    p.add_argument("--config", type=Path, metavar="FILE", help="use this tflint.toml/pyproject.toml instead of discovering one")
    p.add_argument("--no-cache", action="store_true", help="do not read or write .tflint_cache/")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: number of cores)")
    p.add_argument("--quiet", "-q", action="store_true", help="print findings only: no summary, no progress bar")
    p.add_argument("--statistics", action="store_true", help="print only the number of findings per rule (text or json)")
    p.add_argument("--stdin-filename", metavar="PATH", help="the path to report for source read from stdin")
    p.add_argument("--no-gitignore", action="store_true", help="lint files even when .gitignore ignores them")
    p.add_argument("--version", action="version", version=f"tflint {__version__}")
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            return _subcommand(argv[0], argv[1:])
        return lint_command(argv)
    except KeyboardInterrupt:
        print("tflint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return EXIT_OK


def _subcommand(name: str, rest: list[str]) -> int:
    if name == "check":
        return lint_command(rest)
    if name in ("rule", "rules"):
        return rule_command(name, rest)
    if name == "lsp":
        from tflint.lsp.server import main as lsp_main

        return lsp_main(rest)
    if name == "diagnose":
        from tflint.diagnose.command import main as diagnose_main

        return diagnose_main(rest)
    from tflint.probe.command import main as probe_main

    return probe_main(rest)


def rule_command(name: str, rest: list[str]) -> int:
    from tflint import rulebook

    p = argparse.ArgumentParser(prog=f"tflint {name}")
    if name == "rule":
        p.add_argument("code", nargs="?", help="rule code, e.g. TFL201 (or its name)")
        p.add_argument("--all", action="store_true", help="print every rule page")
    p.add_argument("--format", choices=("text", "json"), default="text")
    args = p.parse_args(rest)
    rules = rulebook.all_rules()
    if name == "rules" or args.all:
        selected = list(rules.values())
    else:
        if not args.code:
            p.error("give a rule code (e.g. TFL201) or --all")
        key = args.code.upper()
        match = rules.get(key) or next((r for r in rules.values() if r.name == args.code.lower()), None)
        if match is None:
            print(f"tflint: unknown rule {args.code!r}; `tflint rules` lists them", file=sys.stderr)
            return EXIT_ERROR
        selected = [match]
    if args.format == "json":
        import json

        print(json.dumps([
            {"code": r.code, "name": r.name, "severity": str(r.severity), "fix": r.fix, "default": r.default_enabled,
             "summary": r.summary, "url": rulebook.docs_url(r.code), **({"page": r.page} if name == "rule" else {})}
            for r in selected
        ], indent=2))
        return EXIT_OK
    if name == "rules":
        from rich.console import Console
        from rich.table import Table

        table = Table("Code", "Name", "Severity", "Fixable", "Default", box=None)
        for r in selected:
            table.add_row(r.code, r.name, str(r.severity), r.fix if r.fixable else "", "on" if r.default_enabled else "off")
        Console(width=max(100, Console().width)).print(table)
        return EXIT_OK
    for i, r in enumerate(selected):
        if i:
            print("\n" + "-" * 72 + "\n")
        print(r.page, end="")
    return EXIT_OK


def _overrides(args) -> dict:
    from tflint.diagnostics import Severity

    return {
        "select": tuple(args.select) if args.select else None,
        "extend_select": tuple(args.extend_select) if args.extend_select else None,
        "ignore": tuple(args.ignore) if args.ignore else None,
        "fail_on": Severity.parse(args.fail_on) if args.fail_on else None,
    }


def lint_command(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from tflint.config import ConfigError, ConfigResolver

    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    from tflint.output import STATISTICS_FORMATS

    if args.statistics and (args.format or "text") not in STATISTICS_FORMATS:
        parser.error(f"--statistics prints counts as {', '.join(STATISTICS_FORMATS)}, not as {args.format}")
    from tflint.selectors import SelectorError, check

    try:
        for option in ("select", "extend_select", "ignore"):
            for note in check("--" + option.replace("_", "-"), getattr(args, option) or ()):
                print(f"tflint: note: {note}", file=sys.stderr)
    except SelectorError as exc:
        print(f"tflint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    try:
        resolver = ConfigResolver(args.config, _overrides(args))
    except ConfigError as exc:
        print(f"tflint: {exc}", file=sys.stderr)
        return EXIT_ERROR
    paths = args.paths or ["."]
    try:
        if "-" in paths:
            if len(paths) > 1:
                parser.error("'-' (stdin) cannot be combined with other paths")
            return _lint_stdin(args, resolver)
        return _lint_paths(args, resolver, paths)
    except ConfigError as exc:
        print(f"tflint: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _out_stream(args):
    if args.output_file:
        return open(args.output_file, "w", encoding="utf-8")  # noqa: SIM115
    return sys.stdout


def _report(
    args, diagnostics, files_checked: int, fixed: int = 0, sources=None, cell_texts=None, fail_on=None, path_errors=(),
) -> int:
    from tflint.output import RunSummary, render

    fmt = args.format or "text"
    summary = RunSummary.of(
        diagnostics, files_checked, fixed=fixed, statistics=args.statistics, path_errors=list(path_errors)
    )
    if fmt == "text":
        summary.sources = sources or {}
        summary.cell_texts = cell_texts or {}
    stream = _out_stream(args)
    try:
        if args.quiet and fmt == "text" and not args.statistics:
            from tflint.output.concise import render as concise

            concise(sorted(diagnostics, key=lambda d: d.sort_key()), stream, summary)
        else:
            render(diagnostics, fmt, stream, summary)
    finally:
        if stream is not sys.stdout:
            stream.close()
    if path_errors:  # a path that was named but could not be linted is a usage error, whatever was found
        return EXIT_ERROR
    return _exit_code(args, diagnostics, fail_on)


def _exit_code(args, diagnostics, fail_on) -> int:
    if args.exit_zero:
        return EXIT_OK
    return EXIT_FINDINGS if any(d.severity >= fail_on for d in diagnostics) else EXIT_OK


def _frame_sources(diagnostics) -> tuple[dict, dict]:
    """Source text for the code frames of the text format (files with findings only)."""
    from tflint import source as source_mod

    sources: dict[str, str] = {}
    cells: dict[tuple[str, int], str] = {}
    for path in {d.path for d in diagnostics}:
        try:
            src = source_mod.load(path)
        except source_mod.SourceError:
            continue
        if src.is_notebook:
            for cell in src.cells:
                cells[(path, cell.number)] = "\n".join(cell.original_lines)
        else:
            sources[path] = src.text
    return sources, cells


def _lint_stdin(args, resolver) -> int:
    import difflib

    from tflint import api
    from tflint.fixes import FixError

    name = args.stdin_filename or "-"
    data = sys.stdin.buffer.read()
    config = resolver.for_path(name if args.stdin_filename else Path.cwd() / "-")
    lint_name = name
    if name == "-":
        lint_name = "<stdin>.ipynb" if _looks_like_notebook(data) else "<stdin>.py"
    result = api.lint_file(lint_name, config, data)
    for d in result.diagnostics:
        d.path = name
    if (args.fix or args.diff) and result.source is not None:
        try:
            fixed = api.fix(result.source, config, unsafe=args.unsafe_fixes, result=result)
            new, count = fixed.source.text, fixed.applied
        except FixError as exc:
            print(f"tflint: {exc}", file=sys.stderr)
            return EXIT_ERROR
        if args.diff:
            sys.stdout.writelines(difflib.unified_diff(result.source.text.splitlines(True), new.splitlines(True), name, name))
            return EXIT_FINDINGS if count else EXIT_OK
        sys.stdout.buffer.write(result.source.render(new))
        return EXIT_OK
    sources: dict[str, str] = {}
    cells: dict[tuple[str, int], str] = {}
    if result.source is not None and result.source.is_notebook:
        cells = {(name, c.number): "\n".join(c.original_lines) for c in result.source.cells}
    elif result.source is not None:
        sources = {name: result.source.text}
    return _report(args, result.diagnostics, 1, sources=sources, cell_texts=cells, fail_on=config.fail_on)


def _looks_like_notebook(data: bytes) -> bool:
    """Whether stdin without ``--stdin-filename`` holds a notebook (a JSON object with cells), not Python."""
    import json

    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        return False
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except ValueError:  # JSON and Unicode errors alike: a Python dict display, say
        return False
    return isinstance(nb, dict) and ("cells" in nb or "worksheets" in nb)


def _lint_paths(args, resolver, paths: list[str]) -> int:
    from tflint import runner
    from tflint.discovery import discover

    found = discover(paths, resolver, respect_gitignore=not args.no_gitignore)
    for problem in (*found.errors, *found.problems):
        print(f"tflint: {problem}", file=sys.stderr)
    if not found.files:  # still a report in the asked format: CI uploads the SARIF file whatever happened
        if not found.errors and (args.format or "text") != "text":  # the text report says it itself
            print("tflint: no Python files or notebooks found", file=sys.stderr)
        return _report(args, [], 0, fail_on=resolver.default.fail_on, path_errors=found.errors)
    fix_mode = args.fix or args.diff
    show_progress = not args.quiet and sys.stderr.isatty() and (args.format or "text") == "text"
    result = runner.run(
        found.files, resolver, jobs=args.jobs, use_cache=not args.no_cache and not fix_mode, progress=show_progress
    )
    diagnostics = result.diagnostics
    fixed = 0
    if fix_mode:
        outcome = _apply_fixes(args, resolver, diagnostics)
        if outcome is None:
            return EXIT_ERROR
        fixed, diagnostics, changed = outcome
        if args.diff:
            return EXIT_FINDINGS if changed else EXIT_OK
    sources, cells = _frame_sources(diagnostics) if (args.format or "text") == "text" and not args.quiet else ({}, {})
    fail_on = resolver.default.fail_on
    if len({resolver.for_path(p).fail_on for p in found.files[:50]}) == 1:
        fail_on = resolver.for_path(found.files[0]).fail_on
    return _report(args, diagnostics, result.files_checked, fixed, sources, cells, fail_on, found.errors)


def _apply_fixes(args, resolver, diagnostics):
    """Fix every file with fixable findings; returns (fixed, remaining diagnostics, changed?)."""
    import difflib

    from tflint import api
    from tflint import source as source_mod
    from tflint.fixes import FixError, fixable, write_atomic

    by_path: dict[str, list] = {}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    remaining = []
    fixed_total = 0
    changed = False
    failed = False
    for path, diags in by_path.items():
        if not fixable(diags, unsafe=args.unsafe_fixes):
            remaining.extend(diags)
            continue
        config = resolver.for_path(path)
        try:
            src = source_mod.load(path)
            outcome = api.fix(src, config, unsafe=args.unsafe_fixes)
            current, count_total = outcome.source, outcome.applied
        except (FixError, source_mod.SourceError) as exc:
            print(f"tflint: {exc}", file=sys.stderr)
            remaining.extend(diags)
            failed = True
            continue
        if current.text != src.text:
            changed = True
            if args.diff:
                old_text = src.text
                sys.stdout.writelines(difflib.unified_diff(old_text.splitlines(True), current.text.splitlines(True), path, path))
            else:
                try:
                    write_atomic(src, current.text)
                except (FixError, OSError) as exc:
                    print(f"tflint: {exc}", file=sys.stderr)
                    remaining.extend(diags)
                    failed = True
                    continue
        fixed_total += count_total
        remaining.extend(outcome.result.diagnostics if not args.diff else diags)
    if failed and not remaining:
        return None
    return fixed_total, remaining, changed


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
