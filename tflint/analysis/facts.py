"""Per-file facts, gathered in one walk over the libcst tree.

Checks never walk the tree or resolve names themselves: they read the lists
and indexes built here. The walk is iterative over each node class's cached
field list (in lexical order, whitespace and punctuation skipped) because
libcst's own visitor and its metadata providers cost more than the parse.
Names are resolved with our own import table; positions come from
``positions.py`` only for the nodes that end up in a diagnostic.
"""

from __future__ import annotations

import ast
import dataclasses
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import libcst as cst

from tflint.analysis.names import ML_ROOTS, canonical
from tflint.analysis.signatures import FUNCTION_SIGNATURES, METHOD_SIGNATURES
from tflint.analysis.values import UNKNOWN, ValueModel, dotted_name, string_value




# --------------------------------------------------------------------------
# records


@dataclass(eq=False)
class Scope:
    name: str  # "<module>", "build_model", "Net.call"
    kind: str  # "module", "function", "class"
    node: cst.CSTNode
    parent: "Scope | None" = None

    def chain(self) -> Iterator["Scope"]:
        scope: Scope | None = self
        while scope is not None:
            yield scope
            scope = scope.parent

    @property
    def class_name(self) -> str | None:
        for scope in self.chain():
            if scope.kind == "class":
                return scope.name
        return None


@dataclass(eq=False)
class CallFact:
    node: cst.Call
    index: int  # lexical order among calls
    order: int  # lexical order of the enclosing statement
    scope: Scope
    loop_depth: int
    callee: str | None = None  # canonical name when the callee resolves through imports
    func_text: str | None = None  # "model.fit", "self.dense", "Dense"
    method: str | None = None  # "fit" for ``anything.fit(...)``
    receiver: cst.BaseExpression | None = None
    keywords: dict[str, cst.Arg] = field(default_factory=dict)
    positional: list[cst.Arg] = field(default_factory=list)
    has_star_args: bool = False

    @property
    def signature(self) -> tuple[str, ...]:
        if self.callee and self.callee in FUNCTION_SIGNATURES:
            return FUNCTION_SIGNATURES[self.callee]
        if self.callee is None and self.method in METHOD_SIGNATURES:
            return METHOD_SIGNATURES[self.method]
        return ()

    def arg(self, name: str, position: int | None = None) -> cst.Arg | None:
        """The argument bound to parameter ``name`` (keyword or positional)."""
        if name in self.keywords:
            return self.keywords[name]
        if position is None:
            sig = self.signature
            position = sig.index(name) if name in sig else None
        if position is not None and position < len(self.positional):
            return self.positional[position]
        return None

    def value(self, name: str, position: int | None = None) -> cst.BaseExpression | None:
        arg = self.arg(name, position)
        return arg.value if arg is not None else None

    def has_arg(self, name: str) -> bool:
        return self.arg(name) is not None


@dataclass(eq=False)
class AssignFact:
    node: cst.CSTNode  # Assign / AnnAssign / AugAssign / For / WithItem / NamedExpr / Import
    order: int
    scope: Scope
    loop_depth: int
    targets: tuple[cst.BaseExpression, ...]
    names: tuple[str, ...]  # dotted text of every simple target, flattened ("X_train", "self.model")
    value: cst.BaseExpression | None
    augmented: bool = False
    statement: cst.CSTNode | None = None
    branch: tuple = ()  # the if-arms it sits in: ((if statement order, arm), ...), outermost first


@dataclass(eq=False)
class FunctionFact:
    node: cst.FunctionDef
    qualname: str
    scope: Scope  # the function's own scope
    params: tuple[str, ...]
    returns: list[cst.BaseExpression] = field(default_factory=list)


@dataclass(eq=False)
class ClassFact:
    node: cst.ClassDef
    name: str
    scope: Scope
    bases: tuple[str, ...]  # canonical names where resolvable, else dotted text


# --------------------------------------------------------------------------
# the walk

