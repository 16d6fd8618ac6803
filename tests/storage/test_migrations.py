"""Migrations: an empty database and one at each earlier revision both reach head."""

from __future__ import annotations

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from runstrong.storage.base import Base
from runstrong.storage.db import make_engine
from runstrong.storage.migrate import (
    current_revision,
    downgrade,
    head_revision,
    is_own_object,
    revisions_oldest_first,
    upgrade,
)

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def test_empty_database_upgrades_to_head(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    names = set(inspect(engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} <= names
    engine.dispose()


def test_revisions_read_without_alembic_agree_with_alembic(empty_db_url: str) -> None:
    """``head_revision`` reads the scripts' revision lines and ``current_revision`` one
    table (so opening a database imports no Alembic); both say what Alembic says."""
    from alembic.script import ScriptDirectory

    from runstrong.storage.migrate import alembic_config

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head_revision() == revisions_oldest_first()[-1]
    engine = make_engine(empty_db_url)
    for revision in (None, revisions_oldest_first()[0], "head"):
        if revision is not None:
            upgrade(engine, revision)
        with engine.connect() as connection:
            alembic_says = MigrationContext.configure(connection).get_current_revision()
        assert current_revision(engine) == alembic_says
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_head_schema_matches_the_tables(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": is_own_object})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_every_revision_upgrades_to_head_with_data(empty_db_url: str) -> None:
    engine = make_engine(empty_db_url)
    for revision in revisions_oldest_first():
        upgrade(engine, revision)
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO athletes (name, created_at) VALUES (:name, :at)"),
                {"name": f"athlete-{revision}", "at": NOW.replace(tzinfo=None)},
            )
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM athletes")).scalar_one()
    engine.dispose()
    assert count == len(revisions_oldest_first())


def test_upgrade_is_idempotent(db_url: str) -> None:
    engine = make_engine(db_url)
    upgrade(engine)
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_sqlite_connections_enforce_foreign_keys_and_wal(db_url: str) -> None:
    engine = make_engine(db_url)
    if engine.dialect.name != "sqlite":
        engine.dispose()
        return
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() == 10_000
    engine.dispose()


def test_0002_rewrites_repr_digests_of_adapted_days(empty_db_url: str) -> None:
    """Issue 11 part 5: stored repr() digests become stable plan-format digests."""
    import hashlib
    import json
    from pathlib import Path

    from sqlalchemy.orm import sessionmaker

    from runstrong.core.planning.build import build_plan
    from runstrong.exporters.plan_json import dump_plan
    from runstrong.services.coach_events import DayAdapted, day_digest, decode
    from runstrong.services.profile import parse_profile_text
    from runstrong.storage import repository as repo
    from runstrong.storage.db import transaction

    profile = (Path(__file__).resolve().parents[2] / "examples" / "athlete.toml").read_text(
        encoding="utf-8"
    )
    engine = make_engine(empty_db_url)
    upgrade(engine, "0001")
    plan = build_plan(parse_profile_text(profile), dt.date(2026, 11, 30))
    day = dt.date(2026, 12, 1)
    sessions = [s for s in plan.sessions() if s.date == day]
    old = hashlib.sha256(repr(tuple(sessions)).encode("utf-8")).hexdigest()
    factory = sessionmaker(bind=engine, expire_on_commit=False)
    payload = {"coach": "day", "original": "{}", "adapted": old, "readiness": "amber",
               "changes": []}  # fmt: skip
    # Rows as revision 0001 holds them (the repository writes today's schema).
    at = NOW.replace(tzinfo=None)
    with engine.begin() as connection:
        aid = connection.execute(
            text("INSERT INTO athletes (name, created_at) VALUES ('digest', :at) RETURNING id"),
            {"at": at},
        ).scalar_one()
        connection.execute(
            text("INSERT INTO plans (athlete_id, created_at, active, format_version, plan_json) "
                 "VALUES (:aid, :at, :active, :version, :text)"),
            {"aid": aid, "at": at, "active": True, "version": plan.format_version,
             "text": dump_plan(plan)},
        )  # fmt: skip
        connection.execute(
            text("INSERT INTO plan_events (athlete_id, day, kind, payload, created_at) "
                 "VALUES (:aid, :day, 'adapt', :payload, :at)"),
            {"aid": aid, "day": day, "payload": json.dumps(payload), "at": at},
        )  # fmt: skip
    upgrade(engine)
    with transaction(factory) as s:
        (row,) = repo.list_plan_events(s, aid)
    engine.dispose()
    event = decode(row.payload)
    assert isinstance(event, DayAdapted)
    assert event.digest == 2
    assert event.adapted == day_digest(sessions) != old


def test_0006_adds_the_log_revision_at_zero_and_drops_it_again(empty_db_url: str) -> None:
    """Revision 0006: every existing athlete gets ``log_revision`` 0 (NOT NULL); a new
    athlete row written without it gets 0 too; the downgrade drops the column only."""
    engine = make_engine(empty_db_url)
    upgrade(engine, "0005_stable_day_digest")
    insert = text("INSERT INTO athletes (name, created_at) VALUES (:name, :at)")
    with engine.begin() as connection:
        connection.execute(insert, {"name": "before", "at": NOW.replace(tzinfo=None)})
    upgrade(engine, "0006_log_revision")
    with engine.begin() as connection:
        connection.execute(insert, {"name": "after", "at": NOW.replace(tzinfo=None)})
        rows = connection.execute(text("SELECT name, log_revision FROM athletes ORDER BY id")).all()
    assert [tuple(r) for r in rows] == [("before", 0), ("after", 0)]
    column = next(c for c in inspect(engine).get_columns("athletes") if c["name"] == "log_revision")
    assert column["nullable"] is False
    downgrade(engine, "0005_stable_day_digest")
    assert "log_revision" not in {c["name"] for c in inspect(engine).get_columns("athletes")}
    with engine.connect() as connection:
        names = connection.execute(text("SELECT name FROM athletes ORDER BY id")).scalars().all()
    engine.dispose()
    assert names == ["before", "after"]


def test_0007_adds_the_activity_damage_column_empty_and_drops_it_again(
    empty_db_url: str,
) -> None:
    """Revision 0007: activities stored before it count as intact (``damage`` NULL); the
    downgrade drops the column only."""
    engine = make_engine(empty_db_url)
    upgrade(engine, "0006_log_revision")
    at = NOW.replace(tzinfo=None)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO athletes (name, created_at) VALUES ('ana', :at)"), {"at": at}
        )
        connection.execute(
            text("INSERT INTO activities (athlete_id, sport, start_utc, utc_offset_s, duration_s,"
                 " leg_index, created_at) VALUES (1, 'running', :at, 0, 600.0, 0, :at)"),
            {"at": at},
        )  # fmt: skip
    upgrade(engine, "0007_activity_damage")
    with engine.connect() as connection:
        damage = connection.execute(text("SELECT damage FROM activities")).scalars().all()
    assert damage == [None]
    downgrade(engine, "0006_log_revision")
    columns = {c["name"] for c in inspect(engine).get_columns("activities")}
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM activities")).scalar_one()
    engine.dispose()
    assert "damage" not in columns
    assert count == 1


def test_a_script_fresh_from_the_template_is_the_head(tmp_path, monkeypatch) -> None:
    """Alembic's template writes ``revision = 'id'`` (repr, single quotes) until ruff
    formats it; the start-up check must still see the new script as the head."""
    from mako.template import Template

    from runstrong.storage import migrate

    (tmp_path / "versions").mkdir()
    newest = revisions_oldest_first()[-1]
    rendered = Template(filename=str(migrate.MIGRATIONS_DIR / "script.py.mako")).render(
        message="a new column",
        create_date="2026-12-08",
        imports="",
        up_revision="0099_new_column",
        down_revision=newest,
        branch_labels=None,
        depends_on=None,
        upgrades="pass",
        downgrades="pass",
    )
    assert "revision = '0099_new_column'" in rendered
    (tmp_path / "versions" / "0099_new_column.py").write_text(rendered, encoding="utf-8")
    (tmp_path / "versions" / "older.py").write_text(
        f'revision = "{newest}"\ndown_revision = None\n', encoding="utf-8"
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", tmp_path)
    assert migrate.head_revision.__wrapped__() == "0099_new_column"
