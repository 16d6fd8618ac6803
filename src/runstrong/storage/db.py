"""Engine and session factory.

The URL comes from the caller, else ``RUNSTRONG_DATABASE_URL``, else a SQLite
file ``runstrong.sqlite3`` in ``platformdirs.user_data_dir("runstrong")``
(``storage.url``).
PostgreSQL works with ``postgresql+psycopg://user@host/db``.

SQLite connections get WAL journaling (readers never block the writer),
foreign keys on (SQLite leaves them off by default), a busy timeout (a second
process waits instead of failing at once; ``storage.sqlite_file.configure``, which
the SQLAlchemy-free writer of a saved plan shares) and explicit ``BEGIN`` so
SAVEPOINTs and transaction boundaries behave as on PostgreSQL.

The ORM (``sessionmaker``) and platformdirs are imported by the functions that use
them: a saved ``runstrong plan new`` writes through :func:`begin` (Core) and never
needs the ORM, and a database URL from the environment needs no data folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from runstrong.storage import sqlite_file
from runstrong.storage.url import ENV_VAR, database_url, default_database_path

__all__ = [
    "ENV_VAR",
    "IMMEDIATE_OPTION",
    "SQLITE_BUSY_TIMEOUT_MS",
    "begin",
    "database_url",
    "default_database_path",
    "make_engine",
    "make_session_factory",
    "transaction",
    "write_locking",
]

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = sqlite_file.SQLITE_BUSY_TIMEOUT_MS


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN (below) own transactions instead of pysqlite's.
        sqlite_file.configure(dbapi_connection, busy_timeout_ms)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # A transaction that reads and then writes must take the write lock up front
        # (BEGIN IMMEDIATE): a deferred one fails at once with "database is locked" when
        # another writer committed since its first read, whatever the busy timeout.
        immediate = connection.get_execution_options().get(IMMEDIATE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(
    url: str | None = None,
    *,
    echo: bool = False,
    sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
) -> Engine:
    """Create an engine for ``url`` (default: :func:`database_url`), SQLite tuned as above.

    ``sqlite_busy_timeout_ms`` is how long a SQLite connection waits for another
    writer's lock before failing with "database is locked"."""
    resolved = url or database_url()
    parsed = make_url(resolved)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(resolved, echo=echo)
        _configure_sqlite(engine, sqlite_busy_timeout_ms)
        return engine
    if parsed.get_backend_name() == "postgresql":
        from runstrong.storage.schema import add_postgresql_options

        add_postgresql_options()
    return create_engine(resolved, echo=echo, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """A session factory bound to ``engine``; objects stay readable after commit."""
    from sqlalchemy.orm import Session, sessionmaker

    from runstrong.storage.revision import install_session_hooks

    install_session_hooks(Session)  # the log revision rises as a session commits
    return sessionmaker(bind=engine, expire_on_commit=False)


IMMEDIATE_OPTION = "runstrong_sqlite_immediate"


def write_locking(engine: Engine) -> Engine:
    """``engine`` whose SQLite transactions all begin with ``BEGIN IMMEDIATE``.

    Bind a session to it (``factory(bind=write_locking(engine))``) when its
    transactions write: each one takes the write lock up front, waiting up to
    the busy timeout, also after an explicit ``commit()``. PostgreSQL ignores it.
    """
    return engine.execution_options(**{IMMEDIATE_OPTION: True})


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on any error.

    On SQLite the transaction takes the write lock when it begins (waiting up to the
    busy timeout for another writer), so a read-then-write use case never fails
    half-way because a concurrent import committed in between.
    """
    with factory() as session, session.begin():
        session.connection(execution_options={IMMEDIATE_OPTION: True})
        yield session


@contextmanager
def begin(engine: Engine) -> Iterator[Connection]:
    """A Core connection in one transaction: committed on success, rolled back on any
    error; on SQLite it takes the write lock when it begins, as :func:`transaction`.
    For use cases that need no ORM (the athlete and plan repositories take it)."""
    with write_locking(engine).begin() as connection:
        yield connection
