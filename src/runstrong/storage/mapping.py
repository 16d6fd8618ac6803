"""The one mapping between core records (``Activity``, ``Wellness``) and stored rows.

``activity_values``/``lap_values``/``set_values`` give the column values to
insert; ``activity_from_row``/``lap_from_row``/``set_from_row`` build the core
objects back. The readers accept an ORM row (``ActivityRow``) or a Core result
row selected with :data:`ACTIVITY_COLUMNS` / :data:`SET_COLUMNS` (both expose the
columns as attributes), so the repository, the statistics' fast whole-log read
and the Log page's page read share these functions: a new activity field is
added here once. Nothing here opens a session.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from runstrong.core.model import Activity, Lap, SetEntry, Sport, Streams, Wellness
from runstrong.storage.records import StoredActivity
from runstrong.storage.tables import ActivityRow, StrengthSetRow, WellnessRow

ACTIVITY_COLUMNS = tuple(getattr(ActivityRow, c.key) for c in ActivityRow.__table__.columns)
"""Every column of ``activities``: what ``activity_from_row`` reads."""
SET_COLUMNS = tuple(getattr(StrengthSetRow, c.key) for c in StrengthSetRow.__table__.columns)
"""Every column of ``strength_sets``: what ``set_from_row`` reads (with ``activity_id``)."""


def _offset_s(start: dt.datetime) -> int:
    offset = start.utcoffset()
    return 0 if offset is None else int(offset.total_seconds())


@functools.lru_cache(maxsize=64)
def _zone(offset_s: int) -> dt.tzinfo:
    """The fixed-offset zone an activity was recorded in (UTC when unknown)."""
    return dt.timezone(dt.timedelta(seconds=offset_s)) if offset_s else dt.UTC


def local_start(start_utc: dt.datetime, offset_s: int) -> dt.datetime:
    """An activity's start in the zone it was recorded in (what ``Activity.start`` holds)."""
    return start_utc.astimezone(_zone(offset_s))


def activity_values(athlete_id: int, a: Activity, now: dt.datetime) -> dict[str, Any]:
    """The ``activities`` row of ``a`` (laps, sets and streams go to their own tables)."""
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
        "damage": a.damage,
        "created_at": now,
    }


def lap_values(activity_id: int, index: int, lap: Lap) -> dict[str, Any]:
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


def set_values(s: SetEntry) -> dict[str, Any]:
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


def activity_from_row(
    row: Any,
    *,
    laps: Iterable[Lap] = (),
    sets: Iterable[SetEntry] = (),
    streams: Streams | None = None,
) -> Activity:
    """The ``Activity`` of an ``activities`` row (ORM or Core), its start in the local
    offset it was recorded in."""
    extra: dict[str, Streams] = {} if streams is None else {"streams": streams}
    return Activity(
        sport=Sport(row.sport),
        start=row.start_utc.astimezone(_zone(row.utc_offset_s)),
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
        damage=row.damage,
        laps=tuple(laps),
        sets=tuple(sets),
        **extra,
    )


def stored_from_row(
    row: Any, *, laps: Iterable[Lap] = (), sets: Iterable[SetEntry] = ()
) -> StoredActivity:
    """An ``activities`` row as a ``StoredActivity`` (no streams)."""
    activity = activity_from_row(row, laps=laps, sets=sets)
    return StoredActivity(row.id, row.athlete_id, activity, row.created_at)


def lap_from_row(lap: Any) -> Lap:
    return Lap(
        start=lap.start_utc,
        duration_s=lap.duration_s,
        distance_m=lap.distance_m,
        avg_hr_bpm=lap.avg_hr_bpm,
        max_hr_bpm=lap.max_hr_bpm,
        avg_speed_m_s=lap.avg_speed_m_s,
        avg_cadence_spm=lap.avg_cadence_spm,
        avg_power_w=lap.avg_power_w,
    )


def set_from_row(s: Any) -> SetEntry:
    """A ``strength_sets`` row (ORM or Core) as a ``SetEntry``."""
    return SetEntry(
        exercise=s.exercise,
        reps=s.reps,
        load_kg=s.load_kg,
        rpe=s.rpe,
        rir=s.rir,
        duration_s=s.duration_s,
        start=s.start_utc,
        order=s.set_order,
    )


WELLNESS_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Wellness) if f.name != "day")
"""The check-in fields besides the day, each a ``wellness`` column of the same name."""
WELLNESS_COLUMNS = (WellnessRow.day, *(getattr(WellnessRow, f) for f in WELLNESS_FIELDS))
"""What ``wellness_from_row`` reads from a Core select."""


def wellness_from_row(row: Any) -> Wellness:
    """A ``wellness`` row (ORM or Core, selected with :data:`WELLNESS_COLUMNS`)."""
    return Wellness(day=row.day, **{name: getattr(row, name) for name in WELLNESS_FIELDS})
