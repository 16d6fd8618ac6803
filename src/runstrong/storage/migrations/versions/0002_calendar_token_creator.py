"""Calendar feeds per creator: ``calendar_tokens.created_by_user_id``.

Create Date: 2026-12-06 22:30:00

Existing feeds keep a NULL creator and stay the owner's feed.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_feed_creator"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("calendar_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_by_user_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_calendar_tokens_created_by_user_id"),
            ["created_by_user_id"],
            unique=False,
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_calendar_tokens_created_by_user_id_users"),
            "users",
            ["created_by_user_id"],
            ["id"],
            ondelete="CASCADE",
        )


def downgrade() -> None:
    with op.batch_alter_table("calendar_tokens", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_calendar_tokens_created_by_user_id_users"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_calendar_tokens_created_by_user_id"))
        batch_op.drop_column("created_by_user_id")