_SKIP_FIELDS = frozenset(
    {
        "lpar", "rpar", "comma", "semicolon", "leading_lines", "lines_after_decorators", "header", "footer",
        "equal", "colon", "dot", "star", "operator", "first_colon", "second_colon", "lbracket", "rbracket",
        "lbrace", "rbrace", "newline", "trailing_whitespace", "asynchronous", "default_indent",
        "default_newline", "encoding", "has_trailing_newline", "indent", "whitespace", "posonly_ind",
        "quote", "prefix", "string", "relative", "conversion",
    }
)
# Classes whose dataclass field order differs from the order in the source.
_LEXICAL_ORDER: dict[type, tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "type_parameters", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "type_parameters", "bases", "keywords", "body"),
    cst.IfExp: ("body", "test", "orelse"),
    cst.ExceptHandler: ("type", "name", "body"),
    cst.Parameters: ("posonly_params", "params", "star_arg", "kwonly_params", "star_kwarg"),
    cst.Arg: ("keyword", "value"),
    cst.MatchCase: ("pattern", "guard", "body"),
}
_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields_of(cls: type) -> tuple[str, ...]:
    names = _LEXICAL_ORDER.get(cls)
    if names is None:
        names = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in _SKIP_FIELDS and not f.name.startswith("whitespace")
        )
    # keep only fields that can hold nodes (leaf values are str/bool)
    _FIELDS[cls] = names
    return names


_STATEMENT_TYPES = (cst.BaseSmallStatement, cst.BaseCompoundStatement)
_LOOP_TYPES = (cst.For, cst.While)
_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)
_EXIT = object()

# isinstance() against a libcst class goes through ABCMeta.__instancecheck__
# (a Python-level call) whenever it fails; the walk asks per node class once.
_WALK_INFO: dict[type, tuple[tuple[str, ...], bool, bool]] = {}  # fields reversed, statement?, loop?
_IS_NODE: dict[type, bool] = {}


def _walk_info(cls: type) -> tuple[tuple[str, ...], bool, bool]:
    names = _FIELDS.get(cls) or _fields_of(cls)
    info = (tuple(reversed(names)), issubclass(cls, _STATEMENT_TYPES), cls in _LOOP_TYPES or cls in _COMPREHENSIONS)
    _WALK_INFO[cls] = info
    return info


def _is_node_type(cls: type) -> bool:
    found = _IS_NODE[cls] = issubclass(cls, cst.CSTNode)
    return found


def names_in(node: cst.CSTNode | None, limit: int = 5000) -> set[str]:
    """Every plain Name read inside an expression (bounded; for small sub-trees)."""
    found: set[str] = set()
    stack = [node] if node is not None else []
    seen = 0
    while stack and seen < limit:
        current = stack.pop()
        seen += 1
        if isinstance(current, cst.Name):
            found.add(current.value)
            continue
        if isinstance(current, cst.Attribute):
            stack.append(current.value)  # a.b reads a, not b
            continue
        names = _FIELDS.get(type(current)) or _fields_of(type(current))
        for field_name in names:
            value = getattr(current, field_name)
            if isinstance(value, (tuple, list)):
                stack.extend(v for v in value if isinstance(v, cst.CSTNode))
            elif isinstance(value, cst.CSTNode):
                stack.append(value)
    return found


def _import_name(node: cst.CSTNode) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_import_name(node.value)}.{node.attr.value}"
    return ""


def _target_names(target: cst.CSTNode, out: list[str]) -> None:
    cls = type(target)
    if cls is cst.Tuple or cls is cst.List:
        for el in target.elements:
            _target_names(el.value, out)
    elif cls is cst.StarredElement:
        _target_names(target.value, out)
    else:
        name = dotted_name(target)
        if name is not None:
            out.append(name)
        elif cls is cst.Subscript:
            base = dotted_name(target.value)
            if base is not None:  # df["col"] = ... writes into df
                out.append(base + "[]")


