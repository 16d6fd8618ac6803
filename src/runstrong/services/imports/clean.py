"""Make a parsed activity storable on SQLite and PostgreSQL alike (issue 14, part 3).

SQLite stores what it is given; PostgreSQL refuses text longer than its
column, NUL characters, integers beyond 32 bits and (for ``NOT NULL``
columns) nothing. A file that SQLite accepted must import the same way on
PostgreSQL, so every activity is cleaned here before it is written:

* text: NUL and other control characters (C0 but tab/newline in a
  description, DEL, C1) and lone surrogates are removed; text longer than its
  column (lengths read from ``storage.tables``) is shortened to the limit;
* numbers: a NaN or infinite summary value becomes unknown; integers beyond
  32 bits (strength-set reps) become unknown; stream samples that cannot be
  stored become missing samples;
* times: a start outside ``EARLIEST``..``LATEST`` refuses the activity.

Each change is a note ("name shortened from 600 to 500 characters …") that
the import report lists beside the file. What cannot be repaired raises
``UnstorableActivity`` with the bad value and what is allowed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from typing import Final

from runstrong.core.model import Activity, Lap, SetEntry, Streams
from runstrong.storage.streams import (
    CHANNELS,
    INT_MAX,
    INT_MIN,
    StreamValueError,
    encode_streams,
    sample_is_storable,
)
from runstrong.storage.tables import ActivityRow, StrengthSetRow

EARLIEST: Final = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
LATEST: Final = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_ANY = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r]+")
_TEXT_FIELDS: Final = ("name", "description", "device", "sub_sport", "source_name", "damage")
_ACTIVITY_FLOATS: Final = (
    "moving_time_s",
    "distance_m",
    "elevation_gain_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_cadence_spm",
    "avg_power_w",
    "calories_kcal",
    "session_rpe",
)
_LAP_FLOATS: Final = (
    "distance_m",
    "avg_hr_bpm",
    "max_hr_bpm",
    "avg_speed_m_s",
    "avg_cadence_spm",
    "avg_power_w",
)
_SET_FLOATS: Final = ("load_kg", "rpe", "rir", "duration_s")


class UnstorableActivity(ValueError):
    """An activity no database can hold as it is (a bad time, a NaN duration …)."""


def _column_length(row: type[ActivityRow] | type[StrengthSetRow], name: str) -> int | None:
    length = getattr(row.__table__.c[name].type, "length", None)
    return length if isinstance(length, int) else None


TEXT_LIMITS: Final = {name: _column_length(ActivityRow, name) for name in _TEXT_FIELDS}
EXERCISE_LIMIT: Final = _column_length(StrengthSetRow, "exercise")


def printable(text: str) -> str:
    """``text`` with control characters and lone surrogates shown as ``\\xNN``/``\\uNNNN``."""
    return _CONTROL_ANY.sub(lambda m: ascii(m.group())[1:-1], text)


def clean_text(value: str | None, what: str, limit: int | None, notes: list[str]) -> str | None:
    """``value`` without control characters, shortened to ``limit`` characters (noted)."""
    if value is None:
        return None
    text = value if what == "description" else _LINE_BREAKS.sub(" ", value)
    text, removed = _CONTROL.subn("", text)
    if removed:
        notes.append(f"{what}: {removed} control characters removed (NUL, escape codes …)")
    if limit is not None and len(text) > limit:
        notes.append(
            f"{what} shortened from {len(text)} to {limit} characters (the longest stored)"
        )
        text = text[:limit]
    return text


def _finite(value: float | None, what: str, notes: list[str]) -> float | None:
    if value is None or math.isfinite(value):
        return value
    notes.append(f"{what} {value!r} is not a number: stored as unknown")
    return None


def _time(value: dt.datetime, what: str) -> dt.datetime:
    if not EARLIEST <= value < LATEST:
        raise UnstorableActivity(
            f"{what} {value.isoformat()} is out of range (allowed: "
            f"{EARLIEST.date()} to {(LATEST - dt.timedelta(days=1)).date()})"
        )
    return value


def _floats(
    obj: object, names: tuple[str, ...], prefix: str, notes: list[str]
) -> dict[str, object]:
    changes: dict[str, object] = {}
    for name in names:
        value = getattr(obj, name)
        if value is not None and not math.isfinite(value):
            changes[name] = _finite(value, f"{prefix}{name}", notes)
    return changes


def _lap(lap: Lap, i: int, notes: list[str]) -> Lap:
    _time(lap.start, f"lap {i + 1} start")
    if not math.isfinite(lap.duration_s):
        raise UnstorableActivity(f"lap {i + 1} duration {lap.duration_s!r} is not a number")
    changes = _floats(lap, _LAP_FLOATS, f"lap {i + 1} ", notes)
    return dataclasses.replace(lap, **changes) if changes else lap  # type: ignore[arg-type]


def _set(entry: SetEntry, i: int, notes: list[str]) -> SetEntry:
    what = f"set {i + 1} "
    changes = _floats(entry, _SET_FLOATS, what, notes)
    exercise = clean_text(entry.exercise, f"{what}exercise", EXERCISE_LIMIT, notes) or "unknown"
    if exercise != entry.exercise:
        changes["exercise"] = exercise
    if entry.reps is not None and not INT_MIN <= entry.reps <= INT_MAX:
        notes.append(f"{what}reps {entry.reps} out of range: stored as unknown")
        changes["reps"] = None
    if not INT_MIN <= entry.order <= INT_MAX:
        changes["order"] = i
    if entry.start is not None and not EARLIEST <= entry.start < LATEST:
        notes.append(f"{what}start {entry.start.isoformat()} out of range: stored as unknown")
        changes["start"] = None
    return dataclasses.replace(entry, **changes) if changes else entry  # type: ignore[arg-type]


def clean_streams(streams: Streams, notes: list[str]) -> Streams:
    """Samples no database column can hold become missing samples (noted per channel)."""
    changes: dict[str, tuple[float | int | None, ...]] = {}
    for name, code in CHANNELS:
        values = getattr(streams, name)
        if all(sample_is_storable(code, v) for v in values):
            continue
        if name == "t_s":
            bad = next(v for v in values if not sample_is_storable(code, v))
            raise UnstorableActivity(f"sample time {bad!r} is not a number of seconds")
        kept = tuple(v if sample_is_storable(code, v) else None for v in values)
        dropped = sum(1 for a, b in zip(values, kept, strict=True) if a is not None and b is None)
        allowed = "finite numbers" if code == "d" else f"integers from {INT_MIN} to {INT_MAX}"
        notes.append(f"{dropped} {name} samples out of range set to missing (allowed: {allowed})")
        changes[name] = kept
    return dataclasses.replace(streams, **changes) if changes else streams  # type: ignore[arg-type]


def clean_activity(activity: Activity, notes: list[str]) -> Activity:
    """A storable copy of ``activity``; every change is appended to ``notes``."""
    a = activity
    _time(a.start, "start")
    if not math.isfinite(a.duration_s):
        raise UnstorableActivity(f"duration {a.duration_s!r} is not a number of seconds")
    changes = _floats(a, _ACTIVITY_FLOATS, "", notes)
    for name in _TEXT_FIELDS:
        value = getattr(a, name)
        cleaned = clean_text(value, name, TEXT_LIMITS[name], notes)
        if cleaned != value:
            changes[name] = cleaned
    laps = tuple(_lap(lap, i, notes) for i, lap in enumerate(a.laps))
    if laps != a.laps:
        changes["laps"] = laps
    sets = tuple(_set(s, i, notes) for i, s in enumerate(a.sets))
    if sets != a.sets:
        changes["sets"] = sets
    return dataclasses.replace(a, **changes) if changes else a  # type: ignore[arg-type]


def pack(activity: Activity, notes: list[str]) -> tuple[Activity, tuple[int, bytes]]:
    """Clean ``activity`` and pack its streams; the stream check runs in C unless it fails."""
    cleaned = clean_activity(activity, notes)
    try:
        return cleaned, encode_streams(cleaned.streams)
    except StreamValueError:
        streams = clean_streams(cleaned.streams, notes)
        return dataclasses.replace(cleaned, streams=streams), encode_streams(streams)
