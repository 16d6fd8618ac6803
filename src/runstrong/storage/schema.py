"""Every runstrong table, once, as SQLAlchemy Core ``Table`` objects (one metadata, one
Alembic history).

Accounts side (users, athletes, coach access, calendar tokens), the training
log (activities, their streams, laps and strength sets, daily wellness), plans
and plan events, and background jobs. Everything of the training log belongs
to an athlete; deleting an athlete deletes their log (ON DELETE CASCADE).

This module is the one definition of the columns. ``storage.tables`` maps ORM
classes onto these tables (``__table__``) for the code that wants ORM objects;
code that only reads and writes rows (saving a plan from the CLI, the athlete and
plan repositories) uses the tables here with Core statements and never imports
the ORM, which costs about a quarter of a saved ``runstrong plan new``
(docs/benchmarks.md).

Times are ``UTCDateTime`` (aware, stored as UTC); ``activities.utc_offset_s``
keeps the offset the activity was recorded in so its local time survives.
Changing a table means a new Alembic revision in ``storage/migrations``.
Constraint names follow ``NAMING_CONVENTION`` so migrations name them the same
way on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


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


def _id() -> Column[int]:
    return Column("id", Integer, primary_key=True)


def _required(name: str, type_: Any, **kw: Any) -> Column[Any]:
    return Column(name, type_, nullable=False, **kw)


def _optional(name: str, type_: Any, **kw: Any) -> Column[Any]:
    return Column(name, type_, nullable=True, **kw)


def _athlete_fk(name: str = "athlete_id", **kw: Any) -> Column[Any]:
    return Column(name, ForeignKey("athletes.id", ondelete="CASCADE"), **kw)


def _activity_fk(**kw: Any) -> Column[Any]:
    return Column("activity_id", ForeignKey("activities.id", ondelete="CASCADE"), **kw)


def _athlete_table(name: str, *columns: Any) -> Table:
    """A table of rows that belong to one athlete (activities, check-ins, plans, plan
    events): each with its own ``id``, deleted with the athlete."""
    return Table(name, metadata, _id(), _athlete_fk(nullable=False), *columns)


def _activity_table(name: str, *columns: Any) -> Table:
    """A table of rows that belong to one activity (its laps, its sets): each with its own
    ``id``, deleted with the activity."""
    return Table(name, metadata, _id(), _activity_fk(nullable=False), *columns)


# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------

users = Table(
    "users",
    metadata,
    _id(),
    _required("email", String(320), unique=True),
    _required("password_hash", String(255)),
    _required("display_name", String(200), default=""),
    _required("created_at", UTCDateTime()),
    _required("is_owner", Boolean, default=False),
)
"""A person who signs in to the web app (an athlete, a coach, the owner)."""

NO_OWNER = text("owner_user_id IS NULL")
"""The predicate of ``uq_athletes_name_no_owner``: local athletes have unique names."""

athletes = Table(
    "athletes",
    metadata,
    _id(),
    _required("name", String(100)),
    _optional("owner_user_id", ForeignKey("users.id", ondelete="SET NULL"), index=True),
    _optional("profile_toml", Text),
    _required("created_at", UTCDateTime()),
    _required("log_revision", Integer, default=0, server_default=text("0")),
    _optional("profile_source", Text),
    UniqueConstraint("owner_user_id", "name"),
)
"""An athlete whose training is logged and planned.

``log_revision`` is raised by every repository write of what the coach and progress
views read (the athlete's log, check-ins, plans, plan events, match corrections, name,
profile), once as the writer's transaction commits; the pages' caches are keyed by it.

``profile_source`` is the resolved path of the profile file ``runstrong plan new``
last stored for a local athlete: a profile from another file that only shares the
name is refused (``services.planning``); NULL when none was planned from a file yet.