class FileFacts:
    """Everything checks know about one file. Build with ``collect_facts``."""

    def __init__(self, module: cst.Module, text: str):
        self.module = module
        self.text = text
        self.imports: dict[str, str] = {}  # local alias -> canonical dotted name
        self.star_imports: list[str] = []
        self.imported_roots: set[str] = set()
        self.calls: list[CallFact] = []
        self.assignments: list[AssignFact] = []
        self.functions: dict[str, FunctionFact] = {}
        self.classes: dict[str, ClassFact] = {}
        self.statements: list[cst.CSTNode] = []  # every statement, lexical order (index == order)
        self.statement_scopes: list[Scope] = []
        self.calls_by_callee: dict[str, list[CallFact]] = defaultdict(list)
        self.calls_by_method: dict[str, list[CallFact]] = defaultdict(list)
        self.assignments_by_name: dict[str, list[AssignFact]] = defaultdict(list)
        self.has_dynamic_code = False  # exec/eval/globals() writes: be careful with guesses
        self._call_by_node: dict[int, CallFact] = {}
        self._arg_owner: dict[int, cst.Call] = {}
        self._value_arg: dict[int, cst.Arg] = {}
        self._keyword_arg: dict[int, cst.Arg] = {}
        self._positions = None  # positions.py keeps its index here (facts never import it)
        self._derived: dict[type, Any] = {}
        #: what analyses keep between versions of one document in the editor (incremental_facts.ChunkedFacts
        #: owns it); None for a one-shot lint
        self.reuse: dict[str, Any] | None = None
        self._bound_names: frozenset | None = None  # names_bound_in()
        self._ast_tree = None  # the ast tree of ``text`` when the engine parsed one
        self.statement_branches: list[tuple] = []  # the if-arms each statement sits in (see AssignFact.branch)
        self._statement_order: dict[int, int] | None = None
        self._values: ValueModel | None = None
        self.module_scope = Scope("<module>", "module", module)

    # -- queries -------------------------------------------------------------
    @property
    def uses_ml(self) -> bool:
        return bool(self.imported_roots & ML_ROOTS)

    def resolve(self, node: cst.CSTNode | None) -> str | None:
        """Canonical name of a Name/Attribute chain, through the import table."""
        text = dotted_name(node) if not isinstance(node, str) else node
        if text is None:
            return None
        return self.resolve_text(text)

    def resolve_text(self, text: str) -> str | None:
        head, dot, rest = text.partition(".")
        target = self.imports.get(head)
        if target is None:
            if self.star_imports and not self.assignments_by_name.get(head):
                for module in self.star_imports:
                    candidate = canonical(f"{module}.{text}")
                    if candidate in _KNOWN_NAMES() or canonical(f"{module}.{head}") in _KNOWN_NAMES():
                        return candidate
            return None
        return canonical(f"{target}{dot}{rest}") if rest else target

    def call_of(self, node: cst.CSTNode) -> CallFact | None:
        return self._call_by_node.get(id(node))

    def owner_call(self, arg: cst.Arg) -> cst.Call | None:
        return self._arg_owner.get(id(arg))

    def arg_of_value(self, value: cst.CSTNode) -> cst.Arg | None:
        return self._value_arg.get(id(value))

    def calls_to(self, *names: str) -> list[CallFact]:
        """Calls whose callee is one of ``names`` (canonical) or under a prefix ending in '.'."""
        out: list[CallFact] = []
        for name in names:
            if name.endswith("."):
                out.extend(c for c in self.calls if c.callee and c.callee.startswith(name))
            else:
                out.extend(self.calls_by_callee.get(name, ()))
        out.sort(key=lambda c: c.index)
        return out

    def method_calls(self, *methods: str) -> list[CallFact]:
        out = [c for m in methods for c in self.calls_by_method.get(m, ())]
        out.sort(key=lambda c: c.index)
        return out

    def visible_assignments(self, name: str, scope: Scope, before: int) -> list[AssignFact]:
        """Assignments to ``name`` that a use in ``scope`` at statement ``before`` can see.

        The innermost scope that assigns the name wins (Python's rule), and
        only assignments earlier in the source are returned, in order.
        """
        candidates = self.assignments_by_name.get(name, ())
        for sc in scope.chain():
            if sc.kind == "class" and sc is not scope:
                continue  # class bodies are not enclosing scopes for functions
            in_scope = [a for a in candidates if a.scope is sc]
            if in_scope:
                if sc is scope:
                    return [a for a in in_scope if a.order < before]
                return in_scope  # enclosing scope: any assignment (closure seen at call time)
        return []

    def last_assignment(self, name: str, scope: Scope, before: int) -> AssignFact | None:
        found = self.visible_assignments(name, scope, before)
        return found[-1] if found else None

    @property
    def values(self) -> ValueModel:
        """The value query every analysis shares (see values.py)."""
        if self._values is None:
            self._values = ValueModel(self)
        return self._values

    def origin(self, node: cst.CSTNode | None, scope: Scope, before: int) -> cst.CSTNode | None:
        """Follow a variable to the one expression it holds (itself when it has several or none)."""
        return self.values.origin(node, scope, before)

    def const(self, node: cst.CSTNode | None, scope: Scope | None = None, before: int | None = None) -> Any:
        """The constant value of an expression on every path, or UNKNOWN."""
        return self.values.const(node, scope or self.module_scope, before if before is not None else len(self.statements))

    def possible(self, node: cst.CSTNode | None, scope: Scope | None = None, before: int | None = None) -> tuple:
        """Every constant the expression can be (several on if/else arms or call sites), () when unknown."""
        return self.values.possible(node, scope or self.module_scope, before if before is not None else len(self.statements))

    def statement_branch(self, order: int) -> tuple:
        branches = self.statement_branches
        return branches[order] if 0 <= order < len(branches) else ()

    def order_of(self, statement: cst.CSTNode) -> int:
        """The lexical order of a statement node."""
        if self._statement_order is None:
            self._statement_order = {id(s): i for i, s in enumerate(self.statements)}
        return self._statement_order.get(id(statement), len(self.statements))

    def const_of_call_arg(self, call: CallFact, name: str, position: int | None = None) -> Any:
        value = call.value(name, position)
        if value is None:
            return UNKNOWN
        return self.const(value, call.scope, call.order)

    def enclosing_function(self, scope: Scope) -> FunctionFact | None:
        for sc in scope.chain():
            if sc.kind == "function":
                return self.functions.get(sc.name)
        return None

    def derived(self, analysis: Callable[["FileFacts"], Any]) -> Any:
        """A derived analysis of this file (KerasFacts, DataFlow...), built once and shared by every check."""
        found = self._derived.get(analysis)
        if found is None:
            found = self._derived[analysis] = analysis(self)
        return found

    def release(self) -> None:
        """Drop the derived analyses and the position index once the checks are done.

        They point back at these facts; without this the tree and everything
        built on it would be freed only by the cyclic GC, which in the editor
        costs more than re-parsing the edited statement.
        """
        self._derived = {}
        self._values = None
        self._positions = None
        self._ast_tree = None


