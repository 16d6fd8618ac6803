"""The shapes the migration scripts repeat, written once: key columns, aware timestamps,
named keys and constraints, indexes added in SQLite's batch mode, tables and columns
dropped.

Each helper builds exactly what a script would otherwise spell out with ``sa`` and
``op`` (the names follow ``storage.schema.NAMING_CONVENTION``, already applied, as
Alembic's ``op.f`` marks them), so moving a script onto them changes no DDL: a revision
is history, and the schema it leaves on SQLite and PostgreSQL must stay the same to
the byte. Only the scripts in ``versions/`` use this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op


def id_column() -> sa.Column[Any]:
    """The integer ``id`` most tables are keyed by (see :func:`primary_key`)."""
    return sa.Column("id", sa.Integer(), nullable=False)


def ref_column(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    """An integer column that points at another table's ``id`` (see :func:`foreign_key`)."""
    return sa.Column(name, sa.Integer(), nullable=nullable)


def timestamp(name: str, *, nullable: bool = False) -> sa.Column[Any]:
    """A time-zone-aware datetime column (``storage.schema.UTCDateTime``)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def optional(type_: type[sa.types.TypeEngine[Any]], *names: str) -> list[sa.Column[Any]]:
    """Nullable columns of one type, in the order given."""
    return [sa.Column(name, type_(), nullable=True) for name in names]


def primary_key(table: str, column: str = "id") -> sa.PrimaryKeyConstraint:
    """The primary key ``pk_<table>``."""
    return sa.PrimaryKeyConstraint(column, name=op.f(f"pk_{table}"))


def foreign_key(
    table: str, column: str, parent: str, *, ondelete: str = "CASCADE"
) -> sa.ForeignKeyConstraint:
    """``table.column`` → ``parent.id``, named ``fk_<table>_<column>_<parent>``."""
    return sa.ForeignKeyConstraint(
        [column], [f"{parent}.id"], name=op.f(f"fk_{table}_{column}_{parent}"), ondelete=ondelete
    )


def unique(table: str, *columns: str) -> sa.UniqueConstraint:
    """A unique constraint named ``uq_<table>_<columns joined by _>``."""
    return sa.UniqueConstraint(*columns, name=op.f(f"uq_{table}_{'_'.join(columns)}"))


def create_athlete_table(
    name: str, *columns: sa.Column[Any], unique_on: Sequence[str] = ()
) -> None:
    """A table of rows that belong to an athlete (``storage.schema._athlete_table``): see
    :func:`create_owned_table`."""
    create_owned_table(name, "athlete_id", "athletes", *columns, unique_on=unique_on)


def create_activity_table(
    name: str, *columns: sa.Column[Any], unique_on: Sequence[str] = ()
) -> None:
    """A table of rows that belong to an activity (``storage.schema._activity_table``): see
    :func:`create_owned_table`."""
    create_owned_table(name, "activity_id", "activities", *columns, unique_on=unique_on)


def create_owned_table(
    name: str, column: str, parent: str, *columns: sa.Column[Any], unique_on: Sequence[str] = ()
) -> None:
    """A table keyed by ``id`` whose rows belong to a row of ``parent`` (``column``, deleted
    with it), with ``columns`` after those two and, if ``unique_on`` names columns, their unique
    constraint."""
    create_keyed_table(
        name,
        ref_column(column),
        *columns,
        foreign_key(name, column, parent),
        *([unique(name, *unique_on)] if unique_on else []),
    )


def create_keyed_table(name: str, *items: sa.schema.SchemaItem) -> None:
    """``op.create_table`` with the ``id`` column first and the primary key ``pk_<name>``
    on it (a CREATE TABLE names the primary key before its other constraints whatever
    the order they are given in)."""
    op.create_table(name, id_column(), *items, primary_key(name))


def create_index(table: str, name: str, *columns: str, unique: bool = False, **kw: Any) -> None:
    """Add an index to an existing table (in batch mode, as SQLite wants ALTERs);
    ``kw`` are dialect options such as ``sqlite_where``."""
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(name), list(columns), unique=unique, **kw)


def drop_table(table: str, *indexes: str) -> None:
    """Drop the named indexes of ``table`` (in the order given), then the table."""
    if indexes:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name in indexes:
                batch_op.drop_index(batch_op.f(name))
    op.drop_table(table)


def drop_column_in_place(table: str, column: str) -> None:
    """Plain ``DROP COLUMN`` (SQLite >= 3.35, PostgreSQL), not a batch copy of the table,
    which would have to rebuild by hand what SQLite cannot reflect (the partial unique
    index of athlete names, for one)."""
    op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
