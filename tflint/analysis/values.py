"""The value query: what an expression can be at one point of the program.

Every analysis asks here, so every check sees the same program. One binding
policy (which assignments a read can see: innermost scope first, earlier
statements only, the arms of an ``if`` as alternatives, parameters shadowing
globals) and one constant folder, following values the way real code passes
them within one file:

- assignments, re-binding in order, tuple unpacking of literals;
- function parameters bound at every call site (keyword, positional,
  ``**dict``, defaults when omitted); a function whose name escapes (passed as
  a callback, decorated, overridden for a framework) has unknown arguments;
- ``self.x`` set in a class's methods, class attributes, dataclass fields and
  their defaults, ``obj.x`` where ``obj = Cls(...)`` binds them;
- config dicts: ``CFG["lr"]``, ``cfg.get("lr", 1e-3)``, ``dict(lr=...)``;
  a dict written to anywhere is unknown;
- ``argparse`` defaults (``args.lr``).

Where a value can be several things the query says so (``possible``); the
single-value query (``const``) answers only when every path agrees. Unknown
stays unknown. Work is bounded by a depth budget and memoised per assignment
and per parameter, so long files and deep call chains stay linear.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import libcst as cst

if TYPE_CHECKING:
    from tflint.analysis.facts import AssignFact, CallFact, FileFacts, FunctionFact, Scope


class _Unknown:
    """The value of an expression tflint cannot work out statically."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __bool__(self) -> bool:
        return False


UNKNOWN: Any = _Unknown()


@dataclass(frozen=True)
class Several:
    """A value that differs between paths (``if``/``else`` arms, call sites)."""

    options: tuple


_MAX_DEPTH = 30
_MAX_OPTIONS = 8
#: Folded values bigger than this (characters, bits, container elements) are
#: UNKNOWN: ``x = x + x`` forty times must not build a terabyte.
_MAX_CONST_SIZE = 10_000
#: Decorators that leave a function's arguments to its callers in this file.
_TRANSPARENT_DECORATORS = frozenset({"staticmethod", "classmethod", "tf.function", "tensorflow.function", "function"})
_NOT_VALUES = (cst.WithItem, cst.FunctionDef, cst.ClassDef, cst.Import, cst.ImportFrom)


def string_value(node: cst.SimpleString | cst.ConcatenatedString) -> str | bytes | None:
    """The value of a string literal.

    A plain literal without escapes is read directly: libcst's
    ``evaluated_value`` runs ``ast.literal_eval``, whose helper closures are
    reference cycles left for the cyclic GC on every call.
    """
    if type(node) is cst.SimpleString:
        raw = node.value
        if raw[0] in "'\"" and "\\" not in raw and "\r" not in raw:
            quote = 3 if raw[:3] in ('"""', "'''") else 1
            return raw[quote:-quote]
    value = node.evaluated_value
    return value if isinstance(value, (str, bytes)) else None


def dotted_name(node: cst.CSTNode | None) -> str | None:
    """``a.b.c`` for Name/Attribute chains (``self.x`` included), else None."""
    parts: list[str] = []
    while type(node) is cst.Attribute:  # exact classes: libcst has no subclasses of these
        parts.append(node.attr.value)
        node = node.value
    if type(node) is cst.Name:
        parts.append(node.value)
        return ".".join(reversed(parts))
    return None


def _too_big(value: Any) -> bool:
    if isinstance(value, (str, bytes)):
        return len(value) > _MAX_CONST_SIZE
    if isinstance(value, int):
        return value.bit_length() > _MAX_CONST_SIZE
    if not isinstance(value, (list, tuple, dict)):
        return False
    budget = _MAX_CONST_SIZE
    stack = [value]
    while stack:  # containers share their parts: count every reference, bounded
        current = stack.pop()
        budget -= len(current) + 1
        if budget < 0:
            return True
        items = current.values() if isinstance(current, dict) else current
        stack.extend(v for v in items if isinstance(v, (list, tuple, dict)))
    return False


def combine(values: list) -> Any:
    """One value when every path agrees, ``Several`` when they differ, UNKNOWN when any is unknown."""
    options: list = []
    for value in values:
        if value is UNKNOWN:
            return UNKNOWN
        for option in value.options if isinstance(value, Several) else (value,):
            if not any(_same(option, seen) for seen in options):
                options.append(option)
    if not options or len(options) > _MAX_OPTIONS:
        return UNKNOWN
    return options[0] if len(options) == 1 else Several(tuple(options))


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


