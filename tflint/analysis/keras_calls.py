"""Derived facts about Keras training calls: which ``fit`` is a Keras fit,
which ``compile`` configured it, and which callbacks it gets.

Computed once per file from ``FileFacts`` and cached on it, so every check
that asks "what are the Keras fits here?" shares one answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from tflint.analysis.facts import UNKNOWN, CallFact, FileFacts, Scope, dotted_name
from tflint.knowledge import keras as K
from tflint.analysis.names import is_keras

#: Keyword arguments only Keras' fit takes: their presence marks a Keras fit.
KERAS_FIT_KEYWORDS = frozenset(
    {"epochs", "callbacks", "validation_split", "validation_data", "steps_per_epoch", "validation_steps", "initial_epoch", "validation_freq"}
)
FIT_METHODS = ("fit", "fit_generator")


@dataclass
class CallbackInfo:
    callee: str | None  # canonical name, or a local class name
    call: CallFact | None  # the constructor call when known
    stops_training: bool = False


@dataclass
class CallbackList:
    items: list[CallbackInfo] = field(default_factory=list)
    complete: bool = True  # False when some element could not be resolved

    def of(self, *callees: str) -> list[CallbackInfo]:
        return [c for c in self.items if c.callee in callees]


@dataclass
class KerasFit:
    call: CallFact
    receiver: str | None  # "model", "self.model"
    compile: CallFact | None


def _root_name(node: cst.CSTNode | None) -> str | None:
    while isinstance(node, (cst.Attribute, cst.Subscript, cst.Call)):
        node = node.value if not isinstance(node, cst.Call) else node.func
    return node.value if isinstance(node, cst.Name) else None


def root_name(node: cst.CSTNode | None) -> str | None:
    """The variable at the bottom of ``a.b[0].c`` (``a``)."""
    return _root_name(node)


class KerasFacts:
    def __init__(self, facts: FileFacts):
        self.facts = facts
        self._model_cache: dict[tuple[str, int], bool] = {}
        self.compiled_receivers = {
            dotted_name(c.receiver) for c in facts.method_calls("compile") if c.receiver is not None
        }
        self.fits = [self._fit(c) for c in facts.method_calls(*FIT_METHODS) if self._is_keras_fit(c)]

    # -- models ----------------------------------------------------------------
    def is_model_class(self, name: str, depth: int = 0) -> bool:
        cls = self.facts.classes.get(name)
        if cls is None or depth > 10:
            return False
        return any(b in K.MODEL_BASES or self.is_model_class(b, depth + 1) for b in cls.bases)

    def is_model_expr(self, node: cst.CSTNode | None, scope: Scope, before: int, depth: int = 0) -> bool | None:
        """True: a Keras model; False: known not to be; None: cannot tell."""
        if node is None or depth > 8:
            return None
        origin = self.facts.origin(node, scope, before)
        if isinstance(origin, cst.Call):
            call = self.facts.call_of(origin)
            callee = call.callee if call else None
            if callee:
                if callee in K.MODEL_CONSTRUCTORS or callee.startswith(K.APPLICATIONS_PREFIX):
                    return True
                if not is_keras(callee) and "." in callee:
                    return False  # e.g. sklearn.svm.SVC()
            name = call.func_text if call else None
            if name and self.is_model_class(name):
                return True
            if name and name in self.facts.functions:
                fn = self.facts.functions[name]
                verdicts = [
                    self.is_model_expr(r, fn.scope, 10**9, depth + 1) for r in fn.returns
                ]
                if any(v is True for v in verdicts):
                    return True
                if verdicts and all(v is False for v in verdicts):
                    return False
            return None
        if isinstance(origin, (cst.Name, cst.Attribute)):
            text = dotted_name(origin)
            if text in self.compiled_receivers:
                return True
        return None

    def _is_keras_fit(self, call: CallFact) -> bool:
        if call.receiver is None:
            return False
        verdict = self.is_model_expr(call.receiver, call.scope, call.order)
        if verdict is not None:
            return verdict
        if dotted_name(call.receiver) in self.compiled_receivers:
            return True
        if not (self.facts.imported_roots & {"tensorflow", "keras", "tf_keras"}):
            return False
        return bool(KERAS_FIT_KEYWORDS & call.keywords.keys())

    def _fit(self, call: CallFact) -> KerasFit:
        receiver = dotted_name(call.receiver)
        return KerasFit(call, receiver, self.compile_before(receiver, call))

    def compile_before(self, receiver: str | None, call: CallFact) -> CallFact | None:
        if receiver is None:
            return None
        found = None
        for c in self.facts.method_calls("compile"):
            if dotted_name(c.receiver) == receiver and (c.index < call.index or c.scope is not call.scope):
                if c.index < call.index or found is None:
                    found = c
        return found

    # -- callbacks -------------------------------------------------------------
    def callbacks(self, fit: CallFact) -> CallbackList:
        value = fit.value("callbacks")
        result = CallbackList()
        if value is None:
            return result
        self._collect_callbacks(value, fit.scope, fit.order, result, 0)
        return result

    def _collect_callbacks(self, node, scope: Scope, before: int, out: CallbackList, depth: int) -> None:
        if depth > 10:
            out.complete = False
            return
        if isinstance(node, (cst.List, cst.Tuple)):
            for el in node.elements:
                if isinstance(el, cst.StarredElement):
                    self._collect_callbacks(el.value, scope, before, out, depth + 1)
                else:
                    self._collect_callbacks(el.value, scope, before, out, depth + 1)
            return
        if isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
            self._collect_callbacks(node.left, scope, before, out, depth + 1)
            self._collect_callbacks(node.right, scope, before, out, depth + 1)
            return
        name = dotted_name(node)
        if name is not None:
            assignment = self.facts.last_assignment(name, scope, before)
            if assignment is None or assignment.value is None or len(assignment.names) != 1:
                out.complete = False
                return
            self._collect_callbacks(assignment.value, assignment.scope, assignment.order, out, depth + 1)
            # list.append(...) / list.extend(...) / += after the assignment
            for call in self.facts.method_calls("append", "extend", "insert"):
                if dotted_name(call.receiver) == name and assignment.order <= call.order < before:
                    arg = call.positional[-1].value if call.positional else None
                    if arg is not None:
                        item = arg if call.method != "extend" else arg
                        self._collect_callbacks(item, call.scope, call.order, out, depth + 1)
            for aug in self.facts.assignments_by_name.get(name, ()):
                if aug.augmented and assignment.order <= aug.order < before and aug.value is not None:
                    self._collect_callbacks(aug.value, aug.scope, aug.order, out, depth + 1)
            return
        if isinstance(node, cst.Call):
            call = self.facts.call_of(node)
            if call is None:
                out.complete = False
                return
            callee = call.callee or call.func_text
            if callee and callee in self.facts.classes:
                out.items.append(CallbackInfo(callee, call, self._class_stops_training(callee)))
                return
            if call.callee is None or not call.callee.startswith("keras.callbacks."):
                fn = self.facts.functions.get(call.func_text or "")
                if fn is not None and fn.returns:  # a local helper that builds the list
                    for returned in fn.returns:
                        self._collect_callbacks(returned, fn.scope, 10**9, out, depth + 1)
                else:
                    out.complete = False
                return
            out.items.append(CallbackInfo(call.callee, call, call.callee in K.STOPPING_CALLBACKS))
            return
        out.complete = False

    def _class_stops_training(self, class_name: str) -> bool:
        cls = self.facts.classes[class_name]
        for assignment in self.facts.assignments:
            if assignment.scope.class_name == class_name and any(n.endswith("stop_training") for n in assignment.names):
                return True
        return class_name in self.facts.classes and any(b == K.EARLY_STOPPING for b in cls.bases)

    # -- what else guards or drives the training -------------------------------
    def custom_training(self, fit: KerasFit) -> bool:
        """Is the fitted model an instance of a class of this file with its own train/test step?

        GANs, VAEs and self-supervised models log what their step returns and
        have no validation loss to stop on.
        """
        sites = self.facts.values.sites(fit.call.receiver, fit.call.scope, fit.call.order) if fit.call.receiver is not None else None
        for site in sites or ():
            call = self.facts.call_of(site.node) if type(site.node) is cst.Call else None
            if call is not None and call.callee is None and self._defines_step(call.func_text or "", 0):
                return True
        return False

    def _defines_step(self, class_name: str, depth: int) -> bool:
        cls = self.facts.classes.get(class_name)
        if cls is None or depth > 10:
            return False
        if any(f"{class_name}.{m}" in self.facts.functions for m in K.CUSTOM_STEP_METHODS):
            return True
        return any(self._defines_step(base, depth + 1) for base in cls.bases)

    def restores_best_checkpoint(self, fit: CallFact, callbacks: "CallbackList") -> bool:
        """A ``ModelCheckpoint(save_best_only=True)`` whose file is loaded back after the fit."""
        best = [
            cb for cb in callbacks.of(K.MODEL_CHECKPOINT)
            if cb.call is not None and self.facts.const_of_call_arg(cb.call, "save_best_only") is True
        ]
        if not best:
            return False
        return any(
            c.index > fit.index and (c.method == "load_weights" or c.callee in K.LOADERS)
            for c in self.facts.calls
        )

    def fixed_schedule(self, fit: KerasFit, callbacks: "CallbackList") -> bool:
        """A learning-rate schedule sized to the run (a scheduler callback, or a schedule as the optimizer's rate)."""
        if callbacks.of(K.LEARNING_RATE_SCHEDULER):
            return True
        compile_call = fit.compile
        optimizer = compile_call.value("optimizer", 0) if compile_call is not None else None
        origin = self.facts.origin(optimizer, compile_call.scope, compile_call.order) if optimizer is not None else None
        opt = self.facts.call_of(origin) if type(origin) is cst.Call else None
        rate = opt.value("learning_rate", 0) if opt is not None else None
        if rate is None:
            return False
        made = self.facts.origin(rate, opt.scope, opt.order)
        schedule = self.facts.call_of(made) if type(made) is cst.Call else None
        return schedule is not None and (schedule.callee in K.SCHEDULES or (schedule.callee is None and schedule.func_text in self.facts.classes))

    # -- metrics ---------------------------------------------------------------
    def logged_metric_names(self, compile_call: CallFact | None) -> set[str] | None:
        """Names Keras will log for this compile (without ``val_``), or None if unknown."""
        names = {"loss"}
        if compile_call is None:
            return None
        metrics = compile_call.value("metrics")
        if metrics is None:
            return names
        origin = self.facts.origin(metrics, compile_call.scope, compile_call.order)
        if isinstance(origin, cst.Dict):
            return None  # per-output metrics are prefixed with output names
        if not isinstance(origin, (cst.List, cst.Tuple)):
            return None
        for el in origin.elements:
            value = el.value
            const = self.facts.const(value, compile_call.scope, compile_call.order)
            if isinstance(const, str):
                names.add(K.METRIC_LOG_NAMES.get(const, const))
                continue
            if isinstance(value, cst.Call):
                call = self.facts.call_of(value)
                named = call.value("name") if call else None
                if named is not None:
                    label = self.facts.const(named, call.scope, call.order)
                    if isinstance(label, str):
                        names.add(label)
                        continue
                    return None
                if call and call.callee in K.METRIC_CLASS_LOG_NAMES:
                    names.add(K.METRIC_CLASS_LOG_NAMES[call.callee])
                    continue
                return None
            text = dotted_name(value)
            if text and text in self.facts.functions:
                names.add(text.rsplit(".", 1)[-1])
                continue
            return None
        return names


def keras_facts(facts: FileFacts) -> KerasFacts:
    return facts.derived(KerasFacts)


def has_validation(fit: CallFact, facts: FileFacts) -> bool | None:
    """Does this fit get validation data? None when it cannot be told."""
    if fit.has_star_args:
        return None
    data = fit.value("validation_data")
    if data is not None:
        value = facts.const(data, fit.scope, fit.order)
        return value is UNKNOWN or value is not None
    split = fit.value("validation_split")
    if split is not None:
        value = facts.const(split, fit.scope, fit.order)
        return value is UNKNOWN or bool(value)
    return False
