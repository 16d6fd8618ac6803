"""ORM classes mapped onto the tables of ``storage.schema`` (one definition of the columns).

Each class names its table (``__table__``); its ``Mapped`` annotations only give the
attributes their Python types for mypy (``tests/storage/test_schema.py`` checks that
they name exactly the table's columns, optional exactly where the column is
nullable). Code that only reads and writes rows uses the Core tables of
``storage.schema`` and needs neither the ORM nor this module.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Mapped, Session, relationship

from runstrong.storage import schema
from runstrong.storage.base import Base
from runstrong.storage.revision import install_session_hooks

# ---------------------------------------------------------------------------
# Accounts
# ---------------------------------------------------------------------------


class UserRow(Base):
    """A row of ``schema.users``."""

    __table__ = schema.users

    id: Mapped[int]
    email: Mapped[str]
    password_hash: Mapped[str]
    display_name: Mapped[str]
    created_at: Mapped[dt.datetime]
    is_owner: Mapped[bool]


class AthleteRow(Base):
    """A row of ``schema.athletes``."""

    __table__ = schema.athletes

    id: Mapped[int]
    name: Mapped[str]
    owner_user_id: Mapped[int | None]
    profile_toml: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    log_revision: Mapped[int]
    profile_source: Mapped[str | None]


class AthleteAccessRow(Base):
    """A row of ``schema.athlete_access``."""

    __table__ = schema.athlete_access

    id: Mapped[int]
    coach_user_id: Mapped[int]
    athlete_id: Mapped[int]
    granted_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]


class CalendarTokenRow(Base):
    """A row of ``schema.calendar_tokens``."""

    __table__ = schema.calendar_tokens

    id: Mapped[int]
    athlete_id: Mapped[int]
    token_hash: Mapped[str]
    created_at: Mapped[dt.datetime]
    revoked_at: Mapped[dt.datetime | None]
    created_by_user_id: Mapped[int | None]


# ---------------------------------------------------------------------------
# Training log
# ---------------------------------------------------------------------------


class ActivityRow(Base):
    """A row of ``schema.activities``, with its laps, sets and stream."""

    __table__ = schema.activities

    id: Mapped[int]
    athlete_id: Mapped[int]
    sport: Mapped[str]
    sub_sport: Mapped[str | None]
    start_utc: Mapped[dt.datetime]
    utc_offset_s: Mapped[int]
    duration_s: Mapped[float]
    moving_time_s: Mapped[float | None]
    distance_m: Mapped[float | None]
    elevation_gain_m: Mapped[float | None]
    avg_hr_bpm: Mapped[float | None]
    max_hr_bpm: Mapped[float | None]
    avg_cadence_spm: Mapped[float | None]
    avg_power_w: Mapped[float | None]
    calories_kcal: Mapped[float | None]
    name: Mapped[str | None]
    description: Mapped[str | None]
    device: Mapped[str | None]
    source_format: Mapped[str | None]
    source_name: Mapped[str | None]
    source_hash: Mapped[str | None]
    event_id: Mapped[str | None]
    leg_index: Mapped[int]
    session_rpe: Mapped[float | None]
    damage: Mapped[str | None]
    created_at: Mapped[dt.datetime]

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
    """A row of ``schema.activity_streams`` (see ``storage.streams``)."""

    __table__ = schema.activity_streams

    activity_id: Mapped[int]
    n_samples: Mapped[int]
    data: Mapped[bytes]


class LapRow(Base):
    """A row of ``schema.laps``."""

    __table__ = schema.laps

    id: Mapped[int]
    activity_id: Mapped[int]
    lap_index: Mapped[int]
    start_utc: Mapped[dt.datetime]
    duration_s: Mapped[float]
    distance_m: Mapped[float | None]
    avg_hr_bpm: Mapped[float | None]
    max_hr_bpm: Mapped[float | None]
    avg_speed_m_s: Mapped[float | None]
    avg_cadence_spm: Mapped[float | None]
    avg_power_w: Mapped[float | None]


class StrengthSetRow(Base):
    """A row of ``schema.strength_sets``."""

    __table__ = schema.strength_sets

    id: Mapped[int]
    activity_id: Mapped[int]
    set_order: Mapped[int]
    exercise: Mapped[str]
    reps: Mapped[int | None]
    load_kg: Mapped[float | None]
    rpe: Mapped[float | None]
    rir: Mapped[float | None]
    duration_s: Mapped[float | None]
    start_utc: Mapped[dt.datetime | None]


class WellnessRow(Base):
    """A row of ``schema.wellness`` (R18, R25)."""

    __table__ = schema.wellness

    id: Mapped[int]
    athlete_id: Mapped[int]
    day: Mapped[dt.date]
    sleep_h: Mapped[float | None]
    sleep_quality: Mapped[int | None]
    stress: Mapped[int | None]
    soreness: Mapped[int | None]
    leg_feel: Mapped[int | None]
    hip_stiffness: Mapped[int | None]
    low_back_fatigue: Mapped[int | None]
    mood: Mapped[int | None]
    body_mass_kg: Mapped[float | None]
    resting_hr_bpm: Mapped[float | None]
    hrv_ms: Mapped[float | None]
    nutrition_notes: Mapped[str | None]
    hydration_notes: Mapped[str | None]
    notes: Mapped[str | None]


# ---------------------------------------------------------------------------
# Plans
# ---------------------------------------------------------------------------


class PlanRow(Base):
    """A row of ``schema.plans``."""

    __table__ = schema.plans

    id: Mapped[int]
    athlete_id: Mapped[int]
    created_at: Mapped[dt.datetime]
    active: Mapped[bool]
    format_version: Mapped[str]
    plan_json: Mapped[str]


class PlanEventRow(Base):
    """A row of ``schema.plan_events``."""

    __table__ = schema.plan_events

    id: Mapped[int]
    athlete_id: Mapped[int]
    day: Mapped[dt.date]
    kind: Mapped[str]
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime]


class SessionMatchRow(Base):
    """A row of ``schema.session_matches``."""

    __table__ = schema.session_matches

    activity_id: Mapped[int]
    athlete_id: Mapped[int]
    session_id: Mapped[str | None]
    session_date: Mapped[dt.date | None]
    created_at: Mapped[dt.datetime]


# ---------------------------------------------------------------------------
# Background jobs (web app)
# ---------------------------------------------------------------------------


class JobRow(Base):
    """A row of ``schema.jobs``."""

    __table__ = schema.jobs

    id: Mapped[int]
    kind: Mapped[str]
    status: Mapped[str]
    progress: Mapped[int]
    total: Mapped[int | None]
    athlete_id: Mapped[int | None]
    user_id: Mapped[int | None]
    payload: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any] | None]
    error: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]
    worker: Mapped[str | None]
    heartbeat_at: Mapped[dt.datetime | None]


install_session_hooks(Session)  # the log revision rises as an ORM session commits
