"""Saving a plan into a SQLite file through the standard library's ``sqlite3``.

A saved ``runstrong plan new`` writes five rows at most: the athlete (found, adopted
or added), its profile, the plan, and the old active plan switched off. Importing
SQLAlchemy to do so cost 130-190 ms, about a third of the whole command
(docs/benchmarks.md, issue 11). This module writes those rows with ``sqlite3``, which
is already loaded, and is used only when both hold:

* the URL is a plain file URL, ``sqlite:///PATH`` (or ``sqlite+pysqlite:///PATH``),
  whose path SQLAlchemy reads and shows unchanged (:func:`plain_sqlite_path`);
* the file exists and its schema is at the newest revision this runstrong ships
  (``alembic_version`` against :func:`runstrong.storage.migrate.head_revision`).

Anything else (a new file, an older schema to migrate, a newer one to refuse,
PostgreSQL, a URL with options) goes through the engine as every other command does.

The statements mirror the Core repository functions of the same names
(``storage.repo_accounts``, ``storage.repo_plans``, ``storage.revision.bump``) on the
tables of ``storage.schema``, and the values are bound as SQLAlchemy binds them on
SQLite (times as UTC text with microseconds, booleans as 0/1, ``log_revision`` 0 on
insert). ``tests/storage/test_sqlite_file.py`` runs the use case through both paths on
copies of one database and compares every row of every table; a change to these tables
(a new revision) makes the file fall back to the engine until this module and that
test agree with it again.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote

from runstrong.core.errors import InputError, NotFoundError, StorageError
from runstrong.storage.athlete_record import AthleteRecord, clean_athlete_name

SQLITE_BUSY_TIMEOUT_MS = 10_000
_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")
_ATHLETE = "SELECT id, name, owner_user_id, profile_toml, created_at, profile_source FROM athletes"


def plain_sqlite_path(url: str) -> str | None:
    """The absolute path of the SQLite file ``url`` names, if it is a plain file URL
    that SQLAlchemy shows as written (``quote(path, safe=" +/")``: letters, digits,
    ``_.-~ +/``); None for anything else (no ``%``, ``?``, ``@``, ``:memory:``...)."""
    for prefix in _PREFIXES:
        if url.startswith(prefix):
            database = url[len(prefix) :]
            if database and quote(database, safe=" +/") == database:
                # as SQLAlchemy's pysqlite dialect does (no symlinks resolved)
                return os.path.abspath(database)  # noqa: PTH100
    return None


def configure(connection: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """Set up a new connection as every runstrong SQLite connection (``storage.db``):
    transactions begun explicitly, foreign keys on, a busy timeout, WAL journaling."""
    connection.isolation_level = None
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@dataclass(frozen=True, slots=True)
class SQLiteFile:
    """An open connection to a SQLite file whose schema is at the newest revision."""

    url: str
    connection: sqlite3.Connection
    revision: str

    def close(self) -> None:
        """Close the connection."""
        self.connection.close()


def open_current(url: str, head: str) -> SQLiteFile | None:
    """The SQLite file of ``url`` if it is plain, exists and its schema revision is
    ``head``; None otherwise (also when it cannot be opened: the engine then reports
    or repairs that as for every other command)."""
    path = plain_sqlite_path(url)
    if path is None:
        return None
    try:
        connection = sqlite3.connect(
            f"file:{quote(path, safe='/')}?mode=rw", uri=True, check_same_thread=False
        )
    except sqlite3.Error:
        return None
    try:
        configure(connection, SQLITE_BUSY_TIMEOUT_MS)
        if _revision(connection) == head:
            return SQLiteFile(url, connection, head)
    except sqlite3.Error:
        pass
    connection.close()
    return None


def _revision(connection: sqlite3.Connection) -> str | None:
    has_table = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).fetchone()
    if has_table is None:
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])


@contextmanager
def begin(db: SQLiteFile) -> Iterator[SQLiteWriter]:
    """One transaction that takes the write lock when it begins (``BEGIN IMMEDIATE``,
    as ``storage.db.begin``): committed on success, rolled back on any error. The
    schema revision is read again under the lock: a file migrated by another process
    since :func:`open_current` is not written (``StorageError``)."""
    connection = db.connection
    connection.execute("BEGIN IMMEDIATE")
    try:
        found = _revision(connection)
        if found != db.revision:
            raise StorageError(
                f"the schema of {db.url!r} changed to revision {found!r} while the plan was "
                f"built (this runstrong writes {db.revision!r}): run the command again"
            )
        yield SQLiteWriter(connection)
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def _stored_time(value: dt.datetime) -> str:
    """``value`` as ``storage.schema.UTCDateTime`` stores it on SQLite: UTC, no offset,
    SQLAlchemy's ``YYYY-MM-DD HH:MM:SS.ffffff``; a naive datetime is refused."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value!r} cannot be stored; pass an aware one")
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _athlete(row: tuple[int, str, int | None, str | None, str, str | None]) -> AthleteRecord:
    created = dt.datetime.fromisoformat(row[4]).replace(tzinfo=dt.UTC)
    return AthleteRecord(row[0], row[1], row[2], row[3], created, row[5])


