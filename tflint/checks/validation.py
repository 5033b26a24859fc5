"""TFL2xx: validation data and stopping."""

from __future__ import annotations

import libcst as cst

from tflint.analysis.facts import UNKNOWN, CallFact, FileFacts, dotted_name
from tflint.analysis.keras_calls import has_validation, keras_facts
from tflint.knowledge import keras as K
from tflint.knowledge import leakage as L
from tflint.registry import Report, Rule, check

#: Calls that build an array in class order (one class block after another).
CLASS_ORDER_BUILDERS = frozenset(
    {
        "numpy.concatenate", "numpy.vstack", "numpy.hstack", "numpy.append", "numpy.r_", "numpy.row_stack",
        "numpy.sort", "numpy.argsort", "pandas.concat", "tensorflow.concat", "builtins.sorted",
    }
)
#: Calls that shuffle rows.
SHUFFLERS = frozenset(
    {
        "sklearn.utils.shuffle", "numpy.random.shuffle", "numpy.random.permutation", "tensorflow.random.shuffle",
        "random.shuffle", "numpy.random.default_rng",
    }
)
_PASS_THROUGH_METHODS = frozenset({"astype", "reshape", "to_numpy", "copy", "squeeze"})
_PASS_THROUGH_FUNCS = frozenset({"numpy.array", "numpy.asarray", "numpy.float32", "tensorflow.constant", "tensorflow.convert_to_tensor"})


@check(
    Rule("TFL201", "fit-without-validation", thresholds=("max-epochs-without-early-stopping",)),
    Rule("TFL202", "no-early-stopping", thresholds=("max-epochs-without-early-stopping",)),
)
def fit_validation_and_stopping(facts: FileFacts, report: Report) -> None:
    """Long supervised training with no guard against overfitting.

    Only long runs count (``epochs - initial_epoch`` at or above the
    threshold): a short demo cannot overfit much, and a model with its own
    ``train_step`` (GANs, VAEs, self-supervised learning) has no validation
    loss to stop on. TFL202 is for fits that do have validation data and let
    nothing act on it; without validation data TFL201 says it once.
    """
    kf = keras_facts(facts)
    max_epochs = report.threshold("max-epochs-without-early-stopping")
    unguarded: list[tuple[CallFact, int]] = []
    for fit in kf.fits:
        call = fit.call
        if kf.custom_training(fit):
            continue
        epochs = epochs_run(facts, call)
        if epochs is None or epochs < max_epochs:
            continue
        validation = has_validation(call, facts)
        if validation is False:
            if not (_random_inputs(facts, call) or _validated_elsewhere(facts, kf, call)):
                report(
                    "TFL201",
                    call.node,
                    f"`{fit.receiver or 'model'}.{call.method}()` trains for {epochs} epochs with no validation data, "
                    "so overfitting cannot show",
                    help="pass validation_data=(x_val, y_val) or validation_split=0.2",
                )
            continue
        if validation is not True:
            continue
        callbacks = kf.callbacks(call)
        if not callbacks.complete or any(cb.stops_training for cb in callbacks.items):
            continue
        if kf.restores_best_checkpoint(call, callbacks) or kf.fixed_schedule(fit, callbacks):
            continue
        unguarded.append((call, epochs))
    # Several such fits with one epoch count compare settings over a fixed budget (capacity, regularisation,
    # architectures): the curves are the result, and stopping one run early would break the comparison.
    for call, epochs in unguarded:
        if any(other is not call and n == epochs and not _exclusive(facts, call, other) for other, n in unguarded):
            continue
        report(
            "TFL202",
            _epochs_node(call),
            f"training for {epochs} epochs with no EarlyStopping: it goes on after validation loss stops improving",
            help="add keras.callbacks.EarlyStopping(monitor='val_loss', patience=5, restore_best_weights=True)",
        )


def _validated_elsewhere(facts: FileFacts, kf, call: CallFact) -> bool:
    """Validation the fit itself does not show: a manual K-fold or a final retraining.

    A fit in a loop that also scores a model (``evaluate``/``predict``) is a
    hand-written cross-validation; a fit after an earlier fit with validation
    data is the final retraining for the epoch count that validation chose.
    """
    if call.loop_depth > 0 and any(
        c.scope is call.scope and c.loop_depth > 0 and c.method in ("evaluate", "predict") for c in facts.calls
    ):
        return True
    return any(other.call.index < call.index and has_validation(other.call, facts) for other in kf.fits)


