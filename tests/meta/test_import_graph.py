"""Issue 11: no import cycles anywhere in runstrong, and core's sub-packages only
import in the allowed direction (science imports nothing from planning, coaching
or rules; nothing in core imports coaching; ...).

The graph is built from the source with ``ast`` (module-level imports, including
those inside functions, but not those under ``if TYPE_CHECKING:``), so a lazy
import inside a function still counts: a cycle hidden in a function body is a
cycle a maintainer has to untangle all the same.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

from import_scan import runtime_imports

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "runstrong"


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(tree: ast.AST, here: str, is_package: bool, known: set[str]) -> set[str]:
    out: set[str] = set()
    for node in runtime_imports(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = here.split(".") if is_package else here.split(".")[:-1]
            anchor = anchor[: len(anchor) - (node.level - 1)]
            base = ".".join([*anchor, base] if base else anchor)
        out.add(base)
        out.update(f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in known)
    return {name for name in out if name in known}


@functools.cache
def _graph() -> dict[str, set[str]]:
    """The import graph of ``src/runstrong`` (built once per process; callers only read it:
    parsing every module takes about a second, and nine tests ask for it)."""
    files = sorted(PACKAGE.rglob("*.py"))
    known = {_module_name(p) for p in files}
    graph: dict[str, set[str]] = {}
    for path in files:
        name = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        deps = _imported(tree, name, path.name == "__init__.py", known)
        # Importing a.b.c also runs a/__init__ and a/b/__init__; those edges are real too,
        # but a package importing its own children is not a cycle with them.
        graph[name] = {d for d in deps if d != name and not name.startswith(d + ".")}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_sees_a_planted_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycles_in_runstrong() -> None:
    assert _cycles(_graph()) == []


# What each core sub-package may import from the rest of core (besides itself and
# the shared core.model, core.errors, core.units).
ALLOWED: dict[str, set[str]] = {
    "science": set(),
    "exercises": set(),
    "athlete": {"exercises"},
    "prescription": {"athlete", "exercises", "science"},
    "rules": {"athlete", "exercises", "science"},
    "planning": {"athlete", "exercises", "science", "rules", "prescription"},
    "coaching": {"athlete", "exercises", "science", "rules", "prescription", "planning"},
}
SHARED = {"model", "errors", "units"}


def _core_part(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 3 or parts[:2] != ["runstrong", "core"]:
        return None
    return parts[2]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_core_sub_packages_import_only_downwards(package: str) -> None:
    bad = []
    for module, deps in _graph().items():
        if _core_part(module) != package:
            continue
        for dep in deps:
            part = _core_part(dep)
            if part is None or part in SHARED or part == package:
                continue
            if part not in ALLOWED[package]:
                bad.append(f"{module} -> {dep}")
    assert bad == [], f"core.{package} may import only {sorted(ALLOWED[package])}: {bad}"


def test_core_shared_modules_import_no_sub_package() -> None:
    graph = _graph()
    bad = [
        f"{m} -> {d}"
        for name in SHARED
        for m in [f"runstrong.core.{name}"]
        for d in graph.get(m, ())
        if _core_part(d) not in (None, *SHARED)
    ]
    assert bad == []


def test_every_core_module_lives_in_a_sub_package() -> None:
    loose = sorted(
        p.stem for p in (PACKAGE / "core").glob("*.py") if p.stem not in {*SHARED, "__init__"}
    )
    assert loose == []
