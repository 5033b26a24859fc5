"""The runtime probe: ``tflint probe train.py`` (see command.py for the pipeline).

Nothing here imports TensorFlow or numpy at import time; only the child
process (bootstrap.py) does.
"""
