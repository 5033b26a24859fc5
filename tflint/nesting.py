"""The nesting limit: trees deeper than this get TFL001 and no analysis.

Shared by the engine (whole files) and the incremental parser (chunk by
chunk: the deepest top-level statement decides, as for the whole tree).
"""

from __future__ import annotations

import ast

#: Syntax trees deeper than this are not analysed. libcst's parser needs
#: seconds for a hundred chained calls and minutes for a few hundred (its time
#: grows with the cube of the chain), and recursive code would hit Python's
#: recursion limit. Real code stays under 30 (bench/real_code.py).
MAX_NESTING = 100


def nested_deeper_than(tree: ast.AST, limit: int) -> bool:
    """Whether any node is more than ``limit`` levels down (iterative, mostly O(statements))."""
    stack = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, ast.expr) and node.end_lineno == node.lineno and node.end_col_offset - node.col_offset < limit - depth - 2:
            continue  # every level of an expression takes a character (+2: ctx, arguments)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return False


def too_deep(tree: ast.AST) -> bool:
    return nested_deeper_than(tree, MAX_NESTING)
