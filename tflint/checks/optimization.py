"""TFL3xx: optimisation settings (learning rate, removed arguments, freezing)."""

from __future__ import annotations

import re

import libcst as cst

from tflint.analysis.facts import CallFact, FileFacts, dotted_name, names_in
from tflint.analysis.datasources import data_facts
from tflint.analysis.keras_calls import keras_facts, root_name
from tflint.analysis.models import Model, model_facts
from tflint.analysis.rates import PIECEWISE, first_piecewise_rate, rate_settings
from tflint.knowledge import keras as K
from tflint.registry import FixSpec, Report, Rule, check

#: TF1-style optimisers, classified like their Keras twins.
_TF1_ADAPTIVE = frozenset(
    f"tensorflow.{p}train.{n}"
    for p in ("", "compat.v1.")
    for n in ("AdamOptimizer", "RMSPropOptimizer", "AdagradOptimizer", "AdadeltaOptimizer", "FtrlOptimizer")
)
_TF1_SGD = frozenset(f"tensorflow.{p}train.{n}" for p in ("", "compat.v1.") for n in ("GradientDescentOptimizer", "MomentumOptimizer"))


def _family(callee: str) -> str | None:
    if callee in K.ADAPTIVE_OPTIMIZERS or callee in _TF1_ADAPTIVE:
        return "adaptive"
    if callee in K.SGD_OPTIMIZERS or callee in _TF1_SGD:
        return "sgd"
    if callee in K.SCALE_FACTOR_OPTIMIZERS:
        return "scale"
    return None


def _learning_rate(facts: FileFacts, opt: CallFact):
    """(values on every path, node to report at, source description) for an optimiser call."""
    later = rate_settings(facts).set_later(opt)  # K.set_value(model.optimizer.lr, v) / opt.learning_rate.assign(v)
    if later is not None:
        values = _numbers(facts.possible(*later))
        return (values, later[0], "learning rate set later to") if values else None
    arg = opt.arg("learning_rate", 0) or opt.keywords.get("lr")
    if arg is None:
        return None
    values = _numbers(facts.possible(arg.value, opt.scope, opt.order))
    if values:
        return values, arg.value, "learning rate"
    origin = facts.origin(arg.value, opt.scope, opt.order)
    sched = facts.call_of(origin) if isinstance(origin, cst.Call) else None
    if sched is not None and sched.callee in K.SCHEDULES:
        init_arg = sched.arg("initial_learning_rate")
        if init_arg is None and sched.callee == PIECEWISE:
            first = first_piecewise_rate(facts, sched)
            return (*first, "first learning rate of PiecewiseConstantDecay") if first is not None else None
        if init_arg is None:
            return None
        init = _numbers(facts.possible(init_arg.value, sched.scope, sched.order))
        if init:
            return init, init_arg.value, f"initial learning rate of {sched.callee.rsplit('.', 1)[-1]}"
    return None


_WEIGHT_LISTS = ("trainable_variables", "trainable_weights", "trainable_vars", ".weights", ".variables")
_UPDATE_METHODS = ("apply_gradients", "minimize", "apply")


