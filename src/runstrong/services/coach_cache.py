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
  weeks ahead, plan parsing); the version is one primary-key lookup.

``coach_version`` is the athlete's log revision (``athletes.log_revision``,
``storage.revision``). Every repository write of what the coach reads — an activity
with its laps and sets, a check-in, a plan version, a plan event, a hand correction of
matching, the athlete's name or profile — raises it as its transaction commits, so
nothing has to be invalidated by hand (``tests/storage/test_log_revision.py`` checks
every write function of the repository, ``tests/services/test_coach_preview_cache.py``
the pages). The caches hold frozen values, so requests may share them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.model import Plan
from runstrong.exporters.plan_json import load_plan
from runstrong.services.profile import parse_profile_text
from runstrong.storage import repository as repo
from runstrong.storage import revision
from runstrong.storage.records import StoredPlan

K = TypeVar("K")
V = TypeVar("V")


class Lru(Generic[K, V]):
    """A small thread-safe least-recently-used map. A None key is never kept (nor
    found): a read whose version is None (``coach_version``) bypasses the cache."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()
        CACHES.append(self)

    def get(self, key: K | None) -> V | None:
        if key is None:
            return None
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K | None, value: V) -> None:
        if key is None:
            return
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


def coach_version(session: Session, athlete_id: int) -> tuple[Any, ...] | None:
    """What the daily coach reads for the athlete, as one value: the athlete's log
    revision (``storage.revision``), which every repository write of the log, check-ins,
    plans, plan events, match corrections, name or profile raises as it commits.
    One primary-key lookup (it was seven queries over the coach's window, ~1.7 ms).
    Read it before the data it keys: a key is then never newer than what it holds.
    None when this session wrote the athlete's data and has not committed (the revision
    does not count those writes yet, and they may be rolled back): use no cache then."""
    if revision.pending(session, athlete_id):
        return None
    return (repo.log_revision(session, athlete_id),)


def cache_key(version: tuple[Any, ...] | None, *parts: Any) -> tuple[Any, ...] | None:
    """``parts`` and ``version`` as a cache key; None (no caching) without a version."""
    return None if version is None else (*parts, version)
