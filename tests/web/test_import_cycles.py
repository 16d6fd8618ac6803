"""No import cycle among the modules of ``runstrong.web`` (issue 14, part 7).

The graph counts every import statement, at module level or inside a
function: an import moved into a function to dodge a cycle at start-up is
still a cycle in the design. It is built from the source with ``ast``, so the
test needs no import side effects.
"""

from __future__ import annotations

import ast
from pathlib import Path

import runstrong.web

WEB = Path(runstrong.web.__file__).resolve().parent
SRC = WEB.parent.parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, name: str) -> set[str]:
    """Every module (and ``module.attribute``) the file imports, absolute."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def web_import_graph() -> dict[str, set[str]]:
    files = {module_name(p): p for p in WEB.rglob("*.py")}
    return {
        name: {d for d in imported_names(path, name) if d in files and d != name}
        for name, path in files.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, …, a]``, or None (depth-first search, three colours)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)) is not None:
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)) is not None:
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_through_a_function_level_import() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
    source = WEB / "context.py"  # ``upgrade`` is imported inside ``init_backend``
    assert "runstrong.storage.migrate.upgrade" in imported_names(source, "runstrong.web.context")


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    module = tmp_path / "x.py"
    module.write_text("def f():\n    from .deps import utcnow\n    from ..core import errors\n")
    assert imported_names(module, "runstrong.web.x") >= {
        "runstrong.web.deps",
        "runstrong.web.deps.utcnow",
        "runstrong.core.errors",
    }


def test_web_modules_have_no_import_cycle() -> None:
    graph = web_import_graph()
    assert {"runstrong.web.job_queue", "runstrong.web.deps", "runstrong.web.context"} <= set(graph)
    assert find_cycle(graph) is None
