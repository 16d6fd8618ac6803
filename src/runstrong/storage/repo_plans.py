"""Repository functions for stored plans and plan events (see ``storage.repository``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from runstrong.core.errors import InputError
from runstrong.storage.records import StoredPlan, StoredPlanEvent, record_of
from runstrong.storage.revision import bump
from runstrong.storage.tables import PlanEventRow, PlanRow


def add_plan(
    session: Session,
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
        session.execute(
            update(PlanRow).where(PlanRow.athlete_id == athlete_id).values(active=False)
        )
    row = PlanRow(
        athlete_id=athlete_id,
        plan_json=plan_json,
        format_version=format_version,
        created_at=now,
        active=active,
    )
    session.add(row)
    session.flush()
    bump(session, athlete_id)
    return record_of(StoredPlan, row)


def active_plan(session: Session, athlete_id: int) -> StoredPlan | None:
    """The athlete's active plan (the newest if several), if any."""
    row = session.scalar(
        select(PlanRow)
        .where(PlanRow.athlete_id == athlete_id, PlanRow.active.is_(True))
        .order_by(PlanRow.created_at.desc(), PlanRow.id.desc())
        .limit(1)
    )
    return None if row is None else record_of(StoredPlan, row)


def list_plans(session: Session, athlete_id: int) -> list[StoredPlan]:
    """Every stored plan of the athlete, oldest first."""
    query = select(PlanRow).where(PlanRow.athlete_id == athlete_id).order_by(PlanRow.id)
    return [record_of(StoredPlan, r) for r in session.scalars(query)]


PLAN_EVENT_KINDS = ("skip", "move", "adapt")


def add_plan_event(
    session: Session,
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
    row = PlanEventRow(athlete_id=athlete_id, day=day, kind=kind, payload=payload, created_at=now)
    session.add(row)
    session.flush()
    bump(session, athlete_id)
    return _event(row)


def _event(row: PlanEventRow) -> StoredPlanEvent:
    return StoredPlanEvent(
        row.id, row.athlete_id, row.day, row.kind, dict(row.payload), row.created_at
    )


def list_plan_events(
    session: Session, athlete_id: int, *, since: dt.date | None = None
) -> list[StoredPlanEvent]:
    """The athlete's plan events by day, then by creation."""
    query = select(PlanEventRow).where(PlanEventRow.athlete_id == athlete_id)
    if since is not None:
        query = query.where(PlanEventRow.day >= since)
    query = query.order_by(PlanEventRow.day, PlanEventRow.id)
    return [_event(r) for r in session.scalars(query)]
