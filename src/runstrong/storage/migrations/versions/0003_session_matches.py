"""Plan ↔ log matching: hand corrections of which planned session an activity fulfilled.

Create Date: 2026-12-06 22:55:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runstrong.storage.migrations.ops import foreign_key, primary_key, ref_column, timestamp

revision = "0003_session_matches"
down_revision = "0002_feed_creator"


def upgrade() -> None:
    op.create_table(
        "session_matches",
        ref_column("activity_id"),
        ref_column("athlete_id"),
        sa.Column("session_id", sa.String(length=64), nullable=True),
        sa.Column("session_date", sa.Date(), nullable=True),
        timestamp("created_at"),
        foreign_key("session_matches", "activity_id", "activities"),
        foreign_key("session_matches", "athlete_id", "athletes"),
        primary_key("session_matches", "activity_id"),
    )
    op.create_index("ix_session_matches_athlete", "session_matches", ["athlete_id"])


def downgrade() -> None:
    op.drop_index("ix_session_matches_athlete", table_name="session_matches")
    op.drop_table("session_matches")
