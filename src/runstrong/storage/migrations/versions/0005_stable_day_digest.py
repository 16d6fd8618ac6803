"""Stable digest of adapted days: stored ``repr()`` digests become plan-format digests.

The daily coach keeps, in each ``adapt`` plan event of kind "day", a digest of the
sessions the adaptation produced, to know whether the plan still holds them (and so
re-adapt from the originals instead of compounding). It was the sha256 of ``repr()``
of the sessions, which any change to ``PlannedSession`` silently orphaned (issue 11).
This migration recomputes each stored digest from the plan version written with the
event (same athlete, same ``created_at``) by ``services.coach_events.day_digest`` and
marks it ``digest: 2``. An event whose plan version is gone keeps no digest: the coach
then reads the day's sessions from the current plan.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_stable_day_digest"
down_revision = "0004_job_queue"

_events = sa.table(
    "plan_events",
    sa.column("id", sa.Integer),
    sa.column("athlete_id", sa.Integer),
    sa.column("day", sa.Date),
    sa.column("kind", sa.String),
    sa.column("payload", sa.JSON),
    sa.column("created_at", sa.DateTime),
)
_plans = sa.table(
    "plans",
    sa.column("athlete_id", sa.Integer),
    sa.column("created_at", sa.DateTime),
    sa.column("plan_json", sa.Text),
)


def upgrade() -> None:
    # Imported here: the digest is the application's, and only this step needs it.
    from runstrong.exporters.plan_json import load_plan
    from runstrong.services.coach_events import DIGEST_VERSION, day_digest

    bind = op.get_bind()
    rows = bind.execute(
        sa.select(_events.c.id, _events.c.day, _events.c.payload).where(_events.c.kind == "adapt")
    ).all()
    for event_id, day, payload in rows:
        if not isinstance(payload, dict) or payload.get("coach") != "day":
            continue
        if payload.get("digest") == DIGEST_VERSION:
            continue
        # The plan version saved with the event: same athlete, same stored timestamp
        # (compared in SQL, so the column's storage format never matters).
        text = bind.execute(
            sa.select(_plans.c.plan_json)
            .select_from(
                _plans.join(
                    _events,
                    sa.and_(
                        _plans.c.athlete_id == _events.c.athlete_id,
                        _plans.c.created_at == _events.c.created_at,
                    ),
                )
            )
            .where(_events.c.id == event_id)
        ).scalar()
        new = dict(payload)
        new["digest"] = DIGEST_VERSION
        new.pop("adapted", None)
        if text is not None:
            plan = load_plan(text, source="stored plan")
            new["adapted"] = day_digest([s for s in plan.sessions() if s.date == day])
        bind.execute(sa.update(_events).where(_events.c.id == event_id).values(payload=new))


def downgrade() -> None:
    # The repr() digests cannot be rebuilt; version-1 readers would re-adapt from the
    # current plan, which is what a missing digest means.
    pass
