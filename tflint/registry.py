"""Checks and the rules they declare.

A check is a function ``(facts, report) -> None`` registered with
``@check(Rule("TFL201", "fit-without-validation"), ...)``: each rule it may
report is declared there with its name, the thresholds it reads and the title
of its fix. The declaration is checked: a report under an undeclared code, a
threshold read that was not declared or a fix for a rule declared without one
is an internal error (TFL002), never a silent drop; two checks declaring one
code or one name are rejected when they register; the tests compare every
declaration with its page in ``rules/`` (severity and docs live there).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol

import libcst as cst

from tflint.diagnostics import Fix, Range, Related

if TYPE_CHECKING:
    from tflint.analysis.facts import FileFacts


class Report(Protocol):
    def threshold(self, key: str): ...

    def __call__(
        self,
        code: str,
        node: cst.CSTNode | Range,
        message: str,
        *,
        related: tuple[tuple[str, cst.CSTNode | Range], ...] | list = (),
        fix: "FixSpec | None" = None,
    ) -> None: ...


@dataclass(frozen=True)
class FixSpec:
    """A fix as libcst node replacements; the engine turns it into text edits."""

    description: str
    replacements: tuple[tuple[cst.CSTNode, cst.CSTNode], ...]
    safe: bool = True


CheckFunction = Callable[["FileFacts", Report], None]


@dataclass(frozen=True)
class Rule:
    """One rule a check may report, declared next to the check."""

    code: str
    name: str
    thresholds: tuple[str, ...] = ()  # the config keys (config.THRESHOLDS) the check reads for it
    fix: str | None = None  # what its fixes do, when the rule offers one


class DeclarationError(Exception):
    """A check broke its declaration (a bug in tflint, reported as TFL002)."""


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    run: CheckFunction
    needs_ml: bool = True  # skipped in files that import no ML library

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(rule.code for rule in self.rules)

    @property
    def thresholds(self) -> frozenset[str]:
        return frozenset(key for rule in self.rules for key in rule.thresholds)

    def rule(self, code: str) -> Rule:
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise DeclarationError(f"check '{self.name}' reported {code}, which it does not declare")


CHECKS: list[Check] = []


def check(*rules: Rule, needs_ml: bool = True) -> Callable[[CheckFunction], CheckFunction]:
    if not rules or not all(isinstance(rule, Rule) for rule in rules):
        raise TypeError("@check takes the Rule declarations of the codes it reports")

    def register(func: CheckFunction) -> CheckFunction:
        name = f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}"
        for rule in rules:
            for other in CHECKS:
                for theirs in other.rules:
                    if rule.code == theirs.code or rule.name == theirs.name:
                        raise DeclarationError(
                            f"{name} declares {rule.code} '{rule.name}', already declared by {other.name} "
                            f"as {theirs.code} '{theirs.name}'"
                        )
        CHECKS.append(Check(name, rules, func, needs_ml))
        return func

    return register


__all__ = ["Check", "CHECKS", "DeclarationError", "FixSpec", "Related", "Fix", "Rule", "check"]
