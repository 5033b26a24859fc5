"""The package's boundaries, enforced: what each layer of the pipeline may import.

    diagnostics (plain types)  <- analysis/ <- checks/ <- engine <- api (the front door) <- cli, lsp/, runner
                                                                         outputs: output/

Read from the source with ``ast`` (every import, function-level ones included;
``if TYPE_CHECKING:`` blocks excepted), so a violation fails here before it
costs a user a slow start or a cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "tflint"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in ROOT.rglob("*.py")}


class _Imports(ast.NodeVisitor):
    def __init__(self):
        self.found: list[tuple[str, int, bool]] = []  # (module, line, at module level)
        self.depth = 0

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
            isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
        ):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def _scoped(self, node) -> None:
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_FunctionDef = visit_AsyncFunctionDef = _scoped

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self.found.append((alias.name, node.lineno, self.depth == 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            return
        base = node.module or ""
        for alias in node.names:
            full = f"{base}.{alias.name}"
            self.found.append((full if full in MODULES else base, node.lineno, self.depth == 0))


def imports_of(module: str) -> list[tuple[str, int, bool]]:
    visitor = _Imports()
    visitor.visit(ast.parse(MODULES[module].read_text(encoding="utf-8")))
    return visitor.found


def _in(module: str, *packages: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


def _violations(importers, forbidden, *, module_level_only: bool = False) -> list[str]:
    out = []
    for module in sorted(MODULES):
        if not importers(module):
            continue
        for target, line, top in imports_of(module):
            if (top or not module_level_only) and forbidden(target):
                out.append(f"{module}:{line} imports {target}")
    return out


FRONTS = ("tflint.cli", "tflint.lsp", "tflint.runner", "tflint.api", "tflint.discovery", "tflint.cache")
ML_LIBRARIES = ("tensorflow", "keras", "tf_keras", "numpy", "sklearn", "torch", "jax", "pandas")


def test_plain_types_import_nothing_of_ours():
    assert [t for t, _, _ in imports_of("tflint.diagnostics") if _in(t, "tflint")] == []


def test_analysis_imports_no_check_engine_front_or_output():
    bad = _violations(
        lambda m: _in(m, "tflint.analysis"),
        lambda t: _in(t, "tflint.checks", "tflint.registry", "tflint.engine", "tflint.output", "tflint.probe", *FRONTS),
    )
    assert bad == []


def test_checks_import_no_front_output_or_engine():
    bad = _violations(
        lambda m: _in(m, "tflint.checks"),
        lambda t: _in(t, "tflint.engine", "tflint.output", "tflint.probe", "tflint.fixes", *FRONTS),
    )
    assert bad == []


def test_the_static_path_never_imports_the_probe_or_an_ml_library():
    """Only the probe (and `tflint probe`'s own command, inside a function) and the Keras callback
    that runs inside a user's training (`tflint.keras`) may."""
    static = lambda m: not _in(m, "tflint.probe", "tflint.keras")  # noqa: E731
    assert _violations(static, lambda t: _in(t, *ML_LIBRARIES)) == []
    assert _violations(lambda m: static(m) and m != "tflint.cli", lambda t: _in(t, "tflint.probe")) == []
    assert _violations(lambda m: m == "tflint.cli", lambda t: _in(t, "tflint.probe"), module_level_only=True) == []


def test_the_cli_and_the_language_server_lint_through_the_one_front_door():
    bad = _violations(
        lambda m: _in(m, "tflint.cli", "tflint.lsp", "tflint.runner"),
        lambda t: _in(t, "tflint.engine", "tflint.analysis", "tflint.checks", "tflint.registry"),
    )
    assert bad == []


def test_no_import_cycles():
    graph = {m: {t for t, _, _ in imports_of(m) if t in MODULES and t != m} for m in MODULES}
    cycles = _strongly_connected(graph)
    assert cycles == [], f"import cycles: {cycles}"


def _strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iteratively: the components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


@pytest.mark.parametrize("module", ["tflint.analysis.facts", "tflint.analysis.positions"])
def test_the_boundary_reader_sees_real_imports(module):
    """The reader itself: the facts import the value model, positions the plain types."""
    targets = {t for t, _, _ in imports_of(module)}
    assert ("tflint.analysis.values" if module.endswith("facts") else "tflint.diagnostics") in targets