@dataclass(frozen=True)
class Site:
    """An expression and where it is evaluated: its scope, statement order and bound parameters."""

    node: cst.CSTNode
    scope: "Scope"
    before: int
    env: "Env | None" = None
    via: "AssignFact | None" = None  # the assignment that bound it, when it came through one


@dataclass(frozen=True)
class Env:
    """The parameters of one function bound by one call: name -> Site of the argument (None: unknown)."""

    function: "FunctionFact"
    bound: tuple[tuple[str, Site | None], ...]

    def get(self, name: str) -> Site | None | bool:
        for key, site in self.bound:
            if key == name:
                return site
        return False


_WORD = re.compile(r"\w+")


class ValueModel:
    """The value query of one file (``facts.values``)."""

    def __init__(self, facts: "FileFacts"):
        self.facts = facts
        self._assign_memo: dict[int, tuple[Any, int]] = {}
        self._param_memo: dict[tuple[int, str], Any] = {}
        self._call_sites: dict[int, list[tuple["CallFact", dict[str, Site | None]]] | None] = {}
        self._written_dicts: set[str] | None = None
        self._word_counts: Counter[str] | None = None  # every identifier-like word of the text, counted once
        self._plain_calls: dict[str, list["CallFact"]] | None = None  # unresolved calls by their callee text

    # -- public queries ------------------------------------------------------
    def const(self, node: cst.CSTNode | None, scope: "Scope", before: int) -> Any:
        value = self.evaluate(Site(node, scope, before), 0) if node is not None else UNKNOWN
        return UNKNOWN if isinstance(value, Several) else value

    def possible(self, node: cst.CSTNode | None, scope: "Scope", before: int) -> tuple:
        """Every value the expression can have, or () when any path is unknown."""
        value = self.evaluate(Site(node, scope, before), 0) if node is not None else UNKNOWN
        if value is UNKNOWN:
            return ()
        return value.options if isinstance(value, Several) else (value,)

    def sites(self, node: cst.CSTNode | None, scope: "Scope", before: int) -> list[Site] | None:
        """The expressions a name or attribute can hold here (followed to their last assignments).

        None when some path is unknown; a non-name expression is its own site.
        """
        if node is None:
            return None
        return self._follow(Site(node, scope, before), 0)

    def origin(self, node: cst.CSTNode | None, scope: "Scope", before: int) -> cst.CSTNode | None:
        """The one expression a name holds, or the node itself when it has several or none."""
        found = self.sites(node, scope, before) if node is not None else None
        if found and len(found) == 1:
            return found[0].node
        return node

    # -- following names to expressions -------------------------------------
    def _follow(self, site: Site, depth: int) -> list[Site] | None:
        node = site.node

        name = dotted_name(node)
        if name is None or depth > _MAX_DEPTH:
            return [site]
        found = self._name_sites(name, site, depth)
        if found is None:
            return None
        if not found:
            return [site]
        out: list[Site] = []
        for inner in found:
            followed = self._follow(inner, depth + 1)
            if followed is None:
                return None
            out.extend(followed)
            if len(out) > _MAX_OPTIONS:
                return None
        return out

    def _name_sites(self, name: str, site: Site, depth: int) -> list[Site] | None:
        """Sites ``name`` is bound to at ``site``: [] when it has no binding here, None when unknown."""
        if site.env is not None and "." not in name:
            bound = site.env.get(name)
            if bound is not False:
                return [bound] if bound is not None else None
        reaching = self.reaching(name, site.scope, site.before)
        if reaching is None:
            return None
        if isinstance(reaching, list):
            if not reaching:
                return self._attribute_sites(name, site, depth)
            if len(reaching) == 1 and type(reaching[0].node) is cst.ClassDef:
                return []  # the class itself: its name is where following stops
            out = []
            for a in reaching:
                value = _assigned_value(a, name)
                if value is None:
                    return None
                out.append(Site(value, a.scope, a.order, via=a))
            return out
        return self._param_sites(reaching, name)  # a parameter of this function

    def _attribute_sites(self, name: str, site: Site, depth: int) -> list[Site] | None:
        """``self.x`` from the class's methods; ``obj.x`` from the class ``obj`` was built from."""
        head, dot, attr = name.rpartition(".")
        if not dot:
            return []
        facts = self.facts
        if head == "self" and site.scope.class_name:
            cls = facts.classes.get(site.scope.class_name)
            if cls is None:
                return []
            return self._member_sites(cls, attr, None)
        if "." in attr:
            return []
        head_node = _name_node(head)
        owners = self._follow(Site(head_node, site.scope, site.before, site.env), depth + 1) if head_node is not None else None
        if not owners:
            return []
        out: list[Site] = []
        for owner in owners:
            cls, call = self._class_of(owner)
            if cls is None:
                return [] if len(owners) == 1 else None
            found = self._member_sites(cls, attr, call)
            if found is None or not found:
                return found if len(owners) == 1 else None
            out.extend(found)
        return out

    def _class_of(self, owner: Site):
        """(ClassFact, CallFact | None) when ``owner`` is a class of this file or an instance built from one."""
        facts = self.facts
        node = owner.node
        if type(node) is cst.Name and node.value in facts.classes:
            return facts.classes[node.value], None
        if type(node) is cst.Call:
            call = facts.call_of(node)
            if call is not None and call.callee is None and call.func_text in facts.classes:
                return facts.classes[call.func_text], call
        return None, None

    def _member_sites(self, cls, attr: str, call: "CallFact | None") -> list[Site] | None:
        """``attr`` of an instance of ``cls`` (built by ``call`` when known): instance, field or class attribute."""
        facts = self.facts
        init = facts.functions.get(f"{cls.name}.__init__")
        env = self._env_of(init, call) if (init is not None and call is not None) else None
        writes = [
            a for a in facts.assignments_by_name.get(f"self.{attr}", ())
            if a.scope.class_name == cls.name and a.scope.kind == "function"
        ]
        if writes:
            if len(writes) != 1:
                return None  # changed in several places: depends on the order of the calls
            [write] = writes
            value = _assigned_value(write, f"self.{attr}")
            if value is None:
                return None
            in_init = init is not None and write.scope is init.scope
            return [Site(value, write.scope, write.order, env if in_init else None, write)]
        fields = _class_fields(facts, cls)
        if attr in fields:
            default_site = fields[attr]
            if call is not None and init is None and _is_dataclass(facts, cls):
                bound = self._bind_fields(cls, fields, call)
                if attr in bound:
                    return [bound[attr]] if bound[attr] is not None else None
            return [default_site] if default_site is not None else None
        return []

    def _bind_fields(self, cls, fields: dict, call: "CallFact") -> dict[str, Site | None]:
        """A dataclass constructor call: fields in order, keyword or positional."""
        names = list(fields)
        out: dict[str, Site | None] = {}
        if call.has_star_args:
            return {n: None for n in names}
        for i, arg in enumerate(call.positional):
            if i < len(names):
                out[names[i]] = Site(arg.value, call.scope, call.order)
        for key, arg in call.keywords.items():
            out[key] = Site(arg.value, call.scope, call.order)
        return out

    # -- parameters ----------------------------------------------------------
    def _param_sites(self, fn: "FunctionFact", name: str) -> list[Site] | None:
        sites = self.call_sites(fn)
        default = _default_site(self.facts, fn, name)
        if sites is None:
            return None
        if not sites:
            return [default] if default is not None else None
        out: list[Site] = []
        for _, bound in sites:
            if name in bound:
                if bound[name] is None:
                    return None
                out.append(bound[name])
            elif default is not None:
                out.append(default)
            else:
                return None
            if len(out) > _MAX_OPTIONS:
                return None
        return out

    def call_sites(self, fn: "FunctionFact") -> list[tuple["CallFact", dict[str, Site | None]]] | None:
        """Every call of ``fn`` in this file with its bound arguments; None when it may be called elsewhere."""
        key = id(fn)
        if key in self._call_sites:
            return self._call_sites[key]
        self._call_sites[key] = None  # recursion: unknown
        found = self._find_call_sites(fn)
        self._call_sites[key] = found
        return found

    def _find_call_sites(self, fn: "FunctionFact"):
        facts = self.facts
        node = fn.node
        for decorator in node.decorators:

            text = dotted_name(decorator.decorator)
            if text not in _TRANSPARENT_DECORATORS and facts.resolve_text(text or "") not in _TRANSPARENT_DECORATORS:
                return None  # a framework calls it (hydra, click, pytest fixtures, properties...)
        parent = fn.scope.parent
        short = fn.qualname.rsplit(".", 1)[-1]
        calls: list[CallFact] = []
        method_of = parent.name if parent is not None and parent.kind == "class" else None
        if method_of is not None:
            cls = facts.classes.get(method_of)
            if cls is None:
                return None
            if short == "__init__":
                calls = list(self._calls_spelled(method_of))
                if self._word_count(method_of) != len(calls) + 1:
                    return None  # subclassed, passed as a factory, or built elsewhere
            else:
                if any(not base.startswith("__local__") and base not in facts.classes and base != "object" for base in cls.bases):
                    return None  # a library base class may call the override (call, build, train_step...)
                calls = [
                    c for c in facts.calls_by_method.get(short, ())
                    if c.callee is None and c.func_text == f"self.{short}" and c.scope.class_name == method_of
                ]
                if self._word_count(short) != len(calls) + 1:
                    return None
        else:
            calls = [c for c in self._calls_spelled(short) if _sees(c.scope, parent)]
            partials = self._partial_calls(short, parent)
            if partials is None:
                return None
            if self._word_count(short) != len(calls) + len({id(p) for p, _ in partials}) + 1:
                return None  # passed as a value (a callback, a build_fn, map(fn, ...)) or defined twice
            if partials:
                return [(call, self._bind(fn, call, False)) for call in calls] + [
                    (call, self._bind(fn, call, False, preset=partial)) for partial, call in partials
                ]
        skip_self = method_of is not None and not any(
            (getattr(d.decorator, "value", None) == "staticmethod") for d in node.decorators
        )
        return [(call, self._bind(fn, call, skip_self)) for call in calls]

    def _partial_calls(self, short: str, parent) -> "list[tuple[CallFact, CallFact]] | None":
        """``p = functools.partial(fn, ...)`` then ``p(...)``: (partial, call) pairs; None when ``p`` escapes."""
        facts = self.facts
        out = []
        for partial in facts.calls_to("functools.partial"):
            if not partial.positional or dotted_name(partial.positional[0].value) != short or not _sees(partial.scope, parent):
                continue
            names = [a.names[0] for a in facts.assignments if a.value is partial.node and len(a.names) == 1]
            if len(names) != 1 or "." in names[0]:
                return None  # handed on without a name of its own
            calls = [c for c in self._calls_spelled(names[0]) if c.scope is partial.scope]
            if self._word_count(names[0]) != len(calls) + 1:
                return None  # the partial itself is passed as a value
            out.extend((partial, call) for call in calls)
        return out

    def _calls_spelled(self, text: str) -> list["CallFact"]:
        """The calls tflint did not resolve whose callee is spelled ``text``, in source order (indexed once)."""
        if self._plain_calls is None:
            index: dict[str, list[CallFact]] = {}
            for c in self.facts.calls:
                if c.callee is None:
                    index.setdefault(c.func_text, []).append(c)
            self._plain_calls = index
        return self._plain_calls.get(text, [])

    def _word_count(self, word: str) -> int:
        """How often ``word`` occurs as a whole word (a maximal run of word characters) in the text.

        One pass over the text for every word: a search per function was
        quadratic in the file's size (seconds at 2,000 lines).
        """
        if self._word_counts is None:
            self._word_counts = Counter(_WORD.findall(self.facts.text))
        return self._word_counts.get(word, 0)

    def _env_of(self, fn: "FunctionFact", call: "CallFact") -> Env:
        skip_self = fn.scope.parent is not None and fn.scope.parent.kind == "class"
        bound = self._bind(fn, call, skip_self)
        names = _param_names(fn)
        pairs = []
        for pname in names:
            if pname in bound:
                pairs.append((pname, bound[pname]))
            else:
                pairs.append((pname, _default_site(self.facts, fn, pname)))
        return Env(fn, tuple(pairs))

    def _bind(self, fn: "FunctionFact", call: "CallFact", skip_self: bool, preset: "CallFact | None" = None) -> dict[str, Site | None]:
        """Parameters bound by ``call``; ``preset`` is a ``functools.partial(fn, ...)`` whose arguments come first."""
        params = fn.node.params
        ordered = [p.name.value for p in (*params.posonly_params, *params.params)]
        if skip_self and ordered:
            ordered = ordered[1:]
        out: dict[str, Site | None] = {}
        given = [preset, call] if preset is not None else [call]
        if any(a.star == "*" for c in given for a in c.node.args):
            for pname in _param_names(fn):
                out[pname] = None
            return out
        positional = [Site(a.value, c.scope, c.order) for c in given for a in (c.positional[1:] if c is preset else c.positional)]
        for pname, site in zip(ordered, positional):
            out[pname] = site
        for c in given:  # the call's keywords override the partial's
            for key, arg in c.keywords.items():
                out[key] = Site(arg.value, c.scope, c.order)
        if any(c.has_star_args for c in given):  # an unresolved **kwargs may bind anything not given explicitly
            for pname in _param_names(fn):
                out.setdefault(pname, None)
        return out

    # -- the binding policy ----------------------------------------------------
    def reaching(self, name: str, scope: "Scope", before: int):
        """The assignments a read of ``name`` in ``scope`` at statement ``before`` can see.

        A list (empty: no binding in any enclosing scope), the FunctionFact
        whose parameter ``name`` is, or None when a binding cannot be used
        (``del``, ``global`` tricks are not modelled: the innermost scope that
        assigns the name wins, as in Python).
        """
        facts = self.facts
        candidates = facts.assignments_by_name.get(name, ())
        head = name.partition(".")[0]
        for sc in scope.chain():
            if sc.kind == "class" and sc is not scope:
                continue  # class bodies are not enclosing scopes for functions
            in_scope = [a for a in candidates if a.scope is sc]
            if sc is scope:
                in_scope = [a for a in in_scope if a.order < before]
                if in_scope:
                    return self._alternatives(in_scope, facts.statement_branch(before))
            elif in_scope:
                return self._alternatives(in_scope, None)
            if sc.kind == "function":
                fn = facts.functions.get(sc.name)
                if fn is not None and head in _param_names(fn):
                    return fn if head == name else []
        return []

    def _alternatives(self, ordered: list["AssignFact"], use_branch: tuple | None) -> list["AssignFact"]:
        """The last assignment, and the earlier ones that may still reach the use past ``if`` arms."""
        out: list[AssignFact] = []
        remaining = ordered
        while remaining:
            last = remaining[-1]
            out.append(last)
            if use_branch is not None and _dominates(last.branch, use_branch):
                break
            diverging = _first_diverging(last.branch, use_branch or ())
            if diverging is None:
                break
            if_order = diverging[0]
            inside = [a for a in remaining[:-1] if any(b[0] == if_order for b in a.branch)]
            out.extend(inside)
            remaining = [a for a in remaining if a.order < if_order]
            use_branch = ()
            if len(out) > _MAX_OPTIONS:
                break
        out.reverse()
        return out

    # -- folding -------------------------------------------------------------
    def evaluate(self, site: Site, depth: int) -> Any:
        node = site.node
        if node is None or depth > _MAX_DEPTH:
            return UNKNOWN

        cls = type(node)  # exact type tests: a failed isinstance() on libcst's ABC node classes is slow
        if cls is cst.Integer:
            try:
                return int(node.value.replace("_", ""), 0) if node.value.strip("0") else 0
            except ValueError:  # more digits than int() accepts
                return UNKNOWN
        if cls is cst.Float:
            return float(node.value.replace("_", ""))
        if cls is cst.SimpleString or cls is cst.ConcatenatedString:
            value = string_value(node)
            return UNKNOWN if value is None else value
        if cls is cst.Name:
            if node.value in ("True", "False", "None"):
                return {"True": True, "False": False, "None": None}[node.value]
            return self._name(node.value, site, depth)
        if cls is cst.Attribute:
            name = dotted_name(node)
            return self._name(name, site, depth) if name else UNKNOWN
        if cls is cst.UnaryOperation:
            return _unary(node.operator, self.evaluate(Site(node.expression, site.scope, site.before, site.env), depth + 1))
        if cls is cst.BinaryOperation:
            left = self.evaluate(Site(node.left, site.scope, site.before, site.env), depth + 1)
            right = self.evaluate(Site(node.right, site.scope, site.before, site.env), depth + 1)
            return _binary(node.operator, left, right)
        if cls is cst.IfExp:
            return combine([
                self.evaluate(Site(node.body, site.scope, site.before, site.env), depth + 1),
                self.evaluate(Site(node.orelse, site.scope, site.before, site.env), depth + 1),
            ])
        if cls is cst.Tuple or cls is cst.List:
            values = [self.evaluate(Site(el.value, site.scope, site.before, site.env), depth + 1) for el in node.elements if type(el) is cst.Element]
            if len(values) != len(node.elements) or any(v is UNKNOWN or isinstance(v, Several) for v in values):
                return UNKNOWN
            folded = tuple(values) if cls is cst.Tuple else values
            return UNKNOWN if _too_big(folded) else folded
        if cls is cst.Dict:
            out = {}
            for el in node.elements:
                if type(el) is not cst.DictElement:
                    return UNKNOWN
                key = self.evaluate(Site(el.key, site.scope, site.before, site.env), depth + 1)
                if key is UNKNOWN or isinstance(key, Several) or not isinstance(key, (str, int, float, bool)):
                    return UNKNOWN
                value = self.evaluate(Site(el.value, site.scope, site.before, site.env), depth + 1)
                out[key] = UNKNOWN if isinstance(value, Several) else value
            return UNKNOWN if _too_big(out) else out
        if cls is cst.Subscript and len(node.slice) == 1:
            index = node.slice[0].slice
            if type(index) is not cst.Index:
                return UNKNOWN
            container = self.evaluate(Site(node.value, site.scope, site.before, site.env), depth + 1)
            key = self.evaluate(Site(index.value, site.scope, site.before, site.env), depth + 1)
            return _lookup(container, key)
        if cls is cst.Call:
            return self._call(node, site, depth)
        return UNKNOWN

    def _call(self, node: cst.Call, site: Site, depth: int) -> Any:
        """``cfg.get("lr", 1e-3)`` and ``dict(lr=...)``: the calls that build or read config dicts."""
        func = node.func
        if type(func) is cst.Attribute and func.attr.value == "get" and 1 <= len(node.args) <= 2 and not any(a.keyword or a.star for a in node.args):
            container = self.evaluate(Site(func.value, site.scope, site.before, site.env), depth + 1)
            if not isinstance(container, dict):
                return UNKNOWN
            key = self.evaluate(Site(node.args[0].value, site.scope, site.before, site.env), depth + 1)
            if key is UNKNOWN or isinstance(key, Several):
                return UNKNOWN
            if key in container:
                return container[key]
            if len(node.args) == 2:
                return self.evaluate(Site(node.args[1].value, site.scope, site.before, site.env), depth + 1)
            return None
        if type(func) is cst.Name and func.value == "dict" and "dict" not in self.facts.assignments_by_name:
            out = {}
            for arg in node.args:
                if arg.star or arg.keyword is None:
                    return UNKNOWN
                value = self.evaluate(Site(arg.value, site.scope, site.before, site.env), depth + 1)
                out[arg.keyword.value] = UNKNOWN if isinstance(value, Several) else value
            return out
        return UNKNOWN

    def _name(self, name: str, site: Site, depth: int) -> Any:
        if site.env is not None and "." not in name:
            bound = site.env.get(name)
            if bound is not False:
                return self.evaluate(bound, depth + 1) if bound is not None else UNKNOWN
        reaching = self.reaching(name, site.scope, site.before)
        if reaching is None:
            return UNKNOWN
        if isinstance(reaching, list) and reaching:
            value = combine([self._assignment_value(a, name, depth) for a in reaching])
            return self._unless_written(name, value)
        if not isinstance(reaching, list):
            key = (id(reaching), name)
            if key in self._param_memo:
                return self._param_memo[key]
            self._param_memo[key] = UNKNOWN  # a recursive call reads as unknown
            found = self._param_sites(reaching, name)
            value = UNKNOWN if found is None else combine([self.evaluate(s, depth + 1) for s in found])
            self._param_memo[key] = value
            return value
        found = self._attribute_sites(name, site, depth)
        if found:
            return self._unless_written(name, combine([self.evaluate(s, depth + 1) for s in found]))
        if found is None:
            return UNKNOWN
        return self._argparse_default(name)

    def _assignment_value(self, a: "AssignFact", name: str, depth: int) -> Any:
        memo = self._assign_memo
        key = id(a) if len(a.names) == 1 else hash((id(a), name))
        known = memo.get(key)
        # a value is final; UNKNOWN only as final as the depth budget it had
        if known is not None and (known[0] is not UNKNOWN or known[1] <= depth):
            return known[0]
        memo[key] = (UNKNOWN, -1)  # a cycle reads as unknown
        if type(a.node) is cst.For:
            value = self._loop_values(a, name, depth)
        else:
            expr = _assigned_value(a, name)
            value = UNKNOWN if expr is None else self.evaluate(Site(expr, a.scope, a.order), depth + 1)
        memo[key] = (value, depth)
        return value

    def _loop_values(self, a: "AssignFact", name: str, depth: int) -> Any:
        """``for lr in [1e-3, 1e-2]:``: the loop variable is each element in turn."""
        if len(a.targets) != 1 or type(a.targets[0]) is not cst.Name:
            return UNKNOWN
        items = self.evaluate(Site(a.value, a.scope, a.order), depth + 1)
        if not isinstance(items, (list, tuple)) or not items:
            return UNKNOWN
        return combine(list(items))

    def _unless_written(self, name: str, value: Any) -> Any:
        """A dict or list written to anywhere (``CFG["lr"] = ...``, ``.update()``) has no fixed value."""
        if not isinstance(value, (dict, list)):
            return value
        return UNKNOWN if self.is_written(name) else value

    def is_written(self, name: str) -> bool:
        """Is the container ``name`` changed in place anywhere in the file?"""
        if self._written_dicts is None:
            written = {n[:-2] for n in self.facts.assignments_by_name if n.endswith("[]")}

            for method in ("update", "setdefault", "pop", "append", "extend", "insert", "clear", "popitem", "remove"):
                for call in self.facts.calls_by_method.get(method, ()):
                    receiver = dotted_name(call.receiver)
                    if receiver:
                        written.add(receiver)
            self._written_dicts = written
        return name in self._written_dicts

    def _argparse_default(self, name: str) -> Any:
        """``args.lr`` where ``parser.add_argument('--lr', default=0.1)``."""
        head, _, attr = name.rpartition(".")
        if not head or "." in head:
            return UNKNOWN
        facts = self.facts
        for call in facts.calls_by_method.get("add_argument", ()):
            flags = [facts.const(a.value) for a in call.positional]
            dest = call.keywords.get("dest")
            dest_name = facts.const(dest.value) if dest else None
            names = {str(f).lstrip("-").replace("-", "_") for f in flags if isinstance(f, str)}
            if attr == dest_name or (dest_name is None and attr in names):
                default = call.keywords.get("default")
                return facts.const(default.value, call.scope, call.order) if default else UNKNOWN
        return UNKNOWN


