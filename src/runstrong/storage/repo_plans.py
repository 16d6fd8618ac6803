"""Repository functions for stored plans and plan events (see ``storage.repository``).

Core statements on ``storage.schema`` (``storage.rows``): they run on an ORM
``Session`` or a Core ``Connection``, so a saved ``runstrong plan new`` stores its
plan without importing the ORM.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, func, select, update

from runstrong.core.errors import InputError
from runstrong.storage.records import StoredPlan, StoredPlanEvent, record_of
from runstrong.storage.revision import bump
from runstrong.storage.rows import inserted
from runstrong.storage.schema import plan_events, plans

if TYPE_CHECKING:
    from runstrong.storage.rows import Executor

COACH_LOCK_CLASS = 0x52_53_43  # "RSC": first key of the advisory lock (any int4)
"""PostgreSQL advisory locks ``(COACH_LOCK_CLASS, athlete_id)`` belong to the daily coach."""


def lock_coach(db: Executor, athlete_id: int) -> None:
    """Hold the athlete's coach lock until the transaction ends, so two runs of the
    daily coach that store (``runstrong today``, a web look recording R1 or R26) take
    turns and each reads what the other stored. On PostgreSQL a transaction-scoped
    advisory lock keyed by the athlete (it may be taken again in the same transaction);
    on SQLite nothing more is needed: a writing transaction begins with ``BEGIN
    IMMEDIATE``, the database's one write lock (``storage.db.transaction``)."""
    connection = db if isinstance(db, Connection) else db.connection()
    if connection.dialect.name == "postgresql":
        db.execute(select(func.pg_advisory_xact_lock(COACH_LOCK_CLASS, athlete_id)))


def add_plan(
    db: Executor,
    athlete_id: int,
    plan_json: str,
    *,
    format_version: str,
    now: dt.datetime,
    active: bool = True,
    deactivate_others: bool = True,
) -> StoredPlan:
    """Store a plan document; an active one deactivates the athlete's other plans
    (unless ``deactivate_others`` is False, as when restoring an export)."""
    if active and deactivate_others:
        # Only the active rows: rewriting every old plan (each ~0.8 MB of JSON, which
        # SQLite copies whole to change one column) made each save slower than the last.
        db.execute(
            update(plans)
            .where(plans.c.athlete_id == athlete_id, plans.c.active.is_(True))
            .values(active=False)
        )
    row = inserted(
        db,
        plans,
        athlete_id=athlete_id,
        plan_json=plan_json,
        format_version=format_version,
        created_at=now,
        active=active,
    )
    bump(db, athlete_id)
    return record_of(StoredPlan, row)


def active_plan(db: Executor, athlete_id: int) -> StoredPlan | None:
    """The athlete's active plan (the newest if several), if any."""
    row = db.execute(
        select(plans)
        .where(plans.c.athlete_id == athlete_id, plans.c.active.is_(True))
        .order_by(plans.c.created_at.desc(), plans.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else record_of(StoredPlan, row)


def list_plans(db: Executor, athlete_id: int) -> list[StoredPlan]:
    """Every stored plan of the athlete, oldest first."""
    query = select(plans).where(plans.c.athlete_id == athlete_id).order_by(plans.c.id)
    return [record_of(StoredPlan, r) for r in db.execute(query)]


def plan_before(db: Executor, athlete_id: int, when: dt.datetime) -> StoredPlan | None:
    """The athlete's latest plan stored before ``when``: the plan a change recorded at
    ``when`` started from (one row, not every version: each is ~0.8 MB of JSON)."""
    query = (
        select(plans)
        .where(plans.c.athlete_id == athlete_id, plans.c.created_at < when)
        .order_by(plans.c.id.desc())
        .limit(1)
    )
    row = db.execute(query).first()
    return record_of(StoredPlan, row) if row is not None else None


PLAN_EVENT_KINDS = ("skip", "move", "adapt")


def add_plan_event(
    db: Executor,
    athlete_id: int,
    day: dt.date,
    kind: str,
    payload: dict[str, object],
    *,
    now: dt.datetime,
) -> StoredPlanEvent:
    """Record a plan change; ``kind`` is one of skip, move, adapt."""
    if kind not in PLAN_EVENT_KINDS:
        raise InputError(f"invalid plan event kind {kind!r}: use one of skip, move, adapt")
    row = inserted(
        db, plan_events, athlete_id=athlete_id, day=day, kind=kind, payload=payload, created_at=now
    )
    bump(db, athlete_id)
    return _event(row)


def _event(row: Row[Any]) -> StoredPlanEvent:
    return StoredPlanEvent(
        row.id, row.athlete_id, row.day, row.kind, dict(row.payload), row.created_at
    )


def list_plan_events(
    db: Executor, athlete_id: int, *, since: dt.date | None = None
) -> list[StoredPlanEvent]:
    """The athlete's plan events by day, then by creation."""
    query = select(plan_events).where(plan_events.c.athlete_id == athlete_id)
    if since is not None:
        query = query.where(plan_events.c.day >= since)
    query = query.order_by(plan_events.c.day, plan_events.c.id)
    return [_event(r) for r in db.execute(query)]
