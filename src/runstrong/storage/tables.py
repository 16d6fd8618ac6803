"""Every runstrong table (one metadata, one Alembic history).

Accounts side (users, athletes, coach access, calendar tokens), the training
log (activities, their streams, laps and strength sets, daily wellness), plans
and plan events, and background jobs. Everything of the training log belongs
to an athlete; deleting an athlete deletes their log (ON DELETE CASCADE).

Times are ``UTCDateTime`` (aware, stored as UTC); ``activities.utc_offset_s``
keeps the offset the activity was recorded in so its local time survives.
Changing a table means a new Alembic revision in ``storage/migrations``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from runstrong.storage.base import Base, UTCDateTime

# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------


class UserRow(Base):
    """A person who signs in to the web app (an athlete, a coach, the owner)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    is_owner: Mapped[bool] = mapped_column(Boolean, default=False)


class AthleteRow(Base):
    """An athlete whose training is logged and planned.

    ``name`` is unique per owner; athletes without an owner (the CLI's local
    athletes) have globally unique names (partial unique index).
    """

    __tablename__ = "athletes"
    __table_args__ = (
        UniqueConstraint("owner_user_id", "name"),
        Index(
            "uq_athletes_name_no_owner",
            "name",
            unique=True,
            sqlite_where=text("owner_user_id IS NULL"),
            postgresql_where=text("owner_user_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    owner_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    profile_toml: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    #: Bumped by every repository write of what the coach and progress views read (the
    #: athlete's log, check-ins, plans, plan events, match corrections, name, profile),
    #: once as the writer's transaction commits; the pages' caches are keyed by it.
    log_revision: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class AthleteAccessRow(Base):
    """A coach's access to an athlete; revoking sets ``revoked_at``."""

    __tablename__ = "athlete_access"
    __table_args__ = (Index("ix_athlete_access_coach_athlete", "coach_user_id", "athlete_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    coach_user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    granted_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class CalendarTokenRow(Base):
    """A secret calendar-feed token (only its hash is stored)."""

    __tablename__ = "calendar_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
    #: Who created the feed: each user has their own feed per athlete, and a coach's
    #: feed ends with the coach's access. None: a feed from before creators were kept.
    created_by_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )


# ---------------------------------------------------------------------------
# Training log
# ---------------------------------------------------------------------------


class ActivityRow(Base):
    """Summary of one activity (one leg of a multisport event).

    Idempotent import: ``(athlete_id, source_hash, leg_index)`` is unique; the
    ``(athlete_id, sport, start_utc)`` index serves the cross-source check
    (same sport starting within a few seconds). Hand-logged entries have
    ``source_format = 'manual'`` and no hash.
    """

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("athlete_id", "source_hash", "leg_index"),
        Index("ix_activities_dedup", "athlete_id", "sport", "start_utc"),
        Index("ix_activities_athlete_start", "athlete_id", "start_utc"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    sport: Mapped[str] = mapped_column(String(32))
    sub_sport: Mapped[str | None] = mapped_column(String(64))
    start_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    utc_offset_s: Mapped[int] = mapped_column(Integer, default=0)
    duration_s: Mapped[float] = mapped_column(Float)
    moving_time_s: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    elevation_gain_m: Mapped[float | None] = mapped_column(Float)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float)
    avg_cadence_spm: Mapped[float | None] = mapped_column(Float)
    avg_power_w: Mapped[float | None] = mapped_column(Float)
    calories_kcal: Mapped[float | None] = mapped_column(Float)
    name: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    device: Mapped[str | None] = mapped_column(String(200))
    source_format: Mapped[str | None] = mapped_column(String(32))
    source_name: Mapped[str | None] = mapped_column(String(1000))
    source_hash: Mapped[str | None] = mapped_column(String(128))
    event_id: Mapped[str | None] = mapped_column(String(128), index=True)
    leg_index: Mapped[int] = mapped_column(Integer, default=0)
    session_rpe: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    laps: Mapped[list[LapRow]] = relationship(
        order_by="LapRow.lap_index", cascade="all, delete-orphan", passive_deletes=True
    )
    sets: Mapped[list[StrengthSetRow]] = relationship(
        order_by="StrengthSetRow.id", cascade="all, delete-orphan", passive_deletes=True
    )
    stream: Mapped[ActivityStreamRow | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class ActivityStreamRow(Base):
    """All per-sample series of one activity packed into one blob (see ``storage.streams``)."""

    __tablename__ = "activity_streams"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    n_samples: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class LapRow(Base):
    """One lap of an activity."""

    __tablename__ = "laps"
    __table_args__ = (UniqueConstraint("activity_id", "lap_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    lap_index: Mapped[int] = mapped_column(Integer)
    start_utc: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    duration_s: Mapped[float] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)
    avg_hr_bpm: Mapped[float | None] = mapped_column(Float)
    max_hr_bpm: Mapped[float | None] = mapped_column(Float)
    avg_speed_m_s: Mapped[float | None] = mapped_column(Float)
    avg_cadence_spm: Mapped[float | None] = mapped_column(Float)
    avg_power_w: Mapped[float | None] = mapped_column(Float)


class StrengthSetRow(Base):
    """One strength set, from a watch file's ``set`` messages or logged by hand.

    A hand-logged lift session is an ``activities`` row (sport ``strength``,
    source ``manual``), so every set hangs off an activity.
    """

    __tablename__ = "strength_sets"
    __table_args__ = (Index("ix_strength_sets_activity", "activity_id", "set_order"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    set_order: Mapped[int] = mapped_column(Integer)
    exercise: Mapped[str] = mapped_column(String(200))
    reps: Mapped[int | None] = mapped_column(Integer)
    load_kg: Mapped[float | None] = mapped_column(Float)
    rpe: Mapped[float | None] = mapped_column(Float)
    rir: Mapped[float | None] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)
    start_utc: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class WellnessRow(Base):
    """One day's readiness check-in (R18, R25); one row per athlete per day."""

    __tablename__ = "wellness"
    __table_args__ = (UniqueConstraint("athlete_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    sleep_h: Mapped[float | None] = mapped_column(Float)
    sleep_quality: Mapped[int | None] = mapped_column(Integer)
    stress: Mapped[int | None] = mapped_column(Integer)
    soreness: Mapped[int | None] = mapped_column(Integer)
    leg_feel: Mapped[int | None] = mapped_column(Integer)
    hip_stiffness: Mapped[int | None] = mapped_column(Integer)
    low_back_fatigue: Mapped[int | None] = mapped_column(Integer)
    mood: Mapped[int | None] = mapped_column(Integer)
    body_mass_kg: Mapped[float | None] = mapped_column(Float)
    resting_hr_bpm: Mapped[float | None] = mapped_column(Float)
    hrv_ms: Mapped[float | None] = mapped_column(Float)
    nutrition_notes: Mapped[str | None] = mapped_column(Text)
    hydration_notes: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------


class PlanRow(Base):
    """A stored season plan (the plan format's JSON text); one active per athlete."""

    __tablename__ = "plans"
    __table_args__ = (Index("ix_plans_athlete_active", "athlete_id", "active"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    format_version: Mapped[str] = mapped_column(String(32))
    plan_json: Mapped[str] = mapped_column(Text)


class PlanEventRow(Base):
    """A change the athlete or the daily coach made to the plan (skip, move, adapt)."""

    __tablename__ = "plan_events"
    __table_args__ = (Index("ix_plan_events_athlete_day", "athlete_id", "day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    day: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class SessionMatchRow(Base):
    """A hand correction of plan ↔ log matching: ``activity_id`` fulfilled the planned
    session ``session_id`` (planned on ``session_date``), or no session when both are
    NULL. Automatic matches are derived from the plan and the log when read
    (``core.coaching.matching``), so a re-planned week never keeps a stale one."""

    __tablename__ = "session_matches"
    __table_args__ = (Index("ix_session_matches_athlete", "athlete_id"),)

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    athlete_id: Mapped[int] = mapped_column(ForeignKey("athletes.id", ondelete="CASCADE"))
    session_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    session_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


# ---------------------------------------------------------------------------
# Background jobs (web app)
# ---------------------------------------------------------------------------


class JobRow(Base):
    """A background job (e.g. a web upload import) and its progress."""

    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_created", "status", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int | None] = mapped_column(Integer)
    athlete_id: Mapped[int | None] = mapped_column(
        ForeignKey("athletes.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    worker: Mapped[str | None] = mapped_column(String(200))
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())
