"""Issue 11 part 6: web routes reach storage only through services.

No module of ``runstrong.web.routes`` may import ``runstrong.storage`` (the
repository, the records, the tables, the mapping) when it runs: reads and writes
go through ``runstrong.services`` (or ``web.accounts`` for users and access).
The app's wiring of engine and session factory lives in ``web.context`` and
``web.deps``, outside ``routes``. An import under ``if TYPE_CHECKING:`` only names
the type of a row that ``web.deps`` hands a route, so it does not count; an import
inside a function body does.
"""

from __future__ import annotations

import ast
from pathlib import Path

import runstrong.web.routes
from import_scan import runtime_imports

ROUTES = Path(runstrong.web.routes.__file__).resolve().parent
FORBIDDEN = "runstrong.storage"


def storage_imports(source: str) -> list[str]:
    """The runtime imports of ``runstrong.storage`` (or its modules) in ``source``."""
    found: list[str] = []
    for node in runtime_imports(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif node.module and not node.level:
            # ``from runstrong import storage`` names the package only with the alias
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        else:
            names = []
        bad = [n for n in names if n == FORBIDDEN or n.startswith(FORBIDDEN + ".")]
        if bad:
            found.append(f"line {node.lineno}: {bad[0]}")
    return found


def test_the_checker_sees_runtime_storage_imports() -> None:
    planted = (
        "from typing import TYPE_CHECKING\n"
        "from runstrong.storage import repository\n"
        "import runstrong.storage.tables\n"
        "if TYPE_CHECKING:\n"
        "    from runstrong.storage.tables import AthleteRow\n"
        "def f():\n"
        "    from runstrong.storage.records import StoredActivity\n"
        "from runstrong.services.logging import save_wellness\n"
        "from runstrong import storage\n"
    )
    assert sorted(storage_imports(planted)) == [
        "line 2: runstrong.storage",
        "line 3: runstrong.storage.tables",
        "line 7: runstrong.storage.records",
        "line 9: runstrong.storage",
    ]


def test_web_routes_do_not_import_storage() -> None:
    modules = sorted(ROUTES.glob("*.py"))
    assert len(modules) >= 10
    bad = {
        path.name: found
        for path in modules
        if (found := storage_imports(path.read_text(encoding="utf-8")))
    }
    assert bad == {}, f"web routes must reach storage through services: {bad}"
