"""Learning rates that do not sit in the optimizer's constructor.

Two routes real code takes: a rate changed after the optimizer is built
(``K.set_value(model.optimizer.lr, 0.5)``, ``opt.learning_rate.assign(0.5)``,
``model.optimizer.learning_rate = 0.5``),
and a ``PiecewiseConstantDecay`` schedule, whose first value is the rate
training starts with. A rate set later is the one training uses, so it
replaces the constructor's; when it cannot be read the rate is unknown.
Computed once per file (``rate_settings``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import libcst as cst

from tflint.analysis.facts import CallFact, FileFacts, Scope, dotted_name
from tflint.analysis.keras_calls import keras_facts

_RATE_ATTRIBUTES = frozenset({"lr", "learning_rate"})
_SET_VALUE = frozenset({"keras.backend.set_value"})
PIECEWISE = "keras.optimizers.schedules.PiecewiseConstantDecay"


@dataclass(frozen=True)
class Place:
    """Where a setting happens, comparable with calls: its call index (lexical), scope and statement order."""

    index: float  # between the indexes of the calls before and after it
    scope: Scope
    order: int


@dataclass(frozen=True)
class RateSetting:
    """A statement that sets an optimizer's learning rate after it was built."""

    at: CallFact | Place  # the K.set_value / .assign call, or where the attribute is assigned
    owner: cst.BaseExpression  # the optimizer expression (``model.optimizer``, ``opt``)
    value: cst.BaseExpression  # the rate it sets


class RateSettings:
    def __init__(self, facts: FileFacts):
        self.facts = facts
        self.settings: list[RateSetting] = []
        for call in facts.calls_to(*_SET_VALUE):
            if len(call.positional) == 2 and not call.keywords and not call.has_star_args:
                owner = _rate_owner(call.positional[0].value)
                if owner is not None:
                    self.settings.append(RateSetting(call, owner, call.positional[1].value))
        for call in facts.method_calls("assign"):
            if call.callee is None and len(call.positional) == 1 and not call.keywords and not call.has_star_args:
                owner = _rate_owner(call.receiver)
                if owner is not None:
                    self.settings.append(RateSetting(call, owner, call.positional[0].value))
        call_orders: list[int] | None = None
        for name, assigns in facts.assignments_by_name.items():
            if not name.endswith((".lr", ".learning_rate")):
                continue  # only ``X.lr = v`` / ``X.learning_rate = v`` set a rate
            for assign in assigns:
                if assign.augmented or assign.value is None or len(assign.targets) != 1:
                    continue
                owner = _rate_owner(assign.targets[0])
                if owner is None:
                    continue
                if call_orders is None:
                    call_orders = [c.order for c in facts.calls]  # calls are in lexical order
                # after every call up to and including its own statement's (the value is computed first)
                place = Place(bisect_right(call_orders, assign.order) - 0.5, assign.scope, assign.order)
                self.settings.append(RateSetting(place, owner, assign.value))

    def set_later(self, opt: CallFact) -> tuple[cst.BaseExpression, Scope, int] | None:
        """The rate the last later setting gives this optimizer: (value, scope, order), else None."""
        found = None
        for setting in self.settings:
            if setting.at.index > opt.index and self._is_optimizer(setting, opt):
                if found is None or setting.at.index > found.at.index:
                    found = setting
        return (found.value, found.at.scope, found.at.order) if found is not None else None

    def _is_optimizer(self, setting: RateSetting, opt: CallFact) -> bool:
        """Does ``setting``'s owner hold the optimizer built by ``opt`` (directly or as ``model.optimizer``)?"""
        facts, call, owner = self.facts, setting.at, setting.owner
        if isinstance(owner, cst.Attribute) and owner.attr.value == "optimizer":
            compile_call = keras_facts(facts).compile_before(dotted_name(owner.value), call)
            arg = compile_call.arg("optimizer", 0) if compile_call is not None else None
            if arg is None:
                return False
            return facts.origin(arg.value, compile_call.scope, compile_call.order) is opt.node
        return facts.origin(owner, call.scope, call.order) is opt.node


def _rate_owner(node: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """``X.lr`` / ``X.learning_rate`` -> ``X``."""
    if isinstance(node, cst.Attribute) and node.attr.value in _RATE_ATTRIBUTES:
        return node.value
    return None


def first_piecewise_rate(facts: FileFacts, schedule: CallFact) -> tuple[tuple[float, ...], cst.BaseExpression] | None:
    """``PiecewiseConstantDecay(boundaries, values=[0.5, 0.1])`` -> ((0.5,), the node of 0.5)."""
    arg = schedule.arg("values", 1)
    if arg is None or schedule.has_star_args:
        return None
    values = facts.const(arg.value, schedule.scope, schedule.order)
    if not isinstance(values, (list, tuple)) or not values:
        return None
    first = values[0]
    if isinstance(first, bool) or not isinstance(first, (int, float)):
        return None
    node = arg.value
    if isinstance(node, (cst.List, cst.Tuple)) and node.elements:
        node = node.elements[0].value
    return (first,), node


def rate_settings(facts: FileFacts) -> RateSettings:
    return facts.derived(RateSettings)


__all__ = ["PIECEWISE", "RateSetting", "RateSettings", "first_piecewise_rate", "rate_settings"]
