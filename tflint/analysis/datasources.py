"""Where training data comes from: label encodings and raw (unscaled) inputs.

Follows the ``x``/``y`` handed to a ``fit`` back through assignments, tuple
unpacking (``load_data()``, ``train_test_split``) and value-keeping steps
(``astype``, ``reshape``, column selection, dataset ``cache``/``prefetch``)
to where the data was made. Any step it does not know ends the trail with
"cannot tell" (None), and so does any arithmetic: ``x / 255`` may be the
scaling itself. Cached on the facts (``data_facts``).
"""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from tflint.analysis.facts import AssignFact, CallFact, FileFacts, Scope, dotted_name, string_value
from tflint.knowledge import dataprep as D
from tflint.knowledge import models as M
from tflint.analysis.models import model_facts

_MAX_STEPS = 40
_NOT_VALUES = (cst.For, cst.WithItem, cst.FunctionDef, cst.ClassDef, cst.Import, cst.ImportFrom)


@dataclass(frozen=True)
class _Origin:
    """Where a traced value comes from: a call, or one element of an unpacked assignment."""

    node: cst.CSTNode
    call: CallFact | None  # the call that made the value (None when ``position`` is set)
    position: tuple[int, ...]  # the target's place in a tuple-unpacking assignment, else ()
    via_data: bool  # the value was read through ``bunch.data`` on the way
    indexed: bool = False  # the call's result was subscripted on the way (``np.eye(k)[y]``)
    one_column: bool = False  # ``table["col"]`` / ``table[["col"]]`` on the way: a single feature
    via_target: bool = False  # read through ``bunch.target`` / ``bunch["target"]``: a bundled data set's labels


@dataclass(frozen=True)
class Labels:
    encoding: str  # onehot, int, binary, continuous
    classes: int | None
    node: cst.CSTNode  # where the encoding was decided
    what: str  # human-readable source, e.g. "to_categorical()"


@dataclass(frozen=True)
class RawSource:
    kind: str  # images, table
    node: cst.CSTNode  # the call that produced the raw data
    what: str
    one_column: bool = False  # one column was selected from it: nothing to dominate


_STACKS = frozenset({"numpy.vstack", "numpy.hstack", "numpy.concatenate", "numpy.stack", "numpy.append"})
_IDENTITY_MATRICES = frozenset({"numpy.eye", "numpy.identity"})
_FILLS = frozenset({"numpy.zeros", "numpy.ones", "numpy.zeros_like", "numpy.ones_like"})