def _exclusive(facts: FileFacts, a: CallFact, b: CallFact) -> bool:
    """Do two calls sit in different arms of one ``if`` (only one of them runs)?"""
    arms_a, arms_b = facts.statement_branch(a.order), facts.statement_branch(b.order)
    return any(x[0] == y[0] and x[1] != y[1] for x in arms_a for y in arms_b)


def _epochs_arg(call: CallFact):
    """``epochs=`` (or Keras 1's ``nb_epoch=``), written in the call or spread from ``**params``."""
    return call.arg("epochs") or call.keywords.get("nb_epoch")


def _epochs_node(call: CallFact):
    """Where to point at the epoch count: the keyword as written, or the value inside a ``**params`` dict."""
    arg = _epochs_arg(call)
    if arg is None:
        return call.node
    return arg if arg.keyword is not None else arg.value


def epochs_run(facts: FileFacts, call: CallFact) -> int | None:
    """Epochs this fit runs (``epochs - initial_epoch``; Keras' default is 1), None when unknown."""
    arg = _epochs_arg(call)
    epochs = facts.const(arg.value, call.scope, call.order) if arg is not None else 1
    start_arg = call.arg("initial_epoch")
    start = facts.const(start_arg.value, call.scope, call.order) if start_arg is not None else 0
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in (epochs, start)):
        return None
    return int(epochs - start)


def _random_inputs(facts: FileFacts, call: CallFact) -> bool:
    """An API demo on random inputs (``np.random.random((1000, 32))``): nothing to generalise to."""
    x = call.value("x", 0)
    origin = facts.origin(x, call.scope, call.order) if x is not None else None
    made = facts.call_of(origin) if isinstance(origin, cst.Call) else None
    return made is not None and (made.callee or "").startswith(L.RANDOM_DATA_PREFIXES)


def _callback_calls(facts: FileFacts, callee: str) -> list[CallFact]:
    return facts.calls_to(callee)


@check(Rule("TFL203", "monitored-metric-missing"))
def monitored_metric_missing(facts: FileFacts, report: Report) -> None:
    kf = keras_facts(facts)
    for fit in kf.fits:
        validation = has_validation(fit.call, facts)
        callbacks = kf.callbacks(fit.call)
        logged = None
        logged_known = False
        for cb in callbacks.items:
            if cb.call is None or cb.callee not in K.MONITORING_CALLBACKS:
                continue
            if cb.callee == K.MODEL_CHECKPOINT and facts.const_of_call_arg(cb.call, "save_best_only") is not True:
                continue  # without save_best_only a checkpoint saves every epoch and never reads `monitor`
            monitor_arg = cb.call.arg("monitor")
            monitor = (
                facts.const(monitor_arg.value, cb.call.scope, cb.call.order)
                if monitor_arg is not None
                else K.MONITORING_CALLBACKS[cb.callee]
            )
            if not isinstance(monitor, str):
                continue
            short = cb.callee.rsplit(".", 1)[-1]
            where = monitor_arg or cb.call.node
            default = "" if monitor_arg is not None else " (its default)"
            if monitor.startswith("val_") and validation is False:
                report(
                    "TFL203",
                    where,
                    f"{short} monitors '{monitor}'{default}, which this fit never logs: it has no validation data",
                    help="pass validation_data or validation_split to the fit",
                    related=[("the fit without validation data", fit.call.node)],
                )
                continue
            if not logged_known:
                logged = None if kf.custom_training(fit) else kf.logged_metric_names(fit.compile)
                logged_known = True
            if logged is None:
                continue
            base = monitor[4:] if monitor.startswith("val_") else monitor
            if base not in logged:
                known = sorted(logged)
                suggestion = _closest(base, known)
                hint = f"did you mean '{'val_' if monitor.startswith('val_') else ''}{suggestion}'?" if suggestion else None
                report(
                    "TFL203",
                    where,
                    f"{short} monitors '{monitor}', which this model never logs",
                    help=f"{hint + ' ' if hint else ''}it logs {', '.join(repr(k) for k in known)}",
                    related=[("metrics are set by this compile", fit.compile.node)] if fit.compile else [],
                )


