"""Declarative base, the one ``MetaData`` (with a naming convention) and shared column types.

Constraint names follow the convention below so Alembic migrations name them
the same way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import DateTime, MetaData
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.types import TypeDecorator

from runstrong.core.errors import NotFoundError

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A time-zone-aware datetime stored as UTC.

    Writing a naive datetime is a programming error (``ValueError``). Reading
    always gives an aware datetime in UTC, also on SQLite, which stores no
    offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored; pass an aware one")
        utc = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return utc.replace(tzinfo=None)
        return utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    """Base class of every runstrong table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


_Row = TypeVar("_Row", bound=Base)


def row_or_missing(session: Session, table: type[_Row], key: int, what: str) -> _Row:
    """The row of ``table`` with primary key ``key``; ``NotFoundError`` saying
    "no {what} with id {key}" when there is none (every repository lookup by id)."""
    row = session.get(table, key)
    if row is None:
        raise NotFoundError(f"no {what} with id {key}")
    return row
