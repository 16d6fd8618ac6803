"""Issue 11 part 6: the web reaches storage only through services.

No module of ``runstrong.web`` (routes, dependencies, views, jobs, templating, all of
it) may import ``runstrong.storage`` (the repository, the records, the tables, the
mapping, the engine helpers) or SQLAlchemy's query builders (``select``, ``text``,
``func``…) when it runs: reads and writes go through ``runstrong.services``. What the
web may take from SQLAlchemy is the *type* of the session it is handed
(``Session``, ``sessionmaker``) and the exceptions it turns into error pages
(``sqlalchemy.exc``).

The exceptions are listed in ``ALLOWED`` with the reason for each: the app's wiring of
engine and session factory. An import under ``if TYPE_CHECKING:`` only names a type
for the checker, so it does not count; an import inside a function body does (it
runs all the same).
"""

from __future__ import annotations

import ast
from pathlib import Path

import runstrong.web
from import_scan import runtime_imports

WEB = Path(runstrong.web.__file__).resolve().parent
STORAGE = "runstrong.storage"
SQLALCHEMY = "sqlalchemy"
SQLALCHEMY_TYPES = frozenset({"sqlalchemy.orm.Session", "sqlalchemy.orm.sessionmaker"})
"""What the web may import from SQLAlchemy: the types of the sessions it is handed."""
SQLALCHEMY_ERRORS = "sqlalchemy.exc."
"""…and its exceptions (``web.errors`` answers 503 to a database that stays locked)."""

ALLOWED: dict[str, tuple[frozenset[str] | None, str]] = {
    "context.py": (
        None,  # any storage import: this module is the wiring
        "the app's wiring of the database: it makes the engine and the session factory "
        "(runstrong.storage.db), migrates at start-up and warms the engine's pool and "
        "compiled-SQL cache; nothing else in the web opens a connection",
    ),
    "deps.py": (
        frozenset({"runstrong.storage.tables.AthleteRow", "runstrong.storage.tables.UserRow"}),
        "FastAPI reads the dependency signatures at run time, so the row types that "
        "CurrentUser/ScopedAthlete hand the routes must be importable here; the rows "
        "themselves come from services.accounts (no query is written here)",
    ),
}
"""Module (path under ``web/``) → (the imports it may make, None for any; why)."""


def boundary_imports(source: str, module: str = "runstrong.web.x") -> list[str]:
    """The runtime imports in ``source`` that cross the boundary, as ``line N: name``
    (``module``, the file's dotted name, resolves relative imports)."""
    found: list[tuple[int, int, str]] = []
    for node in runtime_imports(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: -node.level]
                base = ".".join([*anchor, *([base] if base else [])])
            # ``from runstrong import storage`` names the package only with the alias
            names = [f"{base}.{a.name}" for a in node.names]
        found += [(node.lineno, i, name) for i, name in enumerate(names) if crosses(name)]
    return [f"line {line}: {name}" for line, _, name in sorted(found)]


def crosses(name: str) -> bool:
    """Whether importing ``name`` reaches storage or builds queries."""
    if name == STORAGE or name.startswith(STORAGE + "."):
        return True
    if name == SQLALCHEMY or name.startswith(SQLALCHEMY + "."):
        return name not in SQLALCHEMY_TYPES and not name.startswith(SQLALCHEMY_ERRORS)
    return False


def module_of(path: Path) -> str:
    return ".".join(["runstrong", "web", *path.relative_to(WEB).with_suffix("").parts])


def web_modules() -> dict[str, Path]:
    return {path.relative_to(WEB).as_posix(): path for path in sorted(WEB.rglob("*.py"))}


def test_the_checker_sees_storage_and_query_builders() -> None:
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
        "from sqlalchemy import select, func\n"
        "from sqlalchemy.orm import Session, sessionmaker, configure_mappers\n"
        "from sqlalchemy.exc import OperationalError\n"
        "import sqlalchemy\n"
        "from ...storage.db import transaction\n"
        "from .accounts import visible_athlete\n"
    )
    assert boundary_imports(planted, "runstrong.web.routes.x") == [
        "line 2: runstrong.storage.repository",
        "line 3: runstrong.storage.tables",
        "line 7: runstrong.storage.records.StoredActivity",
        "line 9: runstrong.storage",
        "line 10: sqlalchemy.select",
        "line 10: sqlalchemy.func",
        "line 11: sqlalchemy.orm.configure_mappers",
        "line 13: sqlalchemy",
        "line 14: runstrong.storage.db.transaction",
    ]


def test_web_modules_reach_storage_only_through_services() -> None:
    modules = web_modules()
    assert len(modules) >= 30  # all of web/, not only the routes
    bad: dict[str, list[str]] = {}
    for name, path in modules.items():
        found = boundary_imports(path.read_text(encoding="utf-8"), module_of(path))
        allowed, _ = ALLOWED.get(name, (frozenset(), ""))
        if allowed is not None:
            found = [f for f in found if f.split(": ", 1)[1] not in allowed]
        else:
            found = []
        if found:
            bad[name] = found
    assert bad == {}, f"the web must reach storage through services: {bad}"


def test_every_allowed_module_still_needs_its_exception() -> None:
    modules = web_modules()
    for name, (allowed, reason) in ALLOWED.items():
        assert name in modules, f"{name} is gone: drop it from ALLOWED"
        assert reason
        path = modules[name]
        found = {f.split(": ", 1)[1] for f in boundary_imports(path.read_text(), module_of(path))}
        assert found, f"{name} no longer imports storage: drop it from ALLOWED"
        if allowed is not None:
            assert found == allowed, f"{name}: ALLOWED {sorted(allowed)}, imports {sorted(found)}"
