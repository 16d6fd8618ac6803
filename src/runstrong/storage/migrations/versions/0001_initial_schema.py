"""Initial schema: accounts, athletes, training log, plans, jobs.

Create Date: 2026-11-25 11:11:26.502207
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runstrong.storage.migrations.ops import (
    create_activity_table,
    create_athlete_table,
    create_index,
    create_keyed_table,
    drop_table,
    foreign_key,
    optional,
    primary_key,
    ref_column,
    timestamp,
    unique,
)

revision = "0001"
down_revision: str | None = None


def upgrade() -> None:
    # In the order of the first release: SQLite keeps its schema in creation order.
    _accounts()
    _activities()
    _access()
    _plans_and_jobs()
    _training_log_details()


def _accounts() -> None:
    create_keyed_table(
        "users",
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        timestamp("created_at"),
        sa.Column("is_owner", sa.Boolean(), nullable=False),
        unique("users", "email"),
    )
    create_keyed_table(
        "athletes",
        sa.Column("name", sa.String(length=100), nullable=False),
        ref_column("owner_user_id", nullable=True),
        sa.Column("profile_toml", sa.Text(), nullable=True),
        timestamp("created_at"),
        foreign_key("athletes", "owner_user_id", "users", ondelete="SET NULL"),
        unique("athletes", "owner_user_id", "name"),
    )
    create_index("athletes", "ix_athletes_owner_user_id", "owner_user_id")
    no_owner = sa.text("owner_user_id IS NULL")
    create_index(
        "athletes",
        "uq_athletes_name_no_owner",
        "name",
        unique=True,
        sqlite_where=no_owner,
        postgresql_where=no_owner,
    )


def _activities() -> None:
    create_athlete_table(
        "activities",
        sa.Column("sport", sa.String(length=32), nullable=False),
        sa.Column("sub_sport", sa.String(length=64), nullable=True),
        timestamp("start_utc"),
        sa.Column("utc_offset_s", sa.Integer(), nullable=False),
        sa.Column("duration_s", sa.Float(), nullable=False),
        *optional(sa.Float, "moving_time_s", "distance_m", "elevation_gain_m"),
        *optional(sa.Float, "avg_hr_bpm", "max_hr_bpm", "avg_cadence_spm", "avg_power_w"),
        *optional(sa.Float, "calories_kcal"),
        sa.Column("name", sa.String(length=500), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("device", sa.String(length=200), nullable=True),
        sa.Column("source_format", sa.String(length=32), nullable=True),
        sa.Column("source_name", sa.String(length=1000), nullable=True),
        sa.Column("source_hash", sa.String(length=128), nullable=True),
        sa.Column("event_id", sa.String(length=128), nullable=True),
        sa.Column("leg_index", sa.Integer(), nullable=False),
        sa.Column("session_rpe", sa.Float(), nullable=True),
        timestamp("created_at"),
        unique_on=("athlete_id", "source_hash", "leg_index"),
    )
    create_index("activities", "ix_activities_athlete_start", "athlete_id", "start_utc")
    create_index("activities", "ix_activities_dedup", "athlete_id", "sport", "start_utc")
    create_index("activities", "ix_activities_event_id", "event_id")


def _access() -> None:
    create_keyed_table(
        "athlete_access",
        ref_column("coach_user_id"),
        ref_column("athlete_id"),
        timestamp("granted_at"),
        timestamp("revoked_at", nullable=True),
        foreign_key("athlete_access", "athlete_id", "athletes"),
        foreign_key("athlete_access", "coach_user_id", "users"),
    )
    create_index("athlete_access", "ix_athlete_access_athlete_id", "athlete_id")
    create_index("athlete_access", "ix_athlete_access_coach_athlete", "coach_user_id", "athlete_id")
    create_athlete_table(
        "calendar_tokens",
        sa.Column("token_hash", sa.String(length=128), nullable=False),
        timestamp("created_at"),
        timestamp("revoked_at", nullable=True),
        unique_on=("token_hash",),
    )
    create_index("calendar_tokens", "ix_calendar_tokens_athlete_id", "athlete_id")


def _plans_and_jobs() -> None:
    create_keyed_table(
        "jobs",
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        ref_column("athlete_id", nullable=True),
        ref_column("user_id", nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        timestamp("created_at"),
        timestamp("updated_at"),
        sa.Column("worker", sa.String(length=200), nullable=True),
        timestamp("heartbeat_at", nullable=True),
        foreign_key("jobs", "athlete_id", "athletes"),
        foreign_key("jobs", "user_id", "users", ondelete="SET NULL"),
    )
    create_index("jobs", "ix_jobs_athlete_id", "athlete_id")
    create_index("jobs", "ix_jobs_status_created", "status", "created_at")
    create_athlete_table(
        "plan_events",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        timestamp("created_at"),
    )
    create_index("plan_events", "ix_plan_events_athlete_day", "athlete_id", "day")
    create_athlete_table(
        "plans",
        timestamp("created_at"),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("format_version", sa.String(length=32), nullable=False),
        sa.Column("plan_json", sa.Text(), nullable=False),
    )
    create_index("plans", "ix_plans_athlete_active", "athlete_id", "active")


def _training_log_details() -> None:
    create_athlete_table(
        "wellness",
        sa.Column("day", sa.Date(), nullable=False),
        *optional(sa.Float, "sleep_h"),
        *optional(sa.Integer, "sleep_quality", "stress", "soreness", "leg_feel"),
        *optional(sa.Integer, "hip_stiffness", "low_back_fatigue", "mood"),
        *optional(sa.Float, "body_mass_kg", "resting_hr_bpm", "hrv_ms"),
        *optional(sa.Text, "nutrition_notes", "hydration_notes", "notes"),
        unique_on=("athlete_id", "day"),
    )
    op.create_table(
        "activity_streams",
        ref_column("activity_id"),
        sa.Column("n_samples", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        foreign_key("activity_streams", "activity_id", "activities"),
        primary_key("activity_streams", "activity_id"),
    )
    create_activity_table(
        "laps",
        sa.Column("lap_index", sa.Integer(), nullable=False),
        timestamp("start_utc"),
        sa.Column("duration_s", sa.Float(), nullable=False),
        *optional(sa.Float, "distance_m", "avg_hr_bpm", "max_hr_bpm", "avg_speed_m_s"),
        *optional(sa.Float, "avg_cadence_spm", "avg_power_w"),
        unique_on=("activity_id", "lap_index"),
    )
    create_activity_table(
        "strength_sets",
        sa.Column("set_order", sa.Integer(), nullable=False),
        sa.Column("exercise", sa.String(length=200), nullable=False),
        *optional(sa.Integer, "reps"),
        *optional(sa.Float, "load_kg", "rpe", "rir", "duration_s"),
        timestamp("start_utc", nullable=True),
    )
    create_index("strength_sets", "ix_strength_sets_activity", "activity_id", "set_order")


def downgrade() -> None:
    drop_table("strength_sets", "ix_strength_sets_activity")
    drop_table("laps")
    drop_table("activity_streams")
    drop_table("wellness")
    drop_table("plans", "ix_plans_athlete_active")
    drop_table("plan_events", "ix_plan_events_athlete_day")
    drop_table("jobs", "ix_jobs_status_created", "ix_jobs_athlete_id")
    drop_table("calendar_tokens", "ix_calendar_tokens_athlete_id")
    drop_table("athlete_access", "ix_athlete_access_coach_athlete", "ix_athlete_access_athlete_id")
    drop_table(
        "activities", "ix_activities_event_id", "ix_activities_dedup", "ix_activities_athlete_start"
    )
    drop_table("athletes", "uq_athletes_name_no_owner", "ix_athletes_owner_user_id")
    drop_table("users")
