"""Check modules, one per rule family. Importing this package registers them."""

from tflint.checks import dataprep, leakage, model, optimization, validation  # noqa: F401
