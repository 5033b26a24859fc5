"""TFL4xx: output layer, loss, metrics and labels that do not agree."""

from __future__ import annotations

import re

import libcst as cst

from tflint.analysis.datasources import Labels, data_facts
from tflint.analysis.facts import CallFact, FileFacts, Scope, dotted_name, string_value
from tflint.analysis.keras_calls import keras_facts
from tflint.knowledge import models as M
from tflint.analysis.models import Layer, Loss, Model, Output, model_facts, output_of
from tflint.registry import FixSpec, Report, Rule, check

_PROB = M.PROBABILITY_ACTIVATIONS
_FAMILY_TEXT = {
    "categorical": "categorical crossentropy",
    "sparse": "sparse categorical crossentropy",
    "binary": "binary crossentropy",
    "regression": "a regression loss",
}


def _loss_text(loss: Loss) -> str:
    if loss.spelling == "string":
        return f"loss={loss.name!r}"
    return (loss.name or "loss").rsplit(".", 1)[-1]


def _units_node(layer: Layer) -> cst.CSTNode | None:
    if layer.call is None:
        return None
    param, position, _, _ = M.SIZED_LAYERS[layer.callee]
    value = layer.call.value(param, position)
    return value if value is not None else layer.call.node


def _spell(facts: FileFacts, canonical: str) -> str | None:
    """How this file can write a canonical ``keras.*`` name, from its imports."""
    module, _, attr = canonical.rpartition(".")
    rest = canonical[len("keras."):]
    choices: list[tuple[int, str]] = []
    for local, target in facts.imports.items():
        if facts.assignments_by_name.get(local) and any(a.value is not None for a in facts.assignments_by_name[local]):
            continue  # rebound somewhere: not safe to rely on
        if target == canonical:
            choices.append((0, local))
        elif target == module:
            choices.append((1, f"{local}.{attr}"))
        elif target == "keras":
            choices.append((2, f"{local}.{rest}"))
        elif target == "tensorflow":
            choices.append((3, f"{local}.keras.{rest}"))
    return min(choices)[1] if choices else None


def _string_like(old: cst.SimpleString, text: str) -> cst.SimpleString:
    return cst.SimpleString(f"{old.prefix}{old.quote}{text}{old.quote}")


# -- TFL401 -----------------------------------------------------------------------


def _sigmoid_fix(facts: FileFacts, node: cst.CSTNode | None) -> FixSpec | None:
    if isinstance(node, cst.SimpleString) and string_value(node) == "softmax":
        return FixSpec("Use sigmoid", ((node, _string_like(node, "sigmoid")),))
    if isinstance(node, cst.Attribute) and node.attr.value == "softmax":
        resolved = facts.resolve(node)
        if resolved and resolved[: -len("softmax")] + "sigmoid" in M.ACTIVATION_FUNCTIONS:
            return FixSpec("Use sigmoid", ((node, node.with_changes(attr=cst.Name("sigmoid"))),))
    return None


def _may_be_softmax(call: CallFact) -> bool:
    """Whether a sized layer's activation can be softmax: no argument is the layer's default (never softmax),
    and a string literal says what it is; anything else is asked of the value model."""
    _, _, act_position, default = M.SIZED_LAYERS[call.callee]
    arg = call.arg("activation", act_position)
    if arg is None:
        return call.has_star_args or default == "softmax"
    if isinstance(arg.value, cst.SimpleString):
        return "softmax" in arg.value.value.lower()
    return True


@check(Rule("TFL401", "single-unit-softmax", fix="Use sigmoid"))
def single_unit_softmax(facts: FileFacts, report: Report) -> None:
    mf = model_facts(facts)
    done: set[int] = set()

    def emit(where: cst.CSTNode, layer: Layer) -> None:
        if id(where) in done:
            return
        done.add(id(where))
        report(
            "TFL401",
            where,
            f"softmax over a single unit always outputs 1.0: {layer.short}(1) predicts the same class for every input",
            help="use activation='sigmoid' for a one-unit binary output (or one unit per class with softmax)",
            related=[("the one-unit layer", layer.node)] if layer.node is not where else [],
            fix=_sigmoid_fix(facts, where),
        )

    for call in facts.calls_to(*M.SIZED_LAYERS):
        if not _may_be_softmax(call):
            continue  # cheap first: the units of every layer in a long file cost a value-model query each
        layer = mf.layer_of_call(call)
        if layer.units == 1 and layer.activation == "softmax":
            emit(layer.activation_node or call.node, layer)
    for path in mf.constructed_paths():
        for i, layer in enumerate(path):
            if layer.kind != "sized" or layer.units != 1 or layer.repeated:
                continue
            for after in path[i + 1:]:
                if after.kind == "transparent":
                    continue
                if after.kind == "activation" and after.activation == "softmax" and not after.repeated:
                    emit(after.activation_node or after.node, layer)
                break


