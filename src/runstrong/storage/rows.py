"""Core row access shared by the repositories that need no ORM (athletes, users, plans).

Their functions take an ``Executor``: a Core ``Connection`` (``storage.db.begin``, as
a saved ``runstrong plan new`` uses, importing no ORM) or an ORM ``Session`` (the
web, the other services), and run Core statements on the tables of
``storage.schema``; both run them the same way. Two things differ with a Session,
and the helpers here handle them: a Core UPDATE does not touch an ORM copy of the
row the Session may hold (the web's scoped athlete), so :func:`forget_orm_copy`
expires it; and Core statements do not autoflush, so callers flush ORM changes to
these tables before (the repositories themselves write them with Core only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, Table, insert, select

from runstrong.core.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    Executor = Connection | Session


def missing(what: str, key: int) -> NotFoundError:
    """The one "no {what} with id {key}" error of every lookup by id."""
    return NotFoundError(f"no {what} with id {key}")


def row_by_id(db: Executor, table: Table, key: int, what: str) -> Row[Any]:
    """The row of ``table`` whose ``id`` is ``key``; :func:`missing` when there is none."""
    row = db.execute(select(table).where(table.c.id == key)).first()
    if row is None:
        raise missing(what, key)
    return row


def inserted(db: Executor, table: Table, /, **values: Any) -> Row[Any]:
    """Insert a new row of ``table`` with these column values; the row as stored (with
    its id)."""
    return db.execute(insert(table).values(values).returning(*table.c)).one()


def forget_orm_copy(db: Executor, table: Table, key: int) -> None:
    """After a Core UPDATE of ``table``'s row ``key`` through a Session: expire the ORM
    object of that row the Session holds, if any, so it is read again."""
    if isinstance(db, Connection):
        return
    for obj in list(db.identity_map.values()):
        if getattr(obj, "__table__", None) is table and getattr(obj, "id", None) == key:
            db.expire(obj)