class DataFacts:
    def __init__(self, facts: FileFacts):
        self.facts = facts
        self.mf = model_facts(facts)

    # -- one step back ---------------------------------------------------------
    def _modified_in_place(self, name: str, binding: AssignFact, before: int) -> bool:
        """``x /= 255`` or ``x[...] = ...`` between the binding and the use."""
        for key in (name, name + "[]", name + ".loc[]", name + ".iloc[]"):
            for a in self.facts.assignments_by_name.get(key, ()):
                if a is binding:
                    continue
                if (a.augmented or key != name) and a.scope is binding.scope and binding.order <= a.order < before:
                    if key != name and not a.augmented and self._keeps_scale(a.value, a.scope, a.order):
                        continue  # X["sex"] = X["sex"].map({...}): a column re-encoded, not rescaled
                    return True
        return False

    def _keeps_scale(self, value, scope: Scope, before: int) -> bool:
        """Is a written column known not to rescale anything (an encoding, a type change, a constant)?"""
        if value is None:
            return False
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return True
        if isinstance(value, cst.Attribute) and value.attr.value == "codes":
            return True  # df[c].cat.codes
        if not isinstance(value, cst.Call):
            return False
        call = self.facts.call_of(value)
        if call is None:
            return False
        if call.callee is None and call.method in D.ENCODING_METHODS:
            return True
        if call.callee in D.ENCODING_FUNCTIONS:
            return True
        if call.callee is None and call.method in ("fit_transform", "transform") and call.receiver is not None:
            return self._constructor(call.receiver, call.scope, call.order) in D.ENCODERS_KEEPING_SCALE
        return False

    def _step(self, node, scope: Scope, before: int):
        """Resolve a name one assignment back: (value, scope, order, position), "modified" or None.

        ``position`` is the index of the name among tuple-unpacked targets
        (``(x, y), (xt, yt) = load_data()`` gives (0, 1) for ``y``).
        """
        name = dotted_name(node)
        if name is None:
            return None
        found = self.mf.binding(name, scope, before)
        if found is None or found.value is None or len(found.targets) != 1 or isinstance(found.node, _NOT_VALUES):
            return None
        if found.augmented or self._modified_in_place(name, found, before):
            return "modified"
        target = found.targets[0]
        if isinstance(target, (cst.Name, cst.Attribute)):
            return found.value, found.scope, found.order, ()
        position = _position_in(target, name)
        if position is None:
            return None
        value = found.value
        if len(position) == 1 and isinstance(value, (cst.Tuple, cst.List)) and isinstance(target, (cst.Tuple, cst.List)):
            # a, b = f(a), g(b): element by element
            if len(value.elements) != len(target.elements) or any(isinstance(e, cst.StarredElement) for e in value.elements):
                return None
            return value.elements[position[0]].value, found.scope, found.order, ()
        return value, found.scope, found.order, position

    # -- labels ------------------------------------------------------------------
    def labels_of_fit(self, call: CallFact) -> Labels | None:
        if call.has_star_args:
            return None
        y = call.value("y", 1)
        if y is not None:
            return self.labels(y, call.scope, call.order)
        x = call.value("x", 0)
        return self._dataset_labels(x, call.scope, call.order) if x is not None else None

    def labels(self, node, scope: Scope, before: int) -> Labels | None:
        facts = self.facts
        column_taken = False  # ``frame.pop("target")`` on the way back: one column, not the frame's encoding
        for _ in range(_MAX_STEPS):
            origin = self._origin(node, scope, before)
            if origin is None:
                return None
            if origin.position:
                return self._unpacked_labels(origin.node, origin.position)
            node, call = origin.node, origin.call
            callee = call.callee
            if origin.via_target:  # load_iris().target: the bundled data set's labels, or nothing known
                return _bundled_labels(callee, node)
            if callee in M.TO_CATEGORICAL:
                classes = facts.const_of_call_arg(call, "num_classes", 1)
                if not isinstance(classes, int) or isinstance(classes, bool):
                    classes = None
                    inner = call.value("x", 0)
                    if inner is not None and not call.has_arg("num_classes"):
                        found = self.labels(inner, call.scope, call.order)
                        classes = found.classes if found is not None and found.encoding == "int" else None
                return Labels("onehot", classes, node, "to_categorical()")
            if callee in M.ONE_HOT_FUNCTIONS:
                depth = facts.const_of_call_arg(call, "depth", 1)
                classes = depth if isinstance(depth, int) and not isinstance(depth, bool) else None
                return Labels("onehot", classes, node, "one_hot()")
            if callee == "pandas.get_dummies":
                if call.has_arg("columns") or column_taken:
                    return None  # some columns of a table encoded, and one column taken back out
                return Labels("onehot", None, node, "pd.get_dummies()")
            if callee in _IDENTITY_MATRICES and origin.indexed and len(call.positional) == 1 and not call.keywords:
                # np.eye(k)[y]: row y of the identity matrix is the one-hot vector of class y
                size = facts.const(call.positional[0].value, call.scope, call.order)
                classes = size if isinstance(size, int) and not isinstance(size, bool) and size > 1 else None
                return Labels("onehot", classes, node, f"{callee.replace('numpy.', 'np.')}(...)[y]")
            column_taken = column_taken or _pops_a_column(call)
            if call.method in ("fit_transform", "transform") and call.callee is None and call.receiver is not None:
                encoder = self._constructor(call.receiver, call.scope, call.order)
                if encoder in M.ONE_HOT_ENCODERS:
                    return Labels("onehot", None, node, "OneHotEncoder")
                if encoder in M.INTEGER_ENCODERS:
                    return Labels("int", None, node, "LabelEncoder")
                return None
            if callee in M.RANDOM_INTEGERS or (
                call.method == "integers" and callee is None
                and self._constructor(call.receiver, call.scope, call.order) in M.RANDOM_GENERATORS
            ):
                return self._random_labels(call)
            if callee in _STACKS and self._zeros_and_ones(call):
                return Labels("binary", 2, node, "stacked zeros and ones")
            keep = self._kept_value(call)
            if keep is None:
                return None
            node, scope, before = keep, call.scope, call.order
        return None

    def _zeros_and_ones(self, call: CallFact) -> bool:
        """``np.vstack((np.zeros(...), np.ones(...)))``: 0/1 class labels built by hand."""
        parts = call.value("tup", 0) or call.value("arrays", 0)
        if not isinstance(parts, (cst.Tuple, cst.List)) or len(parts.elements) < 2:
            return False
        made = set()
        for element in parts.elements:
            origin = self.facts.origin(element.value, call.scope, call.order)
            fact = self.facts.call_of(origin) if isinstance(origin, cst.Call) else None
            if fact is None or fact.callee not in _FILLS:
                return False
            made.add(fact.callee.rsplit(".", 1)[-1].removesuffix("_like"))
        return made == {"zeros", "ones"}

    def _origin(self, node, scope: Scope, before: int) -> _Origin | None:
        """Follow a value back through names, subscripts and ``.values`` to the call that made it.

        Labels and raw inputs are traced the same way up to that call; what
        each makes of the call differs. None: not a call, or not known.
        """
        via_data = indexed = one_column = via_target = False
        for _ in range(_MAX_STEPS):
            if _is_target_of(node):
                via_target = True
                node = node.value
                continue
            if isinstance(node, (cst.Name, cst.Attribute)) and dotted_name(node) is not None and not _is_values(node):
                step = self._step(node, scope, before)
                if step is None or step == "modified":
                    return None
                node, scope, before, position = step
                if position:
                    inner = self._returned_element(node, position)
                    if inner is not None:  # X, y = load(path): the element ``load`` returns there
                        node, scope, before = inner
                        continue
                    return _Origin(node, None, position, via_data, indexed=indexed, one_column=one_column)
                continue
            if isinstance(node, cst.Subscript):
                one_column = one_column or _selects_one_column(node)
                node = node.value
                indexed = True
                continue
            if _is_values(node):
                via_data = via_data or node.attr.value == "data"
                node = node.value
                continue
            if not isinstance(node, cst.Call):
                return None
            call = self.facts.call_of(node)
            if call is None or call.has_star_args:
                return None
            fn = self._local_function(call)
            if fn is not None:  # X = load(path): what ``load`` returns
                node, scope, before = fn.returns[0], fn.scope, _END_OF_SCOPE
                continue
            return _Origin(node, call, (), via_data, indexed=indexed, one_column=one_column, via_target=via_target)
        return None

    def _local_function(self, call: CallFact):
        """The module-level function of this file ``call`` runs, when it returns from one place only."""
        name = call.func_text
        if call.callee is not None or not name or "." in name:
            return None
        fn = self.facts.functions.get(name)
        return fn if fn is not None and len(fn.returns) == 1 and fn.returns[0] is not None else None

    def _returned_element(self, node, position: tuple[int, ...]):
        """``a, b = helper()`` where ``helper`` ends with ``return x, y``: (element, its scope, order)."""
        call = self.facts.call_of(node) if isinstance(node, cst.Call) else None
        fn = self._local_function(call) if call is not None and not call.has_star_args else None
        if fn is None or len(position) != 1:
            return None
        returned = fn.returns[0]
        if not isinstance(returned, (cst.Tuple, cst.List)) or len(returned.elements) <= position[0]:
            return None
        element = returned.elements[position[0]]
        if isinstance(element, cst.StarredElement):
            return None
        return element.value, fn.scope, _END_OF_SCOPE

    def _random_labels(self, call: CallFact) -> Labels | None:
        """``randint(0, 10)`` / ``rng.integers(10)``: integer labels of 10 classes."""
        values = [self.facts.const(a.value, call.scope, call.order) for a in call.positional[:2]]
        if "low" in call.keywords or "high" in call.keywords or not values:
            return None
        if len(values) == 1:
            low, high = 0, values[0]
        else:
            low, high = values
        if low != 0 or not isinstance(high, int) or isinstance(high, bool) or high < 2:
            return None
        return Labels("int", high, call.node, f"random integers below {high}")

    def _unpacked_labels(self, value, position: tuple[int, ...]) -> Labels | None:
        call = self.facts.call_of(value) if isinstance(value, cst.Call) else None
        if call is None:
            return None
        callee = self._loader(call)
        if callee in M.SKLEARN_DATASETS and position == (1,) and call.value("return_X_y") is not None:
            return _bundled_labels(callee, value)  # X, y = load_iris(return_X_y=True)
        if callee in M.KERAS_DATASETS and len(position) == 2 and position[1] == 1:
            classes, _ = M.KERAS_DATASETS[callee]
            what = f"{callee.rsplit('.', 2)[-2]}.load_data()"
            if classes is None:
                return Labels("continuous", None, value, what)
            return Labels("int", classes, value, what)
        if call.callee == D.TRAIN_TEST_SPLIT and len(position) == 1 and not call.has_star_args:
            index = position[0] // 2
            if index < len(call.positional):
                return self.labels(call.positional[index].value, call.scope, call.order)
        return None

    def _dataset_labels(self, node, scope: Scope, before: int) -> Labels | None:
        facts = self.facts
        for _ in range(_MAX_STEPS):
            if isinstance(node, (cst.Name, cst.Attribute)):
                step = self._step(node, scope, before)
                if step is None or step == "modified":
                    return None
                node, scope, before, position = step
                if position and not (len(position) == 1 and _is_call_to(facts, node, M.IMAGE_DATASET_FROM_DIRECTORY)):
                    return None
                continue
            if not isinstance(node, cst.Call):
                return None
            call = facts.call_of(node)
            if call is None or call.has_star_args:
                return None
            if call.callee in M.FROM_TENSOR_SLICES:
                pair = _pair(call)
                return self.labels(pair[1], call.scope, call.order) if pair is not None else None
            if call.callee in M.IMAGE_DATASET_FROM_DIRECTORY:
                mode = facts.const_of_call_arg(call, "label_mode") if call.has_arg("label_mode") else "int"
                if mode not in M.LABEL_MODES:
                    return None
                names = facts.const_of_call_arg(call, "class_names")
                classes = len(names) if isinstance(names, (list, tuple)) else None
                return Labels(M.LABEL_MODES[mode], classes, node, f"image_dataset_from_directory(label_mode={mode!r})")
            if call.method in ("flow_from_directory", "flow_from_dataframe") and call.callee is None:
                if self._constructor(call.receiver, call.scope, call.order) != M.IMAGE_DATA_GENERATOR:
                    return None
                mode = facts.const_of_call_arg(call, "class_mode") if call.has_arg("class_mode") else "categorical"
                if mode not in M.LABEL_MODES:
                    return None
                return Labels(M.LABEL_MODES[mode], None, node, f"{call.method}(class_mode={mode!r})")
            if call.callee is None and call.method in D.DATASET_KEEPING_METHODS and call.receiver is not None:
                node, scope, before = call.receiver, call.scope, call.order
                continue
            if call.callee is None and call.method == "map" and call.receiver is not None:
                if _map_keeps(call, 1) is not True:
                    return None
                node, scope, before = call.receiver, call.scope, call.order
                continue
            return None
        return None

    # -- raw inputs ----------------------------------------------------------------
    def raw_source(self, node, scope: Scope, before: int) -> RawSource | None:
        """The raw images/table this value still is, unscaled; None when scaled or unknown."""
        via_data = one_column = False  # reached through ``bunch.data``; one column selected on the way
        for _ in range(_MAX_STEPS):
            origin = self._origin(node, scope, before)
            if origin is None:
                return None
            if origin.position:
                return self._unpacked_raw(origin.node, origin.position)
            via_data = via_data or origin.via_data
            one_column = one_column or origin.one_column or _pops_a_column(origin.call)
            node, call = origin.node, origin.call
            callee = call.callee
            if callee in D.TABLE_READERS:
                return RawSource("table", node, f"{callee.rsplit('.', 1)[-1]}()", one_column)
            if callee in D.RAW_FEATURE_DATASETS:  # only ``.data`` (or return_X_y) are the features
                return RawSource("table", node, f"{callee.rsplit('.', 1)[-1]}()") if via_data else None
            if callee in M.IMAGE_DATASET_FROM_DIRECTORY:
                return RawSource("images", node, "image_dataset_from_directory()")
            if callee in M.FROM_TENSOR_SLICES:
                pair = _pair(call)
                if pair is None:
                    return None
                node, scope, before = pair[0], call.scope, call.order
                continue
            if call.method in ("flow_from_directory", "flow_from_dataframe", "flow") and callee is None:
                generator = self._generator(call.receiver, call.scope, call.order)
                if generator is None or generator.has_star_args:
                    return None
                if any(k in generator.keywords for k in _GENERATOR_SCALING):
                    return None
                if call.method == "flow":
                    x = call.value("x", 0)
                    return self.raw_source(x, call.scope, call.order) if x is not None else None
                return RawSource("images", node, f"ImageDataGenerator().{call.method}()")
            if callee is None and call.method == "map" and call.receiver is not None:
                if _map_keeps(call, 0) is not True:
                    return None
                node, scope, before = call.receiver, call.scope, call.order
                continue
            if callee is None and call.method in D.DATASET_KEEPING_METHODS and call.receiver is not None:
                node, scope, before = call.receiver, call.scope, call.order
                continue
            keep = self._kept_value(call)
            if keep is None:
                return None
            node, scope, before = keep, call.scope, call.order
        return None

    def scaled_images(self, node, scope: Scope, before: int) -> RawSource | None:
        """The raw images this value is a rescaled copy of (``x / 255.0``, a generator with ``rescale=``), else None.

        Only arithmetic on a value that is itself raw images counts; anything unknown on the way is None.
        """
        for _ in range(_MAX_STEPS):
            if isinstance(node, (cst.Name, cst.Attribute)) and dotted_name(node) is not None and not _is_values(node):
                step = self._step(node, scope, before)
                if step is None or step == "modified" or step[3]:
                    return None
                node, scope, before, _ = step
                continue
            if isinstance(node, cst.Subscript):
                node = node.value
                continue
            if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, _SCALING_OPERATORS):
                for side in (node.left, node.right):
                    raw = self.raw_source(side, scope, before)
                    if raw is not None and raw.kind == "images":
                        return raw
                return None
            if not isinstance(node, cst.Call):
                return None
            call = self.facts.call_of(node)
            if call is None or call.has_star_args:
                return None
            if call.callee is None and call.method in ("flow_from_directory", "flow_from_dataframe", "flow"):
                generator = self._generator(call.receiver, call.scope, call.order)
                if generator is None or generator.has_star_args or "rescale" not in generator.keywords:
                    return None
                if call.method == "flow":
                    x = call.value("x", 0)
                    raw = self.raw_source(x, call.scope, call.order) if x is not None else None
                    return raw if raw is not None and raw.kind == "images" else None
                return RawSource("images", node, f"ImageDataGenerator().{call.method}()")
            keep = self._kept_value(call)
            if keep is None and call.callee is None and call.method in D.DATASET_KEEPING_METHODS:
                keep = call.receiver
            if keep is None:
                return None
            node, scope, before = keep, call.scope, call.order
        return None

    def _unpacked_raw(self, value, position: tuple[int, ...]) -> RawSource | None:
        call = self.facts.call_of(value) if isinstance(value, cst.Call) else None
        if call is None:
            return None
        loader = self._loader(call)
        if loader in D.RAW_IMAGE_DATASETS and len(position) == 2 and position[1] == 0:
            return RawSource("images", value, f"{loader.rsplit('.', 2)[-2]}.load_data()")
        if call.callee in D.RAW_FEATURE_DATASETS and position == (0,):
            return RawSource("table", value, f"{call.callee.rsplit('.', 1)[-1]}()")
        if call.callee == D.TRAIN_TEST_SPLIT and len(position) == 1 and not call.has_star_args:
            index = position[0] // 2
            if index < len(call.positional):
                return self.raw_source(call.positional[index].value, call.scope, call.order)
        return None

    # -- helpers -------------------------------------------------------------------
    def _loader(self, call: CallFact) -> str | None:
        """The canonical callee, also through a module bound to a name (``mnist = keras.datasets.mnist``)."""
        if call.callee is not None or call.method != "load_data" or call.receiver is None:
            return call.callee
        module, _, _, binding = self.mf.follow(call.receiver, call.scope, call.order)
        if binding is None or not isinstance(module, (cst.Name, cst.Attribute)):
            return None
        resolved = self.facts.resolve(module)
        return f"{resolved}.load_data" if resolved and resolved.startswith("keras.datasets.") else None

    def _kept_value(self, call: CallFact):
        """The input of a call that keeps values (astype, reshape, np.array...), else None."""
        if call.callee is None and call.method in D.VALUE_KEEPING_METHODS and call.receiver is not None:
            return call.receiver
        if call.callee in D.VALUE_KEEPING_FUNCTIONS and call.positional:
            return call.positional[0].value
        return None

    def _constructor(self, node, scope: Scope, before: int) -> str | None:
        value, _, _, _ = self.mf.follow(node, scope, before)
        call = self.facts.call_of(value) if isinstance(value, cst.Call) else None
        return call.callee if call is not None else None

    def _generator(self, node, scope: Scope, before: int) -> CallFact | None:
        value, _, _, _ = self.mf.follow(node, scope, before)
        call = self.facts.call_of(value) if isinstance(value, cst.Call) else None
        return call if call is not None and call.callee == M.IMAGE_DATA_GENERATOR else None


