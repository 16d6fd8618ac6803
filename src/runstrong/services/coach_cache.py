"""What the daily coach's pages reuse between requests (issue 15 part 2: Today, Coach
and Calendar on a ten-year log).

* ``parsed_plan``: the stored plan's ``Plan``, kept while the plan row is the same
  (a stored plan's text never changes; a new version is a new row). Validating and
  building a season's plan costs ~20–35 ms; comparing its text is ~100 times cheaper.
* ``parsed_profile``: the athlete's ``Athlete`` by the profile's text (every page needs
  the athlete's local day; parsing the TOML costs ~1–2 ms).
* ``coach_version``: the key under which ``services.day.preview`` keeps the daily
  coach's preview (``coach.today(save=False)``) per (database, athlete, day, minutes
  available). On a ten-year log a preview costs ~300–400 ms (R1/VDOT rebuilds of the
  weeks ahead, plan parsing); the version is a few small indexed queries.

``coach_version`` covers everything the coach reads for a day: the rows of the
activities, sets and check-ins of its window (``coach.log_window``), the athlete's
name and profile text, the active plan row, the plan events and the hand corrections
of matching. Every write that changes what the pages show (a log, a check-in, a plan
change, a match correction) therefore changes the version; nothing has to be
invalidated by hand (``tests/services/test_coach_preview_cache.py``). The caches hold
frozen values, so requests may share them.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
from collections import OrderedDict
from typing import Any, Generic, TypeVar

from sqlalchemy import Executable, Integer, bindparam, func, select
from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.model import Plan
from runstrong.exporters.plan_json import load_plan
from runstrong.services.profile import parse_profile_text
from runstrong.storage.mapping import ACTIVITY_COLUMNS  # what the coach reads
from runstrong.storage.records import StoredPlan
from runstrong.storage.tables import (
    ActivityRow,
    AthleteRow,
    PlanEventRow,
    PlanRow,
    SessionMatchRow,
    StrengthSetRow,
    WellnessRow,
)

K = TypeVar("K")
V = TypeVar("V")


class Lru(Generic[K, V]):
    """A small thread-safe least-recently-used map."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        CACHES.append(self)

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


CACHES: list[Lru[Any, Any]] = []
"""Every cache of the coach's pages (``clear_all`` empties them, e.g. between tests that
reuse a database URL and restart its ids)."""


def clear_all() -> None:
    for cache in CACHES:
        cache.clear()


PLANS: Lru[tuple[str, int], tuple[str, Plan]] = Lru(32)
"""(database, plan id) → (the plan's text, the parsed plan)."""
PROFILES: Lru[tuple[str, str], Athlete] = Lru(64)
"""(profile text, athlete name) → the parsed profile (``Athlete`` is frozen)."""


def database(session: Session) -> str:
    """The key of the database ``session`` reads (caches are per process, not per DB)."""
    return str(session.connection().engine.url)


def parsed_plan(session: Session, stored: StoredPlan) -> Plan:
    """``stored``'s plan, parsed once while the row holds the same text."""
    key = (database(session), stored.id)
    cached = PLANS.get(key)
    if cached is not None and cached[0] == stored.plan_json:  # memcmp, not a parse
        return cached[1]
    plan = load_plan(stored.plan_json, source="saved plan")
    PLANS.put(key, (stored.plan_json, plan))
    return plan


def parsed_profile(text: str, name: str) -> Athlete:
    """The athlete's profile parsed from its stored ``text`` (``ProfileError`` naming the
    field when it does not parse; errors are not kept). Every page needs it for the
    athlete's local day."""
    key = (text, name)
    cached = PROFILES.get(key)
    if cached is None:
        cached = parse_profile_text(text, f"profile of {name}")
        PROFILES.put(key, cached)
    return cached


def coach_version(
    session: Session,
    athlete_id: int,
    activities: tuple[dt.datetime, dt.datetime],
    wellness: tuple[dt.date, dt.date],
) -> tuple[Any, ...]:
    """What the daily coach reads for a day, as it is stored now: the athlete's name and
    profile, the active plan row (id, time stored, length of its text), the count and
    last id of the plan events, the hand corrections of matching, and the rows of the
    activities started in ``activities`` [start, end) with their sets and of the
    check-ins of the days in ``wellness``.
    Storing, editing or deleting any of them changes the version. Every query is
    bounded by an index (athlete and start time, athlete and day)."""
    params = {"athlete_id": athlete_id, "a_from": activities[0], "a_to": activities[1],
              "w_from": wellness[0], "w_to": wellness[1]}  # fmt: skip
    conn = session.connection()
    return tuple(tuple(tuple(row) for row in conn.execute(q, params)) for q in _version_queries())


@functools.cache
def _version_queries() -> tuple[Executable, ...]:
    """``coach_version``'s queries, built once with bound parameters (building seven
    statements on every page view cost about a third of the version's time)."""
    a, st, w, m = ActivityRow, StrengthSetRow, WellnessRow, SessionMatchRow
    athlete = bindparam("athlete_id", type_=Integer)
    in_span = (a.athlete_id == athlete, a.start_utc >= bindparam("a_from"),
               a.start_utc < bindparam("a_to"))  # fmt: skip
    return (
        select(AthleteRow.name, AthleteRow.profile_toml).where(AthleteRow.id == athlete),
        select(PlanRow.id, PlanRow.created_at, func.length(PlanRow.plan_json)).where(
            PlanRow.athlete_id == athlete, PlanRow.active.is_(True)
        ),
        select(func.count(PlanEventRow.id), func.max(PlanEventRow.id)).where(
            PlanEventRow.athlete_id == athlete
        ),
        select(m.activity_id, m.session_id, m.session_date, m.created_at)
        .where(m.athlete_id == athlete)
        .order_by(m.activity_id),
        select(*ACTIVITY_COLUMNS).where(*in_span).order_by(a.id),
        select(
            st.id,
            st.activity_id,
            st.exercise,
            st.reps,
            st.load_kg,
            st.rpe,
            st.rir,
            st.duration_s,
            st.set_order,
        )
        .join(a, a.id == st.activity_id)
        .where(*in_span)
        .order_by(st.id),
        select(w.__table__)
        .where(w.athlete_id == athlete, w.day >= bindparam("w_from"), w.day <= bindparam("w_to"))
        .order_by(w.day),
    )
