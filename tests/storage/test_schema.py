"""The Core tables (``storage.schema``) are the one definition of the columns: the ORM
classes map onto them, and the athlete and plan repositories run on a Core connection
as on a Session (issue 11: a saved ``plan new`` without the ORM)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import types
import typing

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import InputError, NotFoundError
from runstrong.storage import repository as repo
from runstrong.storage import schema, tables
from runstrong.storage.base import Base
from runstrong.storage.db import begin, transaction

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def _annotated(cls: type) -> dict[str, bool]:
    """Each column annotation of an ORM class: name → optional (``X | None``)."""
    hints = typing.get_type_hints(cls, vars(tables))
    out: dict[str, bool] = {}
    for name, hint in hints.items():
        (inner,) = typing.get_args(hint)  # Mapped[inner]
        if typing.get_origin(inner) is list or name in cls.__mapper__.relationships:  # type: ignore[attr-defined]
            continue
        out[name] = type(None) in typing.get_args(inner) and typing.get_origin(inner) in (
            typing.Union,
            types.UnionType,
        )
    return out


MAPPERS = sorted(Base.registry.mappers, key=lambda m: m.class_.__name__)


@pytest.mark.parametrize("mapper", MAPPERS, ids=lambda m: m.class_.__name__)
def test_orm_annotations_name_the_table_columns_and_their_nullability(mapper: typing.Any) -> None:
    table = mapper.local_table
    assert table.metadata is schema.metadata
    assert _annotated(mapper.class_) == {c.name: c.nullable for c in table.columns}


def test_every_table_has_an_orm_class() -> None:
    mapped = {m.local_table.name for m in Base.registry.mappers}
    assert mapped == set(schema.metadata.tables)


def test_importing_the_schema_loads_neither_the_orm_nor_the_postgresql_dialect() -> None:
    code = "import sys, runstrong.storage.schema; print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stdout.strip("[]\n").replace("'", "").split(", ")
    assert "sqlalchemy" in loaded
    assert [m for m in loaded if m.startswith(("sqlalchemy.orm", "sqlalchemy.dialects.pos"))] == []


def test_the_partial_index_has_both_predicates_once_postgresql_is_named() -> None:
    from sqlalchemy.dialects import postgresql, sqlite
    from sqlalchemy.schema import CreateIndex

    schema.add_postgresql_options()
    expected = (
        "CREATE UNIQUE INDEX uq_athletes_name_no_owner ON athletes (name) "
        "WHERE owner_user_id IS NULL"
    )
    for dialect in (sqlite.dialect(), postgresql.dialect()):
        ddl = CreateIndex(schema.NAME_UNIQUE_WITHOUT_OWNER).compile(dialect=dialect)
        assert str(ddl) == expected


def test_athletes_and_plans_are_stored_the_same_through_core_and_a_session(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    with begin(engine) as connection:
        ana = repo.add_athlete(connection, "ana", now=NOW, profile_toml="a = 1\n")
        repo.add_plan(connection, ana.id, "{}", format_version="1.0", now=NOW)
        second = repo.add_plan(connection, ana.id, '{"b": 2}', format_version="1.0", now=NOW)
        renamed = repo.rename_athlete(connection, ana.id, "Ana B")
    with transaction(session_factory) as session:
        assert repo.get_athlete(session, ana.id) == renamed
        assert renamed.name == "Ana B" and renamed.profile_toml == "a = 1\n"
        assert renamed.created_at == NOW
        assert repo.active_plan(session, ana.id) == second
        assert [p.active for p in repo.list_plans(session, ana.id)] == [False, True]


def test_core_lookups_name_the_missing_id(engine: Engine) -> None:
    with begin(engine) as connection:
        with pytest.raises(NotFoundError) as missing_athlete:
            repo.set_athlete_profile(connection, 999, "x")
        with pytest.raises(NotFoundError) as missing_user:
            repo.get_user(connection, 998)
        assert str(missing_athlete.value) == "no athlete with id 999"
        assert str(missing_user.value) == "no user with id 998"
        repo.add_athlete(connection, "ana", now=NOW)
        with pytest.raises(InputError, match="athlete 'ana' already exists"):
            repo.add_athlete(connection, " ana ", now=NOW)


def test_a_session_sees_a_core_update_of_the_athlete_it_holds(
    session_factory: sessionmaker[Session],
) -> None:
    """The web holds the scoped athlete as an ORM object and saves its profile through
    the (Core) repository: the object must show the new profile, not the old one."""
    with transaction(session_factory) as session:
        athlete_id = repo.add_athlete(session, "ana", now=NOW, profile_toml="old").id
    with transaction(session_factory) as session:
        held = session.scalars(
            select(tables.AthleteRow).where(tables.AthleteRow.id == athlete_id)
        ).one()
        assert held.profile_toml == "old"
        repo.set_athlete_profile(session, athlete_id, "new")
        repo.rename_athlete(session, athlete_id, "Ana")
        assert (held.name, held.profile_toml) == ("Ana", "new")
