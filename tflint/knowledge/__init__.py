"""Knowledge tables: what tflint knows about the ML APIs, as data.

Each module here holds plain sets and dicts keyed by canonical names
(``tflint.analysis.names.canonical``). Checks import the tables they need; nothing in
here walks code.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

_DOTTED = re.compile(r"[a-z_]+(\.[A-Za-z_][A-Za-z0-9_]*)+")


def all_known_names() -> set[str]:
    """Every canonical API name mentioned by any table (used to resolve star imports)."""
    names: set[str] = set()
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, (set, frozenset, dict)):
                names.update(k for k in value if isinstance(k, str) and "." in k)
            elif isinstance(value, str) and _DOTTED.fullmatch(value):  # TRAIN_TEST_SPLIT = "sklearn....train_test_split"
                names.add(value)
    return names