# -- TFL402 / TFL403 / TFL404 / TFL405 ------------------------------------------------


def _pairs(model: Model):
    for output, loss in zip(model.outputs, model.losses):
        if output is not None and loss is not None:
            yield output, loss


def _recompiled_later(facts: FileFacts, model: Model) -> bool:
    """The same model variable is compiled again later in the same scope (this compile never trains)."""
    call = model.compile
    name = dotted_name(call.receiver) if call.receiver is not None else None
    return name is not None and any(
        other.order > call.order and other.scope is call.scope and dotted_name(other.receiver) == name
        for other in facts.method_calls("compile") if other.receiver is not None
    )


def _labels(facts: FileFacts, model: Model) -> list[Labels]:
    if len(model.outputs) != 1:
        return []
    df = data_facts(facts)
    found = []
    for fit in model.fits:
        labels = df.labels_of_fit(fit.call)
        if labels is not None:
            found.append(labels)
    return found


def _related(output: Output, label: str = "output layer") -> list:
    items = [(label, output.layer.node)]
    if output.activation_layer is not output.layer and output.activation_layer.node is not None:
        items.append(("its activation", output.activation_layer.node))
    return items


@check(Rule("TFL402", "activation-loss-mismatch"))
def activation_loss_mismatch(facts: FileFacts, report: Report) -> None:
    mf = model_facts(facts)
    for model in (*mf.models, *mf.loop_models):
        labels = None
        for output, loss in _pairs(model):
            units, act, family = output.units, output.activation, loss.family
            found: tuple[str, str] | None = None
            if act == "softmax" and isinstance(units, int) and units > 2 and family == "binary":
                found = (
                    f"{_loss_text(loss)} after a softmax over {units} units: binary crossentropy scores each unit "
                    "as an independent yes/no",
                    "for one class per sample use categorical crossentropy, for several labels per sample use sigmoid",
                )
            elif act in ("sigmoid", "linear") and units == 1 and family in ("categorical", "sparse"):
                unit = "one sigmoid unit" if act == "sigmoid" else "one linear unit"
                if family == "categorical":
                    found = (
                        f"{_loss_text(loss)} with {unit}: categorical crossentropy over one output is always 0",
                        "use binary crossentropy for a yes/no target, a regression loss (mse) for a number",
                    )
                else:
                    found = (
                        f"{_loss_text(loss)} with {unit}: one output cannot score class ids 0 and 1",
                        "use binary crossentropy with one sigmoid unit, or Dense(2) with sparse categorical crossentropy",
                    )
            elif act == "sigmoid" and isinstance(units, int) and units > 1 and family in ("categorical", "sparse"):
                one_class = family == "sparse"
                if not one_class:
                    if labels is None:
                        labels = _labels(facts, model)
                    one_class = any(lab.encoding in ("onehot", "int") for lab in labels)
                if one_class:
                    found = (
                        f"{_loss_text(loss)} after {units} sigmoid units: one class per sample, but sigmoid scores "
                        "each class independently",
                        "use softmax (its outputs sum to 1)",
                    )
                else:
                    found = (
                        f"{_loss_text(loss)} after {units} sigmoid units: categorical crossentropy expects one "
                        "distribution over the classes",
                        "for one class per sample use softmax, for several labels per sample use binary crossentropy",
                    )
            elif family in M.PROBABILITY_LOSSES and act in M.NON_PROBABILITY_ACTIVATIONS:
                found = _not_probability(loss, act, family)
            if found:
                report("TFL402", loss.where, found[0], help=found[1], related=_related(output))


