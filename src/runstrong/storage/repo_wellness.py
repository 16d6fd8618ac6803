"""Repository functions for daily wellness check-ins (see ``storage.repository``)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runstrong.core.model import Wellness
from runstrong.storage.mapping import WELLNESS_FIELDS as WELLNESS_FIELDS
from runstrong.storage.mapping import wellness_from_row
from runstrong.storage.revision import bump
from runstrong.storage.tables import (
    WellnessRow,
)


def get_wellness(session: Session, athlete_id: int, day: dt.date) -> Wellness | None:
    """The athlete's check-in for ``day``, if any."""
    row = session.scalar(
        select(WellnessRow).where(WellnessRow.athlete_id == athlete_id, WellnessRow.day == day)
    )
    return None if row is None else wellness_from_row(row)


def put_wellness(session: Session, athlete_id: int, wellness: Wellness) -> Wellness:
    """Store ``wellness`` as the athlete's check-in for its day (replacing any earlier one)."""
    row = session.scalar(
        select(WellnessRow).where(
            WellnessRow.athlete_id == athlete_id, WellnessRow.day == wellness.day
        )
    )
    if row is None:
        row = WellnessRow(athlete_id=athlete_id, day=wellness.day)
        session.add(row)
    for name in WELLNESS_FIELDS:
        setattr(row, name, getattr(wellness, name))
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:  # a concurrent writer stored the same day first: update it
        return put_wellness(session, athlete_id, wellness)
    bump(session, athlete_id)
    return wellness_from_row(row)


def list_wellness(
    session: Session, athlete_id: int, *, since: dt.date | None = None
) -> list[Wellness]:
    """The athlete's check-ins by day (from ``since`` on)."""
    query = select(WellnessRow).where(WellnessRow.athlete_id == athlete_id)
    if since is not None:
        query = query.where(WellnessRow.day >= since)
    return [wellness_from_row(r) for r in session.scalars(query.order_by(WellnessRow.day))]