def _what_it_trains(facts: FileFacts, opt: CallFact) -> str:
    """What the optimizer's learning rate acts on.

    ``weights``: a model's weights (compiled with it, or its trainable variables
    updated in a custom loop); ``input``: a ``tf.Variable`` such as
    the image of style transfer or deep dream, where steps are in pixel units;
    ``nothing``: never used, or compiled into a model whose own train_step
    never calls it; ``unknown`` otherwise (judged as weights).
    """
    arg = facts.arg_of_value(opt.node)
    if arg is not None:
        owner = facts.owner_call(arg)
        owner_fact = facts.call_of(owner) if owner is not None else None
        if owner_fact is not None and owner_fact.method == "compile":
            return _compiled(facts, owner_fact)
        return "unknown"
    names = {a.names[0] for a in facts.assignments if a.value is opt.node and len(a.names) == 1}
    if not names:
        return "unknown"

    def holds_it(node, scope, order) -> bool | None:
        """Whether ``node``, spelled as a name the optimizer was bound to, holds it here (None: cannot tell).

        Other spellings reach it only through an alias, which the "handed on" scan below reports.
        """
        if dotted_name(node) not in names:
            return False
        found = facts.values.sites(node, scope, order)
        if found is None:
            return None
        return any(site.node is opt.node for site in found)

    uses = []
    for call in facts.calls:
        if call.receiver is not None and call.method in _UPDATE_METHODS and holds_it(call.receiver, call.scope, call.order):
            uses.append(_updated(facts, call))
            continue
        for value in [a.value for a in call.node.args]:
            if isinstance(value, (cst.Name, cst.Attribute)) and holds_it(value, call.scope, call.order):
                uses.append(_compiled(facts, call) if call.method == "compile" else "unknown")
    for assign in facts.assignments:  # handed on: aliased, stored
        if isinstance(assign.value, (cst.Name, cst.Attribute)) and holds_it(assign.value, assign.scope, assign.order) is not False:
            uses.append("unknown")
    for fn in facts.functions.values():  # returned
        for returned in fn.returns:
            if isinstance(returned, (cst.Name, cst.Attribute)) and holds_it(returned, fn.scope, len(facts.statements)):
                uses.append("unknown")
    if not uses:  # a function reads the name: it may run while this binding is the live one
        uses = [
            _updated(facts, call) for call in facts.calls
            if call.scope is not facts.module_scope and call.method in _UPDATE_METHODS
            and call.receiver is not None and dotted_name(call.receiver) in names
        ]
    if not uses:
        # built and never used while the file compiles models with other optimizers (an API
        # snippet); in a file that trains nothing here, it is judged as written
        return "nothing" if facts.method_calls("compile") else "unknown"
    for kind in ("unknown", "weights", "input"):
        if kind in uses:
            return kind
    return "nothing"


def _updated(facts: FileFacts, call: CallFact) -> str:
    """What ``opt.apply_gradients(...)`` / ``opt.minimize(loss, var_list)`` updates."""
    target = call.arg("var_list", 1) if call.method == "minimize" else (call.positional[0] if call.positional else None)
    if target is None:
        return "unknown"
    text = facts.module.code_for_node(target.value)
    if any(w in text for w in _WEIGHT_LISTS):
        return "weights"
    kinds = set()
    for name in names_in(target.value):
        origin = facts.origin(cst.Name(name), call.scope, call.order)
        if origin is None or isinstance(origin, cst.Name):
            continue
        origin_text = facts.module.code_for_node(origin)
        if any(w in origin_text for w in _WEIGHT_LISTS):
            return "weights"
        made = facts.call_of(origin) if isinstance(origin, cst.Call) else None
        if made is not None and made.callee == "tensorflow.Variable":
            kinds.add("input")
    if "input" in kinds:
        return "input"
    if isinstance(target.value, (cst.List, cst.Tuple)):
        return "input"  # [(grad, image)]: an explicit variable, not a model's weight list
    return "unknown"


def _compiled(facts: FileFacts, compile_call: CallFact) -> str:
    kf = keras_facts(facts)
    for fit in kf.fits:
        if fit.compile is not None and fit.compile.node is compile_call.node and kf.custom_training(fit):
            if not _a_step_uses_optimizer(facts):
                return "nothing"
    return "weights"


def _a_step_uses_optimizer(facts: FileFacts) -> bool:
    """Whether any custom train/test step in the file mentions an optimizer (then the compiled one may run)."""
    for fn_name, fn in facts.functions.items():
        if fn_name.rsplit(".", 1)[-1] in K.CUSTOM_STEP_METHODS and "optimizer" in facts.module.code_for_node(fn.node):
            return True
    return False


#: Layers that add no weights between a linear model's input and its one Dense layer.
_WEIGHTLESS_KINDS = frozenset({"input", "normalization", "scaling", "transparent"})


