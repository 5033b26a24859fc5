"""``python -m tflint``: the same CLI as the ``tflint`` command."""

import sys

from tflint.cli import main

if __name__ == "__main__":
    sys.exit(main())