_SCALING_OPERATORS = (cst.Divide, cst.Multiply, cst.Subtract, cst.FloorDivide)
_GENERATOR_SCALING = (
    "rescale", "preprocessing_function", "featurewise_center", "featurewise_std_normalization",
    "samplewise_center", "samplewise_std_normalization", "zca_whitening",
)


def _pair(call: CallFact) -> tuple[cst.BaseExpression, cst.BaseExpression] | None:
    """``from_tensor_slices((x, y))`` -> (x, y)."""
    if len(call.positional) != 1 or not isinstance(call.positional[0].value, cst.Tuple):
        return None
    elements = call.positional[0].value.elements
    if len(elements) != 2 or any(isinstance(e, cst.StarredElement) for e in elements):
        return None
    return elements[0].value, elements[1].value


def _selects_one_column(node: cst.Subscript) -> bool:
    """``t["col"]`` or ``t[["col"]]``: one named column (a row filter or a slice is not)."""
    if len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return False
    key = node.slice[0].slice.value
    if isinstance(key, cst.List) and len(key.elements) == 1:
        key = key.elements[0].value
    return isinstance(key, (cst.SimpleString, cst.ConcatenatedString))


def _pops_a_column(call: CallFact | None) -> bool:
    """``table.pop("col")`` returns one column."""
    return call is not None and call.callee is None and call.method == "pop"


