"""A per-athlete revision of the training log: ``athletes.log_revision``.

Every repository write of what the daily coach and the Progress view read (activities
with their laps and sets, check-ins, plans, plan events, match corrections, the
athlete's name and profile) adds one to it as its transaction commits
(``storage.revision``), so the pages' caches are keyed by one indexed value instead of
re-reading the log to see whether it changed. Existing athletes start at 0: no cache
outlives the process that filled it, so no earlier key can collide.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runstrong.storage.migrations.ops import drop_column_in_place

revision = "0006_log_revision"
down_revision = "0005_stable_day_digest"


def upgrade() -> None:
    # SQLite adds a NOT NULL column in place when it has a constant default.
    op.add_column(
        "athletes",
        sa.Column("log_revision", sa.Integer(), server_default=sa.text("0"), nullable=False),
    )


def downgrade() -> None:
    drop_column_in_place("athletes", "log_revision")