def _not_probability(loss: Loss, act: str, family: str) -> tuple[str, str] | None:
    """A relu/tanh/... output under a probability crossentropy (linear outputs are TFL403's): (message, help)."""
    expected = "sigmoid" if family == "binary" else "softmax"
    if loss.from_logits is False:
        return (
            f"{_loss_text(loss)} expects probabilities, but the output layer's {act} does not make them "
            f"({_RANGE.get(act, 'values outside [0, 1]')})",
            f"use activation='{expected}' (or no activation with from_logits=True): Keras clips the outputs into "
            "[0, 1], so outputs above 1 or at 0 give no gradient",
        )
    if loss.from_logits is True and family == "binary" and act in M.NON_NEGATIVE_ACTIVATIONS:
        return (
            f"{_loss_text(loss)}(from_logits=True) on a {act} output: the logits are never negative, so class 0 "
            "is never predicted",
            f"drop the {act} from the output layer",
        )
    return None


_RANGE = {
    "relu": "values from 0 upwards", "relu6": "values from 0 to 6", "softplus": "values above 0",
    "exponential": "values above 0", "tanh": "values from -1 to 1", "softsign": "values from -1 to 1",
    "log_softmax": "log-probabilities, all below 0", "log_sigmoid": "log-probabilities, all below 0",
}


def _true_to_false(loss: Loss) -> FixSpec | None:
    arg = loss.from_logits_arg
    if arg is not None and isinstance(arg.value, cst.Name) and arg.value.value == "True":
        return FixSpec("Set from_logits=False", ((arg.value, cst.Name("False")),))
    return None


