"""Repository functions for activities with their laps, sets and streams."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Table, func, insert, select
from sqlalchemy.orm import Session, selectinload

from runstrong.core.errors import NotFoundError
from runstrong.core.model import Activity, Lap, SetEntry, Sport, Streams
from runstrong.storage.records import (
    StoredActivity,
)
from runstrong.storage.streams import decode_streams, encode_streams
from runstrong.storage.tables import (
    ActivityRow,
    ActivityStreamRow,
    LapRow,
    StrengthSetRow,
)

_ACTIVITIES: Table = ActivityRow.__table__  # type: ignore[assignment]
_LAPS: Table = LapRow.__table__  # type: ignore[assignment]
_SETS: Table = StrengthSetRow.__table__  # type: ignore[assignment]
_STREAMS: Table = ActivityStreamRow.__table__  # type: ignore[assignment]
# Built once so SQLAlchemy compiles each statement once (bulk import speed).
_INSERT_ACTIVITY = insert(_ACTIVITIES).returning(_ACTIVITIES.c.id)
_INSERT_LAP = insert(_LAPS)
_INSERT_SET = insert(_SETS)
_INSERT_STREAM = insert(_STREAMS)


def _offset_s(start: dt.datetime) -> int:
    offset = start.utcoffset()
    return 0 if offset is None else int(offset.total_seconds())


def _activity_values(athlete_id: int, a: Activity, now: dt.datetime) -> dict[str, Any]:
    return {
        "athlete_id": athlete_id,
        "sport": a.sport.value,
        "sub_sport": a.sub_sport,
        "start_utc": a.start,
        "utc_offset_s": _offset_s(a.start),
        "duration_s": a.duration_s,
        "moving_time_s": a.moving_time_s,
        "distance_m": a.distance_m,
        "elevation_gain_m": a.elevation_gain_m,
        "avg_hr_bpm": a.avg_hr_bpm,
        "max_hr_bpm": a.max_hr_bpm,
        "avg_cadence_spm": a.avg_cadence_spm,
        "avg_power_w": a.avg_power_w,
        "calories_kcal": a.calories_kcal,
        "name": a.name,
        "description": a.description,
        "device": a.device,
        "source_format": a.source_format,
        "source_name": a.source_name,
        "source_hash": a.source_hash,
        "event_id": a.event_id,
        "leg_index": a.leg_index,
        "session_rpe": a.session_rpe,
        "created_at": now,
    }


def _lap_values(activity_id: int, index: int, lap: Lap) -> dict[str, Any]:
    return {
        "activity_id": activity_id,
        "lap_index": index,
        "start_utc": lap.start,
        "duration_s": lap.duration_s,
        "distance_m": lap.distance_m,
        "avg_hr_bpm": lap.avg_hr_bpm,
        "max_hr_bpm": lap.max_hr_bpm,
        "avg_speed_m_s": lap.avg_speed_m_s,
        "avg_cadence_spm": lap.avg_cadence_spm,
        "avg_power_w": lap.avg_power_w,
    }


def _set_values(s: SetEntry) -> dict[str, Any]:
    return {
        "set_order": s.order,
        "exercise": s.exercise,
        "reps": s.reps,
        "load_kg": s.load_kg,
        "rpe": s.rpe,
        "rir": s.rir,
        "duration_s": s.duration_s,
        "start_utc": s.start,
    }


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
            _INSERT_ACTIVITY, _activity_values(athlete_id, activity, now)
        ).scalar_one()
        if activity.laps:
            session.execute(
                _INSERT_LAP,
                [_lap_values(activity_id, i, lap) for i, lap in enumerate(activity.laps)],
            )
        if activity.sets:
            rows = [{"activity_id": activity_id, **_set_values(s)} for s in activity.sets]
            session.execute(_INSERT_SET, rows)
        if n_samples:
            session.execute(
                _INSERT_STREAM, {"activity_id": activity_id, "n_samples": n_samples, "data": blob}
            )
    return activity_id


def _to_activity(row: ActivityRow, *, with_streams: bool) -> Activity:
    tz = dt.timezone(dt.timedelta(seconds=row.utc_offset_s)) if row.utc_offset_s else dt.UTC
    streams = decode_streams(row.stream.data) if with_streams and row.stream else None
    extra: dict[str, Streams] = {} if streams is None else {"streams": streams}
    return Activity(
        sport=Sport(row.sport),
        start=row.start_utc.astimezone(tz),
        duration_s=row.duration_s,
        moving_time_s=row.moving_time_s,
        distance_m=row.distance_m,
        elevation_gain_m=row.elevation_gain_m,
        avg_hr_bpm=row.avg_hr_bpm,
        max_hr_bpm=row.max_hr_bpm,
        avg_cadence_spm=row.avg_cadence_spm,
        avg_power_w=row.avg_power_w,
        calories_kcal=row.calories_kcal,
        sub_sport=row.sub_sport,
        name=row.name,
        description=row.description,
        device=row.device,
        source_format=row.source_format,
        source_name=row.source_name,
        source_hash=row.source_hash,
        event_id=row.event_id,
        leg_index=row.leg_index,
        session_rpe=row.session_rpe,
        laps=tuple(
            Lap(
                start=lap.start_utc,
                duration_s=lap.duration_s,
                distance_m=lap.distance_m,
                avg_hr_bpm=lap.avg_hr_bpm,
                max_hr_bpm=lap.max_hr_bpm,
                avg_speed_m_s=lap.avg_speed_m_s,
                avg_cadence_spm=lap.avg_cadence_spm,
                avg_power_w=lap.avg_power_w,
            )
            for lap in row.laps
        ),
        sets=tuple(
            SetEntry(
                exercise=s.exercise,
                reps=s.reps,
                load_kg=s.load_kg,
                rpe=s.rpe,
                rir=s.rir,
                duration_s=s.duration_s,
                start=s.start_utc,
                order=s.set_order,
            )
            for s in row.sets
        ),
        **extra,
    )


def _stored(row: ActivityRow, *, with_streams: bool) -> StoredActivity:
    return StoredActivity(
        row.id, row.athlete_id, _to_activity(row, with_streams=with_streams), row.created_at
    )


def get_activity(
    session: Session, activity_id: int, *, with_streams: bool = True
) -> StoredActivity:
    """One stored activity with laps, sets and (by default) streams."""
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
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
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
    row.session_rpe = rpe


def append_sets(session: Session, activity_id: int, sets: list[SetEntry]) -> None:
    """Add sets to an existing activity (hand-logged lifts of the same session)."""
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
    row.sets.extend(StrengthSetRow(**_set_values(s)) for s in sets)
    session.flush()


def update_activity_fields(
    session: Session,
    activity_id: int,
    *,
    duration_s: float | None = None,
    name: str | None = None,
    description: str | None = None,
) -> None:
    """Change an activity's duration, name or description (None leaves a field as it is)."""
    row = session.get(ActivityRow, activity_id)
    if row is None:
        raise NotFoundError(f"no activity with id {activity_id}")
    if duration_s is not None:
        row.duration_s = duration_s
    if name is not None:
        row.name = name
    if description is not None:
        row.description = description


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
