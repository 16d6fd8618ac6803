"""Shared fixtures: databases on SQLite (always) and PostgreSQL (when configured).

``db_url`` is a migrated, empty database for one test. It is parametrized over
SQLite (a copy of a database migrated once per session, so it is fast) and,
when ``RUNSTRONG_TEST_DATABASE_URL`` is set, PostgreSQL: each test process (each
pytest-xdist worker) gets its own schema, migrated once, emptied of every row
before every test (the app's tables and the job queue's) and dropped at the
end, so tests never see each other's rows. ``empty_db_url`` is a
database that was never migrated (for migration tests). Without that variable
the PostgreSQL variants are not generated, and PostgreSQL-only tests skip with
"no PostgreSQL"; CI (``.ci/run``) fails instead when PostgreSQL is missing.
Every fixture is safe under pytest-xdist (files in ``tmp_path``, uniquely
named schemas).
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from graphlib import TopologicalSorter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from runstrong.storage.db import make_engine, make_session_factory
from runstrong.storage.migrate import upgrade

# Property tests judge the code, not the machine: on a shared, loaded CI box Hypothesis's
# "generation is slow" health check and its per-example deadline fail tests whose code is
# fine. Examples, shrinking and every other health check stay as Hypothesis sets them.
settings.register_profile("runstrong", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("runstrong")

PG_ENV = "RUNSTRONG_TEST_DATABASE_URL"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get(PG_ENV) else [])


@pytest.hookimpl(tryfirst=True)
def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``sqlite_only`` tests take their database fixtures on SQLite alone (issue 11, test
    time): a PostgreSQL variant of a test whose subject is a CLI or page text or a coaching
    rule runs the same code again; what reaches storage is tested on both backends in
    tests/storage and tests/services. The variant's id stays ``[sqlite]``."""
    if metafunc.definition.get_closest_marker("sqlite_only") is None:
        return
    for name in ("db_url", "empty_db_url"):
        if name in metafunc.fixturenames:  # a mark, so the fixture's own params give way
            metafunc.definition.add_marker(pytest.mark.parametrize(name, ["sqlite"], indirect=True))


def pytest_report_header() -> str:
    """Say which database backends this run covers."""
    if os.environ.get(PG_ENV):
        return f"databases: SQLite and PostgreSQL ({make_url(os.environ[PG_ENV]).database})"
    return f"databases: SQLite only (no PostgreSQL: set {PG_ENV} to add it)"


def _pg_admin_url() -> str:
    return os.environ[PG_ENV]


def _pg_schema_url(schema: str) -> str:
    url = make_url(_pg_admin_url()).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db-template") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _pg_worker_schema() -> Iterator[str]:
    """One migrated schema per test process (issue 11, test time). It was one per test
    module, and 55 modules have PostgreSQL tests: 55 or more schemas migrated per run,
    each about 0.7 s of wall time (0.3 s more to drop it), for no more isolation than
    ``_truncate_all`` gives every test anyway."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_admin_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = _pg_schema_url(schema)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    if url in _EMPTYING:
        _EMPTYING.pop(url)[0].dispose()
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


_EMPTYING: dict[str, tuple[Engine, str]] = {}
"""Per schema URL: an engine kept for emptying it and the SQL that does (made once per
schema: a new engine per test opened a PostgreSQL connection, a server process, each time)."""

_TABLES = """
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema() AND c.relname <> 'alembic_version'
"""

_FOREIGN_KEYS = """
SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c
WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
"""

_OWNED_SEQUENCES = """
SELECT s.relname FROM pg_class s
JOIN pg_namespace n ON n.oid = s.relnamespace
JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass
    AND d.deptype IN ('a', 'i')
JOIN pg_class t ON t.oid = d.refobjid
WHERE s.relkind = 'S' AND n.nspname = current_schema() AND t.relname = ANY(:tables)
ORDER BY s.relname
"""


def _emptying_sql(connection: Connection) -> str:
    """``DELETE`` every row of the schema's tables (the app's and the job queue's, children
    first; not ``alembic_version``) and restart the sequences they own: what ``TRUNCATE …
    RESTART IDENTITY`` did, without its cost. TRUNCATE replaces each table's files (about
    0.4 s a test on a loaded 2-core machine, 20 times a ``DELETE`` of a test's few rows),
    and it ran before every PostgreSQL test. The queue's tables are emptied too, so a job
    a test left queued is never picked up by a later test's worker."""
    tables = connection.execute(text(_TABLES)).scalars().all()
    referrers: dict[str, set[str]] = {name: set() for name in tables}
    for child, parent in connection.execute(text(_FOREIGN_KEYS)).all():
        child, parent = child.strip('"'), parent.strip('"')
        if child != parent and parent in referrers:
            referrers[parent].add(child)
    order = list(TopologicalSorter(referrers).static_order())  # referrers before referred
    sequences = connection.execute(text(_OWNED_SEQUENCES), {"tables": order}).scalars().all()
    deletes = [f'DELETE FROM "{name}"' for name in order]
    restarts = ", ".join(f"setval('\"{seq}\"', 1, false)" for seq in sequences)
    return "; ".join(deletes + ([f"SELECT {restarts}"] if restarts else []))


def _truncate_all(url: str) -> None:
    if url not in _EMPTYING:
        engine = create_engine(url)
        with engine.connect() as connection:
            _EMPTYING[url] = (engine, _emptying_sql(connection))
    engine, sql = _EMPTYING[url]
    with engine.begin() as connection:
        connection.exec_driver_sql(sql)
    # The same URL with restarted ids: the coach's page caches (keyed by URL and row
    # ids) must not carry a previous test's rows over.
    caches = sys.modules.get("runstrong.services.coach_cache")
    if caches is not None:
        caches.clear_all()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """URL of a migrated, empty database (SQLite file, or a PostgreSQL schema)."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("_sqlite_template")
        target = tmp_path / "runstrong.sqlite3"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    url: str = request.getfixturevalue("_pg_worker_schema")
    _truncate_all(url)
    return url


@pytest.fixture(params=BACKENDS)
def empty_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of a database that was never migrated."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    schema = f"e_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_pg_admin_url())
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield _pg_schema_url(schema)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on ``db_url``, disposed after the test."""
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory on the test database."""
    return make_session_factory(engine)


@pytest.fixture
def coach_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The athlete ids the daily coach (``services.day.today``, which every preview and
    warm-up calls) runs for from now on, in order; the coach itself still runs."""
    from runstrong.services import day

    ran: list[int] = []
    coach_today = day.today

    def counted(session: Any, athlete_id: int, *args: Any, **kw: Any) -> Any:
        ran.append(athlete_id)
        return coach_today(session, athlete_id, *args, **kw)

    monkeypatch.setattr(day, "today", counted)
    return ran
