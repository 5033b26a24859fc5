"""``tflint lsp`` with one extra check that always crashes (for the robustness tests)."""

import sys

import tflint.checks  # noqa: F401  (the real checks first)
from tflint.lsp.server import main
from tflint.registry import CHECKS, Check, Rule


def exploding_check(facts, report):
    raise RuntimeError("boom from a broken check")


# registered beside the real TFL201 check (the decorator would refuse a second declaration)
CHECKS.append(Check("test.exploding_check", (Rule("TFL201", "fit-without-validation"),), exploding_check))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
