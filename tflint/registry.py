"""Checks and the rule codes they report.

A check is a function ``(facts, report) -> None`` registered with
``@check("TFL201", ...)``. Every code it reports must have a page in
``rules/`` (that page holds the name, severity and docs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Protocol

import libcst as cst

from tflint.diagnostics import Fix, Range, Related

if TYPE_CHECKING:
    from tflint.analysis.facts import FileFacts


class Report(Protocol):
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
class Check:
    name: str
    codes: tuple[str, ...]
    run: CheckFunction
    needs_ml: bool = True  # skipped in files that import no ML library


CHECKS: list[Check] = []


def check(*codes: str, needs_ml: bool = True) -> Callable[[CheckFunction], CheckFunction]:
    def register(func: CheckFunction) -> CheckFunction:
        CHECKS.append(Check(f"{func.__module__.rsplit('.', 1)[-1]}.{func.__name__}", codes, func, needs_ml))
        return func

    return register


def load_checks() -> list[Check]:
    import tflint.checks  # noqa: F401  (registers every check module)

    return CHECKS


__all__ = ["Check", "CHECKS", "FixSpec", "Related", "Fix", "check", "load_checks"]
