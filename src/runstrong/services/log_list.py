"""One page of an athlete's log, read with Core queries (the Log page and the list APIs).

The whole-log readers (``repository.list_activities``, ``stats_query.activity_log``)
cost hundreds of milliseconds on a ten-year log; a list shows a page. This module
reads ``limit`` activities (newest first), only the columns a list shows, and the
strength sets of those activities only (no laps, no streams, no ORM objects), and the
check-ins a page at a time (mapped by ``storage.mapping`` like every other reader).
It also holds the keyset helpers the Log page's reader (``services.log_lines``) shares.
Paging is by keyset: ``before`` is the id of the last activity of the previous page,
so a page costs the same at the end of the log as at the start.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import Sport, Wellness
from runstrong.core.science.plausibility import check_span
from runstrong.services.coach_cache import Lru, cache_key, coach_version, database
from runstrong.storage import mapping
from runstrong.storage import repository as repo
from runstrong.storage.records import StoredActivity
from runstrong.storage.tables import ActivityRow, StrengthSetRow, WellnessRow

DEFAULT_LIMIT = 100
MAX_LIMIT = 500


def athlete_activity(
    session: Session, athlete_id: int, activity_id: int, *, with_streams: bool = True
) -> StoredActivity:
    """The activity if it is in the athlete's log; ``NotFoundError`` otherwise, the same
    for another athlete's activity as for none (ids of others' activities do not leak)."""
    try:
        stored = repo.get_activity(session, activity_id, with_streams=with_streams)
    except NotFoundError:
        stored = None
    if stored is None or stored.athlete_id != athlete_id:
        raise NotFoundError(f"no activity with id {activity_id} in this log")
    return stored


def check_limit(limit: int) -> int:
    """``limit`` if 1 ≤ limit ≤ MAX_LIMIT; an InputError naming the range otherwise."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(f"limit {limit} is out of range; use 1 to {MAX_LIMIT}")
    return limit


def filtered(
    query: Select[Any],
    athlete_id: int,
    sport: Sport | None,
    since: dt.date | None,
    until: dt.date | None,
) -> Select[Any]:
    """``query`` narrowed to the athlete's activities of ``sport`` with ``since`` ≤ start
    day ≤ ``until`` (UTC days); ``InputError`` for days out of range or in the wrong order
    (``until`` + 1 day must not overflow)."""
    check_span(since, until)
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
    check_span(since, until)
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


ITEM_FIELDS = ("duration_s", "distance_m", "avg_hr_bpm", "session_rpe", "name", "source_format")
"""What a list item (the API's ``ActivityPublic``) copies of an activity as it is, each
field a column of the same name; besides these an item has its id, athlete_id, sport
(the stored value), local start and ``sets``."""
SET_ITEM_FIELDS = ("exercise", "reps", "load_kg", "rpe")
"""What a list item shows of each strength set (the API's ``SetPublic``)."""
LIST_COLUMNS: tuple[Any, ...] = (
    ActivityRow.id,
    ActivityRow.athlete_id,
    ActivityRow.sport,
    ActivityRow.start_utc,
    ActivityRow.utc_offset_s,
    *(getattr(ActivityRow, name) for name in ITEM_FIELDS),
)
"""What the activities list reads of an activity."""


def activity_item(stored: StoredActivity) -> dict[str, Any]:
    """One stored activity as a list item: the fields of a page's items, for the API's
    view of a single activity."""
    a = stored.activity
    return {
        "id": stored.id,
        "athlete_id": stored.athlete_id,
        "sport": a.sport.value,
        "start": a.start,
        **{name: getattr(a, name) for name in ITEM_FIELDS},
        "sets": [{name: getattr(s, name) for name in SET_ITEM_FIELDS} for s in a.sets],
    }


@dataclass(frozen=True, slots=True)
class ItemPage:
    """Up to ``limit`` activities as read-only mappings (the list's fields and their
    ``sets``, a tuple of mappings: exercise, reps, load_kg, rpe), newest first, and the
    cursor of the older page. Frozen all through: pages are shared between requests."""

    items: tuple[Mapping[str, Any], ...]
    next_before: int | None


PAGES: Lru[tuple[Any, ...], ItemPage] = Lru(64)
"""(database, athlete, log revision, the page's arguments) → the page."""


def activity_items(
    session: Session,
    athlete_id: int,
    *,
    limit: int = DEFAULT_LIMIT,
    before: int | None = None,
    sport: Sport | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> ItemPage:
    """Activities with ``since`` ≤ start day ≤ ``until`` (UTC days), newest first, older
    than the activity ``before`` when given; only the columns a list shows and no
    ``Activity`` or ``SetEntry`` built: on a ten-year log a page of 100 holds about 400
    sets, and mapping whole rows was most of the activities API's time. Kept by the
    athlete's log revision (``storage.revision``, read first), which every write of an
    activity or its sets raises: a repeated page costs one primary-key lookup."""
    check_limit(limit)
    version = coach_version(session, athlete_id)
    key = cache_key(version, database(session), athlete_id, limit, before, sport, since, until)
    page = PAGES.get(key)
    if page is None:
        page = _read_items(session, athlete_id, limit, before, sport, since, until)
        PAGES.put(key, page)
    return page


def _read_items(
    session: Session,
    athlete_id: int,
    limit: int,
    before: int | None,
    sport: Sport | None,
    since: dt.date | None,
    until: dt.date | None,
) -> ItemPage:
    query = filtered(select(*LIST_COLUMNS), athlete_id, sport, since, until)
    if before is not None:
        query = query.where(older_than(cursor_start(session, athlete_id, before, "before"), before))
    conn = session.connection()
    found = list(conn.execute(query.order_by(*NEWEST_FIRST).limit(limit + 1)))
    more = len(found) > limit
    found = found[:limit]
    items: dict[int, dict[str, Any]] = {}
    sets: dict[int, list[Mapping[str, Any]]] = {r.id: [] for r in found}
    for r in found:
        items[r.id] = {
            "id": r.id,
            "athlete_id": r.athlete_id,
            "sport": r.sport,
            "start": mapping.local_start(r.start_utc, r.utc_offset_s),
            **{name: getattr(r, name) for name in ITEM_FIELDS},
        }
    if items:
        set_columns = (getattr(StrengthSetRow, name) for name in SET_ITEM_FIELDS)
        query_sets = (
            select(StrengthSetRow.activity_id, *set_columns)
            .where(StrengthSetRow.activity_id.in_(list(items)))
            .order_by(StrengthSetRow.activity_id, StrengthSetRow.set_order)
        )
        for activity_id, *values in conn.execute(query_sets):
            one = dict(zip(SET_ITEM_FIELDS, values, strict=True))
            sets[activity_id].append(MappingProxyType(one))
    frozen = tuple(MappingProxyType({**v, "sets": tuple(sets[k])}) for k, v in items.items())
    return ItemPage(frozen, found[-1].id if more and found else None)
