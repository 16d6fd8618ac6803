"""What was wrong with an activity's file: ``activities.damage``.

An activity read from a damaged file (a FIT file with a wrong CRC, cut short, with a
broken later segment) keeps the decoder's reason, so that an intact copy of the same
workout imported later is kept in its place whatever the order of the imports
(``services.imports.dedup``). Activities stored before this revision count as intact.

Revision ID: 0007_activity_damage
Revises: 0006_log_revision
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_activity_damage"
down_revision: str | None = "0006_log_revision"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("activities", sa.Column("damage", sa.String(length=500), nullable=True))


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35, PostgreSQL), as 0006 does.
    op.execute("ALTER TABLE activities DROP COLUMN damage")
