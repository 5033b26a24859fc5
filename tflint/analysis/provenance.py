"""Where the rows go: a provenance analysis for the data-leakage checks.

The statements of a script or notebook are interpreted once, in order, over a
small abstract domain: a data value is the set of *row atoms* it holds, an
atom being a data set (a read, an unknown name, an opaque call) plus the
split sides taken on the way (``(split, train|held-out)``, outermost first).
``X_test`` from ``train_test_split(X)`` holds ``(X, [(S, held)])``; fitting a
scaler on ``X`` (atom ``(X, [])``) therefore touches rows of ``X_test``.
Transformers, samplers and models are objects with identity, so
``scaler.fit(X_train)`` followed by ``scaler.transform(X_test)`` is one
scaler seen twice. Local helper functions are interpreted at each call site
(a summary specialised to the arguments); functions never called are
interpreted once with unknown arguments.

Everything the analysis cannot follow becomes ``None`` (unknown) or a fresh
data set of its own, which never matches a split: silence, not a guess.
The result (splits, fits, uses) is cached on the facts object, like
``keras_facts()``. In the editor, functions analysed as units of their own
that found nothing are not run again on the next version while nothing they
read from outside their body changed (``DataFlow._run_units``).

Splits: ``train_test_split`` (any arity), splitter ``.split()`` indices
(``KFold``, ``StratifiedKFold``, ``TimeSeriesSplit``, ``*ShuffleSplit``, also
through ``enumerate``/``next``, and old ``cross_validation`` splitters
iterated directly), ``keras.utils.split_dataset``,
``keras.datasets.*.load_data()``, ``np.split(a, [i, j])``, slices
``X[:n]``/``X[n:]`` and ``ds.take(n)``/``ds.skip(n)`` (a split once both
sides exist and the held-out side is named; the sides stay named through
``batch``/``map``/``prefetch``), a row mask and its complement
(``df[msk]``/``df[~msk]``, ``df[df.d < c]``/``df[df.d >= c]``, a split once a
side is named train or test), ``df.sample(frac)`` + ``df.drop(train.index)``,
and the internal folds of ``cross_val_score`` & co. and ``GridSearchCV.fit``.
A mask used without its complement makes a subset, not a split.

Routes: list-building loops and comprehensions hold the rows of their
elements (a fit on one element at a time learns nothing across rows);
lambdas and local functions given to ``apply``/``map``/``transform`` run on
the rows they are given; a loop over a literal list of frames
(``for ds in [train, test]``) runs once per frame and writes back into each;
``inplace=True`` methods write into their frame; an object of a class
defined here (no library base class) keeps its ``self.x`` state, and its
methods run at their call sites with ``self`` bound to it (a ``Preprocessor``
with ``fit``/``transform``); methods never called that way are analysed as
units of their own. A split made inside a helper or method names its sides
in the helper's words: on data already inside a training split it is a
nested validation split. A name the file never binds,
spelled like one known API, is that API (excerpts without imports).

Not followed, on purpose (unknown, hence silent): ``self.x`` state of
library subclasses (``keras.Model``: the library calls their methods), other loops run more than once (their body is interpreted once, in
order), branches (both arms run in sequence), ``**kwargs``/``*args``
forwarding, data read from separate files (``train.csv``/``test.csv`` are
unrelated rows), and ``tfds.load(split=[...])``.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from typing import Any

import libcst as cst

from tflint.analysis.facts import (
    CONVENTIONAL_ALIASES, EVERYTHING_BOUND, CallFact, ClassFact, FileFacts, FunctionFact, Scope, dotted_name,
    names_bound_in, names_in, string_value,
)
from tflint.knowledge import keras as K
from tflint.knowledge import leakage as L
from tflint.knowledge import sklearn as SK
from tflint.analysis.names import canonical

TRAIN, HELD, FILTER = 0, 1, 2
_FILTER_IDS = 1 << 30  # path elements (id, FILTER) for row filters never name a split
Path = tuple[tuple[int, int], ...]
Atom = tuple[int, Path]

#: Builtins that never carry rows (their arguments are still evaluated for effects).
_NO_ROWS_BUILTINS = frozenset(
    {
        "len", "print", "range", "int", "float", "str", "bool", "round", "min", "max", "sum", "abs", "isinstance",
        "type", "repr", "format", "open", "hasattr", "getattr", "setattr", "id", "hash", "input", "display",
    }
)
_ROW_PASS_BUILTINS = frozenset({"list", "tuple", "sorted", "reversed", "iter", "set"})
_NOT_ROWS_ATTRS = frozenset({"shape", "columns", "dtypes", "dtype", "size", "ndim", "name", "names", "nbytes"})
_MAX_INLINE_DEPTH = 4
#: A list of row values with more atoms than this is left a list (nested splits of splits would double them).
_MAX_LIST_ATOMS = 64


# --------------------------------------------------------------------------
# abstract values


@dataclass(frozen=True, eq=False)
class Data:
    """Rows: the atoms they come from, and what happened to them on the way."""

    atoms: frozenset
    resampled: frozenset = frozenset()  # Fit events (samplers) that made these rows
    transformed: frozenset = frozenset()  # ids of objects whose transform produced these values
    ts: cst.CSTNode | None = None  # evidence that the rows are ordered in time
    dated: bool = False  # has a date column / index
    fresh: tuple | None = None  # (Split, side) when this is a split output, as produced
    one: bool = False  # one element of these rows (a loop or comprehension target), not all of them
    reshuffled: cst.CSTNode | None = None  # a tf.data shuffle that draws a new order every epoch
    augmented: frozenset = frozenset()  # augmentation events whose (one) copy of the rows these are

    def plain(self) -> "Data":
        if self.fresh is None:
            return self
        return Data(self.atoms, self.resampled, self.transformed, self.ts, self.dated, one=self.one,
                    reshuffled=self.reshuffled, augmented=self.augmented)

    def with_(self, **changes) -> "Data":
        values = dict(
            atoms=self.atoms, resampled=self.resampled, transformed=self.transformed, ts=self.ts, dated=self.dated,
            one=self.one, reshuffled=self.reshuffled, augmented=self.augmented,
        )
        values.update(changes)
        return Data(**values)


@dataclass(eq=False)
class Obj:
    """A transformer, sampler, model, pipeline or splitter instance."""

    id: int
    category: str  # transformer encoder label stateless adapt tokenizer sampler model search tuner pipeline splitter
    callee: str | None
    call: CallFact | None
    steps: list["Obj"] = field(default_factory=list)
    shuffled: bool | None = None
    loop: "Loop | None" = None  # the non-CV loop it was built in, when built from the loop variable

    @property
    def short(self) -> str:
        return (self.callee or "object").rsplit(".", 1)[-1]

    @property
    def has_estimator(self) -> bool:
        if self.category in ("model", "search", "tuner"):
            return True
        return self.category == "pipeline" and bool(self.steps) and self.steps[-1].has_estimator

    @property
    def has_transformer(self) -> bool:
        if self.category in ("transformer", "adapt", "tokenizer", "sampler"):
            return True
        return self.category == "pipeline" and any(s.has_transformer for s in self.steps)

    def all_steps(self, depth: int = 0) -> list["Obj"]:
        out = [self]
        if depth < 6:
            for s in self.steps:
                out.extend(s.all_steps(depth + 1))
        return out


@dataclass(frozen=True, eq=False)
class Seq:
    items: tuple


@dataclass(frozen=True, eq=False)
class Zipped(Seq):
    """``zip(a, b)``: its elements are one element of each."""


@dataclass(frozen=True, eq=False)
class DictVal:
    items: dict


@dataclass(frozen=True, eq=False)
class SplitIter:
    split: "Split"


@dataclass(frozen=True, eq=False)
class Enumerated:
    inner: Any


@dataclass(frozen=True, eq=False)
class Indices:
    split: "Split"
    side: int


@dataclass(frozen=True, eq=False)
class Stat:
    """A statistic of some rows (``X.mean()``): combined with data it acts as a fitted scaler."""

    data: Data
    call: CallFact
    data_node: cst.BaseExpression | None = None  # the expression the statistic is computed on
    name: str = "mean()"
    learned: bool = False  # a fitted model's attribute (``coef_``, ``feature_importances_``)


@dataclass(frozen=True, eq=False)
class ModuleRef:
    """An imported module or API object held in a variable (``mnist = tf.keras.datasets.mnist``)."""

    name: str  # canonical


@dataclass(frozen=True, eq=False)
class FuncRef:
    fn: FunctionFact


@dataclass(eq=False)
class Split:
    id: int
    kind: str  # "train_test_split", "KFold.split", "slice", "take/skip", "split_dataset", "cross_val_score", ...
    node: cst.CSTNode
    step: int
    internal: bool = False  # cross-validation inside a call: held-out folds never reach the script
    shuffled: bool | None = False
    inputs: set = field(default_factory=set)  # atoms before the split
    input_values: list = field(default_factory=list)  # Data values split (flags: ts, resampled, transformed)
    side_names: dict = field(default_factory=lambda: {TRAIN: [], HELD: []})  # names each side was bound to
    head_seen: bool = True  # slices and take/skip need both sides before they count as a split
    tail_seen: bool = True
    heldout_step: int | None = None
    reshuffled: cst.CSTNode | None = None  # take()/skip() of a dataset reshuffled every epoch: the sides move
    unit: int = 0  # 0: the module (and the helpers it calls); n: the n-th function analysed on its own
    in_helper: bool = False  # made inside a helper or method run at its call site: its names are the helper's

    @property
    def held_side(self) -> int:
        """Which side is held out: by position (``X[n:]``, the sample's rest), unless the names say otherwise.

        ``X_valid, X_train = X[:5000], X[5000:]`` and ``val = df.sample(frac=0.2); train = df.drop(val.index)``
        hold out the head and the sample: the names decide when they all agree.
        """
        head = [_side_word(n) for n in self.side_names[TRAIN]]
        tail = [_side_word(n) for n in self.side_names[HELD]]
        if head and tail and all(w == HELD for w in head) and all(w == TRAIN for w in tail):
            return TRAIN
        if not tail and head and all(w == HELD for w in head) or not head and tail and all(w == TRAIN for w in tail):
            return TRAIN
        return HELD

    @property
    def heldout_names(self) -> list:
        return self.side_names[self.held_side]

    @property
    def valid(self) -> bool:
        # a slice split counts once its held-out side is named (X_test = X[n:]); chunks fed
        # straight into partial_fit(X[:n]) / partial_fit(X[n:]) are not a split
        if not (self.head_seen and self.tail_seen and (bool(self.heldout_names) or self.kind not in _NAMED_KINDS)):
            return False
        if self.kind == "mask":
            # df[m] / df[~m] split only when a side is named as one (train/test): pos/neg subsets are not a split
            return any(_side_word(n) is not None for n in self.side_names[TRAIN] + self.side_names[HELD])
        return True

    def reaches(self, atom: Atom) -> bool:
        """Do the rows of ``atom`` include rows of this split's held-out side?"""
        base, path = atom
        n = len(path)
        return any(b == base and p[:n] == path for b, p in self.inputs)


@dataclass(eq=False)
class Loop:
    node: cst.For
    end: int
    targets: frozenset
    cv: bool  # iterates over cross-validation folds


@dataclass(eq=False)
class Event:
    """A fit (transformer, sampler or model) or a use (transform / predict / score) of an object."""

    kind: str  # "fit" or "use"
    role: str  # fit: transformer sampler model; use: apply eval
    call: CallFact
    obj: Obj
    data: Data | None
    data_node: cst.BaseExpression | None
    step: int
    via: CallFact | None  # the call of the helper this happened in (innermost), if any
    loop: Loop | None
    target: Any = None
    validation: Any = None  # Keras fit: the validation_data value
    validation_node: cst.BaseExpression | None = None
    has_validation: bool = False  # validation_data / validation_split given
    output: Data | None = None  # fit_resample / fit_transform result
    unit: int = 0

    @property
    def where(self) -> cst.CSTNode:
        return self.call.node


@dataclass(eq=False)
class Instance:
    """An object of a class defined in this file (a ``Preprocessor``, a ``Trainer``): its ``self.x`` state."""

    cls: ClassFact
    attrs: dict = field(default_factory=dict)


@dataclass(eq=False)
class _Frame:
    scope: Scope
    env: dict
    parent: "_Frame | None"
    via: CallFact | None = None
    loops: list = field(default_factory=list)
    returns: list = field(default_factory=list)

    def lookup(self, name: str) -> Any:
        frame: _Frame | None = self
        while frame is not None:
            if name in frame.env:
                return frame.env[name]
            frame = frame.parent
        return _MISSING


_MISSING = object()
_NAMED_KINDS = frozenset({"slice", "take/skip", "mask"})


# --------------------------------------------------------------------------
# the interpreter


class DataFlow:
    """Splits, fits and uses of one file, found by interpreting it in order."""

    def __init__(self, facts: FileFacts):
        self.facts = facts
        self.splits: list[Split] = []
        self.events: list[Event] = []
        self.cv_calls: list[CallFact] = []
        self._step = 0
        self._ids = 0
        self._bases: dict[Any, int] = {}
        self._slice_splits: dict[tuple, Split] = {}
        self._stmt_index = {id(s): i for i, s in enumerate(facts.statements)}
        self._by_scope: dict[int, list[int]] = {}
        for i, sc in enumerate(facts.statement_scopes):
            self._by_scope.setdefault(id(sc), []).append(i)
        self._inlined: set[str] = set()
        self._unit = 0
        self._active: list[str] = []
        self._site_keys: list[tuple] = []  # the arguments of each inlined helper call, innermost last
        self._archives: set[int] = set()  # bases of loaded archives (np.load): each key is its own data
        self._random: set[int] = set()  # bases drawn by a random generator (np.random.normal(...))
        self._permutations: set[int] = set()  # bases that are row positions in random order (rng.permutation(n))
        self._keras_fit_nodes: set[int] | None = None
        self._text_cache: dict[int, str] = {}
        self._current: cst.CSTNode = facts.module
        self._stat_seen: set = set()
        self._bound: frozenset | None = None
        self._masks: dict[tuple, cst.BaseExpression] = {}  # (unit, name) -> the row mask it holds
        self._test_reads: dict[int, str] = {}  # base -> the test-named path it was read from
        self._base_keys: list = []  # the keys of _bases in the order they were made
        self._reads: dict | None = None  # while a unit runs in the editor: what it read from outside its body
        self._unit_inlined: list[str] = []  # the helpers the running unit inlined
        self._unit_first_base = 0  # bases below this were made before the running unit
        self._unit_shares_data = False  # the running unit reached data made before it
        self.reused_units = 0  # function units not run again because nothing they read changed (tests, bench)
        self.module_frame = _Frame(facts.module_scope, {}, None)
        self._run_scope(facts.module_scope, self.module_frame)
        self._run_units(facts)

    def _run_units(self, facts: FileFacts) -> None:
        """Run every function no statement called, as a unit of its own with unknown arguments.

        In the editor (``facts.reuse``), a unit that added nothing to the results
        last time (no split, fit or use, no data shared with the rest) is not
        run again while everything it read from outside its body reads the same
        (names of the module, imports, functions and classes it looked up, how
        its calls resolve): see ``_UnitRecord``. On a long script most functions
        are such units, and an edit changes one of them.
        """
        memo_in = facts.reuse.get(_UNITS_KEY, {}) if facts.reuse is not None else None
        memo_out: dict[str, _UnitRecord] | None = {} if memo_in is not None else None
        if memo_out is not None:
            self.module_frame.env = _NotedEnv(self.module_frame.env, self)
        try:
            for fn in list(facts.functions.values()):
                parent = fn.scope.parent
                if fn.qualname.startswith(("test", "Test")):
                    continue  # a pytest test function (or test class) checks the library, it is not a pipeline
                # a method of a module-level class is a unit of its own too (``self`` unknown)
                method = parent is not None and parent.kind == "class" and parent.parent is facts.module_scope
                if not ((parent is facts.module_scope or method) and fn.qualname not in self._inlined):
                    continue
                self._unit += 1
                if memo_out is None:
                    self._run_unit(fn, method)
                    continue
                record = memo_in.get(fn.qualname)
                if record is not None and self._replay(record, fn):
                    self.reused_units += 1
                else:
                    record = self._run_noted_unit(fn, method)
                if record is not None:
                    memo_out[fn.qualname] = record
        finally:
            if memo_out is not None:
                self.module_frame.env = dict(self.module_frame.env)  # no cycle back to this object
                self._reads = None
        if memo_out is not None:
            facts.reuse[_UNITS_KEY] = memo_out

    def _run_unit(self, fn: FunctionFact, method: bool) -> None:
        frame = _Frame(fn.scope, {}, self.module_frame)
        self._bind_params(fn, None, frame, self.module_frame)
        if method and not _is_static(fn) and fn.params:
            frame.env[fn.params[0]] = None  # self / cls: no rows
        self._active.append(fn.qualname)
        self._run_scope(fn.scope, frame)
        self._active.pop()

    def _run_noted_unit(self, fn: FunctionFact, method: bool) -> "_UnitRecord | None":
        """Run a unit noting what it reads from outside its body; its record if it added nothing."""
        before = (len(self.events), len(self.splits), len(self.cv_calls))
        self._reads, self._unit_inlined, self._unit_shares_data = {}, [], False
        self._unit_first_base = len(self._base_keys)
        self.module_frame.env.written = False
        self._run_unit(fn, method)
        reads, self._reads = self._reads, None
        if (len(self.events), len(self.splits), len(self.cv_calls)) != before:
            return None  # it found something: it runs every time
        return self._unit_record(fn, reads)

    def _unit_record(self, fn: FunctionFact, reads: dict) -> "_UnitRecord | None":
        """The memo of a unit that just ran and added nothing, or None when it cannot be replayed."""
        if self._unit_shares_data or self.module_frame.env.written:
            return None
        checks = []
        for key, value in reads.items():
            if key[0] == "env":
                value = _env_token(value)
                if value is _UNSTABLE:
                    return None  # it read rows or objects of the module: they are rebuilt on every run
            checks.append((key, value))
        made = tuple(
            (key, base in self._random, base in self._archives, self._test_reads.get(base), base in self._permutations)
            for key in self._base_keys[self._unit_first_base:]
            for base in (self._bases[key],)
        )
        return _UnitRecord(fn, tuple(checks), made, tuple(self._unit_inlined))

    def _replay(self, record: "_UnitRecord", fn: FunctionFact) -> bool:
        """Put back what the unit added last time, if it would read the same now; False when it must run."""
        if record.fn is not fn or any(key in self._bases for key, *_ in record.made):
            return False  # its chunk was walked again, or data it made is made elsewhere now
        if not all(self._reads_the_same(key, value) for key, value in record.checks):
            return False
        for key, random, archive, test_read, permutation in record.made:
            base = self._base(key)
            if random:
                self._random.add(base)
            if permutation:
                self._permutations.add(base)
            if archive:
                self._archives.add(base)
            if test_read is not None:
                self._test_reads[base] = test_read
        self._inlined.update(record.inlined)
        return True

    def _reads_the_same(self, key: tuple, value: Any) -> bool:
        kind = key[0]
        if kind == "env":
            now = _env_token(dict.get(self.module_frame.env, key[1], _MISSING))
            return now is value or type(now) is tuple and now == value
        if kind == "import":
            return self.facts.imports.get(key[1]) == value
        if kind == "function":
            return self.facts.functions.get(key[1]) is value
        if kind == "class":
            return self.facts.classes.get(key[1]) is value
        if kind == "call":
            node, call, callee, keywords = value
            now = self.facts.call_of(node)
            return now is call and (now is None or now.callee == callee and tuple(now.keywords) == keywords)
        if kind == "unbound":
            return self._unbound(key[1]) == value
        if kind == "keras-fit":
            call, found = value
            return self._is_keras_fit(call) == found
        if kind == "const":
            call, keyword, found = value
            return self.facts.const_of_call_arg(call, keyword, 1) == found
        return False

    # -- what a unit reads from outside its body (noted in the editor) -------------------
    def _noted(self, key: tuple, value: Any, answer: Any) -> Any:
        if self._reads is not None:
            self._reads[key] = value
        return answer

    def _import_of(self, name: str) -> str | None:
        found = self.facts.imports.get(name)
        return self._noted(("import", name), found, found)

    def _mark_inlined(self, qualname: str) -> None:
        self._inlined.add(qualname)
        if self._reads is not None:
            self._unit_inlined.append(qualname)

    def _function(self, qualname: str) -> FunctionFact | None:
        found = self.facts.functions.get(qualname)
        return self._noted(("function", qualname), found, found)

    def _call_of(self, node: cst.CSTNode) -> CallFact | None:
        call = self.facts.call_of(node)
        if self._reads is None:
            return call
        seen = (node, call, call.callee, tuple(call.keywords)) if call is not None else (node, None, None, ())
        return self._noted(("call", id(node)), seen, call)

    # -- queries for checks ----------------------------------------------------
    @property
    def fits(self) -> list[Event]:
        return [e for e in self.events if e.kind == "fit"]

    @property
    def uses(self) -> list[Event]:
        return [e for e in self.events if e.kind == "use"]

    def heldout_splits(self, data: Data | None) -> list[Split]:
        """Valid splits whose held-out side holds *all* of ``data``'s rows (none when unknown)."""
        if data is None or not data.atoms:
            return []
        found: list[Split] = []
        for _, path in data.atoms:
            held = [self._split_by_id(sid) for sid, side in path]
            held = [s for (sid, side), s in zip(path, held) if s is not None and side == s.held_side]
            held = [s for s in held if s.valid and not s.internal]
            if not held:
                return []
            if held[-1] not in found:
                found.append(held[-1])
        return found

    def touches_heldout(self, data: Data | None) -> list[Split]:
        """Valid splits with held-out rows among ``data``'s rows (some, not necessarily all).

        Only rows still held out count: held-out rows that were put back and split again
        (``np.concatenate([x_train, x_test])`` then ``train_test_split``) belong to the new split.
        """
        if data is None:
            return []
        out: list[Split] = []
        for _, path in data.atoms:
            if path:
                s = self._split_by_id(path[-1][0])
                if s is not None and path[-1][1] == s.held_side and s.valid and not s.internal and s not in out:
                    out.append(s)
        return out

    def reached_splits(self, data: Data | None, unit: int) -> list[Split]:
        """Valid splits of one analysis unit some of whose held-out rows are among ``data``'s rows."""
        if data is None:
            return []
        return [s for s in self.splits if s.unit == unit and s.valid and any(s.reaches(a) for a in data.atoms)]

    def text(self, node: cst.CSTNode | None, limit: int = 40) -> str:
        if node is None:
            return "the data"
        cached = self._text_cache.get(id(node))
        if cached is None:
            name = dotted_name(node)
            cached = name if name is not None else " ".join(self.facts.module.code_for_node(node).split())
            if len(cached) > limit:
                cached = cached[: limit - 1] + "…"
            self._text_cache[id(node)] = cached
        return cached

    def split_of(self, sid: int) -> Split | None:
        """The split with id ``sid`` (None for row filters and unknown ids)."""
        return self._split_by_id(sid)

    def _split_by_id(self, sid: int) -> Split | None:
        return self.splits[sid] if 0 <= sid < len(self.splits) else None  # filters are ids >= 2**30

    # -- bookkeeping -----------------------------------------------------------
    def _next_step(self) -> int:
        self._step += 1
        return self._step

    def _base(self, key: Any) -> int:
        base = self._bases.get(key)
        if base is None:
            base = self._bases[key] = len(self._bases)
            self._base_keys.append(key)
        elif base < self._unit_first_base:
            self._unit_shares_data = True  # a data set made before the running unit: its runs are not independent
        return base

    def is_random(self, data: "Data | None") -> bool:
        """Rows drawn by a random generator only (an API demo: nothing to generalise to)."""
        return data is not None and bool(data.atoms) and all(b in self._random for b, _ in data.atoms)

    def _fresh(self, key: Any, **flags) -> Data:
        if self._site_keys and isinstance(key, tuple) and key[:1] == ("call",):
            # a loader inside a helper: load("train.csv") and load("test.csv") are different data
            key = key + (tuple(self._site_keys),)
        return Data(frozenset({(self._base(key), ())}), **flags)

    def _new_split(self, kind: str, node: cst.CSTNode, **kw) -> Split:
        split = Split(len(self.splits), kind, node, self._next_step(), unit=self._unit, in_helper=bool(self._site_keys), **kw)
        self.splits.append(split)
        return split

    def _obj(self, category: str, callee: str | None, call: CallFact | None) -> Obj:
        self._ids += 1
        return Obj(self._ids, category, callee, call)

    def _record(self, kind: str, role: str, call: CallFact, obj: Obj, data, data_node, frame: _Frame, **kw) -> Event:
        loop = next((lp for lp in reversed(frame.loops) if not lp.cv), None)
        if kind == "fit" and role == "transformer" and isinstance(data, Data) and data.one:
            data = None  # fitted on one element at a time (per-sample scaling): it learns nothing across rows
        event = Event(kind, role, call, obj, data if isinstance(data, Data) else None, data_node, self._next_step(),
                      frame.via, loop, **kw)
        event.unit = self._unit
        self.events.append(event)
        return event

    # -- statements ------------------------------------------------------------
    def _run_scope(self, scope: Scope, frame: _Frame) -> None:
        self._run_statements(self._by_scope.get(id(scope), ()), frame)

    def _run_statements(self, indices, frame: _Frame) -> None:
        statements = self.facts.statements
        indices = list(indices)
        k = 0
        while k < len(indices):
            i = indices[k]
            k += 1
            while frame.loops and i > frame.loops[-1].end:
                frame.loops.pop()
            stmt = self._current = statements[i]
            try:
                frames = self._frames_loop(stmt, frame) if type(stmt) is cst.For else None
                if frames is None:
                    self._statement(stmt, i, frame)
                    continue
                # for ds in [train, test]: the body runs once for each frame, as Python runs it
                end = self._end_index(stmt)
                body = [j for j in indices[k:] if j <= end]
                k += len(body)
                for element, item in zip(stmt.iter.elements, frames):
                    self._bind(stmt.target, item, frame)
                    frame.loops.append(Loop(stmt, end, frozenset(_target_names(stmt.target)), False))
                    self._run_statements(body, frame)
                    while frame.loops and frame.loops[-1].node is stmt:
                        frame.loops.pop()
                    # ds is train (then test): what the body wrote into ds was written into it
                    self._write_into(element.value, frame.lookup(stmt.target.value), frame)
            except RecursionError:
                continue

    def _frames_loop(self, stmt: cst.For, frame: _Frame) -> tuple | None:
        """The frames of ``for ds in [train, test]:`` (a literal list of at most 4 data values), else None."""
        if not isinstance(stmt.iter, (cst.List, cst.Tuple)) or not 2 <= len(stmt.iter.elements) <= 4:
            return None
        if not isinstance(stmt.target, cst.Name) or stmt.orelse is not None:
            return None
        if not all(dotted_name(e.value) is not None for e in stmt.iter.elements):
            return None  # frames by name only: evaluating anything else twice could record its calls twice
        items = [self._ev(e.value, frame) for e in stmt.iter.elements]
        if not all(isinstance(v, Data) for v in items):
            return None
        return tuple(items)

    def _statement(self, stmt: cst.CSTNode, index: int, frame: _Frame) -> None:
        # exact type tests: libcst's node classes are ABCs, and a failed isinstance() on an ABC is slow
        cls = type(stmt)
        if cls is cst.Assign:
            value = self._ev(stmt.value, frame)
            for target in stmt.targets:
                self._bind(target.target, value, frame)
                if isinstance(target.target, cst.Name):
                    key = (self._unit, target.target.value)
                    if _is_mask(stmt.value):  # msk = np.random.rand(len(df)) < 0.8
                        self._masks[key] = stmt.value
                    else:
                        self._masks.pop(key, None)
        elif cls is cst.AnnAssign:
            if stmt.value is not None:
                self._bind(stmt.target, self._ev(stmt.value, frame), frame)
        elif cls is cst.AugAssign:
            value = self._ev(stmt.value, frame)
            name = dotted_name(stmt.target)
            if name is not None:
                old = frame.lookup(name)
                frame.env[name] = _join(old if old is not _MISSING else None, value, union=True)
        elif cls is cst.Expr:
            self._ev(stmt.value, frame)
        elif cls is cst.Return:
            if stmt.value is not None:
                frame.returns.append(self._ev(stmt.value, frame))
        elif cls is cst.For:
            iterable = self._ev(stmt.iter, frame)
            if isinstance(iterable, Obj) and iterable.category == "splitter":
                # for tr, te in KFold(len(X), n_folds=5): the old cross_validation splitters are iterables
                split = self._new_split(f"{iterable.short}.split", stmt.iter, shuffled=iterable.shuffled)
                split.heldout_step = split.step
                iterable = SplitIter(split)
            self._bind(stmt.target, _element(iterable), frame)
            cv = isinstance(iterable, SplitIter) or isinstance(iterable, Enumerated) and isinstance(iterable.inner, SplitIter)
            targets = frozenset(_target_names(stmt.target))
            frame.loops.append(Loop(stmt, self._end_index(stmt), targets, cv))
        elif cls in (cst.If, cst.While):
            self._ev(stmt.test, frame)
        elif cls is cst.With:
            for item in stmt.items:
                value = self._ev(item.item, frame)
                if item.asname is not None:
                    self._bind(item.asname.name, value, frame)
        elif cls is cst.FunctionDef:
            fn = self._function_named(stmt.name.value, frame.scope)
            if fn is not None:
                frame.env[stmt.name.value] = FuncRef(fn)
        elif cls in (cst.Import, cst.ImportFrom, cst.ClassDef):
            names = [a.evaluated_alias or a.evaluated_name for a in stmt.names] if isinstance(
                stmt, (cst.Import, cst.ImportFrom)) and not isinstance(stmt.names, cst.ImportStar) else []
            for name in names:
                frame.env.pop(name.partition(".")[0], None)

    def _end_index(self, node: cst.CSTNode) -> int:
        """Index of the lexically last statement inside ``node``."""
        last = self._stmt_index.get(id(node), -1)
        cur: Any = node
        for _ in range(1000):
            nxt = None
            if isinstance(cur, cst.Try):
                nxt = cur.finalbody or cur.orelse or (cur.handlers[-1] if cur.handlers else None) or cur.body
            elif isinstance(cur, (cst.If, cst.For, cst.While)) and cur.orelse is not None:
                nxt = cur.orelse
            elif isinstance(cur, cst.Match):
                nxt = cur.cases[-1] if cur.cases else None
            elif hasattr(cur, "body"):
                body = cur.body
                nxt = (body[-1] if body else None) if isinstance(body, (list, tuple)) else body
            if nxt is None or not isinstance(nxt, cst.CSTNode):
                break
            cur = nxt
            i = self._stmt_index.get(id(cur))
            if i is not None and i > last:
                last = i
        return last

    def _local_class(self, name: str, seen: tuple[str, ...] = ()) -> ClassFact | None:
        """A module-level class of this file whose methods are all here (no library base class calls them)."""
        found = self.facts.classes.get(name)
        cls = self._noted(("class", name), found, found)
        if cls is None or cls.scope.parent is not self.facts.module_scope or name in seen:
            return None  # unknown, nested, or a cycle of bases (code that would not run)
        if any(base != "object" and self._local_class(base, (*seen, name)) is None for base in cls.bases):
            return None  # a keras.Model, a torch Module...: the library calls its methods
        return cls

    def _instantiate(self, cls: ClassFact, call: CallFact, frame: _Frame) -> Instance:
        instance = Instance(cls)
        init = self._function(f"{cls.name}.__init__")
        if init is not None:
            self._inline(init, call, frame, instance=instance)
        else:
            self._args(call, frame)
        return instance

    def _function_named(self, name: str, scope: Scope) -> FunctionFact | None:
        return self._function(name if scope.kind == "module" else f"{scope.name}.{name}")

    # -- binding ---------------------------------------------------------------
    def _bind(self, target: cst.BaseExpression, value: Any, frame: _Frame) -> None:
        if isinstance(target, (cst.Tuple, cst.List)):
            elements = [e.value for e in target.elements]
            starred = any(isinstance(e, cst.StarredElement) for e in target.elements)
            if isinstance(value, Seq) and len(value.items) == len(elements) and not starred:
                for element, item in zip(elements, value.items):
                    self._bind(element, item, frame)
            elif isinstance(value, Data):
                # X, y = load(): separate data sets (their rows are unrelated as far as we know)
                for k, element in enumerate(elements):
                    self._bind(element, self._fresh(("unpack", id(target), k), ts=value.ts, dated=value.dated), frame)
            else:
                for element in elements:
                    self._bind(element, None, frame)
            return
        if isinstance(target, cst.StarredElement):
            self._bind(target.value, None, frame)
            return
        name = dotted_name(target)
        if name is not None and name.endswith(".index") and isinstance(value, Data) and value.dated:
            old = frame.lookup(name[: -len(".index")])
            if isinstance(old, Data):  # df.index = pd.to_datetime(df["date"]): a DatetimeIndex
                frame.env[name[: -len(".index")]] = old.with_(ts=old.ts or self._current, dated=True)
            return
        if name is not None and "." in name:
            owner = frame.lookup(name.rsplit(".", 1)[0])
            if isinstance(owner, Instance):  # self.scaler = StandardScaler(): the instance's state
                owner.attrs[name.rsplit(".", 1)[1]] = value.plain() if isinstance(value, Data) else value
                return
        if name is not None:
            if isinstance(value, Data) and value.fresh is not None:
                split, side = value.fresh
                if side in split.side_names:
                    split.side_names[side].append(name)
            frame.env[name] = value.plain() if isinstance(value, Data) else value
            return
        if isinstance(target, cst.Subscript):
            # df["col"] = ... / df.loc[:, cols] = ...: the frame keeps its rows, gains the flags
            self._write_into(target, value, frame)

    def _write_into(self, target: cst.BaseExpression, value: Any, frame: _Frame) -> None:
        """``df["col"] = value`` or an in-place method on ``df["col"]``: ``df`` keeps its rows, gains the flags."""
        base = target.value if isinstance(target, cst.Subscript) else target
        if isinstance(base, cst.Attribute) and base.attr.value in ("loc", "iloc", "at", "iat"):
            base = base.value
        base_name = dotted_name(base)
        if base_name is None:
            return
        old = frame.lookup(base_name)
        if isinstance(old, Data) and isinstance(value, Data):
            frame.env[base_name] = old.with_(
                ts=old.ts or value.ts, dated=old.dated or value.dated, resampled=old.resampled | value.resampled,
                transformed=old.transformed | value.transformed,
            )

    def _bind_params(self, fn: FunctionFact, call: CallFact | None, frame: _Frame, caller: _Frame, skip: int = 0) -> None:
        params = fn.node.params
        ordered = [*params.posonly_params, *params.params][skip:]
        bound: dict[str, Any] = {}
        if call is not None:
            for param, arg in zip(ordered, call.positional):
                bound[param.name.value] = self._ev(arg.value, caller)
            for key, arg in call.keywords.items():
                bound[key] = self._ev(arg.value, caller)
        for param in (*ordered, *params.kwonly_params):
            pname = param.name.value
            if pname in bound:
                frame.env[pname] = bound[pname]
            elif param.default is not None and call is not None:
                frame.env[pname] = self._ev(param.default, caller)
            else:
                frame.env[pname] = self._fresh(("param", fn.qualname, pname))

    # -- expressions -----------------------------------------------------------
    def _ev(self, node: cst.CSTNode | None, frame: _Frame) -> Any:
        if node is None:
            return None
        cls = type(node)  # exact type tests, as in _statement
        if cls is cst.Name:
            return self._name(node.value, frame)
        if cls is cst.Attribute:
            return self._attribute(node, frame)
        if cls is cst.Call:
            return self._call(node, frame)
        if cls is cst.Subscript:
            return self._subscript(node, frame)
        if cls in (cst.Tuple, cst.List):
            return Seq(tuple(self._ev(e.value, frame) for e in node.elements))
        if cls is cst.Dict:
            items = {}
            for el in node.elements:
                if isinstance(el, cst.DictElement):
                    value = self._ev(el.value, frame)
                    key = _literal(el.key)
                    if isinstance(key, (str, int, float)):
                        items[key] = value
            return DictVal(items)
        if cls is cst.BinaryOperation:
            left, right = self._ev(node.left, frame), self._ev(node.right, frame)
            if type(left) is Seq or type(right) is Seq:  # list arithmetic: [df] + [pos] * 3 holds df and pos
                if type(node.operator) is cst.Add and type(left) is Seq and type(right) is Seq:
                    return Seq(left.items + right.items)
                if type(node.operator) is cst.Multiply:
                    return left if type(left) is Seq else right
            for data, stat in ((left, right), (right, left)):
                if isinstance(stat, Stat) and isinstance(data, Data):
                    return self._statistic_fit(stat, data, frame)
                if isinstance(stat, Stat) and data is None:
                    return stat  # x.std() + 1e-7 is still a statistic of x
            return _join(left, right, union=True, rows_only=True)
        if cls is cst.UnaryOperation:
            value = self._ev(node.expression, frame)
            return value if isinstance(value, Data) else None
        if cls is cst.Comparison:
            values = [self._ev(node.left, frame)] + [self._ev(c.comparator, frame) for c in node.comparisons]
            learned = next((v for v in values if isinstance(v, Stat) and v.learned), None)
            if learned is not None:
                return learned  # rf.feature_importances_ > 0.05
            return _join(*values, union=True, rows_only=True)
        if cls is cst.IfExp:
            self._ev(node.test, frame)
            return _join(self._ev(node.body, frame), self._ev(node.orelse, frame), union=True)
        if cls is cst.BooleanOperation:
            return _join(self._ev(node.left, frame), self._ev(node.right, frame), union=True)
        if cls is cst.Await:
            return self._ev(node.expression, frame)
        if cls is cst.FormattedString:
            for part in node.parts:
                if isinstance(part, cst.FormattedStringExpression):
                    self._ev(part.expression, frame)
            return None
        if cls is cst.NamedExpr:
            value = self._ev(node.value, frame)
            self._bind(node.target, value, frame)
            return value
        if cls in (cst.ListComp, cst.GeneratorExp, cst.SetComp, cst.DictComp):
            return self._comprehension(node, frame)
        if cls is cst.Lambda:
            return None  # evaluated where it is applied (``_callback``)
        return None

    def _comprehension(self, node: cst.BaseComp, frame: _Frame) -> Any:
        """``[f(t) for t in texts]``: the element, evaluated once with each target bound to an element.

        Python gives a comprehension its own scope: its targets live in a child frame. A list of
        rows holds those rows; a list of objects is a list of that object.
        """
        inner = _Frame(frame.scope, {}, frame, via=frame.via, loops=frame.loops)
        comp: Any = node.for_in
        learned: list[Stat] = []
        while comp is not None:
            iterable = self._ev(comp.iter, inner)
            element = _element(iterable)
            self._bind(comp.target, element, inner)
            learned.extend(v for v in (iterable, element, *_items(element)) if isinstance(v, Stat) and v.learned)
            for cond in comp.ifs:
                test = self._ev(cond.test, inner)
                if isinstance(test, Stat) and test.learned:
                    learned.append(test)
            comp = comp.inner_for_in
        if isinstance(node, cst.DictComp):
            self._ev(node.key, inner)
            value = self._ev(node.value, inner)
        else:
            value = self._ev(node.elt, inner)
        if isinstance(value, Data):
            return value.with_(one=False)  # the list holds every element's rows
        if learned:
            return learned[0]  # [X.columns[i] for i, s in enumerate(perm.feature_importances_) if s > 0]
        return Seq((value,)) if isinstance(value, Obj) else None

    def _callback(self, fn: cst.CSTNode, data: Data, frame: _Frame, call: CallFact) -> Any:
        """A lambda or local function given to ``apply``/``map``/``transform``: run on the rows it is given."""
        if isinstance(fn, cst.Lambda):
            inner = _Frame(frame.scope, {}, frame, via=frame.via, loops=frame.loops)
            params = fn.params
            for param in (*params.posonly_params, *params.params):
                inner.env[param.name.value] = data.plain()
            return self._ev(fn.body, inner)
        target = self._ev(fn, frame)
        if isinstance(target, FuncRef):
            fact = target.fn
            if fact.qualname in self._active or len(self._active) >= _MAX_INLINE_DEPTH or not fact.params:
                return None
            self._mark_inlined(fact.qualname)
            inner = _Frame(fact.scope, {}, self.module_frame, via=call)
            self._bind_params(fact, None, inner, frame)
            inner.env[fact.params[0]] = data.plain()
            self._active.append(fact.qualname)
            try:
                self._run_scope(fact.scope, inner)
            finally:
                self._active.pop()
            return _join(*inner.returns) if inner.returns else None
        return None

    def _name(self, name: str, frame: _Frame) -> Any:
        value = frame.lookup(name)
        if value is not _MISSING:
            return value
        imported = self._import_of(name)
        if imported is not None:
            return ModuleRef(imported)
        if name in ("True", "False", "None"):
            return None
        fn = self._function_named(name, frame.scope) or self._function(name)
        if fn is not None:
            return FuncRef(fn)
        if name in _NO_ROWS_BUILTINS or name in _ROW_PASS_BUILTINS or name in ("enumerate", "zip", "next"):
            return None
        if name in CONVENTIONAL_ALIASES and self._unbound(name):
            return ModuleRef(CONVENTIONAL_ALIASES[name])
        return self._fresh(("name", name))

    def _unbound(self, name: str) -> bool:
        """Whether the file never binds ``name`` (False when it cannot tell: a star import, unparsable text)."""
        if self._bound is None:
            self._bound = names_bound_in(self.facts)
        found = self._bound is not EVERYTHING_BOUND and name not in self._bound
        return self._noted(("unbound", name), found, found)

    def _unbound_api(self, name: str) -> str | None:
        """The API an unbound name stands for, when its spelling names exactly one kind of known object.

        Notebook excerpts and snippets call ``MeanMedianImputer(...)`` or
        ``tf.keras.layers.Normalization()`` with their imports left out. A name
        the file never binds can only come from outside; when its spelling is a
        class or function of the knowledge tables, and every table entry of that
        spelling builds the same kind of object, it is that API. A file with a
        star import (which may define anything) resolves nothing this way.
        """
        if name not in _short_names() or not self._unbound(name):
            return None
        return _short_names()[name]

    def _attribute(self, node: cst.Attribute, frame: _Frame) -> Any:
        text = dotted_name(node)
        if text is not None:
            value = frame.lookup(text)
            if value is not _MISSING:
                return value
        base = self._ev(node.value, frame)
        attr = node.attr.value
        if isinstance(base, Instance):
            return base.attrs.get(attr)
        if isinstance(base, Data):
            return None if attr in _NOT_ROWS_ATTRS else base.plain()
        if isinstance(base, Stat):
            return base if attr in L.STAT_KEEPING_METHODS else None
        if isinstance(base, Obj) and attr in ("best_estimator_", "estimator"):
            return base
        if isinstance(base, Obj) and attr in L.LEARNED_ATTRIBUTES:
            fit = self._last_fit(base)
            if fit is not None:
                return Stat(fit.data, fit.call, fit.data_node, f"{attr} of {base.short}", learned=True)
        if isinstance(base, ModuleRef):
            return ModuleRef(canonical(f"{base.name}.{attr}"))
        return None

    def _subscript(self, node: cst.Subscript, frame: _Frame) -> Any:
        base = self._ev(node.value, frame)
        if not node.slice:
            return base
        first = node.slice[0].slice
        if isinstance(base, (Seq, DictVal)) and isinstance(first, cst.Index):
            key = _literal(first.value)
            if isinstance(base, Seq) and isinstance(key, int) and -len(base.items) <= key < len(base.items):
                return base.items[key]
            if isinstance(base, DictVal) and isinstance(key, (str, int, float)) and key in base.items:
                return base.items[key]
            return None
        if isinstance(base, Stat) and base.learned:
            return base  # model.coef_[0]
        if not isinstance(base, Data):
            if isinstance(first, cst.Index):
                index = self._ev(first.value, frame)
                if isinstance(index, Stat) and index.learned:
                    return index  # X.columns[model.coef_ != 0]: names picked by the fitted model
            return None
        if isinstance(first, cst.Slice):
            return self._slice(base, first, self._current, frame)
        if isinstance(first, cst.Index):
            key = _literal(first.value)
            if isinstance(key, str) and len(base.atoms) == 1:
                (atom_base, path), = base.atoms
                if atom_base in self._archives and not path:  # archive["x_test"]: one array of the archive
                    return self._fresh(("archive", atom_base, key))
            index = self._ev(first.value, frame)
            if isinstance(index, Indices):
                return self._apply_side(base, index.split, index.side)
            if isinstance(index, Stat) and index.learned:
                return self._statistic_fit(index, base, frame)  # X[X.columns[rf.feature_importances_ > t]]
            mask = self._mask_key(first.value)
            if mask is not None:
                return self._mask_side(base, *mask)
            if _is_mask(first.value):
                return self._filter(base, first.value)
            if isinstance(index, Data):
                side = _single_split_side(index)
                if side is not None:
                    split = self._split_by_id(side[0])
                    if split is not None and not (index.atoms & base.atoms):
                        return self._apply_side(base, split, side[1])
        return base.plain()

    def _note_test_read(self, call: CallFact, data: Data) -> None:
        """Remember data read from a path that names it test data (``"data/test"``, ``"test.csv"``)."""
        arg = call.value("directory", 0)
        if arg is None:
            arg = next((call.value(k) for k in ("filepath_or_buffer", "path", "file") if call.value(k) is not None), None)
        path = _literal(arg) if arg is not None else None
        if isinstance(path, str) and _path_says_test(path):
            for base, _ in data.atoms:
                self._test_reads[base] = path

    def test_path(self, data: "Data | None") -> str | None:
        """The path all of ``data``'s rows were read from when it names them test data, else None."""
        if data is None or not data.atoms:
            return None
        paths = {self._test_reads.get(base) for base, _ in data.atoms}
        return paths.pop() if len(paths) == 1 and None not in paths else None

    def _last_fit(self, obj: Obj) -> Event | None:
        """The latest fit of ``obj`` (or of a model it wraps) on known rows."""
        ids = {o.id for o in obj.all_steps()}
        return next(
            (e for e in reversed(self.events) if e.kind == "fit" and e.obj.id in ids and e.data is not None), None
        )

    def _mask_key(self, node: cst.CSTNode) -> tuple[str, bool, bool] | None:
        """(key, positive, random) of a row mask that has a complement: ``msk``/``~msk``, ``d < c``/``d >= c``.

        The key is the same for a mask and its complement; ``positive`` says which one this is.
        """
        positive = True
        while isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.BitInvert, cst.Not)):
            positive = not positive
            node = node.expression
        if isinstance(node, cst.Name):
            mask = self._masks.get((self._unit, node.value))
            if mask is None:
                return None
            key = self._mask_key(mask)
            if key is None:
                return f"name:{node.value}", positive, _draws_random(mask)
            return key[0], key[1] == positive, key[2]
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            op = type(node.comparisons[0].operator)
            if op not in _COMPLEMENTS:
                return None
            family, sign = _COMPLEMENTS[op]
            code = self.facts.module.code_for_node
            left, right = ("".join(code(n).split()) for n in (node.left, node.comparisons[0].comparator))
            return f"{family}:{left}:{right}", sign == positive, _draws_random(node)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in L.MASK_METHODS:
            return "call:" + "".join(self.facts.module.code_for_node(node).split()), positive, _draws_random(node)
        return None

    def _mask_side(self, base: Data, key: str, positive: bool, random: bool) -> Data:
        """``df[msk]`` and ``df[~msk]`` (or a date cut-off and its complement): the two sides of one split."""
        skey = ("mask", self._unit, key)
        split = self._slice_splits.get(skey)
        if split is None:
            split = self._new_split("mask", self._current, head_seen=False, tail_seen=False, shuffled=random)
            self._slice_splits[skey] = split
        if positive:
            split.head_seen = True
        elif not split.tail_seen:
            split.tail_seen = True
            split.node = self._current
            split.heldout_step = self._next_step()
        return self._apply_side(base, split, TRAIN if positive else HELD)

    def _statistic_named(self, node: cst.CSTNode, frame: _Frame) -> str | None:
        """``"mean"`` or ``np.mean`` given to ``transform``/``agg``: the statistic's name, else None."""
        literal = _literal(node)
        if isinstance(literal, str):
            return literal if literal in L.STATISTIC_METHODS else None
        value = self._ev(node, frame)
        if isinstance(value, ModuleRef) and value.name in L.STATISTIC_FUNCTIONS:
            return value.name.rsplit(".", 1)[-1]
        return None

    def _filter(self, data: Data, mask: cst.CSTNode) -> Data:
        """``df[df.year < 2015]``: a subset of the rows, different from other subsets, not a split."""
        key = ("filter", self._unit, "".join(self.facts.module.code_for_node(mask).split()))
        fid = _FILTER_IDS + self._base(key)
        atoms = frozenset((b, p + ((fid, FILTER),)) for b, p in data.atoms)
        return Data(atoms, data.resampled, data.transformed, data.ts, data.dated)

    def _statistic_fit(self, stat: Stat, data: Data, frame: _Frame) -> Data:
        """``X - X.mean()``: the statistic was fitted on ``stat.data``; the result holds ``data``'s rows."""
        key = (id(self._current), stat.data.atoms)
        obj = self._obj("statistic", stat.name, stat.call)
        if key not in self._stat_seen:
            self._stat_seen.add(key)
            self._record("fit", "transformer", stat.call, obj, stat.data, stat.data_node, frame)
            if data.atoms != stat.data.atoms:  # X_train - X.mean(): applied to other rows than it was fitted on
                call = self._call_of(self._current) if isinstance(self._current, cst.Call) else None
                self._record("use", "apply", call or stat.call, obj, data, None, frame)
        return data.with_(transformed=data.transformed | {obj.id})

    def _slice(self, base: Data, sl: cst.Slice, where: cst.CSTNode, frame: _Frame) -> Data:
        lower, upper = sl.lower, sl.upper
        if lower is None and upper is None:
            return base.plain()
        if frame.loops:
            # X[i - 60:i] in a loop: a sliding window, not a split
            loop_names = frozenset().union(*(lp.targets for lp in frame.loops))
            if loop_names & (names_in(lower) | names_in(upper)):
                return base.plain()
        if lower is None:
            split = self._slice_split("slice", upper, head=True, where=where)
        else:
            if upper is not None:
                self._slice_split("slice", upper, head=True, where=where)
            split = self._slice_split("slice", lower, head=False, where=where)
        if base.atoms and all(b in self._permutations for b, _ in base.atoms) and split.shuffled is not True:
            split.shuffled = True  # order[:cut] / order[cut:] of a permutation: a random split of the rows
        return self._apply_side(base, split, TRAIN if lower is None else HELD)

    def _slice_split(self, kind: str, bound: cst.CSTNode, head: bool, where: cst.CSTNode) -> Split:
        """Slices ``[:n]`` / ``[n:]`` (or ``take(n)`` / ``skip(n)``) with the same bound are one split.

        ``where`` (the statement or call) is what diagnostics point at.
        """
        key = (kind, self._unit, "".join(self.facts.module.code_for_node(bound).split()))
        split = self._slice_splits.get(key)
        if split is None:
            split = self._new_split(kind, where, head_seen=False, tail_seen=False)
            self._slice_splits[key] = split
        if head:
            split.head_seen = True
        else:
            if not split.tail_seen:
                split.node = where
                split.heldout_step = self._next_step()
            split.tail_seen = True
        return split

    def _apply_side(self, data: Data, split: Split, side: int) -> Data:
        atoms = set()
        for base, path in data.atoms:
            if path and path[-1][0] == split.id:
                atoms.add((base, path))
                continue
            split.inputs.add((base, path))
            atoms.add((base, path + ((split.id, side),)))
        if data not in split.input_values and len(split.input_values) < 16:
            split.input_values.append(data)
        return Data(frozenset(atoms), data.resampled, data.transformed, data.ts, data.dated, (split, side))

    # -- calls -----------------------------------------------------------------
    def _call(self, node: cst.Call, frame: _Frame) -> Any:
        call = self._call_of(node)
        if call is None:
            return None
        if call.method == "permutation" or (call.callee or "").endswith(".permutation"):
            return self._permutation(call, frame)
        func = call.func_text
        if call.callee is None and func is not None and "." not in func:
            target = frame.lookup(func)
            if target is _MISSING and self._import_of(func) is None:
                fn = self._function_named(func, frame.scope) or self._function(func)
                target = FuncRef(fn) if fn is not None else _MISSING
                cls = self._local_class(func)
                if target is _MISSING and cls is not None:
                    return self._instantiate(cls, call, frame)
            if isinstance(target, FuncRef):
                return self._inline(target.fn, call, frame)
            if isinstance(target, Obj):
                return self._method(call, target, frame, "__call__")
            if isinstance(target, ModuleRef):
                return self._library_call(call, target.name, frame)
            if target is _MISSING:
                builtin = self._builtin(func, call, frame)
                if builtin is not _MISSING:
                    return builtin
                api = self._unbound_api(func)
                if api is not None:
                    return self._library_call(call, api, frame)
        if call.callee is not None:
            return self._library_call(call, call.callee, frame)
        if call.method is not None and call.receiver is not None:
            receiver = self._ev(call.receiver, frame)
            if isinstance(receiver, ModuleRef):
                return self._library_call(call, canonical(f"{receiver.name}.{call.method}"), frame)
            return self._method(call, receiver, frame, call.method)
        return self._opaque_call(call, frame)

    def _permutation(self, call: CallFact, frame: _Frame) -> Any:
        """``rng.permutation(n)``: row positions in random order (``permutation(X)``: X's rows, shuffled)."""
        args = self._args(call, frame)
        if call.receiver is not None:
            self._ev(call.receiver, frame)
        rows = next((a for a in args if isinstance(a, Data) and not self.is_random(a)), None)
        if rows is not None:
            return rows.plain()
        order = self._fresh(("call", id(call.node)))
        self._random.update(b for b, _ in order.atoms)
        self._permutations.update(b for b, _ in order.atoms)
        return order

    def _args(self, call: CallFact, frame: _Frame) -> list:
        return [self._ev(arg.value, frame) for arg in call.node.args]

    def _opaque_call(self, call: CallFact, frame: _Frame, fresh: bool = True) -> Any:
        rows = _join(*(_flatten(v) for v in self._args(call, frame)), union=True, rows_only=True)
        if isinstance(rows, Data):
            return rows.plain()
        return self._fresh(("call", id(call.node))) if fresh else None

    def _builtin(self, name: str, call: CallFact, frame: _Frame) -> Any:
        if name in _NO_ROWS_BUILTINS:
            self._args(call, frame)
            return None
        if name not in _ROW_PASS_BUILTINS and name not in ("enumerate", "zip", "next"):
            return _MISSING  # not evaluated here: the caller's opaque call evaluates the args once
        args = [self._ev(a.value, frame) for a in call.positional]
        if name == "enumerate" and args:
            return Enumerated(args[0])
        if name == "zip":
            return Zipped(tuple(args))
        if name in _ROW_PASS_BUILTINS or name == "next":
            if args and name == "next":
                return _element(args[0])
            return args[0] if args else None
        return _MISSING

    def _inline(self, fn: FunctionFact, call: CallFact, frame: _Frame, instance: "Instance | None" = None) -> Any:
        """Run a local function (or a method of ``instance``) on this call's arguments."""
        if fn.qualname in self._active or len(self._active) >= _MAX_INLINE_DEPTH or fn.scope.parent is None:
            return self._opaque_call(call, frame)
        self._mark_inlined(fn.qualname)
        parent = frame if fn.scope.parent is frame.scope else self.module_frame
        inner = _Frame(fn.scope, {}, parent, via=call)
        if instance is not None and fn.params:
            self._bind_params(fn, call, inner, frame, skip=1)
            inner.env[fn.params[0]] = instance
        else:
            self._bind_params(fn, call, inner, frame)
        self._active.append(fn.qualname)
        self._site_keys.append(tuple("".join(self.facts.module.code_for_node(a.value).split()) for a in call.node.args))
        try:
            self._run_scope(fn.scope, inner)
        finally:
            self._active.pop()
            self._site_keys.pop()
        if not inner.returns:
            return None
        return _join(*inner.returns)

    def _library_call(self, call: CallFact, callee: str, frame: _Frame) -> Any:
        if callee.startswith(L.METRIC_PREFIXES):
            self._args(call, frame)
            return None  # a score about the rows, not rows
        if callee == SK.TRAIN_TEST_SPLIT:
            return self._train_test_split(call, frame)
        if callee in SK.CROSS_VALIDATION:
            return self._cross_validation(call, frame)
        if callee in L.SPLIT_DATASET:
            data = self._data_arg(call, frame, ("dataset",))
            split = self._new_split("split_dataset", call.node)
            split.heldout_step = split.step
            data = data if isinstance(data, Data) else self._fresh(("call", id(call.node)))
            return Seq((self._apply_side(data, split, TRAIN), self._apply_side(data, split, HELD)))
        if callee in L.ARRAY_SPLITS:
            return self._array_split(call, frame)
        if callee in L.RANDOM_SPLITS:
            return self._random_split(call, frame)
        if callee in L.SUBSETS:
            return self._subset(call, frame)
        if callee.startswith(L.KERAS_DATASETS_PREFIX) and callee.endswith(".load_data"):
            split = self._new_split("load_data", call.node, shuffled=False)
            split.heldout_step = split.step
            x, y = self._fresh(("call", id(call.node), "x")), self._fresh(("call", id(call.node), "y"))
            return Seq((
                Seq((self._apply_side(x, split, TRAIN).plain(), self._apply_side(y, split, TRAIN).plain())),
                Seq((self._apply_side(x, split, HELD).plain(), self._apply_side(y, split, HELD).plain())),
            ))
        if (callee in SK.FUNCTIONAL_TRANSFORMS or callee in L.FUNCTIONAL_FITS
                or callee in L.BINNING_FUNCTIONS and self._learns_bins(call, callee)):
            data, node = self._first_data(call, frame, ("x", "X"))
            obj = self._obj("transformer", callee, call)
            for arg in call.node.args[1:]:
                self._ev(arg.value, frame)
            self._record("fit", "transformer", call, obj, data, node, frame)
            return data.with_(transformed=data.transformed | {obj.id}) if isinstance(data, Data) else None
        category = _category(callee)
        if category is not None:
            return self._construct(call, callee, category, frame)
        if callee in L.RESAMPLE_FUNCTIONS:
            return self._resample_function(call, frame)
        if callee.startswith(L.READERS_PREFIXES):
            parse_dates = call.value("parse_dates")
            index_col = call.value("index_col")
            dated = parse_dates is not None and _literal(parse_dates) is not False
            ts = call.node if dated and index_col is not None else None
            data = self._fresh(("call", id(call.node)), ts=ts, dated=dated)
            if callee in L.ARCHIVE_LOADERS:
                self._archives.update(b for b, _ in data.atoms)
            self._note_test_read(call, data)
            return data
        if callee in L.DIRECTORY_READERS:
            self._args(call, frame)
            data = self._fresh(("call", id(call.node)))
            self._note_test_read(call, data)
            return data
        if callee in L.ARCHIVE_LOADERS:
            self._args(call, frame)
            data = self._fresh(("call", id(call.node)))
            self._archives.update(b for b, _ in data.atoms)
            return data
        if callee == "pandas.to_datetime":
            value = self._opaque_call(call, frame)
            return value.with_(dated=True) if isinstance(value, Data) else value
        if callee in L.COMBINE_FUNCTIONS:
            parts = [_flatten_parts(v) for v in self._args(call, frame)]
            rows = _join(*(d for p in parts for d in p), union=True, rows_only=True)
            if not isinstance(rows, Data):
                return self._fresh(("call", id(call.node)))
            rows = _with_copies(rows, [d for p in parts for d in p])
            if callee in L.ROW_STACKERS and parts and call.positional and _stacks_rows(self.facts, call):
                copied = _copied_part(parts[0])
                if copied is not None:
                    return self._duplicated(call, _part_node(call.positional[0].value, copied, len(parts[0])),
                                            parts[0][copied], rows, frame)
            return rows
        if callee in L.AUGMENT_FUNCTIONS:
            return self._augment(call, None, frame)
        if callee in L.STATISTIC_FUNCTIONS:
            data, node = self._first_data(call, frame, ("a",))
            for arg in call.node.args[1:]:
                self._ev(arg.value, frame)
            if isinstance(data, Data):
                return Stat(data, call, node, f"{callee.rsplit('.', 1)[-1]}()")
            return None
        if callee.startswith(L.RANDOM_DATA_PREFIXES):
            rows = self._opaque_call(call, frame, fresh=False)
            if rows is not None:
                return rows  # np.random.permutation(X): X's rows
            drawn = self._fresh(("call", id(call.node)))
            self._random.update(b for b, _ in drawn.atoms)
            return drawn
        if call.method is not None and call.receiver is not None and callee.count(".") >= 1:
            # a method on something imported (e.g. tf.data.Dataset.from_tensor_slices(...)): rows of its args
            return self._opaque_call(call, frame)
        return self._opaque_call(call, frame)

    def _learns_bins(self, call: CallFact, callee: str) -> bool:
        """``pd.qcut(x, 4)`` and ``pd.cut(x, bins=5)`` learn their edges from the rows; explicit edges learn nothing."""
        keyword = L.BINNING_FUNCTIONS[callee]
        bins = self.facts.const_of_call_arg(call, keyword, 1)
        self._noted(("const", id(call.node), keyword), (call, keyword, bins), None)
        if callee.endswith("qcut"):
            return True  # quantiles of the rows, whatever q is
        return isinstance(bins, int) and not isinstance(bins, bool)

    def _data_arg(self, call: CallFact, frame: _Frame, keywords: tuple[str, ...], position: int = 0) -> Any:
        for key in keywords:
            if key in call.keywords:
                return self._ev(call.keywords[key].value, frame)
        if position < len(call.positional):
            return self._ev(call.positional[position].value, frame)
        return None

    def _train_test_split(self, call: CallFact, frame: _Frame) -> Any:
        if call.has_star_args:
            self._args(call, frame)
            return None
        shuffle = call.value("shuffle")
        shuffled = True if shuffle is None else _literal(shuffle)
        # the arrays first: ``train_test_split(X / X.std(), y)`` fits the statistic before the split
        values = [_rows_of_list(self._ev(arg.value, frame)) for arg in call.positional]
        split = self._new_split("train_test_split", call.node, shuffled=shuffled if isinstance(shuffled, bool) else None)
        split.heldout_step = split.step
        for key, arg in call.keywords.items():
            if key not in ("arrays",):
                self._ev(arg.value, frame)
        outputs = []
        for k, value in enumerate(values):
            data = value if isinstance(value, Data) else self._fresh(("call", id(call.node), k))
            outputs.append(self._apply_side(data, split, TRAIN))
            outputs.append(self._apply_side(data, split, HELD))
        return Seq(tuple(outputs))

    def _array_split(self, call: CallFact, frame: _Frame) -> Any:
        data = self._data_arg(call, frame, ("ary",))
        sections = call.value("indices_or_sections", 1)
        if not isinstance(data, Data) or not isinstance(sections, (cst.List, cst.Tuple)):
            return None
        split = self._new_split("numpy.split", call.node, shuffled=False)
        split.heldout_step = split.step
        parts = [self._apply_side(data, split, TRAIN)]
        parts.extend(self._apply_side(data, split, HELD) for _ in sections.elements)
        return Seq(tuple(parts))

    def _random_split(self, call: CallFact, frame: _Frame) -> Any:
        """``train, test = random_split(ds, [800, 200])``: the first part trains, the rest are held out."""
        data = self._data_arg(call, frame, ("dataset",))
        lengths = call.value("lengths", 1)
        for arg in call.node.args[1:]:
            self._ev(arg.value, frame)
        if not isinstance(data, Data) or not isinstance(lengths, (cst.List, cst.Tuple)) or len(lengths.elements) < 2:
            return None
        split = self._new_split("random_split", call.node, shuffled=True)
        split.heldout_step = split.step
        parts = [self._apply_side(data, split, TRAIN)]
        parts.extend(self._apply_side(data, split, HELD) for _ in lengths.elements[1:])
        return Seq(tuple(parts))

    def _subset(self, call: CallFact, frame: _Frame) -> Any:
        """``Subset(ds, test_idx)`` with indices from a split: that side of the split, as ``ds[test_idx]`` is."""
        data = self._data_arg(call, frame, ("dataset",))
        indices = self._data_arg(call, frame, ("indices",), 1)
        if isinstance(data, Data) and isinstance(indices, Data) and not indices.atoms & data.atoms:
            side = _single_split_side(indices)
            split = self._split_by_id(side[0]) if side else None
            if split is not None:
                return self._apply_side(data, split, side[1])
        return data.plain() if isinstance(data, Data) else None

    def _cross_validation(self, call: CallFact, frame: _Frame) -> Any:
        estimator = self._data_arg(call, frame, ("estimator",))
        data = self._data_arg(call, frame, ("X",), 1)
        cv = call.value("cv")
        cv_value = self._ev(cv, frame) if cv is not None else None
        for key, arg in call.keywords.items():
            if key not in ("estimator", "X", "cv"):
                self._ev(arg.value, frame)
        self.cv_calls.append(call)
        if not isinstance(data, Data):
            return None
        shuffled = cv_value.shuffled if isinstance(cv_value, Obj) and cv_value.category == "splitter" else False
        split = self._new_split(call.callee.rsplit(".", 1)[-1], call.node, internal=True, shuffled=shuffled)
        split.heldout_step = split.step
        for atom in data.atoms:
            split.inputs.add(atom)
        split.input_values.append(data)
        split.estimator = estimator  # type: ignore[attr-defined]
        return data.plain() if call.callee.endswith("cross_val_predict") else None

    def _resample_function(self, call: CallFact, frame: _Frame) -> Any:
        replace = call.value("replace")
        values = [self._ev(a.value, frame) for a in call.positional]
        if replace is not None and _literal(replace) is False:
            return _join(*values, union=True, rows_only=True)
        obj = self._obj("sampler", call.callee, call)
        first = next((v for v in values if isinstance(v, Data)), None)
        node = call.positional[0].value if call.positional else None
        event = self._record("fit", "sampler", call, obj, first, node, frame)
        outputs = tuple(
            v.with_(resampled=v.resampled | {event.step}) if isinstance(v, Data) else None for v in values
        )
        event.output = outputs[0] if outputs and isinstance(outputs[0], Data) else None
        return outputs[0] if len(outputs) == 1 else Seq(outputs)

    def _duplicated(self, call: CallFact, node: cst.BaseExpression, copied: Data, rows: Data, frame: _Frame) -> Data:
        """``pd.concat([df, minority, minority])``: rows stacked again with rows they already hold, an oversampler
        written out."""
        obj = self._obj("sampler", call.callee, call)
        event = self._record("fit", "sampler", call, obj, copied, node, frame)
        event.output = rows.with_(resampled=rows.resampled | {event.step})
        return event.output

    def _construct(self, call: CallFact, callee: str, category: str, frame: _Frame) -> Obj:
        obj = self._obj(category, callee, call)
        values = self._args(call, frame)
        for value in values:
            obj.steps.extend(_objects_in(value))
        if category == "splitter":
            shuffle = call.value("shuffle")
            default = SK.SPLITTERS.get(callee, False)
            obj.shuffled = default if shuffle is None else (
                _literal(shuffle) if isinstance(_literal(shuffle), bool) else None)
            if callee in SK.ORDERED_SPLITTERS:
                obj.shuffled = False
        loop = next((lp for lp in reversed(frame.loops) if not lp.cv), None)
        if loop is not None and any(
            names_in(arg.value) & loop.targets for arg in call.node.args
        ):
            obj.loop = loop
        return obj

    def _method(self, call: CallFact, receiver: Any, frame: _Frame, method: str) -> Any:
        if isinstance(receiver, Instance):
            fn = self._function(f"{receiver.cls.name}.{method}")
            if fn is None or _is_static(fn):
                return self._opaque_call(call, frame)
            return self._inline(fn, call, frame, instance=receiver)
        if isinstance(receiver, Obj):
            return self._object_method(call, receiver, frame, method)
        if isinstance(receiver, Data):
            result = self._data_method(call, receiver, frame, method)
            inplace = call.value("inplace")
            if isinstance(result, Data) and inplace is not None and _literal(inplace) is True:
                self._write_into(call.receiver, result, frame)  # df["age"].fillna(m, inplace=True)
            return result
        if isinstance(receiver, Stat):
            self._args(call, frame)
            return receiver if method in L.STAT_KEEPING_METHODS else None
        if isinstance(receiver, DictVal) and method in ("items", "values"):
            return Seq(tuple(receiver.items.values())) if method == "values" else None
        if isinstance(receiver, Seq) and method in ("append", "extend") and call.positional:
            name = dotted_name(call.receiver)
            value = self._ev(call.positional[0].value, frame)
            if name is not None and len(receiver.items) < 16:
                items = receiver.items + ((value,) if method == "append" else (_flatten(value),))
                frame.env[name] = Seq(items)
            return None
        if receiver is None or isinstance(receiver, Seq):
            if method in ("fit", "fit_generator") and self._is_keras_fit(call):
                obj = self._obj("model", None, None)
                name = dotted_name(call.receiver)
                if name is not None:
                    frame.env[name] = obj
                return self._object_method(call, obj, frame, method)
        return _rows_of_argument(method, self._args(call, frame))

    def _is_keras_fit(self, call: CallFact) -> bool:
        if self._keras_fit_nodes is None:
            from tflint.analysis.keras_calls import keras_facts

            self._keras_fit_nodes = {id(f.call.node) for f in keras_facts(self.facts).fits}
        found = id(call.node) in self._keras_fit_nodes
        return self._noted(("keras-fit", id(call.node)), (call, found), found)

    def _first_data(self, call: CallFact, frame: _Frame, keywords=("X", "x", "raw_documents", "texts", "data", "dataset", "sequences")):
        for key in keywords:
            if key in call.keywords:
                arg = call.keywords[key]
                return _rows_of_list(self._ev(arg.value, frame)), arg.value
        if call.positional:
            arg = call.positional[0]
            return _rows_of_list(self._ev(arg.value, frame)), arg.value
        return None, None

    def _augment(self, call: CallFact, obj: Obj | None, frame: _Frame) -> Any:
        """An augmentation applied to rows: one copy of them each, tagged by the event."""
        data, node = self._first_data(call, frame, ("image", "images", "img", "x", "X", "data"))
        for key, arg in call.keywords.items():
            if arg.value is not node:
                self._ev(arg.value, frame)
        if not isinstance(data, Data):
            return None
        obj = obj or self._obj("augmenter", call.callee, call)
        event = self._record("fit", "sampler", call, obj, data, node, frame)
        event.output = data.with_(augmented=data.augmented | {event.step})
        if "image" in call.keywords:  # albumentations: aug(image=x) returns {"image": ...}
            return DictVal({"image": event.output})
        return event.output

    def _object_method(self, call: CallFact, obj: Obj, frame: _Frame, method: str) -> Any:
        category = obj.category
        if category == "augmenter":
            if method in ("__call__", "flow", "augment_images", "augment"):
                return self._augment(call, obj, frame)
            self._args(call, frame)
            if method in L.DIRECTORY_READ_METHODS:
                data = self._fresh(("call", id(call.node)))  # gen.flow_from_directory("data/test"): new rows
                self._note_test_read(call, data)
                return data
            return None
        if category == "splitter":
            if method == "split":
                data, _ = self._first_data(call, frame)
                for arg in call.node.args[1:]:
                    self._ev(arg.value, frame)
                split = self._new_split(f"{obj.short}.split", call.node, shuffled=obj.shuffled)
                split.heldout_step = split.step
                if isinstance(data, Data):
                    split.inputs.update(data.atoms)
                    split.input_values.append(data)
                return SplitIter(split)
            self._args(call, frame)
            return None
        model_like = obj.has_estimator
        if category == "sampler" and method in L.RESAMPLE_METHODS:
            data, node = self._first_data(call, frame)
            rest = [self._ev(a.value, frame) for a in call.positional[1:]]
            y = rest[0] if rest else self._data_arg(call, frame, ("y",), 99)
            event = self._record("fit", "sampler", call, obj, data, node, frame)
            tag = frozenset({event.step})
            out_x = data.with_(resampled=data.resampled | tag) if isinstance(data, Data) else None
            out_y = y.with_(resampled=y.resampled | tag) if isinstance(y, Data) else None
            event.output = out_x
            return Seq((out_x, out_y))
        if method == "add" and category == "model":
            for value in self._args(call, frame):
                obj.steps.extend(_objects_in(value))
            return None
        if not model_like and method in L.FIT_METHODS:
            data, node = self._first_data(call, frame)
            target = self._data_arg(call, frame, ("y",), 1)
            event = self._record("fit", "transformer", call, obj, data, node, frame, target=target)
            if method == "fit_transform" and isinstance(data, Data):
                event.output = data.with_(transformed=data.transformed | {obj.id})
                return event.output
            return obj if method == "fit" else None
        if not model_like and method in L.APPLY_METHODS:
            data, node = self._first_data(call, frame)
            if obj.category == "transformer" and obj.steps and not any(
                e.kind == "fit" and e.obj is obj for e in self.events
            ):
                # SelectFromModel(clf, prefit=True).transform(X): its state is the wrapped model's fit
                fit = self._last_fit(obj)
                if fit is not None:
                    self._record("fit", "transformer", call, obj, fit.data, fit.data_node, frame)
            self._record("use", "apply", call, obj, data, node, frame)
            return data.with_(transformed=data.transformed | {obj.id}) if isinstance(data, Data) else None
        if model_like and method in ("fit", "fit_generator", "partial_fit", "train_on_batch", "search", "fit_transform", "fit_predict"):
            data, node = self._first_data(call, frame)
            target = self._data_arg(call, frame, ("y",), 1)
            validation_node = call.value("validation_data")
            validation = self._ev(validation_node, frame) if validation_node is not None else None
            for key, arg in call.keywords.items():
                if key not in ("x", "X", "y", "validation_data"):
                    self._ev(arg.value, frame)
            has_validation = validation_node is not None or "validation_split" in call.keywords
            if obj.category == "search" and method == "fit":
                self.cv_calls.append(call)
                if isinstance(data, Data):
                    split = self._new_split(f"{obj.short}.fit", call.node, internal=True, shuffled=False)
                    split.heldout_step = split.step
                    split.inputs.update(data.atoms)
                    split.input_values.append(data)
            event = self._record(
                "fit", "model", call, obj, data, node, frame, target=target, validation=validation,
                validation_node=validation_node, has_validation=has_validation,
            )
            if method in ("fit_transform", "fit_predict") and isinstance(data, Data):
                event.output = data.with_(transformed=data.transformed | {obj.id})
                return event.output
            return obj if method != "search" else None
        if model_like and method in L.EVAL_METHODS | {"transform"}:
            data, node = self._first_data(call, frame)
            for arg in call.node.args[1:]:
                self._ev(arg.value, frame)
            self._record("use", "eval" if method != "transform" else "apply", call, obj, data, node, frame)
            if isinstance(data, Data) and method not in ("score", "evaluate"):
                return data.with_(transformed=data.transformed | {obj.id})
            return None
        self._args(call, frame)
        return None

    def _data_method(self, call: CallFact, data: Data, frame: _Frame, method: str) -> Any:
        if method in L.CALLBACK_METHODS and call.positional and isinstance(
            call.positional[0].value, (cst.Lambda, cst.Name)
        ):
            result = self._callback(call.positional[0].value, data, frame, call)
            for arg in call.node.args[1:]:
                self._ev(arg.value, frame)
            if isinstance(result, Data):  # ds.take(n).map(augment) is still the split's side
                return data.with_(transformed=data.transformed | result.transformed, fresh=data.fresh)
            if isinstance(result, Stat) and method in ("agg", "aggregate", "apply"):
                return result
            if not isinstance(call.positional[0].value, cst.Name) or isinstance(self._ev(call.positional[0].value, frame), FuncRef):
                return data if method in L.DATASET_PASS_METHODS else data.plain()
        args = self._args(call, frame)
        rows = _rows_of_argument(method, args)
        if rows is not None:  # an object tflint does not know: transform(X) still holds X's rows
            return rows
        if method in ("take", "skip") and call.positional:
            bound = call.positional[0].value
            split = self._slice_split("take/skip", bound, head=method == "take", where=call.node)
            split.reshuffled = split.reshuffled or data.reshuffled
            return self._apply_side(data.with_(reshuffled=None), split, TRAIN if method == "take" else HELD)
        if method == "shuffle":
            again = call.value("reshuffle_each_iteration")
            if again is None or _literal(again) is True:  # the default: a new order every epoch
                return data.with_(reshuffled=call.node)
            return data.with_(reshuffled=None)
        if method == "cache":
            return data.with_(reshuffled=None)  # the first epoch's order is kept
        if method == "drop" and args:
            # test = df.drop(train.index), where train = df.sample(frac=0.8)
            for value in args:
                side = _single_split_side(value) if isinstance(value, Data) else None
                split = self._split_by_id(side[0]) if side else None
                if split is not None and split.kind == "sample" and side[1] == TRAIN:
                    split.tail_seen = True
                    split.heldout_step = self._next_step()
                    return self._apply_side(data, split, HELD)
            return data.plain()
        if method in L.DIRECTORY_READ_METHODS:
            data = self._fresh(("call", id(call.node)))  # gen.flow_from_directory("data/test"): new rows
            self._note_test_read(call, data)
            return data
        if method == "query" and call.positional:
            return self._filter(data, call.positional[0].value)
        if method == "sample":
            frac = call.value("frac")
            value = _literal(frac) if frac is not None else None
            if isinstance(value, (int, float)) and 0 < value < 1:
                split = self._new_split("sample", call.node, shuffled=True, tail_seen=False)
                return self._apply_side(data, split, TRAIN)
            return data.plain()
        if method in L.STATISTIC_METHODS:
            receiver = call.receiver
            if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute) and (
                receiver.func.attr.value in L.WINDOW_METHODS
            ):
                return data.plain()  # sales.resample("D").mean(), s.rolling(7).mean(): rows, one per window
            return Stat(data, call, call.receiver, f"{method}()")
        stat = next((st for a in args for st in _stats_in(a)), None)
        if stat is None and method in L.GROUP_APPLY_METHODS and call.positional:
            # df.groupby(k)[c].transform("mean"): per-row statistics of all the rows
            name = self._statistic_named(call.positional[0].value, frame)
            if name is not None:
                stat = Stat(data, call, call.receiver, f"{method}({name!r})")
                if method in ("agg", "aggregate"):
                    return stat
        if stat is not None and method not in L.MASK_METHODS:
            # df.fillna(df.mean()), X.clip(X.quantile(.01), ...), df.replace(np.nan, df.mean()),
            # df[k].map(df.groupby(k)[c].mean()): the statistic acts as a fitted imputer or encoder
            return self._statistic_fit(stat, data, frame)
        if method in L.TIME_FEATURE_METHODS:
            return data.with_(ts=data.ts or call.node)
        if method in ("sort_values", "set_index", "sort_index"):
            keys = [_literal(a.value) for a in call.node.args if a.keyword is None or a.keyword.value in ("by", "keys")]
            flat: list = []
            for key in keys:
                flat.extend(key if isinstance(key, (list, tuple)) else [key])
            date_like = any(isinstance(k, str) and _is_date_word(k) for k in flat)
            if date_like or method == "sort_index" and data.dated:
                return data.with_(ts=data.ts or call.node, dated=True)
            return data.plain()
        if method in L.COMBINE_METHODS:
            parts = [data, *(d for a in args for d in _flatten_parts(a))]
            return _with_copies(_join(*parts, union=True, rows_only=True).plain(), parts)
        if method in ("split", "items", "keys", "iterrows"):
            return None
        if method in L.DATASET_PASS_METHODS:
            return data  # ds.take(n).batch(32).prefetch(1) is still the split's side
        return data.plain()


