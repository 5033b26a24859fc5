"""Check modules, one per rule family. Importing this package registers them."""

from tflint.checks import leakage, optimization, validation  # noqa: F401