def _compiled_with(facts: FileFacts, opt: CallFact) -> list[Model]:
    """The models compiled with this optimizer call (written into ``compile`` or through its name)."""
    return [
        model
        for model in model_facts(facts).models
        if facts.origin(model.compile.value("optimizer", 0), model.compile.scope, model.compile.order) is opt.node
    ]


def _linear_regression_of_unknown_scale(facts: FileFacts, model: Model) -> bool:
    """A linear regression (weightless layers, then one Dense without activation) on a target that is not class labels.

    An adaptive optimizer moves each weight by about the learning rate per step, so the
    prediction moves by about ``lr x (inputs + 1)``, and whether that is too far depends on
    the target's scale. A raw regression target (a price, a mileage) sits tens or thousands
    of units from the bias's start at zero: at 1e-3 the bias alone needs tens of thousands
    of steps to get there, and 0.1 is what such a convex problem needs. The scale cannot be
    read from the code, so the rate is judged only when the target is known to be class
    labels (0/1, digits, one-hot), where a step of 0.1 per weight overshoots.
    """
    loss = model.single_loss
    if loss is None or loss.family != "regression" or not model.paths or not all(model.complete):
        return False
    for path in model.paths:
        sized = [layer for layer in path if layer.kind not in _WEIGHTLESS_KINDS]
        if len(sized) != 1 or sized[0].kind != "sized" or sized[0].repeated:
            return False
        if sized[0].activation != "linear" and not (sized[0].activation is None and sized[0].activation_node is None):
            return False
    if not model.fits:
        return False
    sources = data_facts(facts)
    for fit in model.fits:
        labels = sources.labels_of_fit(fit.call)
        if labels is not None and labels.encoding != "continuous":
            return False
    return True


def _numbers(values: tuple) -> tuple[float, ...]:
    """The values when every one is a number (the learning rate on each path), else ()."""
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return tuple(sorted(values))
    return ()


def _shown(values: tuple[float, ...]) -> str:
    return " or ".join(f"{v:g}" for v in values)


def _definition(facts: FileFacts, node, scope, order):
    """The assignment that gave a name its constant value (for related info)."""
    name = dotted_name(node)
    if name is None:
        return None
    found = facts.last_assignment(name, scope, order)
    return found.statement if found is not None else None


@check(
    Rule(
        "TFL301",
        "learning-rate-too-high",
        thresholds=("max-learning-rate-adaptive", "max-learning-rate-sgd", "max-learning-rate-scale"),
    ),
    Rule("TFL302", "learning-rate-too-low", thresholds=("min-learning-rate",)),
)
def learning_rate_bounds(facts: FileFacts, report: Report) -> None:
    limits = {
        "adaptive": report.threshold("max-learning-rate-adaptive"),
        "sgd": report.threshold("max-learning-rate-sgd"),
        "scale": report.threshold("max-learning-rate-scale"),
    }
    low = report.threshold("min-learning-rate")
    for opt in facts.calls:
        if opt.callee is None:
            continue
        family = _family(opt.callee)
        if family is None:
            continue
        found = _learning_rate(facts, opt)
        if found is None:
            continue
        values, node, what = found
        limit = limits[family]
        too_high, too_low = min(values) > limit, 0 <= min(values) and max(values) < low
        if not (too_high or too_low) or _what_it_trains(facts, opt) in ("nothing", "input"):
            continue  # in bounds, or no weights move at this rate (an unused optimizer, pixels of an image)
        if too_high and family == "adaptive" and min(values) <= 10 * limit:
            models = _compiled_with(facts, opt)
            if models and all(_linear_regression_of_unknown_scale(facts, m) for m in models):
                continue  # a linear regression whose target's scale is unknown
        name = opt.callee.rsplit(".", 1)[-1]
        definition = _definition(facts, node, opt.scope, opt.order)
        related = [("value set here", definition)] if definition is not None else []
        if too_high:
            typical = {"adaptive": "1e-4 to 1e-3", "sgd": "1e-3 to 1e-1", "scale": "about 1.0"}[family]
            report(
                "TFL301",
                node,
                f"{what} {_shown(values)} is too high for {name}: above {limit:g} training usually diverges or oscillates",
                help=f"use a rate in the typical range for {name} ({typical})",
                related=related,
            )
        else:
            report(
                "TFL302",
                node,
                f"{what} {_shown(values)} is too low for {name}: below {low:g} the loss stays flat",
                help="use a rate between 1e-4 and 1e-2",
                related=related,
            )


