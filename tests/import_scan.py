"""The import statements a module runs, read from its source with ``ast``: every
``import`` and ``from … import`` anywhere in it (lazy ones inside functions count: they
run all the same), except those under ``if TYPE_CHECKING:``, which only name types for
the checker (their ``else:`` branch still runs). Shared by the import-graph and the
route-boundary tests."""

from __future__ import annotations

import ast
from collections.abc import Iterator


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Each import node of ``tree`` that runs when the module runs."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))
