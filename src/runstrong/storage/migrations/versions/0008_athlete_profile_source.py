"""Where a local athlete's profile was planned from: ``athletes.profile_source``.

``runstrong plan new`` keeps the resolved path of the profile file it stored, so a
profile from another file that only shares the athlete's name is refused instead of
replacing that athlete's profile and plan (``services.planning``). Athletes stored
before this revision have none: the next ``plan new`` of their name records it.

Revision ID: 0008_athlete_profile_source
Revises: 0007_activity_damage
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_athlete_profile_source"
down_revision: str | None = "0007_activity_damage"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("athletes", sa.Column("profile_source", sa.Text(), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35, PostgreSQL), as 0007 does.
    op.execute("ALTER TABLE athletes DROP COLUMN profile_source")