class SQLiteWriter:
    """The athlete and plan writes of a saved plan, in one transaction (:func:`begin`).
    Each method does what the Core repository function of its name does, for the
    local (ownerless) athletes the CLI acts on."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def find_athlete(self, name: str) -> AthleteRecord | None:
        """``repo_accounts.find_athlete`` for a local athlete."""
        row = self._db.execute(
            f"{_ATHLETE} WHERE name = ? AND owner_user_id IS NULL", (name.strip(),)
        ).fetchone()
        return None if row is None else _athlete(row)

    def list_athletes(self) -> list[AthleteRecord]:
        """``repo_accounts.list_athletes``: every athlete, in creation order."""
        return [_athlete(r) for r in self._db.execute(f"{_ATHLETE} ORDER BY id")]

    def add_athlete(self, name: str, *, now: dt.datetime) -> AthleteRecord:
        """``repo_accounts.add_athlete`` for a local athlete without a profile."""
        clean = clean_athlete_name(name)
        if self.find_athlete(clean) is not None:
            raise InputError(f"athlete {clean!r} already exists: choose another name")
        cursor = self._db.execute(
            "INSERT INTO athletes (name, owner_user_id, profile_toml, created_at, log_revision)"
            " VALUES (?, NULL, NULL, ?, 0)",
            (clean, _stored_time(now)),
        )
        return self._get_athlete(_row_id(cursor))

    def rename_athlete(self, athlete_id: int, name: str) -> AthleteRecord:
        """``repo_accounts.rename_athlete`` of a local athlete."""
        self._get_athlete(athlete_id)
        clean = clean_athlete_name(name)
        other = self.find_athlete(clean)
        if other is not None and other.id != athlete_id:
            raise InputError(f"athlete {clean!r} already exists: choose another name")
        self._update_athlete(athlete_id, {"name": clean})
        return self._get_athlete(athlete_id)

    def set_athlete_profile(
        self, athlete_id: int, profile_toml: str | None, *, source: str | None = None
    ) -> None:
        """``repo_accounts.set_athlete_profile``."""
        values = {"profile_toml": profile_toml}
        if source is not None:
            values["profile_source"] = source
        self._update_athlete(athlete_id, values)

    def add_plan(
        self, athlete_id: int, plan_json: str, *, format_version: str, now: dt.datetime
    ) -> int:
        """``repo_plans.add_plan`` of an active plan (the athlete's other active plans are
        switched off); the new plan's id."""
        self._db.execute(
            "UPDATE plans SET active = 0 WHERE plans.athlete_id = ? AND plans.active IS 1",
            (athlete_id,),
        )
        cursor = self._db.execute(
            "INSERT INTO plans (athlete_id, plan_json, format_version, created_at, active)"
            " VALUES (?, ?, ?, ?, 1)",
            (athlete_id, plan_json, format_version, _stored_time(now)),
        )
        self._bump(athlete_id)
        return _row_id(cursor)

    def _get_athlete(self, athlete_id: int) -> AthleteRecord:
        row = self._db.execute(f"{_ATHLETE} WHERE id = ?", (athlete_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"no athlete with id {athlete_id}")
        return _athlete(row)

    def _update_athlete(self, athlete_id: int, values: dict[str, str | None]) -> None:
        columns = ", ".join(f"{column} = ?" for column in values)  # our own column names
        cursor = self._db.execute(
            f"UPDATE athletes SET {columns} WHERE id = ?", (*values.values(), athlete_id)
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"no athlete with id {athlete_id}")
        self._bump(athlete_id)

    def _bump(self, athlete_id: int) -> None:
        """``revision.bump`` on a connection: the log revision rises at once."""
        self._db.execute(
            "UPDATE athletes SET log_revision = athletes.log_revision + 1 WHERE athletes.id = ?",
            (athlete_id,),
        )


def _row_id(cursor: sqlite3.Cursor) -> int:
    row_id = cursor.lastrowid
    assert row_id is not None  # an INSERT into a table with an INTEGER PRIMARY KEY
    return row_id