# --------------------------------------------------------------------------
# helpers


def _name_node(text: str) -> cst.BaseExpression | None:
    parts = text.split(".")
    if not all(p.isidentifier() for p in parts):
        return None
    node: cst.BaseExpression = cst.Name(parts[0])
    for part in parts[1:]:
        node = cst.Attribute(node, cst.Name(part))
    return node


def _param_names(fn: "FunctionFact") -> tuple[str, ...]:
    params = fn.node.params
    names = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            names.append(star.name.value)
    return tuple(names)


def _default_site(facts: "FileFacts", fn: "FunctionFact", name: str) -> Site | None:
    params = fn.node.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name and param.default is not None:
            outer = fn.scope.parent or facts.module_scope
            return Site(param.default, outer, facts.order_of(fn.node))
    return None


def _sees(scope: "Scope", parent: "Scope | None") -> bool:
    """Can code in ``scope`` call a function defined in ``parent``?"""
    if parent is None or parent.kind == "module":
        return True
    return any(sc is parent for sc in scope.chain())


def _class_fields(facts: "FileFacts", cls) -> dict[str, Site | None]:
    """Names assigned in a class body, in order (dataclass fields, class attributes)."""
    out: dict[str, Site | None] = {}
    for stmt_line in cls.node.body.body:
        if type(stmt_line) is not cst.SimpleStatementLine:
            continue
        for small in stmt_line.body:
            if type(small) is cst.AnnAssign and type(small.target) is cst.Name:
                value = small.value
                if value is not None and type(value) is cst.Call and (
                    (getattr(value.func, "attr", None) or getattr(value.func, "value", None)) == "field"
                ):
                    keyword = {a.keyword.value: a.value for a in value.args if a.keyword}
                    value = keyword.get("default")
                    factory = keyword.get("default_factory")
                    if value is None and type(factory) is cst.Lambda and not factory.params.params:
                        value = factory.body  # field(default_factory=lambda: ["accuracy"]): each instance gets this
                order = facts.order_of(small)
                out[small.target.value] = Site(value, cls.scope, order + 1) if value is not None else None
            elif type(small) is cst.Assign and len(small.targets) == 1 and type(small.targets[0].target) is cst.Name:
                out[small.targets[0].target.value] = Site(small.value, cls.scope, facts.order_of(small) + 1)
    return out


