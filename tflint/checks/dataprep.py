"""TFL5xx: data preparation (unscaled inputs)."""

from __future__ import annotations

import libcst as cst

from tflint.analysis.datasources import data_facts
from tflint.analysis.facts import CallFact, FileFacts, dotted_name
from tflint.analysis.keras_calls import keras_facts
from tflint.knowledge import dataprep as D
from tflint.knowledge import models as M
from tflint.analysis.models import Model, model_facts
from tflint.registry import Report, Rule, check


def _input_side(model: Model) -> str | None:
    """'raw' when the model's first layers do not scale their input, 'scaled', or None."""
    verdicts = set()
    for path, complete in zip(model.paths, model.complete):
        verdict = None
        if complete:
            for layer in path:
                if layer.kind in ("scaling", "normalization"):
                    verdict = "scaled"
                    break
                if layer.kind in ("unknown", "merge", "activation"):
                    break
                if layer.kind == "sized" or layer.callee in M.LEARNING_LAYERS:
                    verdict = "raw"
                    break
        verdicts.add(verdict)
    return verdicts.pop() if len(verdicts) == 1 else None


def _first_learning_layer(model: Model):
    for layer in model.paths[0]:
        if layer.kind == "sized" or layer.callee in M.LEARNING_LAYERS:
            return layer
    return None


@check(Rule("TFL501", "unscaled-image-input"), Rule("TFL502", "unscaled-features"))
def unscaled_inputs(facts: FileFacts, report: Report) -> None:
    df = data_facts(facts)
    mf = model_facts(facts)
    for fit in keras_facts(facts).fits:
        call = fit.call
        if call.has_star_args:
            continue
        x_arg = call.arg("x", 0)
        if x_arg is None:
            continue
        raw = df.raw_source(x_arg.value, call.scope, call.order)
        if raw is None:
            continue
        model = mf.model_of_fit(fit)
        if model is None or _input_side(model) != "raw":
            continue
        first = _first_learning_layer(model)
        related = [(f"raw data from {raw.what}", raw.node)]
        if first is not None and first.node is not None:
            related.append(("the first layer sees these values", first.node))
        if raw.kind == "images":
            report(
                "TFL501",
                x_arg.value,
                f"raw 0-255 pixel values from {raw.what} reach the model unscaled",
                help="divide by 255.0 or start the model with layers.Rescaling(1./255); large inputs saturate "
                "activations and make training slow or unstable",
                related=related,
            )
        elif first is not None and first.callee == M.DENSE and not raw.one_column and not _scaled_elsewhere(facts, raw):
            report(
                "TFL502",
                x_arg.value,
                f"the network is trained on unscaled table columns from {raw.what}: the largest column dominates",
                help="standardise them (StandardScaler fitted on the training split, or a layers.Normalization "
                "first layer)",
                related=related,
            )
    _unscaled_at_inference(facts, report)
    for call, estimator, x in _estimator_fits(facts):
        ctor = _unscaled_estimator(facts, estimator, call)
        if ctor is None:
            continue
        raw = df.raw_source(x, call.scope, call.order)
        if raw is None or raw.kind != "table" or raw.one_column:
            continue  # one feature: no column can dominate the others
        name = ctor.callee.rsplit(".", 1)[-1]
        report(
            "TFL502",
            x,
            f"{name} is fitted on unscaled columns from {raw.what}: the columns with the largest numbers dominate",
            help=f"put a StandardScaler in front: make_pipeline(StandardScaler(), {name}(...))",
            related=[(f"raw data from {raw.what}", raw.node), (f"{name} created here", ctor.node)],
        )


def _scaled_elsewhere(facts: FileFacts, raw) -> bool:
    """The file also scales these same rows: a Normalization layer adapted on them, or a scaler fitted on them.

    Then the unscaled fit is a baseline kept on purpose (a tutorial trains the
    plain model first to show what normalising changes), not an oversight.
    """
    df, mf = data_facts(facts), model_facts(facts)
    for call in (*facts.method_calls("adapt"), *facts.method_calls("fit"), *facts.method_calls("fit_transform")):
        if call.receiver is None or not call.positional:
            continue
        value, _, _, _ = mf.follow(call.receiver, call.scope, call.order)
        ctor = facts.call_of(value) if isinstance(value, cst.Call) else None
        scales = ctor is not None and (ctor.callee in D.SCALERS if call.method != "adapt" else ctor.callee == M.NORMALIZATION_LAYER)
        if not scales:
            continue
        other = df.raw_source(call.positional[0].value, call.scope, call.order)
        if other is not None and other.node is raw.node:
            return True
    return False


