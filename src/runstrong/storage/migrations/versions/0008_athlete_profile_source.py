"""Where a local athlete's profile was planned from: ``athletes.profile_source``.

``runstrong plan new`` keeps the resolved path of the profile file it stored, so a
profile from another file that only shares the athlete's name is refused instead of
replacing that athlete's profile and plan (``services.planning``). Athletes stored
before this revision have none: the next ``plan new`` of their name records it.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runstrong.storage.migrations.ops import drop_column_in_place

revision = "0008_athlete_profile_source"
down_revision = "0007_activity_damage"


def upgrade() -> None:
    op.add_column("athletes", sa.Column("profile_source", sa.Text(), nullable=True))


def downgrade() -> None:
    drop_column_in_place("athletes", "profile_source")