def _closest(name: str, candidates: list[str]) -> str | None:
    aliases = {"acc": "accuracy", "accuracy": "acc"}
    if aliases.get(name) in candidates:
        return aliases[name]
    for c in candidates:
        if c.startswith(name) or name.startswith(c) and c != "loss":
            return c
    return None


@check(Rule("TFL204", "early-stopping-without-restore"))
def early_stopping_without_restore(facts: FileFacts, report: Report) -> None:
    kf = keras_facts(facts)
    fits = [(fit.call, kf.callbacks(fit.call)) for fit in kf.fits]
    for call in facts.calls_to(K.EARLY_STOPPING):
        if call.has_star_args:
            continue
        restore = facts.const_of_call_arg(call, "restore_best_weights")
        if restore is True or restore is UNKNOWN and call.has_arg("restore_best_weights"):
            continue
        using = [(fit, cbs) for fit, cbs in fits if any(cb.call is call for cb in cbs.items)]
        if not using and fits and all(cbs.complete for _, cbs in fits):
            continue  # never given to the fits here: not in effect
        if using and all(kf.restores_best_checkpoint(fit, cbs) for fit, cbs in using):
            continue  # the best epoch's checkpoint is loaded back after training
        report(
            "TFL204",
            call.node,
            "EarlyStopping without restore_best_weights=True keeps the last epoch's weights, not the best",
            help="pass restore_best_weights=True",
        )


def _ordered_source(facts: FileFacts, node, scope, before, depth=0):
    """The call that built ``node`` in class order, following pass-throughs."""
    if node is None or depth > 12:
        return None
    origin = facts.origin(node, scope, before)
    if not isinstance(origin, cst.Call):
        return None
    call = facts.call_of(origin)
    if call is None:
        return None
    callee = call.callee or ("builtins.sorted" if call.func_text == "sorted" else None)
    if callee in CLASS_ORDER_BUILDERS and _joins_columns(facts, call, callee):
        return None  # side by side: every row keeps its place, the row order is the parts' own
    if callee in CLASS_ORDER_BUILDERS or call.method in ("sort_values", "sort_index") and call.callee is None:
        return call
    if callee in _PASS_THROUGH_FUNCS and call.positional:
        return _ordered_source(facts, call.positional[0].value, call.scope, call.order, depth + 1)
    if call.method in _PASS_THROUGH_METHODS and call.receiver is not None and call.callee is None:
        return _ordered_source(facts, call.receiver, call.scope, call.order, depth + 1)
    return None


def _class_loop_append(facts: FileFacts, node, scope, before, depth=0) -> CallFact | None:
    """``labels.append(label)`` in an inner loop of ``for label, name in enumerate(classes)``: rows grouped by class.

    ``node`` is the label list (or ``np.array`` of it); the appended value must use the outer loop's
    variable and the append must sit in a loop nested inside that loop. One loop (``for img, label in
    data: labels.append(label)``) only copies an order, so it does not count.
    """
    if node is None or depth > 6:
        return None
    sites = facts.values.sites(node, scope, before)
    if not sites or len(sites) != 1:
        return None
    site = sites[0]
    value = site.node
    if isinstance(value, cst.Call):
        call = facts.call_of(value)
        if call is not None and call.callee in _PASS_THROUGH_FUNCS and len(call.positional) == 1:
            return _class_loop_append(facts, call.positional[0].value, call.scope, call.order, depth + 1)
        return None
    binding, name = site.via, dotted_name(node)
    if not isinstance(value, cst.List) or value.elements or binding is None or name not in binding.names:
        return None
    appends = [
        c for c in facts.method_calls("append")
        if c.scope is binding.scope and c.order > binding.order and dotted_name(c.receiver) == name
    ]
    for append in appends:
        if len(append.positional) != 1 or append.keywords:
            continue
        for var in _names_in(append.positional[0].value):
            reaching = facts.values.reaching(var, append.scope, append.order)
            if not isinstance(reaching, list) or len(reaching) != 1 or not isinstance(reaching[0].node, cst.For):
                continue
            loop = reaching[0]
            if append.loop_depth >= loop.loop_depth + 2 and append.order <= _last_order(facts, loop.node):
                return append
    return None