def _is_dataclass(facts: "FileFacts", cls) -> bool:

    for decorator in cls.node.decorators:
        target = decorator.decorator
        if type(target) is cst.Call:
            target = target.func
        text = dotted_name(target) or ""
        if text.rsplit(".", 1)[-1] == "dataclass":
            return True
    return False


def _assigned_value(a: "AssignFact", name: str) -> cst.CSTNode | None:
    """The expression ``name`` gets from assignment ``a``: plain targets and literal tuple unpacking."""
    if a.value is None or a.augmented or isinstance(a.node, _NOT_VALUES) or type(a.node) is cst.For:
        return None
    if len(a.targets) != 1:
        return None
    target = a.targets[0]
    if len(a.names) == 1 and type(target) in (cst.Name, cst.Attribute):
        return a.value
    value = a.value
    if type(target) in (cst.Tuple, cst.List) and type(value) in (cst.Tuple, cst.List):
        if len(value.elements) != len(target.elements) or any(type(e) is cst.StarredElement for e in (*value.elements, *target.elements)):
            return None

        for t, v in zip(target.elements, value.elements):
            if dotted_name(t.value) == name:
                return v.value
    return None


def _dominates(branch: tuple, use_branch: tuple) -> bool:
    """An assignment on the path of every arm the use is in (its arms are a prefix of the use's)."""
    return len(branch) <= len(use_branch) and use_branch[: len(branch)] == branch