def _to_logits_fix(facts: FileFacts, model: Model, loss: Loss, compile_loss: cst.CSTNode | None) -> FixSpec | None:
    safe = not (loss.family == "binary" and any(
        m.name in M.ACCURACY_METRIC_STRINGS or m.name in M.ACCURACY_METRIC_CLASSES for m in model.metrics or ()
    ))
    if model.metrics is None and loss.family == "binary":
        safe = False
    arg = loss.from_logits_arg
    if loss.spelling == "class" and loss.call is not None:
        if arg is not None:
            if isinstance(arg.value, cst.Name) and arg.value.value == "False":
                return FixSpec("Set from_logits=True", ((arg.value, cst.Name("True")),), safe)
            return None
        call = loss.call.node
        if loss.call.has_star_args or any(a.keyword is None for a in call.args[1:]):
            return None
        new_arg = cst.Arg(
            keyword=cst.Name("from_logits"),
            value=cst.Name("True"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = list(call.args)
        if args:
            last = args[-1]
            if isinstance(last.comma, cst.Comma):
                new_arg = new_arg.with_changes(comma=last.comma)
                args[-1] = last.with_changes(comma=cst.MaybeSentinel.DEFAULT)
        return FixSpec("Set from_logits=True", ((call, call.with_changes(args=[*args, new_arg])),), safe)
    if loss.node is not compile_loss:
        return None  # a dict/list element or a variable: not rewritten
    family = M.PLAIN_LOSS_NAMES.get(loss.name or "") if loss.spelling == "string" else None
    if loss.spelling == "function" and loss.name:
        family = M.PLAIN_LOSS_NAMES.get(loss.name.rsplit(".", 1)[-1])
    if family is None:
        return None
    spelled = _spell(facts, M.LOSS_CLASS_OF_FAMILY[family])
    if spelled is None:
        return None
    new = cst.parse_expression(f"{spelled}(from_logits=True)")
    return FixSpec(f"Use {spelled}(from_logits=True)", ((loss.node, new),), safe)


@check(Rule("TFL403", "from-logits-mismatch", fix="Make from_logits match the output"))
def from_logits_mismatch(facts: FileFacts, report: Report) -> None:
    mf = model_facts(facts)
    looped = {id(m) for m in mf.loop_models}
    for model in (*mf.models, *mf.loop_models):
        compile_arg = model.compile.arg("loss", 1) if id(model) not in looped else None
        compile_loss = compile_arg.value if compile_arg is not None else None
        for output, loss in _pairs(model):
            if loss.family not in M.PROBABILITY_LOSSES:
                continue
            act = output.activation
            if act in _PROB and loss.from_logits is True:
                where = loss.from_logits_arg.value if loss.from_logits_arg is not None else loss.where
                report(
                    "TFL403",
                    where,
                    f"from_logits=True but the output already goes through {act}: the loss applies {act} twice",
                    help=f"set from_logits=False (or drop the {act} and keep from_logits=True); the second {act} "
                    "flattens the gradients",
                    related=_related(output),
                    fix=_true_to_false(loss),
                )
            elif act == "linear" and output.layer.callee == M.DENSE and loss.from_logits is False and not (
                output.units == 1 and loss.family in ("categorical", "sparse")  # one unit: TFL402's finding
            ):
                expected = "softmax" if loss.family in ("categorical", "sparse") else "sigmoid"
                report(
                    "TFL403",
                    loss.where,
                    f"the output layer outputs logits but {_loss_text(loss)} expects probabilities (from_logits=False)",
                    help=f"use from_logits=True (or add activation='{expected}'); Keras clips raw scores into [0, 1] "
                    "and the model barely learns",
                    related=_related(output),
                    fix=_to_logits_fix(facts, model, loss, compile_loss) if id(model) not in looped else None,
                )


@check(Rule("TFL404", "label-encoding-loss-mismatch"), Rule("TFL405", "output-units-class-count-mismatch"))
def labels_loss_mismatch(facts: FileFacts, report: Report) -> None:
    for model in model_facts(facts).models:
        output, loss = model.single_output, model.single_loss
        if output is None:
            continue
        labels_found = _labels(facts, model)
        if not labels_found:
            continue
        reported: set[str] = set()
        for labels in labels_found:
            family = loss.family if loss is not None else None
            if "TFL404" not in reported and loss is not None:
                found = None
                if family == "sparse" and labels.encoding == "onehot":
                    found = (
                        f"{_loss_text(loss)} expects integer class ids, but the labels are one-hot ({labels.what})",
                        "use categorical crossentropy, or pass the integer labels",
                    )
                elif family == "categorical" and labels.encoding == "int":
                    found = (
                        f"{_loss_text(loss)} expects one-hot labels, but the labels are integer class ids ({labels.what})",
                        "use sparse categorical crossentropy, or one-hot encode them with keras.utils.to_categorical",
                    )
                if found:
                    reported.add("TFL404")
                    report("TFL404", loss.where, found[0], help=found[1], related=[("labels made here", labels.node)])
                    continue
            if "TFL405" in reported:
                continue
            units, classes = output.units, labels.classes
            if not isinstance(units, int):
                continue
            expected = _expected_units(labels, family)
            if expected is None or units == expected:
                continue
            reported.add("TFL405")
            if labels.encoding == "onehot":
                detail = f"the one-hot labels ({labels.what}) have {classes} columns"
            elif labels.encoding == "binary":
                detail = f"the labels ({labels.what}) are one 0/1 column"
            else:
                detail = f"the labels ({labels.what}) have {classes} classes"
            report(
                "TFL405",
                _units_node(output.layer) or output.layer.node,
                f"the output layer has {units} unit{'s' if units != 1 else ''} but {detail}",
                help=f"give it {expected} output unit{'s' if expected != 1 else ''}"
                + (
                    " (softmax, with sparse categorical crossentropy instead of binary crossentropy)"
                    if family == "binary" and expected > 1
                    else ""
                ),
                related=[("labels made here", labels.node)],
            )


def _expected_units(labels: Labels, family: str | None) -> int | None:
    if labels.encoding == "onehot":
        return labels.classes
    if labels.encoding == "int" and labels.classes:
        if family == "sparse":
            return labels.classes
        if family == "binary":
            return 1 if labels.classes == 2 else labels.classes
        return None
    if labels.encoding == "binary" and family == "binary":
        return 1
    return None


# -- TFL406 ------------------------------------------------------------------------


def _accuracy_fix(facts: FileFacts, model: Model, loss: Loss, bad: list) -> FixSpec | None:
    node = model.metrics_node
    if not isinstance(node, (cst.List, cst.Tuple)) or not all(isinstance(m.node, cst.SimpleString) for m in bad):
        return None
    # The metric's log key must not be read anywhere else (callbacks, history plots): no other string
    # literal may spell it ("val_acc", "accuracy"); prose and names such as ``acc = ...`` do not read it.
    if len(_LOG_KEY.findall(facts.text)) != len(bad):
        return None
    loss_name = (loss.name or "").rsplit(".", 1)[-1].lower()
    choices = ["mse", "mae"] if loss_name in _MAE_NAMES else ["mae", "mse"]
    present = {_REGRESSION_METRIC_ALIASES.get((m.name or "").rsplit(".", 1)[-1].lower()) for m in model.metrics or ()}
    free = [c for c in choices if c not in present]
    if len(free) < len(bad):
        return None  # dropping the entry instead would shift evaluate()'s list (``loss, acc, mae = ...``)
    bad_ids = {id(m.node) for m in bad}
    elements, used = [], []
    for el in node.elements:
        if id(el.value) in bad_ids:
            used.append(free[len(used)])
            elements.append(el.with_changes(value=_string_like(el.value, used[-1])))
        else:
            elements.append(el)
    shown = "' and '".join(used)
    return FixSpec(f"Report '{shown}' instead of accuracy", ((node, node.with_changes(elements=elements)),))


_MAE_NAMES = frozenset({"mae", "mean_absolute_error", "meanabsoluteerror"})
_REGRESSION_METRIC_ALIASES = {
    "mae": "mae", "mean_absolute_error": "mae", "meanabsoluteerror": "mae",
    "mse": "mse", "mean_squared_error": "mse", "meansquarederror": "mse",
}


_LOG_KEY = re.compile(
    r"""(?<![\w'"])[rbufRBUF]{0,2}(['"])(?:val_)?(?:acc|accuracy|binary_accuracy|categorical_accuracy|"""
    r"""sparse_categorical_accuracy)\1""",
    re.IGNORECASE,
)
_BINARY_ACCURACY = frozenset({"binary_accuracy", "keras.metrics.BinaryAccuracy"})


@check(Rule("TFL406", "accuracy-on-regression", fix="Report a regression metric instead of accuracy"))
def accuracy_on_regression(facts: FileFacts, report: Report) -> None:
    for model in model_facts(facts).models:
        output, loss = model.single_output, model.single_loss
        if output is None or loss is None or loss.family != "regression" or model.metrics is None:
            continue
        if output.activation is None or output.activation in _PROB:
            continue  # a classifier trained with mse: accuracy may mean something
        if any(lab.encoding in ("onehot", "int", "binary") for lab in _labels(facts, model)):
            continue
        if not model.fits and _recompiled_later(facts, model):
            continue  # compiled for show and compiled again before any training: the later compile counts
        bad = [m for m in model.metrics if m.name in M.ACCURACY_METRIC_STRINGS or m.name in M.ACCURACY_METRIC_CLASSES]
        if not bad or (output.units == 1 and any(m.name in _BINARY_ACCURACY for m in bad)):
            continue  # binary accuracy asked for by name on one unit: a 0/1 classifier trained with mse, on purpose
        fix = _accuracy_fix(facts, model, loss, bad)
        for metric in bad:
            report(
                "TFL406",
                model.metrics_node if model.metrics_node is not None else metric.node,
                f"accuracy with {_loss_text(loss)}: on a regression model accuracy stays near 0 or means nothing",
                help="track 'mae' or 'mse' instead (accuracy counts exact matches, or thresholds at 0.5)",
                fix=fix,
            )
            break


# -- TFL410 ------------------------------------------------------------------------

def _thresholds_at_half(facts: FileFacts, metric, units) -> bool:
    """Does this metric threshold the output at 0.5 (Keras picks binary accuracy for 'accuracy' on one unit)?"""
    if metric.name in ("accuracy", "acc"):
        return units == 1
    if metric.name == "binary_accuracy":
        return True
    if metric.name == "keras.metrics.BinaryAccuracy":
        call = facts.call_of(metric.node) if isinstance(metric.node, cst.Call) else None
        return call is not None and not call.has_star_args and call.arg("threshold", 2) is None
    return False


def _zero_threshold_fix(facts: FileFacts, metric) -> FixSpec | None:
    """``"accuracy"`` -> ``keras.metrics.BinaryAccuracy(threshold=0.0, name="accuracy")`` (same log key)."""
    node = metric.node
    if isinstance(node, cst.SimpleString):
        spelled = _spell(facts, "keras.metrics.BinaryAccuracy")
        if spelled is None:
            return None
        key = metric.name
        new = cst.parse_expression(f"{spelled}(threshold=0.0, name={node.quote}{key}{node.quote})")
        return FixSpec("Threshold the logits at 0", ((node, new),))
    call = facts.call_of(node) if isinstance(node, cst.Call) else None
    if call is None or call.positional:
        return None
    arg = cst.Arg(
        keyword=cst.Name("threshold"),
        value=cst.Float("0.0"),
        equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
    )
    args = [a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for a in node.args[-1:]]
    return FixSpec("Threshold the logits at 0", ((node, node.with_changes(args=[*node.args[:-1], *args, arg])),))


@check(Rule("TFL410", "accuracy-on-logits", fix="Threshold the logits at 0"))
def accuracy_on_logits(facts: FileFacts, report: Report) -> None:
    for model in model_facts(facts).models:
        output, loss = model.single_output, model.single_loss
        if output is None or loss is None or loss.family != "binary" or loss.from_logits is not True:
            continue
        if output.activation != "linear" or model.metrics is None:
            continue  # a sigmoid output with from_logits=True is TFL403's finding
        if not model.fits and _recompiled_later(facts, model):
            continue
        for metric in model.metrics:
            if not _thresholds_at_half(facts, metric, output.units):
                continue
            report(
                "TFL410",
                metric.node,
                f"{_metric_text(metric)} with {_loss_text(loss)}(from_logits=True) thresholds the logits at 0.5, "
                "not 0",
                help="use BinaryAccuracy(threshold=0.0) for logits: logits between 0 and 0.5 now count as class 0",
                related=[("the output layer (no activation: logits)", output.layer.node)],
                fix=_zero_threshold_fix(facts, metric),
            )


def _metric_text(metric) -> str:
    if isinstance(metric.node, cst.SimpleString):
        return f"metric {metric.name!r}"
    return (metric.name or "metric").rsplit(".", 1)[-1] + "()"


# -- TFL407 / TFL409 -----------------------------------------------------------------


def _hidden(path: list[Layer]) -> list[Layer]:
    """The layers of a path before its output layer."""
    output = output_of(path, None)
    if output is None:
        return []
    return path[: path.index(output.layer)]


@check(Rule("TFL407", "linear-hidden-stack"))
def linear_hidden_stack(facts: FileFacts, report: Report) -> None:
    done: set[int] = set()
    for path in model_facts(facts).constructed_paths():
        run: list[Layer] = []
        hidden = _hidden(path)
        for layer in [*hidden, None]:
            if layer is not None and layer.kind == "transparent":
                continue
            if (
                layer is not None
                and layer.kind == "sized"
                and layer.callee == M.DENSE
                and layer.activation == "linear"
                and not layer.repeated
            ):
                run.append(layer)
                continue
            if len(run) >= 2 and id(run[1].node) not in done:
                done.add(id(run[1].node))
                report(
                    "TFL407",
                    run[1].node,
                    f"{len(run)} hidden Dense layers in a row have no activation: they collapse into one linear map",
                    help="add activation='relu' (or another non-linearity); the extra layers add parameters, no capacity",
                    related=[("the first linear layer", run[0].node)],
                )
            elif len(run) == 1 and layer is None and id(run[0].node) not in done:
                _linear_into_output(path, run[0], report)
                done.add(id(run[0].node))
            run = []


def _linear_into_output(path: list[Layer], layer: Layer, report: Report) -> None:
    """One linear hidden Dense right before the output Dense: the two are one affine map.

    Only when the hidden layer is at least as wide as the output: a narrower one is a
    low-rank bottleneck (a linear autoencoder's code), which may be the point.
    """
    output = output_of(path, None)
    if output is None or output.layer.callee != M.DENSE or output.layer.repeated:
        return
    units, out_units = layer.units, output.units
    if not isinstance(units, int) or not isinstance(out_units, int) or units < out_units:
        return
    report(
        "TFL407",
        layer.node,
        f"the hidden {layer.short}({units}) has no activation and feeds the output {output.layer.short}"
        f"({out_units}): two linear maps in a row are one",
        help="add activation='relu' (or another non-linearity); the hidden layer adds parameters, no capacity",
        related=[("the output layer", output.layer.node)],
    )


@check(Rule("TFL409", "deep-saturating-stack", thresholds=("min-saturating-layers",)))
def deep_saturating_stack(facts: FileFacts, report: Report) -> None:
    minimum = report.threshold("min-saturating-layers")
    done: set[int] = set()
    for path in model_facts(facts).constructed_paths():
        if any(layer.kind in ("normalization", "merge", "unknown") or layer.repeated for layer in path):
            continue
        saturating = [
            layer for layer in _hidden(path)
            if layer.kind == "sized"
            and layer.callee not in _RECURRENT
            and layer.activation in M.SATURATING_ACTIVATIONS
        ]
        if len(saturating) < minimum or id(saturating[0].node) in done:
            continue
        done.add(id(saturating[0].node))
        names = sorted({layer.activation for layer in saturating})
        report(
            "TFL409",
            saturating[0].node,
            f"{len(saturating)} hidden {'/'.join(names)} layers with no normalisation or residual connections: "
            "the gradients vanish",
            help="use relu-family activations, or add BatchNormalization/LayerNormalization",
            related=[("the last saturating layer", saturating[-1].node)],
        )


_RECURRENT = frozenset({"keras.layers.LSTM", "keras.layers.GRU", "keras.layers.SimpleRNN"})


# -- TFL408 --------------------------------------------------------------------------


def _probability(facts: FileFacts, node, scope: Scope, before: int, depth: int = 0) -> str | None:
    """What makes ``node`` a probability (for the message), or None."""
    if depth > 6:
        return None
    mf = model_facts(facts)
    value, scope, before, binding = mf.follow(node, scope, before)
    if isinstance(value, cst.Name) and binding is None:
        fn = facts.enclosing_function(scope)
        if fn is not None and value.value in M.PREDICTION_PARAMS:
            params = [p for p in fn.params if p != "self"]
            if len(params) >= 2 and params[1] == value.value:
                return f"the prediction `{value.value}`"
        if fn is not None and value.value in fn.params:
            return _probability_at_every_call(facts, fn, value.value, depth)
        return None
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Subtract):
        if facts.const(value.left, scope, before) in (1, 1.0):
            return _probability(facts, value.right, scope, before, depth + 1)
        return None
    if not isinstance(value, cst.Call):
        return None
    call = facts.call_of(value)
    if call is None:
        return None
    act = M.ACTIVATION_FUNCTIONS.get(call.callee or "")
    if act in _PROB:
        return f"a {act} output"
    predicted = None
    if call.callee is None and call.method in M.PREDICT_METHODS and call.receiver is not None:
        predicted = dotted_name(call.receiver)
    elif call.callee is None and call.func_text and call.method is None:
        predicted = call.func_text  # model(x)
    if predicted is not None:
        compile_call = keras_facts(facts).compile_before(predicted, call)
        model = mf.by_compile.get(id(compile_call)) if compile_call is not None else None
        output = model.single_output if model is not None else None
        if output is None and call.method is None:  # model(x) in a custom loop: no compile to go by
            output = mf.output_of_model(call.node.func, call.scope, call.order)
        if output is not None and output.activation in _PROB:
            return f"the model's {output.activation} predictions"
    return None


def _probability_at_every_call(facts: FileFacts, fn, param: str, depth: int) -> str | None:
    """A helper's parameter that every call in the file binds to a probability (``bce(y, model(x))``)."""
    sites = facts.values.call_sites(fn)
    if not sites:
        return None
    found = None
    for _, bound in sites:
        site = bound.get(param)
        what = _probability(facts, site.node, site.scope, site.before, depth + 1) if site is not None else None
        if what is None:
            return None
        found = found or what
    return found


@check(Rule("TFL408", "unsafe-log"))
def unsafe_log(facts: FileFacts, report: Report) -> None:
    for call in facts.calls_to(*M.LOG_FUNCTIONS):
        if call.has_star_args or len(call.positional) != 1:
            continue
        what = _probability(facts, call.positional[0].value, call.scope, call.order)
        if what is None:
            continue
        report(
            "TFL408",
            call.node,
            f"log of {what} without an epsilon or clipping: a probability of 0 gives -inf, then NaN gradients",
            help="use the built-in crossentropy losses (or log_softmax), or clip first: tf.clip_by_value(p, 1e-7, 1.0)",
        )