@check(Rule("TFL303", "removed-lr-argument", fix="Rename `lr` to `learning_rate`"))
def removed_lr_argument(facts: FileFacts, report: Report) -> None:
    for opt in facts.calls:
        if opt.callee is None or not (opt.callee in K.OPTIMIZERS or opt.callee in K.SCHEDULES):
            continue
        lr = opt.keywords.get("lr")
        if lr is None or lr.keyword is None:
            continue
        fix = None
        if "learning_rate" not in opt.keywords:
            fix = FixSpec("Rename `lr` to `learning_rate`", ((lr.keyword, cst.Name("learning_rate")),))
        report(
            "TFL303",
            lr.keyword,
            "`lr=` was removed from Keras optimizers (Keras 3 raises an error)",
            help="rename it to `learning_rate=`",
            fix=fix,
        )


@check(Rule("TFL304", "trainable-after-compile"))
def trainable_after_compile(facts: FileFacts, report: Report) -> None:
    kf = keras_facts(facts)
    changes = [
        a for a in facts.assignments
        if not a.augmented
        and any(isinstance(t, cst.Attribute) and t.attr.value == "trainable" for t in a.targets)
    ]
    if not changes:
        return
    compiles = facts.method_calls("compile")
    for fit in kf.fits:
        if fit.receiver is None:
            continue
        mine = [c for c in compiles if dotted_name(c.receiver) == fit.receiver and c.index < fit.call.index]
        for change in changes:
            if change.order >= fit.call.order:
                continue
            before = [c for c in mine if c.order < change.order]
            after = [c for c in mine if change.order < c.order]
            if not before or after:
                continue
            target = next(t for t in change.targets if isinstance(t, cst.Attribute))
            if not _affects(facts, target, fit.receiver, change):
                continue
            report(
                "TFL304",
                change.node,
                f"`{_text(facts, target)} = ...` after `{fit.receiver}.compile()` has no effect until the model is "
                "compiled again",
                help=f"call `{fit.receiver}.compile(...)` after changing `trainable`",
                related=[("compiled here", before[-1].node), ("trained here without recompiling", fit.call.node)],
            )


def _text(facts: FileFacts, node: cst.CSTNode) -> str:
    return facts.module.code_for_node(node).strip()


def _affects(facts: FileFacts, target: cst.Attribute, receiver: str, change) -> bool:
    """Is the object whose ``trainable`` changed part of the fitted model?"""
    root = root_name(target.value)
    if root is None:
        return False
    seen = set()
    while root not in seen:
        seen.add(root)
        if root == receiver.partition(".")[0] or root == receiver:
            return True
        loop = facts.last_assignment(root, change.scope, change.order + 1)
        if loop is None or not isinstance(loop.node, cst.For):
            break
        root = root_name(loop.value) or root  # for layer in base.layers: -> base
    # the layer/base model is part of the model: in its constructor, added to
    # it, or called on a tensor of its functional graph
    model = facts.origin(cst.parse_expression(receiver), change.scope, change.order)
    if isinstance(model, cst.Call) and root in names_in(model):
        return True
    for call in facts.calls:
        if call.order >= change.order:
            break
        if call.func_text == root:
            return True
        if call.method == "add" and dotted_name(call.receiver) == receiver and any(root in names_in(a.value) for a in call.positional):
            return True
    return False
