"""One page of an athlete's log, read with Core queries (the Log page and the list APIs).

The whole-log readers (``repository.list_activities``, ``stats_query.activity_log``)
cost hundreds of milliseconds on a ten-year log; a list shows a page. This module
reads ``limit`` activities (newest first) and the strength sets of those
activities only (no laps, no streams, no ORM objects), mapped by
``storage.mapping`` like every other reader.
Paging is by keyset: ``before`` is the id of the last activity of the previous page,
so a page costs the same at the end of the log as at the start.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import SetEntry, Sport, Wellness
from runstrong.storage import mapping
from runstrong.storage.records import StoredActivity
from runstrong.storage.tables import ActivityRow, StrengthSetRow, WellnessRow

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class ActivityPage:
    """Up to ``limit`` activities, newest first; ``next_before`` is the cursor of the
    next (older) page, or None on the last page."""

    rows: tuple[StoredActivity, ...]
    next_before: int | None


def check_limit(limit: int) -> int:
    """``limit`` if 1 ≤ limit ≤ MAX_LIMIT; an InputError naming the range otherwise."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit {limit} is out of range; use 1 to {MAX_LIMIT}")
    return limit


def _sets_of(session: Session, ids: Sequence[int]) -> dict[int, list[SetEntry]]:
    sets: dict[int, list[SetEntry]] = defaultdict(list)
    if not ids:
        return sets
    query = (
        select(*mapping.SET_COLUMNS)
        .where(StrengthSetRow.activity_id.in_(ids))
        .order_by(StrengthSetRow.activity_id, StrengthSetRow.set_order)
    )
    for row in session.connection().execute(query):
        sets[row.activity_id].append(mapping.set_from_row(row))
    return sets


def filtered(
    query: Select[Any],
    athlete_id: int,
    sport: Sport | None,
    since: dt.date | None,
    until: dt.date | None,
) -> Select[Any]:
    """``query`` narrowed to the athlete's activities of ``sport`` with ``since`` ≤ start
    day ≤ ``until`` (UTC days)."""
    query = query.where(ActivityRow.athlete_id == athlete_id)
    if sport is not None:
        query = query.where(ActivityRow.sport == sport.value)
    if since is not None:
        query = query.where(ActivityRow.start_utc >= dt.datetime.combine(since, dt.time(0), dt.UTC))
    if until is not None:
        end = dt.datetime.combine(until + dt.timedelta(days=1), dt.time(0), dt.UTC)
        query = query.where(ActivityRow.start_utc < end)
    return query


def cursor_start(session: Session, athlete_id: int, activity_id: int, name: str) -> dt.datetime:
    """The start of the activity a cursor names; NotFoundError if it is not in the log."""
    start = (
        session.connection()
        .execute(
            select(ActivityRow.start_utc).where(
                ActivityRow.id == activity_id, ActivityRow.athlete_id == athlete_id
            )
        )
        .scalar_one_or_none()
    )
    if start is None:
        raise NotFoundError(
            f"{name}={activity_id} is not an activity of this log; use a page's links"
        )
    return start


def older_than(start: dt.datetime, activity_id: int) -> ColumnElement[bool]:
    """Rows after (start, id) in the log's newest-first order."""
    return or_(
        ActivityRow.start_utc < start,
        and_(ActivityRow.start_utc == start, ActivityRow.id < activity_id),
    )


def newer_than(start: dt.datetime, activity_id: int) -> ColumnElement[bool]:
    """Rows before (start, id) in the log's newest-first order."""
    return or_(
        ActivityRow.start_utc > start,
        and_(ActivityRow.start_utc == start, ActivityRow.id > activity_id),
    )


NEWEST_FIRST = (ActivityRow.start_utc.desc(), ActivityRow.id.desc())
OLDEST_FIRST = (ActivityRow.start_utc.asc(), ActivityRow.id.asc())


def activity_page(
    session: Session,
    athlete_id: int,
    *,
    limit: int = DEFAULT_LIMIT,
    before: int | None = None,
    sport: Sport | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> ActivityPage:
    """Activities with ``since`` ≤ start day ≤ ``until`` (UTC days), newest first,
    older than the activity ``before`` when given."""
    check_limit(limit)
    query = filtered(select(*mapping.ACTIVITY_COLUMNS), athlete_id, sport, since, until)
    if before is not None:
        query = query.where(older_than(cursor_start(session, athlete_id, before, "before"), before))
    query = query.order_by(*NEWEST_FIRST).limit(limit + 1)
    found = session.connection().execute(query).all()
    more = len(found) > limit
    found = found[:limit]
    sets = _sets_of(session, [r.id for r in found])
    out = [mapping.stored_from_row(row, sets=sets.get(row.id, ())) for row in found]
    return ActivityPage(tuple(out), out[-1].id if more and out else None)


def wellness_page(
    session: Session,
    athlete_id: int,
    *,
    limit: int = DEFAULT_LIMIT,
    since: dt.date | None = None,
    until: dt.date | None = None,
    after: dt.date | None = None,
) -> tuple[list[Wellness], dt.date | None]:
    """Up to ``limit`` check-ins in day order (``since`` ≤ day ≤ ``until``, after the day
    ``after``) and the cursor of the next page (the last day), or None on the last page."""
    check_limit(limit)
    query = select(*mapping.WELLNESS_COLUMNS).where(WellnessRow.athlete_id == athlete_id)
    if since is not None:
        query = query.where(WellnessRow.day >= since)
    if until is not None:
        query = query.where(WellnessRow.day <= until)
    if after is not None:
        query = query.where(WellnessRow.day > after)
    found = session.connection().execute(query.order_by(WellnessRow.day).limit(limit + 1)).all()
    rows = [mapping.wellness_from_row(r) for r in found]
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, (rows[-1].day if more and rows else None)
