"""Declarative base of the ORM classes (``storage.tables``) and the ORM lookup by id.

The tables, their ``MetaData`` (with the naming convention) and the shared column
type ``UTCDateTime`` live in ``storage.schema``; ``Base`` maps onto that metadata.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import DeclarativeBase, Session

from runstrong.storage import schema
from runstrong.storage.rows import missing


class Base(DeclarativeBase):
    """Base class of every ORM class (each maps a table of ``storage.schema``)."""

    metadata = schema.metadata


_Row = TypeVar("_Row", bound=Base)


def row_or_missing(session: Session, table: type[_Row], key: int, what: str) -> _Row:
    """The row of ``table`` with primary key ``key``; ``NotFoundError`` saying
    "no {what} with id {key}" when there is none (every ORM repository lookup by id;
    ``rows.row_by_id`` is the Core one)."""
    row = session.get(table, key)
    if row is None:
        raise missing(what, key)
    return row
