"""Check modules, one per rule family. Importing this package registers them."""

from tflint.checks import dataprep, leakage, model, optimization, validation  # noqa: F401
from tflint.registry import CHECKS, Check


def load_checks() -> list[Check]:
    """Every registered check (the modules above registered theirs on import)."""
    return CHECKS
