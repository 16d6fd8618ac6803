"""Issue 11: no module over 500 lines and no function over 80, outside the frozen
Alembic migrations (each one the record of a schema change, never edited again).

A function that must be longer is listed in ``LONGER`` with the reason; a listed one
that has become short enough fails too, so the list cannot go stale.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "runstrong"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 80
LONGER: dict[str, str] = {}


def _sources() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_no_module_over_500_lines() -> None:
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in _sources()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def _function_lengths(path: Path, root: Path = PACKAGE) -> dict[str, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    name = str(path.relative_to(root))
    return {
        f"{name}:{node.name}": (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }


def test_no_function_over_80_lines() -> None:
    lengths = {k: n for p in _sources() for k, n in _function_lengths(p).items()}
    long = {k: n for k, n in lengths.items() if n > MAX_FUNCTION_LINES and k not in LONGER}
    stale = [k for k in LONGER if lengths.get(k, 0) <= MAX_FUNCTION_LINES]
    assert long == {} and stale == []


def test_the_size_check_sees_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"        x{i} = {i}" for i in range(MAX_FUNCTION_LINES - 1))
    source = tmp_path / "long.py"
    source.write_text(f"class C:\n    def f(self) -> None:\n{body}\n", encoding="utf-8")
    assert _function_lengths(source, tmp_path) == {"long.py:f": MAX_FUNCTION_LINES}
    source.write_text(f"class C:\n    def f(self) -> None:\n{body}\n        y = 0\n")
    assert _function_lengths(source, tmp_path) == {"long.py:f": MAX_FUNCTION_LINES + 1}
