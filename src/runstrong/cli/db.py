"""``runstrong db upgrade|current``, and how every CLI command opens the database.

Commands call :func:`open_database`, which migrates the database to the
newest schema first when needed, so a new user never has to run
``runstrong db upgrade`` by hand. SQLAlchemy and Alembic are imported inside
the functions that open a database, so commands that only read the clock
helpers here start without them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import typer

from runstrong.cli.console import out
from runstrong.cli.lazy import import_quietly
from runstrong.core.errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from runstrong.storage.sqlite_file import SQLiteFile

db_app = typer.Typer(name="db", help="Database schema: upgrade it, show its revision.")


def now_utc() -> dt.datetime:
    """The clock, read once per command (services take it as an argument)."""
    return dt.datetime.now(dt.UTC)


def today_local() -> dt.date:
    """Today's date in the machine's local time zone."""
    return dt.datetime.now().astimezone().date()


def local_tz() -> dt.tzinfo:
    """The machine's local time zone (hand-logged sessions are placed in it)."""
    tz = dt.datetime.now().astimezone().tzinfo
    return tz if tz is not None else dt.UTC


_OPEN_ENGINES: list[Engine] = []
_OPEN_FILES: list[SQLiteFile] = []


_STORAGE = ("sqlalchemy", "runstrong.storage.db", "runstrong.storage.migrate")


def _engine(url: str | None = None) -> Engine:
    import_quietly(*_STORAGE)
    from sqlalchemy.exc import SQLAlchemyError

    from runstrong.storage.db import make_engine
    from runstrong.storage.url import database_url

    url = url or database_url()
    try:
        engine = make_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StorageError(f"cannot open database {shown_url(url)!r}: {exc}") from None
    _OPEN_ENGINES.append(engine)
    return engine


def close_databases() -> None:
    """Dispose every engine a command opened (``runstrong.cli.run`` calls it at the end),
    so no pooled connection outlives the command; close every SQLite file opened."""
    while _OPEN_ENGINES:
        _OPEN_ENGINES.pop().dispose()
    while _OPEN_FILES:
        _OPEN_FILES.pop().close()


def shown_url(url: str | None = None) -> str:
    """The database URL as a message shows it (password hidden); also the key of the
    database's entry in the CLI settings file (``default_athlete``). A plain SQLite
    file URL is shown as written (``storage.sqlite_file.plain_sqlite_path``), without
    importing SQLAlchemy."""
    from runstrong.storage.sqlite_file import plain_sqlite_path
    from runstrong.storage.url import database_url

    url = url or database_url()
    if plain_sqlite_path(url) is not None:
        return url
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def open_engine(url: str | None = None) -> Engine:
    """An engine on ``url`` (default: the configured database), migrated to the newest
    schema (Alembic is imported only when it must migrate). For Core use cases."""
    import_quietly(*_STORAGE)
    from sqlalchemy.exc import SQLAlchemyError

    from runstrong.storage.migrate import current_revision, head_revision, upgrade

    engine = _engine(url)
    try:
        if current_revision(engine) != head_revision():
            upgrade(engine)
    except SQLAlchemyError as exc:
        raise StorageError(f"cannot open database {shown_url(url)!r}: {exc}") from None
    return engine


def open_plan_database(url: str | None = None) -> Engine | SQLiteFile:
    """Where a saved plan goes: the SQLite file of ``url`` (default: the configured
    database) when it is a plain file already at the newest schema, written with the
    standard library (``storage.sqlite_file``; SQLAlchemy is a third of a saved ``plan
    new``); else :func:`open_engine` (which creates and migrates as needed)."""
    from runstrong.storage.migrate import head_revision
    from runstrong.storage.sqlite_file import open_current
    from runstrong.storage.url import database_url

    url = url or database_url()
    found = open_current(url, head_revision())
    if found is None:
        return open_engine(url)
    _OPEN_FILES.append(found)
    return found


def open_database(url: str | None = None) -> sessionmaker[Session]:
    """A session factory on ``url`` (default: the configured database), migrated to
    the newest schema."""
    from runstrong.storage.db import make_session_factory

    return make_session_factory(open_engine(url))


@db_app.command("upgrade")
def upgrade_command() -> None:
    """Migrate the database (RUNSTRONG_DATABASE_URL or the default file) to the newest schema."""
    from runstrong.storage.migrate import current_revision, upgrade

    engine = _engine()
    before = current_revision(engine)
    upgrade(engine)
    after = current_revision(engine)
    if before == after:
        out().print(f"Database already at revision {after}.")
    else:
        out().print(f"Database upgraded from {before or 'empty'} to {after}.")


@db_app.command("current")
def current_command() -> None:
    """Print the database URL's schema revision and the newest one."""
    from runstrong.storage.migrate import current_revision, head_revision

    engine = _engine()
    rev = current_revision(engine)
    head = head_revision()
    state = "up to date" if rev == head else "needs: runstrong db upgrade"
    out().print(f"revision {rev or 'none (empty database)'} (newest {head}): {state}")


def register(app: typer.Typer) -> None:
    """Add the ``db`` command group."""
    app.add_typer(db_app, name="db")
