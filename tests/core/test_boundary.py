"""House rule 1: core/ is pure. It imports nothing from the shells or I/O layers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "src" / "runstrong" / "core"
FORBIDDEN_PREFIXES = (
    "runstrong.cli",
    "runstrong.web",
    "runstrong.storage",
    "runstrong.importers",
    "runstrong.exporters",
    "runstrong.services",
    "sqlalchemy",
    "fastapi",
    "typer",
    "rich",
    "httpx",
    "requests",
    "socket",
    "subprocess",
)


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


CORE_FILES = sorted(CORE.rglob("*.py"))


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_shell_or_io_layer(path: Path) -> None:
    bad = [
        name
        for name in _imports(path)
        if any(name == p or name.startswith(p + ".") for p in FORBIDDEN_PREFIXES)
    ]
    assert bad == [], f"{path.name} imports {bad}"


@pytest.mark.parametrize("path", CORE_FILES, ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_never_reads_the_clock(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    for call in (
        "datetime.now(",
        "date.today(",
        "time.time(",
        "dt.datetime.now(",
        "dt.date.today(",
    ):
        assert call not in source, f"{path.name} reads the clock via {call}"
