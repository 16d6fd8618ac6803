"""A per-athlete revision of the training log: ``athletes.log_revision``.

Every repository write of what the daily coach and the Progress view read (activities
with their laps and sets, check-ins, plans, plan events, match corrections, the
athlete's name and profile) adds one to it as its transaction commits
(``storage.revision``), so the pages' caches are keyed by one indexed value instead of
re-reading the log to see whether it changed. Existing athletes start at 0: no cache
outlives the process that filled it, so no earlier key can collide.

Revision ID: 0006_log_revision
Revises: 0005_stable_day_digest
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_log_revision"
down_revision: str | None = "0005_stable_day_digest"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # SQLite adds a NOT NULL column in place when it has a constant default.
    op.add_column(
        "athletes",
        sa.Column("log_revision", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    # Plain DROP COLUMN (SQLite >= 3.35, PostgreSQL): a batch copy of the table would
    # have to rebuild its partial unique index of names by hand.
    op.execute("ALTER TABLE athletes DROP COLUMN log_revision")
