"""Check modules, one per rule family. Importing this package registers them."""

from tflint.checks import optimization, validation  # noqa: F401
