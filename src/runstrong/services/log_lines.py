"""The Log page's rows: one page of the log as summary lines, read with Core queries.

The page shows a table (date, name, sport, distance, time, heart rate, RPE and a
set count) and the day's check-in beside its sessions (R25). It reads only those
columns: the number of strength sets is counted in SQL instead of mapping every set,
and no ``Activity`` is built (``services.log_list.activity_items`` is the API's reader,
which returns each activity's sets too).

Paging is by keyset in both directions: ``before`` (an activity id) gives the page
older than that activity, ``after`` the page newer than it, so a page costs the same
anywhere in a ten-year log and "Newer" leads back along the pages "Older" came by.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, ScalarSelect, exists, func, select
from sqlalchemy.orm import Session

from runstrong.core.errors import InputError
from runstrong.core.model import Sport
from runstrong.services.log_list import (
    NEWEST_FIRST,
    OLDEST_FIRST,
    check_limit,
    cursor_start,
    filtered,
    newer_than,
    older_than,
)
from runstrong.storage import mapping
from runstrong.storage.tables import ActivityRow, StrengthSetRow, WellnessRow

CHECKIN_FIELDS = (
    "sleep_h",
    "sleep_quality",
    "stress",
    "soreness",
    "leg_feel",
    "nutrition_notes",
    "hydration_notes",
    "notes",
)
"""The check-in fields the Log page shows beside a day's sessions (R25)."""


@dataclass(frozen=True, slots=True)
class LogLine:
    """One activity as the Log page lists it."""

    id: int
    start_utc: dt.datetime
    start: dt.datetime
    """Local start (the zone the activity was recorded in), as ``Activity.start``."""
    sport: Sport
    name: str | None
    distance_m: float | None
    duration_s: float
    avg_hr_bpm: float | None
    session_rpe: float | None
    set_count: int


@dataclass(frozen=True, slots=True)
class LogLines:
    """A page of lines, newest first, and the cursors of its neighbours: ``older`` for
    ``before=`` (None on the oldest page), ``newer`` for ``after=`` (None on the newest)."""

    rows: tuple[LogLine, ...]
    older: int | None
    newer: int | None


def _line(r: Any) -> LogLine:
    start = mapping.local_start(r.start_utc, r.utc_offset_s)
    return LogLine(
        r.id,
        r.start_utc,
        start,
        Sport(r.sport),
        r.name,
        r.distance_m,
        r.duration_s,
        r.avg_hr_bpm,
        r.session_rpe,
        r.set_count,
    )


def _set_count() -> ScalarSelect[int]:
    return (
        select(func.count(StrengthSetRow.id))
        .where(StrengthSetRow.activity_id == ActivityRow.id)
        .correlate(ActivityRow)
        .scalar_subquery()
    )


def log_lines(
    session: Session,
    athlete_id: int,
    *,
    limit: int,
    before: int | None = None,
    after: int | None = None,
    sport: Sport | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> LogLines:
    """Up to ``limit`` lines (``since`` ≤ start day ≤ ``until``, UTC days), newest first:
    the newest ones, or those older than ``before``, or those newer than ``after``."""
    check_limit(limit)
    if before is not None and after is not None:
        raise InputError("give 'before' or 'after', not both")
    columns: tuple[Any, ...] = (
        ActivityRow.id,
        ActivityRow.start_utc,
        ActivityRow.utc_offset_s,
        ActivityRow.sport,
        ActivityRow.name,
        ActivityRow.distance_m,
        ActivityRow.duration_s,
        ActivityRow.avg_hr_bpm,
        ActivityRow.session_rpe,
        _set_count().label("set_count"),
    )
    query = filtered(select(*columns), athlete_id, sport, since, until)
    order = NEWEST_FIRST
    if before is not None:
        query = query.where(older_than(cursor_start(session, athlete_id, before, "before"), before))
    elif after is not None:
        query = query.where(newer_than(cursor_start(session, athlete_id, after, "after"), after))
        order = OLDEST_FIRST
    conn = session.connection()
    found = list(conn.execute(query.order_by(*order).limit(limit + 1)))
    more = len(found) > limit
    found = found[:limit]
    if after is not None:
        found.reverse()
    rows = tuple(_line(r) for r in found)
    if not rows:
        return LogLines(rows, None, None)
    # Walking newest first, "more" says whether an older page exists; walking back from
    # ``after``, whether a newer one does. The other side is asked with one EXISTS.
    first, last = rows[0], rows[-1]
    if after is None:
        has_older = more
        has_newer = before is not None and _any(
            session, athlete_id, sport, since, until, newer_than(first.start_utc, first.id)
        )
    else:
        has_newer = more
        has_older = _any(
            session, athlete_id, sport, since, until, older_than(last.start_utc, last.id)
        )
    return LogLines(rows, last.id if has_older else None, first.id if has_newer else None)


def _any(
    session: Session,
    athlete_id: int,
    sport: Sport | None,
    since: dt.date | None,
    until: dt.date | None,
    condition: ColumnElement[bool],
) -> bool:
    inner = filtered(select(ActivityRow.id), athlete_id, sport, since, until).where(condition)
    return bool(session.connection().execute(select(exists(inner))).scalar())


def checkins(
    session: Session, athlete_id: int, first: dt.date, last: dt.date
) -> dict[dt.date, dict[str, object]]:
    """The check-ins of the days ``first`` … ``last``: day → the shown fields that are set."""
    columns = [getattr(WellnessRow, name) for name in CHECKIN_FIELDS]
    query = select(WellnessRow.day, *columns).where(
        WellnessRow.athlete_id == athlete_id, WellnessRow.day >= first, WellnessRow.day <= last
    )
    out: dict[dt.date, dict[str, object]] = {}
    for row in session.connection().execute(query):
        values = dict(zip(CHECKIN_FIELDS, row[1:], strict=True))
        out[row.day] = {k: v for k, v in values.items() if v is not None and v != ""}
    return out