def _estimator_fits(facts: FileFacts):
    """(call, estimator expression, X expression) for ``est.fit(X)`` and ``cross_val_score(est, X)``."""
    for call in facts.method_calls("fit"):
        if not call.has_star_args and call.positional and call.receiver is not None:
            yield call, call.receiver, call.positional[0].value
    for call in facts.calls_to(*D.CROSS_VALIDATION):
        if not call.has_star_args and len(call.positional) >= 2:
            yield call, call.positional[0].value, call.positional[1].value


def _unscaled_estimator(facts: FileFacts, estimator, at: CallFact, depth: int = 0) -> CallFact | None:
    """The scale-sensitive estimator ``estimator`` trains with no scaler before it, else None."""
    mf = model_facts(facts)
    value, scope, before, _ = mf.follow(estimator, at.scope, at.order)
    ctor = facts.call_of(value) if isinstance(value, cst.Call) else None
    if ctor is None or ctor.has_star_args or depth > 3:
        return None
    if ctor.callee in D.SCALE_SENSITIVE_ESTIMATORS:
        return ctor
    if ctor.callee in D.SEARCH_CV:
        inner = ctor.arg("estimator", 0)
        return _unscaled_estimator(facts, inner.value, ctor, depth + 1) if inner is not None else None
    if ctor.callee == D.MAKE_PIPELINE:
        steps = [a.value for a in ctor.positional]
    elif ctor.callee == D.PIPELINE:
        arg = ctor.arg("steps", 0)
        listed, _, _, _ = mf.follow(arg.value, ctor.scope, ctor.order) if arg is not None else (None, 0, 0, 0)
        if not isinstance(listed, (cst.List, cst.Tuple)):
            return None
        steps = []
        for el in listed.elements:
            pair = el.value
            if not isinstance(pair, cst.Tuple) or len(pair.elements) != 2:
                return None
            steps.append(pair.elements[1].value)
    else:
        return None
    for step in steps:
        node, _, _, _ = mf.follow(step, ctor.scope, ctor.order)
        step_call = facts.call_of(node) if isinstance(node, cst.Call) else None
        if step_call is None or step_call.callee in D.SCALERS:
            return None  # scaled first, or a step we do not know
        if step_call.callee in D.SCALE_SENSITIVE_ESTIMATORS:
            return step_call
        if not (step_call.callee or "").startswith("sklearn.feature_selection."):
            return None  # e.g. a ColumnTransformer or an imputer: cannot tell what follows
    return None


#: Model methods that run the model on new inputs (first argument: the inputs).
_INFERENCE_METHODS = frozenset(
    {"evaluate", "predict", "predict_on_batch", "predict_classes", "predict_proba", "evaluate_generator",
     "predict_generator"}
)


def _unscaled_at_inference(facts: FileFacts, report: Report) -> None:
    """TFL501 at ``evaluate``/``predict``: raw pixels given to a model that ``fit`` trained on rescaled ones."""
    df = data_facts(facts)
    mf = model_facts(facts)
    done: set[int] = set()
    for fit in keras_facts(facts).fits:
        call = fit.call
        x = call.value("x", 0) if not call.has_star_args else None
        if x is None or fit.receiver is None:
            continue
        scaled = df.scaled_images(x, call.scope, call.order)
        model = mf.model_of_fit(fit)
        if scaled is None or (model is not None and _input_side(model) == "scaled"):
            continue
        for use in facts.method_calls(*_INFERENCE_METHODS):
            if id(use.node) in done or not _same_model_later(facts, fit, use):
                continue
            arg = use.arg("x", 0)
            if arg is None or use.has_star_args:
                continue
            raw = df.raw_source(arg.value, use.scope, use.order)
            if raw is None or raw.kind != "images":
                continue
            done.add(id(use.node))
            report(
                "TFL501",
                arg.value,
                f"raw 0-255 pixel values from {raw.what} reach `{fit.receiver}.{use.method}()`, but the model "
                "was trained on rescaled images",
                help="scale these images the same way as the training ones; as they are, scores and predictions "
                "are meaningless",
                related=[(f"raw data from {raw.what}", raw.node), ("the model is trained on rescaled images here", x)],
            )


def _same_model_later(facts: FileFacts, fit, use: CallFact) -> bool:
    """``use`` runs the model variable ``fit`` trained, after it, in the same scope, with no rebinding between."""
    if use.scope is not fit.call.scope or use.order <= fit.call.order or use.receiver is None:
        return False
    name = dotted_name(use.receiver)
    if name != fit.receiver:
        return False
    return not any(
        a.scope is use.scope and fit.call.order < a.order < use.order for a in facts.assignments_by_name.get(name, ())
    )
