"""What was wrong with an activity's file: ``activities.damage``.

An activity read from a damaged file (a FIT file with a wrong CRC, cut short, with a
broken later segment) keeps the decoder's reason, so that an intact copy of the same
workout imported later is kept in its place whatever the order of the imports
(``services.imports.dedup``). Activities stored before this revision count as intact.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runstrong.storage.migrations.ops import drop_column_in_place

revision = "0007_activity_damage"
down_revision = "0006_log_revision"


def upgrade() -> None:
    op.add_column("activities", sa.Column("damage", sa.String(length=500), nullable=True))


def downgrade() -> None:
    drop_column_in_place("activities", "damage")