# --------------------------------------------------------------------------
# helpers


#: Knowledge table -> what a constructor from it builds (first match wins).
_CATEGORY_TABLES = (
    (SK.TRANSFORMERS, "transformer"),
    (SK.CATEGORY_ENCODERS, "encoder"),
    (SK.LABEL_ENCODERS, "label"),
    (SK.STATELESS_TRANSFORMERS, "stateless"),
    (L.ADAPT_LAYERS, "adapt"),
    (L.TOKENIZERS, "tokenizer"),
    (L.SAMPLERS, "sampler"),
    (SK.SEARCHES, "search"),
    (SK.PIPELINES, "pipeline"),
    (SK.SPLITTERS, "splitter"),
)


def _category(callee: str) -> str | None:
    for table, category in _CATEGORY_TABLES:
        if callee in table:
            return category
    parts = callee.split(".")
    if len(parts) >= 3 and parts[-1][:1].isupper():
        # imported from its defining module: category_encoders.glmm.GLMMEncoder, feature_engine.imputation.mean_median.X
        public = ".".join(parts[:-2] + parts[-1:])
        for table, category in _CATEGORY_TABLES:
            if public in table:
                return category
    if callee.startswith(L.AUGMENTER_PREFIXES) and callee.rsplit(".", 1)[-1][:1].isupper() or callee in L.AUGMENTERS:
        return "augmenter"
    if callee.startswith(L.TUNER_PREFIXES):
        return "tuner" if callee.rsplit(".", 1)[-1][:1].isupper() else None
    if callee in K.MODEL_CONSTRUCTORS or callee.startswith(K.APPLICATIONS_PREFIX) or callee in SK.ESTIMATORS:
        return "model"
    last = callee.rsplit(".", 1)[-1]
    if last[:1].isupper():
        if callee.startswith(SK.ESTIMATOR_PREFIXES):
            return "model"
        if callee.startswith(SK.THIRD_PARTY_ESTIMATOR_PREFIXES) and last.endswith(SK.ESTIMATOR_SUFFIXES):
            return "model"
    return None


