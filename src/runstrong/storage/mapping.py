"""The one mapping between core records (``Activity``, ``Wellness``) and stored rows.

``activity_values``/``lap_values``/``set_values`` give the column values to
insert; ``activity_from_row``/``lap_from_row``/``set_from_row`` build the core
objects back. The readers accept an ORM row (``ActivityRow``) or a Core result
row selected with :data:`ACTIVITY_COLUMNS` / :data:`SET_COLUMNS` (both expose the
columns as attributes), so the repository, the statistics' fast whole-log read
and the Log page's page read share these functions. Both directions read one
field → column table per record (``_ACTIVITY``, ``_LAP``, ``_SET``, ``_WELLNESS``),
made from the dataclass's fields: a new field is stored in the column of its name
with no edit here, and only a renamed or converted field is named below. Nothing
here opens a session.
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


_Columns = tuple[tuple[str, str], ...]
"""(field, column) pairs: where each plain field of a core record is stored."""


def _columns(record: type, renamed: dict[str, str], apart: frozenset[str]) -> _Columns:
    """Each field of ``record`` stored as is, in the column of the same name unless
    ``renamed`` says otherwise; the ``apart`` fields are converted or stored elsewhere."""
    return tuple(
        (f.name, renamed.get(f.name, f.name)) for f in fields(record) if f.name not in apart
    )


_ACTIVITY = _columns(Activity, {}, frozenset({"sport", "start", "laps", "sets", "streams"}))
"""``sport`` is stored as its value, ``start`` as UTC plus its offset (``utc_offset_s``)."""
_LAP = _columns(Lap, {"start": "start_utc"}, frozenset())
_SET = _columns(SetEntry, {"start": "start_utc", "order": "set_order"}, frozenset())
_WELLNESS = _columns(Wellness, {}, frozenset({"day"}))


def _values(record: Any, columns: _Columns) -> dict[str, Any]:
    """Column → value of ``record``'s plain fields."""
    return {column: getattr(record, name) for name, column in columns}


def _kwargs(row: Any, columns: _Columns) -> dict[str, Any]:
    """Field → value read off a row's columns (the inverse of ``_values``)."""
    return {name: getattr(row, column) for name, column in columns}


def activity_values(athlete_id: int, a: Activity, now: dt.datetime) -> dict[str, Any]:
    """The ``activities`` row of ``a`` (laps, sets and streams go to their own tables)."""
    return {
        "athlete_id": athlete_id,
        "sport": a.sport.value,
        "start_utc": a.start,
        "utc_offset_s": _offset_s(a.start),
        **_values(a, _ACTIVITY),
        "created_at": now,
    }


def lap_values(activity_id: int, index: int, lap: Lap) -> dict[str, Any]:
    return {"activity_id": activity_id, "lap_index": index, **_values(lap, _LAP)}


def set_values(s: SetEntry) -> dict[str, Any]:
    return _values(s, _SET)


def activity_from_row(
    row: Any,
    *,
    laps: Iterable[Lap] = (),
    sets: Iterable[SetEntry] = (),
    streams: Streams | None = None,
) -> Activity:
    """The ``Activity`` of an ``activities`` row (ORM or Core), its start in the local
    offset it was recorded in."""
    values = _kwargs(row, _ACTIVITY)
    if streams is not None:
        values["streams"] = streams
    return Activity(
        sport=Sport(row.sport),
        start=row.start_utc.astimezone(_zone(row.utc_offset_s)),
        laps=tuple(laps),
        sets=tuple(sets),
        **values,
    )


def stored_from_row(
    row: Any, *, laps: Iterable[Lap] = (), sets: Iterable[SetEntry] = ()
) -> StoredActivity:
    """An ``activities`` row as a ``StoredActivity`` (no streams)."""
    activity = activity_from_row(row, laps=laps, sets=sets)
    return StoredActivity(row.id, row.athlete_id, activity, row.created_at)


def lap_from_row(lap: Any) -> Lap:
    return Lap(**_kwargs(lap, _LAP))


def set_from_row(s: Any) -> SetEntry:
    """A ``strength_sets`` row (ORM or Core) as a ``SetEntry``."""
    return SetEntry(**_kwargs(s, _SET))


WELLNESS_FIELDS: tuple[str, ...] = tuple(name for name, _ in _WELLNESS)
"""The check-in fields besides the day, each a ``wellness`` column of the same name."""
WELLNESS_COLUMNS = (WellnessRow.day, *(getattr(WellnessRow, f) for f in WELLNESS_FIELDS))
"""What ``wellness_from_row`` reads from a Core select."""


def wellness_from_row(row: Any) -> Wellness:
    """A ``wellness`` row (ORM or Core, selected with :data:`WELLNESS_COLUMNS`)."""
    return Wellness(day=row.day, **_kwargs(row, _WELLNESS))
