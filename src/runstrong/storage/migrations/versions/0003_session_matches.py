"""Plan ↔ log matching: hand corrections of which planned session an activity fulfilled.

Revision ID: 0003_session_matches
Revises: 0002_feed_creator
Create Date: 2026-12-06 22:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_session_matches"
down_revision: str | None = "0002_feed_creator"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "session_matches",
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("athlete_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("session_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_session_matches_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["athlete_id"],
            ["athletes.id"],
            name=op.f("fk_session_matches_athlete_id_athletes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("activity_id", name=op.f("pk_session_matches")),
    )
    op.create_index("ix_session_matches_athlete", "session_matches", ["athlete_id"])


def downgrade() -> None:
    op.drop_index("ix_session_matches_athlete", table_name="session_matches")
    op.drop_table("session_matches")