_known_names_cache: set[str] | None = None


def _KNOWN_NAMES() -> set[str]:
    """Names a star import may bring in: everything the knowledge tables mention."""
    global _known_names_cache
    if _known_names_cache is None:
        from tflint import knowledge

        _known_names_cache = set(FUNCTION_SIGNATURES) | knowledge.all_known_names()
    return _known_names_cache


class _Collector:
    """The single walk. One handler per node class that carries a fact."""

    def __init__(self, facts: FileFacts):
        self.f = facts
        self.scope = facts.module_scope
        self.loop_depth = 0
        self.loop_stack: list[int] = []
        self.order = -1
        self.current_stmt: cst.CSTNode | None = None
        self.branch: tuple = ()
        self._arms: dict[int, tuple[int, int]] = {}  # id(if body / else block) -> (if order, arm)
        self.handlers: dict[type, Callable[[Any], None]] = {
            cst.Import: self.on_import,
            cst.ImportFrom: self.on_import_from,
            cst.Call: self.on_call,
            cst.Assign: self.on_assign,
            cst.AnnAssign: self.on_ann_assign,
            cst.AugAssign: self.on_aug_assign,
            cst.For: self.on_for,
            cst.WithItem: self.on_with_item,
            cst.NamedExpr: self.on_named_expr,
            cst.FunctionDef: self.on_function,
            cst.ClassDef: self.on_class,
            cst.Return: self.on_return,
            cst.If: self.on_if,
            cst.IndentedBlock: self.on_arm,
            cst.Else: self.on_arm,
        }

    def run(self, module: cst.Module) -> None:
        stack: list[Any] = [module]
        handlers = self.handlers
        walk_info = _WALK_INFO
        is_node = _IS_NODE
        statements = self.f.statements
        statement_scopes = self.f.statement_scopes
        statement_branches = self.f.statement_branches
        leave_loop = (_EXIT, self._leave_loop)
        push = stack.append
        pop = stack.pop
        while stack:
            node = pop()
            cls = type(node)
            if cls is tuple:  # (_EXIT, callback)
                node[1]()
                continue
            fields, is_statement, is_loop = walk_info.get(cls) or _walk_info(cls)
            if is_statement:
                self.order += 1
                self.current_stmt = node
                statements.append(node)
                statement_scopes.append(self.scope)
                statement_branches.append(self.branch)
            handler = handlers.get(cls)
            if handler is not None:
                exit_callback = handler(node)
                if exit_callback is not None:
                    push((_EXIT, exit_callback))
            if is_loop:
                self.loop_depth += 1
                push(leave_loop)
            for name in fields:
                value = getattr(node, name)
                value_type = type(value)
                if value_type is tuple or value_type is list:
                    for child in reversed(value):
                        child_type = type(child)
                        known = is_node.get(child_type)
                        if known is None:
                            known = _is_node_type(child_type)
                        if known:
                            push(child)
                elif value is not None:
                    known = is_node.get(value_type)
                    if known is None:
                        known = _is_node_type(value_type)
                    if known:
                        push(value)

    def _leave_loop(self) -> None:
        self.loop_depth -= 1

    # -- if/else arms --------------------------------------------------------
    def on_if(self, node: cst.If):
        leave = self.on_arm(node)  # an ``elif`` is the else arm of the if before it
        self._arms[id(node.body)] = (self.order, 0)
        if node.orelse is not None:
            self._arms[id(node.orelse)] = (self.order, 1)
        return leave

    def on_arm(self, node):
        arm = self._arms.pop(id(node), None)
        if arm is None:
            return None
        outer = self.branch
        self.branch = outer + (arm,)

        def leave() -> None:
            self.branch = outer

        return leave

    # -- scopes --------------------------------------------------------------
    def _enter_scope(self, name: str, kind: str, node: cst.CSTNode) -> Callable[[], None]:
        outer_scope, outer_depth = self.scope, self.loop_depth
        qual = name if self.scope.kind == "module" else f"{self.scope.name}.{name}"
        self.scope = Scope(qual, kind, node, outer_scope)
        if kind == "function":
            self.loop_depth = 0

        def leave() -> None:
            self.scope, self.loop_depth = outer_scope, outer_depth

        return leave

    def on_function(self, node: cst.FunctionDef):
        self._record_assign(node, (node.name,), (node.name.value,), None)
        leave = self._enter_scope(node.name.value, "function", node)
        p = node.params
        params = tuple(
            prm.name.value
            for prm in (*p.posonly_params, *p.params, *p.kwonly_params)
        )
        self.f.functions[self.scope.name] = FunctionFact(node, self.scope.name, self.scope, params)
        return leave

    def on_class(self, node: cst.ClassDef):
        self._record_assign(node, (node.name,), (node.name.value,), None)
        bases = []
        for arg in node.bases:
            text = dotted_name(arg.value)
            if text:
                bases.append(self.f.resolve_text(text) or text)
        leave = self._enter_scope(node.name.value, "class", node)
        self.f.classes[self.scope.name] = ClassFact(node, self.scope.name, self.scope, tuple(bases))
        return leave

    def on_return(self, node: cst.Return):
        fn = self.f.functions.get(self.scope.name) if self.scope.kind == "function" else None
        if fn is not None and node.value is not None:
            fn.returns.append(node.value)

    # -- imports -------------------------------------------------------------
    def on_import(self, node: cst.Import):
        for alias in node.names:
            full = _import_name(alias.name)
            root = full.partition(".")[0]
            self.f.imported_roots.add(root)
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
                self.f.imports[local] = canonical(full)
            else:
                self.f.imports[root] = root
            self._record_assign(node, (), (alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else root,), None)

    def on_import_from(self, node: cst.ImportFrom):
        if node.relative or node.module is None:
            return
        module = _import_name(node.module)
        self.f.imported_roots.add(module.partition(".")[0])
        if isinstance(node.names, cst.ImportStar):
            self.f.star_imports.append(canonical(module))
            return
        for alias in node.names:
            name = _import_name(alias.name)
            local = alias.asname.name.value if alias.asname and isinstance(alias.asname.name, cst.Name) else name
            self.f.imports[local] = canonical(f"{module}.{name}")
            self._record_assign(node, (), (local,), None)

    # -- calls ---------------------------------------------------------------
    def on_call(self, node: cst.Call):
        f = self.f
        func = node.func
        fact = CallFact(node, len(f.calls), self.order, self.scope, self.loop_depth)
        text = dotted_name(func)
        fact.func_text = text
        if type(func) is cst.Attribute:
            fact.method = func.attr.value
            fact.receiver = func.value
        for arg in node.args:
            f._arg_owner[id(arg)] = node
            f._value_arg[id(arg.value)] = arg
            if arg.star:
                fact.has_star_args = True
            elif arg.keyword is not None:
                fact.keywords[arg.keyword.value] = arg
                f._keyword_arg[id(arg.keyword)] = arg
            else:
                fact.positional.append(arg)
        f.calls.append(fact)
        f._call_by_node[id(node)] = fact
        if text in ("exec", "eval", "globals", "setattr", "__import__"):
            f.has_dynamic_code = True

    # -- assignments ---------------------------------------------------------
    def _record_assign(self, node, targets, names, value, augmented=False) -> AssignFact:
        fact = AssignFact(
            node, self.order, self.scope, self.loop_depth, tuple(targets), tuple(names), value, augmented,
            self.current_stmt, self.branch,
        )
        self.f.assignments.append(fact)
        for name in fact.names:
            self.f.assignments_by_name[name].append(fact)
        return fact

    def _targets(self, targets) -> list[str]:
        names: list[str] = []
        for target in targets:
            _target_names(target, names)
        return names

    def on_assign(self, node: cst.Assign):
        targets = [t.target for t in node.targets]
        if len(targets) == 1:
            self._record_assign(node, targets, self._targets(targets), node.value)
        else:  # a = b = value: one fact per target, each a plain binding
            for target in targets:
                self._record_assign(node, [target], self._targets([target]), node.value)

    def on_ann_assign(self, node: cst.AnnAssign):
        if node.value is not None:
            self._record_assign(node, [node.target], self._targets([node.target]), node.value)

    def on_aug_assign(self, node: cst.AugAssign):
        self._record_assign(node, [node.target], self._targets([node.target]), node.value, augmented=True)

    def on_for(self, node: cst.For):
        self._record_assign(node, [node.target], self._targets([node.target]), node.iter)

    def on_with_item(self, node: cst.WithItem):
        if node.asname is not None:
            self._record_assign(node, [node.asname.name], self._targets([node.asname.name]), node.item)

    def on_named_expr(self, node: cst.NamedExpr):
        self._record_assign(node, [node.target], self._targets([node.target]), node.value)


