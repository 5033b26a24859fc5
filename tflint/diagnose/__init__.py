"""Diagnose a real training run from its per-epoch logs (issue 19).

The static checks prevent, the probe predicts; this package reads what a run
actually did: a CSVLogger file, a Keras History saved as JSON, a TensorBoard
log folder, or the epochs a :class:`tflint.keras.Monitor` watches live.

``analysis`` is pure Python (no TensorFlow, no numpy) so that the Keras
callback can run it every epoch at no cost; the readers, the HTML report and
the command line live in their own modules and are imported only by the
paths that use them.
"""