_END_OF_SCOPE = 10**9  # look a name up as the function's last statement sees it


def _is_target_of(node) -> bool:
    """``bunch.target`` / ``bunch["target"]``."""
    if isinstance(node, cst.Attribute):
        return node.attr.value == "target"
    if not (isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index)):
        return False
    key = node.slice[0].slice.value
    return isinstance(key, cst.SimpleString) and string_value(key) == "target"


def _bundled_labels(callee: str | None, node) -> "Labels | None":
    if callee not in M.SKLEARN_DATASETS:
        return None
    classes = M.SKLEARN_DATASETS[callee]
    what = f"{callee.rsplit('.', 1)[-1]}().target"
    return Labels("continuous", None, node, what) if classes is None else Labels("int", classes, node, what)


def _is_values(node) -> bool:
    """``df.values`` / ``bunch.data`` / ``df.iloc``: the same numbers as the object."""
    return isinstance(node, cst.Attribute) and node.attr.value in ("values", "data", "iloc", "loc", "T")


def _is_call_to(facts: FileFacts, node, callees) -> bool:
    call = facts.call_of(node) if isinstance(node, cst.Call) else None
    return call is not None and call.callee in callees


def _position_in(target: cst.CSTNode, name: str) -> tuple[int, ...] | None:
    if isinstance(target, (cst.Tuple, cst.List)):
        for i, el in enumerate(target.elements):
            if isinstance(el, cst.StarredElement):
                return None
            if dotted_name(el.value) == name:
                return (i,)
            inner = _position_in(el.value, name)
            if inner is not None:
                return (i, *inner)
    return None


def _map_keeps(call: CallFact, index: int) -> bool | None:
    """Does ``ds.map(lambda x, y: (..., ...))`` return element ``index`` unchanged?"""
    if len(call.positional) != 1:
        return None
    fn = call.positional[0].value
    if not isinstance(fn, cst.Lambda):
        return None
    params = [p.name.value for p in fn.params.params]
    body = fn.body
    if len(params) != 2 or not isinstance(body, cst.Tuple) or len(body.elements) != 2:
        return None
    value = body.elements[index].value
    return isinstance(value, cst.Name) and value.value == params[index]


def data_facts(facts: FileFacts) -> DataFacts:
    return facts.derived(DataFacts)


__all__ = ["DataFacts", "Labels", "RawSource", "data_facts"]