``name`` is unique per owner; athletes without an owner (the CLI's local athletes)
have globally unique names: a partial unique index, ``WHERE owner_user_id IS NULL``.
The index is declared here with its SQLite predicate; the PostgreSQL one is added by
:func:`add_postgresql_options` when a PostgreSQL engine is made, because naming a
``postgresql_*`` option loads SQLAlchemy's PostgreSQL dialect (about 40 ms of every
SQLite command's start-up). The migrations create the index with both predicates."""

NAME_UNIQUE_WITHOUT_OWNER = Index(
    "uq_athletes_name_no_owner", athletes.c.name, unique=True, sqlite_where=NO_OWNER
)


def add_postgresql_options() -> None:
    """Give the partial index its PostgreSQL predicate (``storage.db.make_engine`` calls
    it for a PostgreSQL engine, which loads that dialect anyway); idempotent."""
    NAME_UNIQUE_WITHOUT_OWNER.dialect_kwargs["postgresql_where"] = NO_OWNER


athlete_access = Table(
    "athlete_access",
    metadata,
    _id(),
    _required("coach_user_id", ForeignKey("users.id", ondelete="CASCADE")),
    _athlete_fk(nullable=False, index=True),
    _required("granted_at", UTCDateTime()),
    _optional("revoked_at", UTCDateTime()),
    Index("ix_athlete_access_coach_athlete", "coach_user_id", "athlete_id"),
)
"""A coach's access to an athlete; revoking sets ``revoked_at``."""

calendar_tokens = Table(
    "calendar_tokens",
    metadata,
    _id(),
    _athlete_fk(nullable=False, index=True),
    _required("token_hash", String(128), unique=True),
    _required("created_at", UTCDateTime()),
    _optional("revoked_at", UTCDateTime()),
    # Who created the feed: each user has their own feed per athlete, and a coach's
    # feed ends with the coach's access. NULL: a feed from before creators were kept.
    _optional("created_by_user_id", ForeignKey("users.id", ondelete="CASCADE"), index=True),
)
"""A secret calendar-feed token (only its hash is stored)."""

# ---------------------------------------------------------------------------
# Training log
# ---------------------------------------------------------------------------

activities = _athlete_table(
    "activities",
    _required("sport", String(32)),
    _optional("sub_sport", String(64)),
    _required("start_utc", UTCDateTime()),
    _required("utc_offset_s", Integer, default=0),
    _required("duration_s", Float),
    _optional("moving_time_s", Float),
    _optional("distance_m", Float),
    _optional("elevation_gain_m", Float),
    _optional("avg_hr_bpm", Float),
    _optional("max_hr_bpm", Float),
    _optional("avg_cadence_spm", Float),
    _optional("avg_power_w", Float),
    _optional("calories_kcal", Float),
    _optional("name", String(500)),
    _optional("description", Text),
    _optional("device", String(200)),
    _optional("source_format", String(32)),
    _optional("source_name", String(1000)),
    _optional("source_hash", String(128)),
    _optional("event_id", String(128), index=True),
    _required("leg_index", Integer, default=0),
    _optional("session_rpe", Float),
    _optional("damage", String(500)),
    _required("created_at", UTCDateTime()),
    UniqueConstraint("athlete_id", "source_hash", "leg_index"),
    Index("ix_activities_dedup", "athlete_id", "sport", "start_utc"),
    Index("ix_activities_athlete_start", "athlete_id", "start_utc"),
)
"""Summary of one activity (one leg of a multisport event).

Idempotent import: ``(athlete_id, source_hash, leg_index)`` is unique; the
``(athlete_id, sport, start_utc)`` index serves the cross-source check (same sport
starting within a few seconds). ``damage`` says what was wrong with the file it was
read from (None: intact), so an intact copy of the workout imported later replaces it.
Hand-logged entries have ``source_format = 'manual'`` and no hash."""

activity_streams = Table(
    "activity_streams",
    metadata,
    _activity_fk(primary_key=True),
    _required("n_samples", Integer),
    _required("data", LargeBinary),
)
"""All per-sample series of one activity packed into one blob (see ``storage.streams``)."""

laps = _activity_table(
    "laps",
    _required("lap_index", Integer),
    _required("start_utc", UTCDateTime()),
    _required("duration_s", Float),
    _optional("distance_m", Float),
    _optional("avg_hr_bpm", Float),
    _optional("max_hr_bpm", Float),
    _optional("avg_speed_m_s", Float),
    _optional("avg_cadence_spm", Float),
    _optional("avg_power_w", Float),
    UniqueConstraint("activity_id", "lap_index"),
)
"""One lap of an activity."""

strength_sets = _activity_table(
    "strength_sets",
    _required("set_order", Integer),
    _required("exercise", String(200)),
    _optional("reps", Integer),
    _optional("load_kg", Float),
    _optional("rpe", Float),
    _optional("rir", Float),
    _optional("duration_s", Float),
    _optional("start_utc", UTCDateTime()),
    Index("ix_strength_sets_activity", "activity_id", "set_order"),
)
"""One strength set, from a watch file's ``set`` messages or logged by hand. A
hand-logged lift session is an ``activities`` row (sport ``strength``, source
``manual``), so every set hangs off an activity."""

wellness = _athlete_table(
    "wellness",
    _required("day", Date),
    _optional("sleep_h", Float),
    _optional("sleep_quality", Integer),
    _optional("stress", Integer),
    _optional("soreness", Integer),
    _optional("leg_feel", Integer),
    _optional("hip_stiffness", Integer),
    _optional("low_back_fatigue", Integer),
    _optional("mood", Integer),
    _optional("body_mass_kg", Float),
    _optional("resting_hr_bpm", Float),
    _optional("hrv_ms", Float),
    _optional("nutrition_notes", Text),
    _optional("hydration_notes", Text),
    _optional("notes", Text),
    UniqueConstraint("athlete_id", "day"),
)
"""One day's readiness check-in (R18, R25); one row per athlete per day."""

# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------

plans = _athlete_table(
    "plans",
    _required("created_at", UTCDateTime()),
    _required("active", Boolean, default=True),
    _required("format_version", String(32)),
    _required("plan_json", Text),
    Index("ix_plans_athlete_active", "athlete_id", "active"),
)
"""A stored season plan (the plan format's JSON text); one active per athlete."""

plan_events = _athlete_table(
    "plan_events",
    _required("day", Date),
    _required("kind", String(16)),
    _required("payload", JSON),
    _required("created_at", UTCDateTime()),
    Index("ix_plan_events_athlete_day", "athlete_id", "day"),
)
"""A change the athlete or the daily coach made to the plan (skip, move, adapt)."""

session_matches = Table(
    "session_matches",
    metadata,
    _activity_fk(primary_key=True),
    _athlete_fk(nullable=False),
    _optional("session_id", String(64)),
    _optional("session_date", Date),
    _required("created_at", UTCDateTime()),
    Index("ix_session_matches_athlete", "athlete_id"),
)
"""A hand correction of plan ↔ log matching: ``activity_id`` fulfilled the planned
session ``session_id`` (planned on ``session_date``), or no session when both are
NULL. Automatic matches are derived from the plan and the log when read
(``core.coaching.matching``), so a re-planned week never keeps a stale one."""

# ---------------------------------------------------------------------------
# Background jobs (web app)
# ---------------------------------------------------------------------------

jobs = Table(
    "jobs",
    metadata,
    _id(),
    _required("kind", String(64)),
    _required("status", String(16), default="queued"),
    _required("progress", Integer, default=0),
    _optional("total", Integer),
    _athlete_fk(nullable=True, index=True),
    _optional("user_id", ForeignKey("users.id", ondelete="SET NULL")),
    _required("payload", JSON, default=dict),
    _optional("result", JSON),
    _optional("error", Text),
    _required("created_at", UTCDateTime()),
    _required("updated_at", UTCDateTime()),
    _optional("worker", String(200)),
    _optional("heartbeat_at", UTCDateTime()),
    Index("ix_jobs_status_created", "status", "created_at"),
)
"""A background job (e.g. a web upload import) and its progress."""