def _first_diverging(branch: tuple, use_branch: tuple):
    for i, arm in enumerate(branch):
        if i >= len(use_branch) or use_branch[i] != arm:
            return arm
    return None


def _lookup(container: Any, key: Any) -> Any:
    if key is UNKNOWN or isinstance(key, Several) or isinstance(container, Several):
        return UNKNOWN
    if isinstance(container, dict) and isinstance(key, (str, int, float, bool)) and key in container:
        return container[key]
    if isinstance(container, (list, tuple)) and isinstance(key, int) and not isinstance(key, bool) and -len(container) <= key < len(container):
        return container[key]
    return UNKNOWN


def _unary(op: cst.BaseUnaryOp, value: Any) -> Any:
    if isinstance(value, Several):
        return combine([_unary(op, v) for v in value.options])
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if type(op) is cst.Minus:
            return -value
        if type(op) is cst.Plus:
            return value
    if type(op) is cst.Not and value is not UNKNOWN:
        return not value
    return UNKNOWN


def _binary(op: cst.BaseBinaryOp, left: Any, right: Any) -> Any:
    if isinstance(left, Several) or isinstance(right, Several):
        lefts = left.options if isinstance(left, Several) else (left,)
        rights = right.options if isinstance(right, Several) else (right,)
        return combine([_binary(op, a, b) for a in lefts for b in rights])
    numbers = (int, float)
    cls = type(op)
    if isinstance(left, numbers) and isinstance(right, numbers):
        try:
            if cls is cst.Add:
                return left + right
            if cls is cst.Subtract:
                return left - right
            if cls is cst.Multiply:
                product = left * right
                return UNKNOWN if _too_big(product) else product
            if cls is cst.Divide:
                return left / right
            if cls is cst.FloorDivide:
                return left // right
            if cls is cst.Modulo:
                return left % right
            if cls is cst.Power:
                if abs(right) > 1000 or abs(left) > 1e6:
                    return UNKNOWN
                power = left**right
                return UNKNOWN if _too_big(power) else power
        except (ZeroDivisionError, OverflowError, ValueError, TypeError):
            return UNKNOWN
    if cls is cst.Add and isinstance(left, str) and isinstance(right, str):
        return left + right if len(left) + len(right) <= _MAX_CONST_SIZE else UNKNOWN
    return UNKNOWN
