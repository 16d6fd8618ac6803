"""Repository functions for activities with their laps, sets and streams."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from runstrong.core.model import Activity, SetEntry
from runstrong.storage import schema
from runstrong.storage.base import row_or_missing
from runstrong.storage.mapping import (
    activity_from_row,
    activity_values,
    lap_from_row,
    lap_values,
    set_from_row,
    set_values,
)
from runstrong.storage.records import StoredActivity
from runstrong.storage.revision import bump
from runstrong.storage.streams import decode_streams, encode_streams
from runstrong.storage.tables import (
    ActivityRow,
    StrengthSetRow,
)

_ACTIVITIES = schema.activities
_LAPS = schema.laps
_SETS = schema.strength_sets
_STREAMS = schema.activity_streams
# Built once so SQLAlchemy compiles each statement once (bulk import speed).
_INSERT_ACTIVITY = insert(_ACTIVITIES).returning(_ACTIVITIES.c.id)
_INSERT_LAP = insert(_LAPS)
_INSERT_SET = insert(_SETS)
_INSERT_STREAM = insert(_STREAMS)


def add_activity(
    session: Session,
    athlete_id: int,
    activity: Activity,
    *,
    now: dt.datetime,
    stream_blob: tuple[int, bytes] | None = None,
) -> int:
    """Store one activity whole (laps, sets, streams) and return its id.

    ``stream_blob`` is ``encode_streams(activity.streams)`` computed elsewhere
    (the import workers pack streams in parallel); without it they are packed here.
    Runs in a SAVEPOINT with plain INSERTs (no ORM unit of work: bulk import
    speed): if anything fails (e.g. the same source hash and leg is already
    stored, ``IntegrityError``), nothing of it is written and the error
    propagates; the surrounding transaction stays usable.
    """
    n_samples, blob = encode_streams(activity.streams) if stream_blob is None else stream_blob
    with session.begin_nested():
        activity_id: int = session.execute(
            _INSERT_ACTIVITY, activity_values(athlete_id, activity, now)
        ).scalar_one()
        if activity.laps:
            session.execute(
                _INSERT_LAP,
                [lap_values(activity_id, i, lap) for i, lap in enumerate(activity.laps)],
            )
        if activity.sets:
            rows = [{"activity_id": activity_id, **set_values(s)} for s in activity.sets]
            session.execute(_INSERT_SET, rows)
        if n_samples:
            session.execute(
                _INSERT_STREAM, {"activity_id": activity_id, "n_samples": n_samples, "data": blob}
            )
        bump(session, athlete_id)
    return activity_id


def _stored(row: ActivityRow, *, with_streams: bool) -> StoredActivity:
    streams = decode_streams(row.stream.data) if with_streams and row.stream else None
    activity = activity_from_row(
        row,
        laps=map(lap_from_row, row.laps),
        sets=map(set_from_row, row.sets),
        streams=streams,
    )
    return StoredActivity(row.id, row.athlete_id, activity, row.created_at)


def get_activity(
    session: Session, activity_id: int, *, with_streams: bool = True
) -> StoredActivity:
    """One stored activity with laps, sets and (by default) streams."""
    row = row_or_missing(session, ActivityRow, activity_id, "activity")
    return _stored(row, with_streams=with_streams)


def list_activities(
    session: Session,
    athlete_id: int,
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    with_streams: bool = False,
) -> list[StoredActivity]:
    """An athlete's activities by start time (``since`` ≤ start < ``until``); streams on request."""
    query = (
        select(ActivityRow)
        .where(ActivityRow.athlete_id == athlete_id)
        .order_by(ActivityRow.start_utc, ActivityRow.leg_index, ActivityRow.id)
        .options(selectinload(ActivityRow.laps), selectinload(ActivityRow.sets))
    )
    if with_streams:
        query = query.options(selectinload(ActivityRow.stream))
    if since is not None:
        query = query.where(ActivityRow.start_utc >= since)
    if until is not None:
        query = query.where(ActivityRow.start_utc < until)
    return [_stored(r, with_streams=with_streams) for r in session.scalars(query)]


def set_session_rpe(session: Session, activity_id: int, rpe: float | None) -> None:
    """Set (or clear) the session RPE of an activity."""
    row = row_or_missing(session, ActivityRow, activity_id, "activity")
    row.session_rpe = rpe
    bump(session, row.athlete_id)


def append_sets(session: Session, activity_id: int, sets: list[SetEntry]) -> None:
    """Add sets to an existing activity (hand-logged lifts of the same session)."""
    row = row_or_missing(session, ActivityRow, activity_id, "activity")
    row.sets.extend(StrengthSetRow(**set_values(s)) for s in sets)
    session.flush()
    bump(session, row.athlete_id)


def update_activity_fields(
    session: Session,
    activity_id: int,
    *,
    duration_s: float | None = None,
    name: str | None = None,
    description: str | None = None,
) -> None:
    """Change an activity's duration, name or description (None leaves a field as it is)."""
    row = row_or_missing(session, ActivityRow, activity_id, "activity")
    if duration_s is not None:
        row.duration_s = duration_s
    if name is not None:
        row.name = name
    if description is not None:
        row.description = description
    bump(session, row.athlete_id)


def activity_ids(session: Session, athlete_id: int) -> list[int]:
    """Ids of the athlete's activities in start order (to page through large logs)."""
    query = (
        select(ActivityRow.id)
        .where(ActivityRow.athlete_id == athlete_id)
        .order_by(ActivityRow.start_utc, ActivityRow.leg_index, ActivityRow.id)
    )
    return list(session.scalars(query))


def count_activities(session: Session, athlete_id: int | None = None) -> int:
    """How many activities are stored (for one athlete, or in total)."""
    query = select(func.count(ActivityRow.id))
    if athlete_id is not None:
        query = query.where(ActivityRow.athlete_id == athlete_id)
    return int(session.scalar(query) or 0)


def exercise_names(session: Session, athlete_id: int) -> list[str]:
    """Distinct exercise names this athlete has logged, sorted."""
    query = (
        select(StrengthSetRow.exercise)
        .join(ActivityRow, ActivityRow.id == StrengthSetRow.activity_id)
        .where(ActivityRow.athlete_id == athlete_id)
        .distinct()
    )
    return sorted(session.scalars(query))
