"""tflint: a linter for TensorFlow/Keras training code."""

__version__ = "0.1.0"
