"""A fast read of an athlete's whole log for the statistics and the coach.

``repository.list_activities`` builds ORM objects with laps and sets, which
costs about a second for a 10-year log (3,000 activities, ~10,000 sets). The
statistics need only the activity rows and the strength sets, so this module
reads those with two Core ``SELECT``s (no ORM identity map, no laps, no
streams) and maps them with ``storage.mapping`` (the repository's own
mapping) into the same ``StoredActivity`` records, in start order.
Laps and streams are empty; callers that need streams use the repository.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from runstrong.core.model import SetEntry, Sport, Wellness
from runstrong.storage import mapping
from runstrong.storage.records import StoredActivity
from runstrong.storage.tables import ActivityRow, ActivityStreamRow, StrengthSetRow, WellnessRow


def activity_log(
    session: Session,
    athlete_id: int,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    sports: Collection[Sport] | None = None,
) -> list[StoredActivity]:
    """Summaries and strength sets of the activities with ``since`` ≤ start < ``until``
    (of ``sports`` only, when given)."""
    query = select(*mapping.ACTIVITY_COLUMNS).where(ActivityRow.athlete_id == athlete_id)
    if sports is not None:
        query = query.where(ActivityRow.sport.in_([s.value for s in sports]))
    sets_query = (
        select(*mapping.SET_COLUMNS)
        .join(ActivityRow, ActivityRow.id == StrengthSetRow.activity_id)
        .where(ActivityRow.athlete_id == athlete_id)
    )
    if since is not None:
        query = query.where(ActivityRow.start_utc >= since)
        sets_query = sets_query.where(ActivityRow.start_utc >= since)
    if until is not None:
        query = query.where(ActivityRow.start_utc < until)
        sets_query = sets_query.where(ActivityRow.start_utc < until)
    sets: dict[int, list[SetEntry]] = defaultdict(list)
    conn = session.connection()  # Core rows: no ORM result processing
    if sports is None or Sport.STRENGTH in sports:
        for row in conn.execute(
            sets_query.order_by(StrengthSetRow.activity_id, StrengthSetRow.set_order)
        ).all():
            sets[row.activity_id].append(mapping.set_from_row(row))
    query = query.order_by(ActivityRow.start_utc, ActivityRow.leg_index, ActivityRow.id)
    rows = conn.execute(query).all()
    return [mapping.stored_from_row(row, sets=sets.get(row.id, ())) for row in rows]


def wellness_log(
    session: Session, athlete_id: int, *, since: dt.date | None = None
) -> list[Wellness]:
    """The athlete's check-ins by day (from ``since`` on), read with one Core ``SELECT``."""
    query = select(*mapping.WELLNESS_COLUMNS).where(WellnessRow.athlete_id == athlete_id)
    if since is not None:
        query = query.where(WellnessRow.day >= since)
    return [
        mapping.wellness_from_row(row)
        for row in session.connection().execute(query.order_by(WellnessRow.day)).all()
    ]


def streamed_run_ids(
    session: Session, athlete_id: int, *, since: dt.datetime, until: dt.datetime
) -> list[int]:
    """Ids of the runs with a recorded stream, ``since`` ≤ start < ``until``, in start order."""
    runs = [s.value for s in Sport if s.is_run]
    query = (
        select(ActivityRow.id)
        .join(ActivityStreamRow, ActivityStreamRow.activity_id == ActivityRow.id)
        .where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.sport.in_(runs),
            ActivityRow.start_utc >= since,
            ActivityRow.start_utc < until,
        )
        .order_by(ActivityRow.start_utc, ActivityRow.id)
    )
    return list(session.connection().execute(query).scalars())


def loaded_sets(
    session: Session, athlete_id: int, *, until: dt.datetime
) -> list[tuple[dt.date, str, int, float, float | None, float | None]]:
    """(local day, exercise, reps, load kg, RPE, RIR) of every set with reps and a load,
    start < ``until``."""
    query = (
        select(
            ActivityRow.start_utc,
            ActivityRow.utc_offset_s,
            StrengthSetRow.exercise,
            StrengthSetRow.reps,
            StrengthSetRow.load_kg,
            StrengthSetRow.rpe,
            StrengthSetRow.rir,
        )
        .join(ActivityRow, ActivityRow.id == StrengthSetRow.activity_id)
        .where(
            ActivityRow.athlete_id == athlete_id,
            ActivityRow.start_utc < until,
            StrengthSetRow.reps.is_not(None),
            StrengthSetRow.load_kg.is_not(None),
        )
    )
    return [
        ((start + dt.timedelta(seconds=offset or 0)).date(), exercise, reps, load, rpe, rir)
        for start, offset, exercise, reps, load, rpe, rir in session.connection()
        .execute(query)
        .all()
        if reps is not None and load is not None
    ]