def _names_in(node) -> set[str]:
    """Plain names read in an expression (``classes.index(cls)`` -> classes, cls)."""
    out: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, cst.Name):
            out.add(current.value)
        elif isinstance(current, cst.Attribute):
            stack.append(current.value)
        elif not isinstance(current, (cst.Lambda, cst.BaseComp)):
            stack.extend(current.children)
    return out


def _last_order(facts: FileFacts, node: cst.CSTNode) -> int:
    """Statement order of the last statement inside a compound statement (its lexical end); -1 if unknown."""
    for _ in range(200):
        if isinstance(node, cst.SimpleStatementLine):
            node = node.body[-1]
            break
        if isinstance(node, cst.If):
            block = node.orelse or node.body
        elif isinstance(node, (cst.Try, cst.TryStar)):
            block = node.finalbody or node.orelse or (node.handlers[-1] if node.handlers else None) or node.body
        elif isinstance(node, cst.Match):
            block = node.cases[-1] if node.cases else None
        elif isinstance(getattr(node, "body", None), cst.BaseSuite):
            block = getattr(node, "orelse", None) or node.body
        else:
            break  # a small statement
        if isinstance(block, cst.If):
            node = block
            continue
        while block is not None and not isinstance(block, cst.BaseSuite):
            block = getattr(block, "body", None)  # Else / ExceptHandler / Finally / MatchCase -> its suite
        statements = getattr(block, "body", ())
        if not statements:
            return -1
        node = statements[-1]
    order = facts.order_of(node)
    return order if order < len(facts.statements) else -1


#: Where each row-joining call takes ``axis`` positionally.
_AXIS_POSITION = {"numpy.concatenate": 1, "tensorflow.concat": 1, "pandas.concat": 1, "numpy.append": 2}


def _joins_columns(facts: FileFacts, call: CallFact, callee: str) -> bool:
    """``np.concatenate(parts, axis=1)``, ``pd.concat(frames, axis="columns")``: columns side by side, rows untouched."""
    if callee not in _AXIS_POSITION:
        return False
    axis = facts.const_of_call_arg(call, "axis", _AXIS_POSITION[callee])
    return not isinstance(axis, bool) and axis in (1, -1, "columns")


def _strip_columns(node):
    """``df.values`` / ``df[cols]`` / ``df.drop(...)`` -> ``df``."""
    while True:
        if isinstance(node, cst.Attribute) and node.attr.value in ("values",):
            node = node.value
        elif isinstance(node, cst.Subscript):
            node = node.value
        else:
            return node


@check(Rule("TFL205", "validation-split-unshuffled"))
def validation_split_unshuffled(facts: FileFacts, report: Report) -> None:
    kf = keras_facts(facts)
    shufflers = [c for c in facts.calls if c.callee in SHUFFLERS or c.method == "sample" and c.callee is None]
    for fit in kf.fits:
        call = fit.call
        split = facts.const_of_call_arg(call, "validation_split")
        if not isinstance(split, (int, float)) or isinstance(split, bool) or split <= 0:
            continue
        x = call.value("x")
        if x is None:
            continue
        ordered = _ordered_source(facts, _strip_columns(x), call.scope, call.order)
        what = (ordered.callee or ordered.method) + "()" if ordered is not None else None
        if ordered is None:
            y = call.value("y", 1)
            ordered = _class_loop_append(facts, _strip_columns(y), call.scope, call.order) if y is not None else None
            what = "a loop over the classes that appends each class's samples in turn"
        if ordered is None:
            continue
        if any(ordered.index < s.index and s.order <= call.order for s in shufflers):
            continue
        report(
            "TFL205",
            call.arg("validation_split") or call.node,
            f"validation_split={split} takes the last {split:.0%} of rows built in class order by {what}: "
            "validation is mostly one class",
            help="shuffle first (sklearn.utils.shuffle) or split with train_test_split(..., stratify=y)",
            related=[(f"rows ordered by {what} here", ordered.node)],
        )