def collect_facts(module: cst.Module, text: str, tree: "ast.Module | None" = None) -> FileFacts:
    """The facts of ``module``; ``tree`` is the same text's ``ast`` tree when the caller parsed one already."""
    facts = FileFacts(module, text)
    facts._ast_tree = tree
    collector = _Collector(facts)
    collector.run(module)
    # The handler table holds bound methods of the collector: a reference
    # cycle that would keep the whole tree alive until the cyclic GC runs.
    collector.handlers.clear()
    resolve_calls(facts)
    return facts


EVERYTHING_BOUND = frozenset({"*"})


def names_bound_in(facts: FileFacts) -> frozenset:
    """The names ``facts``' file binds anywhere (any scope); a star import binds everything. Computed once."""
    if facts._bound_names is None:
        facts._bound_names = _bound_names(facts)
    return facts._bound_names


def _bound_names(facts: FileFacts) -> frozenset:
    tree = facts._ast_tree
    if tree is None:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SyntaxWarnings are the user's code's business, not ours to print
                tree = ast.parse(facts.text)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return EVERYTHING_BOUND
    bound: set[str] = set()
    for node in ast.walk(tree):
        cls = type(node)
        if cls is ast.Name:
            if type(node.ctx) is not ast.Load:
                bound.add(node.id)
        elif cls in (ast.Import, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    return EVERYTHING_BOUND
                bound.add(alias.asname or alias.name.partition(".")[0])
        elif cls in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
            bound.add(node.name)
        elif cls is ast.arg:
            bound.add(node.arg)
        elif cls is ast.ExceptHandler and node.name:
            bound.add(node.name)
        elif cls in (ast.Global, ast.Nonlocal):
            bound.update(node.names)
    return frozenset(bound)


#: module aliases everyone writes; in code copied without its imports they still mean these modules
CONVENTIONAL_ALIASES = {
    "np": "numpy", "pd": "pandas", "tf": "tensorflow", "keras": "keras", "layers": "keras.layers", "K": "keras.backend",
}
#: heads that say the code is another framework's: its bare names (Adam, Linear) are not Keras'
_OTHER_FRAMEWORKS = frozenset({"torch", "nn", "optim", "jnp", "flax", "optax", "mx", "gluon", "paddle"})


def _implicit_imports(facts: FileFacts) -> None:
    """Read a name the file uses but never binds as the API it spells, as if it were imported.

    Excerpts (a snippet from a blog, a notebook cell copied on its own, a
    script whose imports were trimmed) call ``np.load``, ``SelectKBest(...)``
    or ``Sequential([...])`` without importing them; the code means those APIs
    all the same. Only conventional module aliases and class or function
    names that the knowledge tables spell in exactly one way are read so, and
    never in a file that binds the name itself, star-imports, or shows another
    framework (PyTorch's ``Adam`` is not Keras').
    """
    if facts.star_imports:
        return
    heads = {call.func_text.partition(".")[0] for call in facts.calls if call.func_text}
    if heads & _OTHER_FRAMEWORKS or facts.imported_roots & {"torch", "jax", "flax", "mxnet", "paddle"}:
        return
    short = _short_api_names()
    candidates = {h for h in heads if h not in facts.imports and (h in CONVENTIONAL_ALIASES or h in short)}
    if not candidates:
        return
    bound = names_bound_in(facts)
    if bound is EVERYTHING_BOUND:
        return
    for name in sorted(candidates - bound):
        target = CONVENTIONAL_ALIASES.get(name) or short[name]
        facts.imports[name] = target
        facts.imported_roots.add(target.partition(".")[0])


_short_api_cache: dict[str, str] | None = None


def _short_api_names() -> dict[str, str]:
    """Last part of each class and distinctive function the knowledge tables name -> its one canonical name."""
    global _short_api_cache
    if _short_api_cache is None:
        spellings: dict[str, set[str]] = defaultdict(set)
        for name in _KNOWN_NAMES():
            spellings[name.rsplit(".", 1)[-1]].add(canonical(name))
        _short_api_cache = {
            short: next(iter(full))
            for short, full in spellings.items()
            if len(full) == 1 and (short[:1].isupper() or "_" in short and len(short) >= 10)
        }
    return _short_api_cache


def resolve_calls(facts: FileFacts) -> None:
    """After the walk: callees through the import table, the call indexes, ``**kwargs`` spread.

    Its own function so that the editor's per-chunk facts (tflint/incremental_facts.py) finish the same way.
    """
    _implicit_imports(facts)
    facts.calls_by_callee.clear()
    facts.calls_by_method.clear()
    for call in facts.calls:
        if call.func_text is not None:
            call.callee = facts.resolve_text(call.func_text)
        if call.callee is not None:
            facts.calls_by_callee[call.callee].append(call)
            if call.method is not None and call.receiver is not None and facts.resolve(call.receiver):
                continue  # tf.keras.Model(...)-style module function: not a method call
        if call.method is not None:
            facts.calls_by_method[call.method].append(call)
    for call in facts.calls:
        if call.has_star_args:
            _spread_keywords(facts, call)


def _spread_keywords(facts: FileFacts, call: CallFact) -> None:
    """``fit(x, y, **fit_params)`` with ``fit_params = dict(...)`` or a dict literal: its entries become keywords.

    Explicit keywords win (Python would raise on a duplicate). An entry is an
    Arg without a keyword around the dict's own value node, so a diagnostic
    lands on the value where the user wrote it and no fix rewrites a keyword
    that is not there. A ``*args`` or a dict tflint cannot read keeps
    ``has_star_args`` set: anything may then be bound.
    """
    resolved = True
    for arg in call.node.args:
        if arg.star != "**":
            resolved = resolved and not arg.star
            continue
        entries = _dict_entries(facts, arg.value, call)
        if entries is None:
            resolved = False
            continue
        for key, value in entries:
            call.keywords.setdefault(key, cst.Arg(value=value))
    call.has_star_args = not resolved


def _dict_entries(facts: FileFacts, node: cst.BaseExpression, call: CallFact) -> list[tuple[str, cst.BaseExpression]] | None:
    sites = facts.values.sites(node, call.scope, call.order)
    if not sites or len(sites) != 1:
        return None
    name = dotted_name(node)
    if name is not None and facts.values.is_written(name):
        return None
    value, site = sites[0].node, sites[0]
    out: list[tuple[str, cst.BaseExpression]] = []
    if type(value) is cst.Dict:
        for el in value.elements:
            if type(el) is not cst.DictElement:
                return None
            key = facts.values.const(el.key, site.scope, site.before)
            if not isinstance(key, str):
                return None
            out.append((key, el.value))
        return out
    if type(value) is cst.Call and dotted_name(value.func) == "dict" and not facts.assignments_by_name.get("dict"):
        for arg in value.args:
            if arg.star or arg.keyword is None:
                return None
            out.append((arg.keyword.value, arg.value))
        return out
    return None
