"""``python -m tflint``: the same CLI as the ``tflint`` command."""

import os
import sys

# ``python -m`` puts the working directory first on sys.path. tflint runs in
# repositories it does not trust: their rich.py, libcst.py or json.py must not
# shadow the modules tflint imports (and so run on import).
if not getattr(sys.flags, "safe_path", False) and sys.path and os.path.abspath(sys.path[0] or os.curdir) == os.getcwd():
    del sys.path[0]

from tflint.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
