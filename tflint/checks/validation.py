"""TFL2xx: validation data and stopping."""

from __future__ import annotations

import libcst as cst

from tflint.facts import UNKNOWN, CallFact, FileFacts, dotted_name
from tflint.keras_calls import has_validation, keras_facts
from tflint.knowledge import keras as K
from tflint.registry import Report, check

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


@check("TFL201", "TFL202")
def fit_validation_and_stopping(facts: FileFacts, report: Report) -> None:
    kf = keras_facts(facts)
    max_epochs = report.config.threshold("max-epochs-without-early-stopping")
    for fit in kf.fits:
        call = fit.call
        if has_validation(call, facts) is False:
            report(
                "TFL201",
                call.node,
                f"`{fit.receiver or 'model'}.{call.method}()` has no validation data: training loss alone cannot "
                "show overfitting; pass validation_data=(x_val, y_val) or validation_split=0.2",
            )
        epochs = facts.const_of_call_arg(call, "epochs")
        if isinstance(epochs, bool) or not isinstance(epochs, (int, float)) or epochs < max_epochs:
            continue
        callbacks = kf.callbacks(call)
        if not callbacks.complete or any(cb.stops_training for cb in callbacks.items):
            continue
        where = call.arg("epochs") or call.node
        report(
            "TFL202",
            where,
            f"training for {int(epochs)} epochs with no EarlyStopping callback: the model keeps training after "
            "validation loss stops improving; add keras.callbacks.EarlyStopping(monitor='val_loss', "
            "patience=5, restore_best_weights=True)",
        )


def _callback_calls(facts: FileFacts, callee: str) -> list[CallFact]:
    return facts.calls_to(callee)


@check("TFL203")
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
                    f"{short} monitors '{monitor}'{default} but this fit has no validation data, so "
                    f"'{monitor}' is never logged and the callback never acts; pass validation_data or "
                    "validation_split",
                    related=[("the fit without validation data", fit.call.node)],
                )
                continue
            if not logged_known:
                logged = kf.logged_metric_names(fit.compile)
                logged_known = True
            if logged is None:
                continue
            base = monitor[4:] if monitor.startswith("val_") else monitor
            if base not in logged:
                known = sorted(logged)
                suggestion = _closest(base, known)
                hint = f"; did you mean '{'val_' if monitor.startswith('val_') else ''}{suggestion}'?" if suggestion else ""
                report(
                    "TFL203",
                    where,
                    f"{short} monitors '{monitor}', which this model never logs (it logs "
                    f"{', '.join(repr(k) for k in known)}){hint}",
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


@check("TFL204")
def early_stopping_without_restore(facts: FileFacts, report: Report) -> None:
    for call in facts.calls_to(K.EARLY_STOPPING):
        if call.has_star_args:
            continue
        restore = facts.const_of_call_arg(call, "restore_best_weights")
        if restore is True or restore is UNKNOWN and call.has_arg("restore_best_weights"):
            continue
        report(
            "TFL204",
            call.node,
            "EarlyStopping without restore_best_weights=True keeps the weights of the last epoch, which are "
            "`patience` epochs past the best ones",
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
    if callee in CLASS_ORDER_BUILDERS or call.method in ("sort_values", "sort_index") and call.callee is None:
        return call
    if callee in _PASS_THROUGH_FUNCS and call.positional:
        return _ordered_source(facts, call.positional[0].value, call.scope, call.order, depth + 1)
    if call.method in _PASS_THROUGH_METHODS and call.receiver is not None and call.callee is None:
        return _ordered_source(facts, call.receiver, call.scope, call.order, depth + 1)
    return None


def _strip_columns(node):
    """``df.values`` / ``df[cols]`` / ``df.drop(...)`` -> ``df``."""
    while True:
        if isinstance(node, cst.Attribute) and node.attr.value in ("values",):
            node = node.value
        elif isinstance(node, cst.Subscript):
            node = node.value
        else:
            return node


@check("TFL205")
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
        if ordered is None:
            continue
        if any(ordered.index < s.index and s.order <= call.order for s in shufflers):
            continue
        what = ordered.callee or ordered.method
        report(
            "TFL205",
            call.arg("validation_split") or call.node,
            f"validation_split={split} takes the last {split:.0%} of the arrays before shuffling, and "
            f"they were built in class order by {what}(): the validation set is mostly one class; shuffle "
            "first (sklearn.utils.shuffle) or split with train_test_split(..., stratify=y)",
            related=[(f"rows ordered by {what}() here", ordered.node)],
        )