#: methods whose result holds the rows of their first argument, whatever the object learned
_ROW_PRESERVING_METHODS = frozenset({"transform", "fit_transform", "inverse_transform"})


_TRAIN_WORDS = frozenset({"train", "training", "tr", "trn", "fit"})
_HELD_WORDS = frozenset({"test", "testing", "te", "tst", "val", "valid", "validation", "va", "holdout", "heldout", "dev", "eval"})


def _side_word(name: str) -> int | None:
    """TRAIN or HELD when a variable's name says which side of a split it is (``X_valid``, ``train_df``)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z][a-z]*|[A-Z]+(?![a-z])", name.rsplit(".", 1)[-1])}
    words |= {part.lower() for part in re.split(r"[^A-Za-z]+", name.rsplit(".", 1)[-1]) if part}
    train, held = bool(words & _TRAIN_WORDS), bool(words & _HELD_WORDS)
    if train != held:
        return TRAIN if train else HELD
    return None


def _rows_of_argument(method: str, args: list) -> Data | None:
    if method in _ROW_PRESERVING_METHODS and args and isinstance(args[0], Data):
        return args[0].plain()
    return None


def _literal(node: cst.CSTNode | None) -> Any:
    if isinstance(node, cst.SimpleString):
        value = string_value(node)
        return value if isinstance(value, str) else None
    if isinstance(node, cst.Integer):
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return None
    if isinstance(node, cst.Float):
        return float(node.value.replace("_", ""))
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Minus):
        value = _literal(node.expression)
        return -value if isinstance(value, (int, float)) else None
    if isinstance(node, cst.Name) and node.value in ("True", "False"):
        return node.value == "True"
    if isinstance(node, (cst.List, cst.Tuple)):
        return [_literal(e.value) for e in node.elements]
    return None


def _is_mask(node: cst.CSTNode) -> bool:
    """A boolean row mask: ``df.a > 0``, ``(m1) & ~m2``, ``df.col.isin(...)``, ``df.b.notna()``."""
    if isinstance(node, cst.Comparison):
        return True
    if isinstance(node, cst.UnaryOperation) and isinstance(node.operator, (cst.BitInvert, cst.Not)):
        return _is_mask(node.expression)
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, (cst.BitAnd, cst.BitOr, cst.BitXor)):
        return _is_mask(node.left) or _is_mask(node.right)
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
        return node.func.attr.value in L.MASK_METHODS
    return False


#: Comparison operators -> (family, sign): ``a < b`` and ``a >= b`` are one family with opposite signs.
_COMPLEMENTS = {
    cst.LessThan: ("lt", True), cst.GreaterThanEqual: ("lt", False),
    cst.LessThanEqual: ("le", True), cst.GreaterThan: ("le", False),
    cst.Equal: ("eq", True), cst.NotEqual: ("eq", False),
}


def _draws_random(node: cst.CSTNode) -> bool:
    """Whether a mask expression draws random numbers (``np.random.rand(n) < 0.8``): a shuffled split."""
    return any(
        isinstance(n, cst.Attribute) and "rand" in n.attr.value or isinstance(n, cst.Name) and "rand" in n.value
        for n in _walk(node)
    )


def _walk(node: cst.CSTNode, limit: int = 200):
    stack, seen = [node], 0
    while stack and seen < limit:
        cur = stack.pop()
        seen += 1
        yield cur
        stack.extend(cur.children)


def _path_says_test(path: str) -> bool:
    """``"data/test"``, ``"../input/test.csv"``, ``"chest_xray/test/"``: a path naming test data."""
    parts = [p for p in re.split(r"[/\\]+", path) if p]
    words = {w for part in parts[-2:] for w in re.split(r"[^a-z0-9]+", part.lower())}
    return bool(words & {"test", "testing", "holdout"})


def _is_date_word(text: str) -> bool:
    low = text.lower()
    return any(word in low for word in L.DATE_WORDS)


def _target_names(target: cst.CSTNode) -> list[str]:
    if isinstance(target, (cst.Tuple, cst.List)):
        out: list[str] = []
        for el in target.elements:
            out.extend(_target_names(el.value))
        return out
    name = dotted_name(target)
    return [name] if name else []


def _single_split_side(data: Data) -> tuple[int, int] | None:
    """(split id, side) when every atom of ``data`` ends with the same split side."""
    sides = {path[-1] for _, path in data.atoms if path}
    if len(sides) == 1 and all(path for _, path in data.atoms):
        return next(iter(sides))
    return None


def _element(value: Any) -> Any:
    """One element of an iterable value (a loop target)."""
    if isinstance(value, SplitIter):
        return Seq((Indices(value.split, TRAIN), Indices(value.split, HELD)))
    if isinstance(value, Enumerated):
        return Seq((None, _element(value.inner)))
    if isinstance(value, Data):
        return value.with_(one=True)  # for text in df["text"]: each element is one of df's rows
    if isinstance(value, Stat) and value.learned:
        return value  # each coefficient is still learned from the rows
    if isinstance(value, Zipped):
        return Seq(tuple(_element(v) for v in value.items))
    if isinstance(value, Seq) and value.items:
        first = value.items[0]
        if all(isinstance(v, Obj) for v in value.items):
            return first
        if all(isinstance(v, (Seq, SplitIter, Enumerated)) for v in value.items):
            # zip(a, b): one element from each
            return Seq(tuple(_element(v) for v in value.items))
        if any(isinstance(v, Stat) and v.learned for v in value.items):
            # zip(X.columns, rf.feature_importances_): the importance stays learned
            return Seq(tuple(_element(v) if isinstance(v, (Seq, SplitIter, Enumerated, Stat)) else None
                             for v in value.items))
    return None


def _stacks_rows(facts: FileFacts, call: CallFact) -> bool:
    """``pd.concat(parts)`` / ``np.concatenate(parts)`` along the rows (not ``axis=1``, which joins columns)."""
    axis = call.value("axis")
    return axis is None or facts.const(axis, call.scope, call.order) in (0, "index", "rows")


def _copied_part(parts: list) -> int | None:
    """The index of a part whose rows an earlier part already holds (the same rows, or a subset of them)."""
    for j, later in enumerate(parts):
        if later.augmented:
            continue  # augmented copies beside their originals: an augmenter's finding (_with_copies)
        for earlier in parts[:j]:
            if not earlier.augmented and (_rows_within(later, earlier) or _rows_within(earlier, later)):
                return j
    return None


def _rows_within(inner: Data, outer: Data) -> bool:
    """Every row of ``inner`` is a row of ``outer``: same data sets, and ``outer``'s sides a prefix of ``inner``'s."""
    return bool(inner.atoms) and all(
        any(base == b and path[: len(p)] == p for b, p in outer.atoms) for base, path in inner.atoms
    )


def _part_node(node: cst.BaseExpression, index: int, count: int) -> cst.BaseExpression:
    """The expression of part ``index`` when the parts are written out as a list, else the whole argument."""
    if isinstance(node, (cst.List, cst.Tuple)) and len(node.elements) == count:
        return node.elements[index].value
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Multiply):
        for side in (node.left, node.right):
            if isinstance(side, (cst.List, cst.Tuple)) and len(side.elements) == 1:
                return side.elements[0].value
    if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        for side in (node.right, node.left):
            if isinstance(side, cst.BinaryOperation):
                return _part_node(side, 0, 1)
    return node


def _flatten(value: Any, depth: int = 0) -> Any:
    """The rows inside a container value (``pd.concat([a, b])``)."""
    if isinstance(value, Seq) and depth < 4:
        return _join(*(_flatten(v, depth + 1) for v in value.items), union=True, rows_only=True)
    if isinstance(value, DictVal) and depth < 4:
        return _join(*(_flatten(v, depth + 1) for v in value.items.values()), union=True, rows_only=True)
    return value


def _items(value: Any) -> tuple:
    return value.items if isinstance(value, Seq) else ()


def _rows_of_list(value: Any) -> Any:
    """A list built from rows (``corpus.append(clean(t))``, ``[f(t) for t in texts]``) holds those rows."""
    if isinstance(value, Seq) and value.items:
        rows = _flatten(value)
        if isinstance(rows, Data) and len(rows.atoms) <= _MAX_LIST_ATOMS:
            return _with_copies(rows.with_(one=False), _flatten_parts(value))
    return value


def _flatten_parts(value: Any, depth: int = 0) -> list:
    """The row values inside a container (each part apart, for ``_with_copies``)."""
    if isinstance(value, Data):
        return [value]
    if isinstance(value, Seq) and depth < 4:
        return [d for v in value.items for d in _flatten_parts(v, depth + 1)]
    return []


def _with_copies(rows: Any, parts: list) -> Any:
    """Augmented copies put next to their originals are duplicated rows: tag them as resampled.

    ``np.concatenate([X, flip(X)])`` or ``out.append(img); out.append(aug(img))``: a split of the
    result puts a copy of a test image in training. One augmented copy per row, alone, is not.
    """
    if not isinstance(rows, Data):
        return rows
    tags: set = set()
    for part in parts:
        for tag in part.augmented:
            if any(tag not in other.augmented and other.atoms & part.atoms for other in parts):
                tags.add(tag)
    if not tags:
        return rows
    return rows.with_(resampled=rows.resampled | tags, augmented=rows.augmented - tags)


def _stats_in(value: Any) -> list[Stat]:
    """Statistics given as a value or inside a literal dict or list (``fillna({"age": df.age.mean()})``)."""
    if isinstance(value, Stat):
        return [value]
    if isinstance(value, DictVal):
        return [v for v in value.items.values() if isinstance(v, Stat)]
    if isinstance(value, Seq):
        return [v for v in value.items if isinstance(v, Stat)]
    return []


def _objects_in(value: Any, depth: int = 0) -> list[Obj]:
    if isinstance(value, Obj):
        return [value]
    if isinstance(value, Seq) and depth < 4:
        return [o for v in value.items for o in _objects_in(v, depth + 1)]
    if isinstance(value, DictVal) and depth < 4:
        return [o for v in value.items.values() for o in _objects_in(v, depth + 1)]
    return []


def _join(*values: Any, union: bool = False, rows_only: bool = False) -> Any:
    """Combine values: rows are united, objects and containers keep the first/last known."""
    datas = [v for v in values if isinstance(v, Data)]
    if datas:
        if len(datas) == 1:
            return datas[0].plain() if len(values) > 1 else datas[0]
        atoms = frozenset().union(*(d.atoms for d in datas))
        return Data(
            atoms,
            frozenset().union(*(d.resampled for d in datas)),
            frozenset().union(*(d.transformed for d in datas)),
            next((d.ts for d in datas if d.ts is not None), None),
            any(d.dated for d in datas),
            augmented=frozenset().union(*(d.augmented for d in datas)),
        )
    if rows_only:
        return None
    known = [v for v in values if v is not None]
    if not known:
        return None
    seqs = [v for v in known if isinstance(v, Seq)]
    if len(seqs) == len(known) and len({len(s.items) for s in seqs}) == 1 and len(seqs) > 1:
        return Seq(tuple(_join(*parts) for parts in zip(*(s.items for s in seqs))))
    return known[-1]


def _is_static(fn: FunctionFact) -> bool:
    return any(dotted_name(d.decorator) == "staticmethod" for d in fn.node.decorators)


_UNITS_KEY = "provenance.units"  # FileFacts.reuse key of the unit records
_UNSTABLE = object()


@dataclass(eq=False)
class _UnitRecord:
    """A function unit that added nothing last time, and what it read from outside its body.

    ``checks`` pairs each read (a module name, an import, a function or class
    looked up, how a call resolved, ...) with what it gave; ``made`` lists the
    data sets it created (their keys and flags) and ``inlined`` the helpers it
    ran, so that skipping it leaves the analysis as running it would have.
    """

    fn: FunctionFact
    checks: tuple
    made: tuple
    inlined: tuple


class _NotedEnv(dict):
    """The module's names while function units run in the editor: each read is noted for the unit's record."""

    __slots__ = ("flow", "written")

    def __init__(self, names: dict, flow: "DataFlow"):
        super().__init__(names)
        self.flow = flow
        self.written = False

    def _note(self, name: str) -> Any:
        value = dict.get(self, name, _MISSING)
        if self.flow._reads is not None:
            self.flow._reads[("env", name)] = value
        return value

    def __contains__(self, name: object) -> bool:
        return self._note(name) is not _MISSING  # type: ignore[arg-type]

    def __getitem__(self, name: str) -> Any:
        value = self._note(name)
        if value is _MISSING:
            raise KeyError(name)
        return value

    def get(self, name: str, default: Any = None) -> Any:
        value = self._note(name)
        return default if value is _MISSING else value

    def __setitem__(self, name: str, value: Any) -> None:
        self.written = True
        dict.__setitem__(self, name, value)

    def pop(self, name: str, *default: Any) -> Any:
        self.written = True
        return dict.pop(self, name, *default)

    def __delitem__(self, name: str) -> None:
        self.written = True
        dict.__delitem__(self, name)

    def setdefault(self, name: str, default: Any = None) -> Any:
        self.written = True
        return dict.setdefault(self, name, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self.written = True
        dict.update(self, *args, **kwargs)


def _env_token(value: Any) -> Any:
    """What a module name held, in a form that compares across runs; _UNSTABLE for rows and objects."""
    if value is None or value is _MISSING:
        return value
    if isinstance(value, ModuleRef):
        return ("module", value.name)
    if isinstance(value, FuncRef):
        return value.fn  # the same FunctionFact while its chunk is not walked again
    return _UNSTABLE


_SHORT_NAMES: dict | None = None


def _short_names() -> dict:
    """Last part of each API the interpreter knows -> its canonical name, for spellings of one kind only."""
    global _SHORT_NAMES
    if _SHORT_NAMES is None:
        kinds: dict[str, dict[str, str]] = {}
        tables = [*_CATEGORY_TABLES, (SK.ESTIMATORS, "model"), (K.MODEL_BASES, "model"), (SK.FUNCTIONAL_TRANSFORMS, "function"),
                  ({SK.TRAIN_TEST_SPLIT}, "split"),
                  (SK.CROSS_VALIDATION, "cv")]
        for table, kind in tables:
            for name in sorted(table):
                kinds.setdefault(name.rsplit(".", 1)[-1], {}).setdefault(kind, name)
        _SHORT_NAMES = {short: next(iter(by.values())) for short, by in kinds.items() if len(by) == 1}
    return _SHORT_NAMES


def dataflow(facts: FileFacts) -> DataFlow:
    """The file's data flow, computed once and cached on the facts."""
    return facts.derived(DataFlow)
