"""Checking rule selectors (``--select TFL2``, ``--ignore TFL201``) against the rules that exist.

A selector that matches no rule is almost always a typo (``TFL7``, ``TFL999``);
accepting it silently turns rules off, or nothing on, without a word. The
rule pages in ``rules/`` are the list of rules, so this reads the rulebook
(tens of milliseconds), not the checks (which would import libcst).
"""

from __future__ import annotations

import argparse

from tflint import rulebook

#: The runtime probe's family (``tflint probe``; the codes in tflint/probe/checks.py).
#: ``tflint PATH`` reports none of them; a test keeps this and the probe in step.
PROBE_FAMILY = "TFL6"
#: Findings about a finished training run (``tflint diagnose LOG``, ``tflint.keras.Monitor``).
RUN_FAMILY = "TFL7"
_ELSEWHERE = {
    PROBE_FAMILY: ("runtime probe rules", "run `tflint probe SCRIPT` for them"),
    RUN_FAMILY: ("training-run rules", "run `tflint diagnose LOG` for them"),
}


class SelectorError(ValueError):
    """A selector that matches no rule (the message names it)."""


def _matching(selector: str, codes) -> list[str]:
    return [code for code in codes if selector == "ALL" or code.startswith(selector)]


def check(option: str, selectors, *, for_probe: bool = False) -> list[str]:
    """Raise SelectorError for selectors that match no rule; return notes for those that select nothing here.

    ``option`` names where the selectors came from (``--select``, a config key)
    so the message points at what to change.
    """
    codes = sorted(rulebook.all_rules())
    unknown = [s for s in selectors if not _matching(s, codes)]
    if unknown:
        names = ", ".join(repr(s) for s in unknown)
        families = sorted({code[:4] for code in codes})
        raise SelectorError(
            f"{option}: {names} {'matches' if len(unknown) == 1 else 'match'} no rule "
            f"(rule families: {', '.join(families)}; `tflint rules` lists every code)"
        )
    notes = []
    if not for_probe and option.lstrip("-").endswith("select"):
        for selector in selectors:
            matched = _matching(selector, codes)
            for family, (what, remedy) in _ELSEWHERE.items():
                if selector != "ALL" and all(code.startswith(family) for code in matched):
                    notes.append(
                        f"{option} {selector} selects only {what} ({matched[0]}..{matched[-1]}), "
                        f"which `tflint PATH` never reports: {remedy}"
                    )
    return notes


def parse_codes(value: str) -> list[str]:
    """An argparse type: comma-separated rule codes or prefixes (their form only; ``unknown()`` checks them)."""
    codes = [c.strip().upper() for c in value.split(",") if c.strip()]
    for code in codes:
        if code != "ALL" and not (code.startswith("TFL") and code[3:].isdigit() and len(code) <= 6):
            raise argparse.ArgumentTypeError(f"{code!r} is not a rule code or prefix (like TFL2 or TFL201)")
    return codes
