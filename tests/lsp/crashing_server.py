"""``tflint lsp`` with one extra check that always crashes (for the robustness tests)."""

import sys

import tflint.checks  # noqa: F401  (the real checks first)
from tflint.lsp.server import main
from tflint.registry import check


@check("TFL201")
def exploding_check(facts, report):
    raise RuntimeError("boom from a broken check")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
