"""The athlete's log revision (``athletes.log_revision``, ``storage.revision``): the
pages' caches (the daily coach's preview, the Today and Coach views, Progress) are
keyed by it, so a repository write that changes what they read without bumping it
would serve a stale page until the process restarts.

Every public function of ``storage.repository`` is called here on a stored athlete,
with the SQL it sends watched: a call that inserts, updates or deletes any row of the
athlete's data (activities, laps, sets, streams, check-ins, plans, plan events, match
corrections, the athlete row) must raise the revision by one as its transaction
commits; a call that writes none must leave it alone. A new repository function
has no entry in ``CALLS`` and fails ``test_every_repository_function_is_checked``.
Removing any one ``bump`` from a writer fails its case (checked by hand when this
test was written, e.g. for ``put_wellness`` and ``clear_match_override``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import inspect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import Activity, Lap, SetEntry, Sport, Wellness
from runstrong.storage import repository as repo
from runstrong.storage import revision
from runstrong.storage.db import transaction

NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
DAY = dt.date(2026, 11, 20)
START = dt.datetime(2026, 11, 20, 7, 30, tzinfo=dt.UTC)
DATA_TABLES = frozenset(
    {
        "athletes",
        "activities",
        "laps",
        "strength_sets",
        "activity_streams",
        "wellness",
        "plans",
        "plan_events",
        "session_matches",
    }
)
"""Tables of what the coach and progress views read (users, access, tokens and jobs
are not)."""
_DML = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)


def _run(**changes: Any) -> Activity:
    values: dict[str, Any] = {
        "sport": Sport.RUNNING,
        "start": START,
        "duration_s": 3000.0,
        "distance_m": 8000.0,
        "source_format": "fit",
        "source_name": "a.fit",
        "source_hash": "hash-a",
        "laps": (Lap(start=START, duration_s=3000.0),),
        "sets": (SetEntry(exercise="Squat", reps=5, load_kg=60.0, order=0),),
    }
    return Activity(**{**values, **changes})


@dataclass(frozen=True)
class World:
    """A stored athlete with a plan, a check-in, an activity (no name, with a lap and a
    set) and a hand-corrected match of it."""

    athlete_id: int
    activity_id: int


Call = Callable[[Session, World], object]
CALLS: dict[str, Call] = {
    # readers
    "active_plan": lambda s, w: repo.active_plan(s, w.athlete_id),
    "activity_ids": lambda s, w: repo.activity_ids(s, w.athlete_id),
    "count_activities": lambda s, w: repo.count_activities(s, w.athlete_id),
    "exercise_names": lambda s, w: repo.exercise_names(s, w.athlete_id),
    "find_athlete": lambda s, w: repo.find_athlete(s, "ana"),
    "get_activity": lambda s, w: repo.get_activity(s, w.activity_id),
    "get_athlete": lambda s, w: repo.get_athlete(s, w.athlete_id),
    "get_user": lambda s, w: repo.get_user(s, repo.add_user(s, "u@example.org", "h", now=NOW).id),
    "get_user_by_email": lambda s, w: repo.get_user_by_email(s, "nobody@example.org"),
    "get_wellness": lambda s, w: repo.get_wellness(s, w.athlete_id, DAY),
    "import_keys": lambda s, w: repo.import_keys(s, w.athlete_id),
    "list_activities": lambda s, w: repo.list_activities(s, w.athlete_id),
    "list_athletes": lambda s, w: repo.list_athletes(s),
    "list_plan_events": lambda s, w: repo.list_plan_events(s, w.athlete_id),
    "list_plans": lambda s, w: repo.list_plans(s, w.athlete_id),
    "list_wellness": lambda s, w: repo.list_wellness(s, w.athlete_id),
    "lock_coach": lambda s, w: repo.lock_coach(s, w.athlete_id),
    "lock_for_import": lambda s, w: repo.lock_for_import(s, w.athlete_id),
    "log_revision": lambda s, w: repo.log_revision(s, w.athlete_id),
    "match_overrides": lambda s, w: repo.match_overrides(s, w.athlete_id),
    "plan_before": lambda s, w: repo.plan_before(s, w.athlete_id, NOW),
    "workout_twins": lambda s, w: repo.workout_twins(
        s, w.athlete_id, {"running"}, START, START, other_than_hash="other"
    ),
    # new rows that are nobody's log yet (a user; an athlete starts at revision 0)
    "add_user": lambda s, w: repo.add_user(s, "new@example.org", "hash", now=NOW),
    "add_athlete": lambda s, w: repo.add_athlete(s, "bea", now=NOW),
    # writers of the athlete's data
    "add_activity": lambda s, w: repo.add_activity(
        s, w.athlete_id, _run(source_hash="hash-b", start=START + dt.timedelta(days=1)), now=NOW
    ),
    "add_plan": lambda s, w: repo.add_plan(s, w.athlete_id, "{}", format_version="1", now=NOW),
    "add_plan_event": lambda s, w: repo.add_plan_event(
        s, w.athlete_id, DAY, "skip", {"session_id": "w01-mon-run"}, now=NOW
    ),
    "append_sets": lambda s, w: repo.append_sets(
        s, w.activity_id, [SetEntry(exercise="Deadlift", reps=5, load_kg=80.0, order=1)]
    ),
    "clear_match_override": lambda s, w: repo.clear_match_override(s, w.activity_id),
    "fill_activity_text": lambda s, w: repo.fill_activity_text(
        s, w.activity_id, name="Tempo", description=None
    ),
    "put_wellness": lambda s, w: repo.put_wellness(s, w.athlete_id, Wellness(DAY, sleep_h=6.0)),
    "rename_athlete": lambda s, w: repo.rename_athlete(s, w.athlete_id, "ana maria"),
    "replace_activity": lambda s, w: repo.replace_activity(
        s, w.activity_id, _run(source_hash="hash-c", distance_m=8100.0), now=NOW
    ),
    "set_athlete_profile": lambda s, w: repo.set_athlete_profile(s, w.athlete_id, "name = 'x'"),
    "set_match_override": lambda s, w: repo.set_match_override(
        s, w.athlete_id, w.activity_id, "w01-tue-run", DAY, now=NOW
    ),
    "set_session_rpe": lambda s, w: repo.set_session_rpe(s, w.activity_id, 6.0),
    "update_activity_fields": lambda s, w: repo.update_activity_fields(
        s, w.activity_id, name="Long run"
    ),
}
WRITERS = frozenset(
    {
        "add_activity",
        "add_plan",
        "add_plan_event",
        "append_sets",
        "clear_match_override",
        "fill_activity_text",
        "put_wellness",
        "rename_athlete",
        "replace_activity",
        "set_athlete_profile",
        "set_match_override",
        "set_session_rpe",
        "update_activity_fields",
    }
)
"""The functions that write the athlete's data (the last block of ``CALLS``)."""


def _public_functions() -> set[str]:
    return {name for name in repo.__all__ if inspect.isfunction(getattr(repo, name))}


def test_every_repository_function_is_checked() -> None:
    assert set(CALLS) == _public_functions()
    assert set(CALLS) >= WRITERS


@pytest.fixture
def world(session_factory: sessionmaker[Session]) -> World:
    with transaction(session_factory) as s:
        aid = repo.add_athlete(s, "ana", now=NOW, profile_toml="name = 'ana'").id
        repo.add_plan(s, aid, "{}", format_version="1", now=NOW)
        repo.put_wellness(s, aid, Wellness(DAY, sleep_h=8.0))
        act = repo.add_activity(s, aid, _run(), now=NOW)
        repo.set_match_override(s, aid, act, "w01-mon-run", DAY, now=NOW)
    return World(aid, act)


@contextlib.contextmanager
def watched(engine: Engine) -> Iterator[list[tuple[str, str, str]]]:
    """The (verb, table, statement) of every INSERT, UPDATE and DELETE sent meanwhile."""
    seen: list[tuple[str, str, str]] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        found = _DML.match(statement)
        if found:
            seen.append((found.group(1).split()[0].upper(), found.group(2).lower(), statement))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _is_bump(verb: str, table: str, statement: str) -> bool:
    return verb == "UPDATE" and table == "athletes" and "SET log_revision=" in statement


def _writes_data(seen: list[tuple[str, str, str]]) -> bool:
    """Any row of an existing athlete's data written (a new athlete row is not: it starts
    its own revision)."""
    return any(
        table in DATA_TABLES
        and not _is_bump(verb, table, sql)
        and (verb, table) != ("INSERT", "athletes")
        for verb, table, sql in seen
    )


def _revision(factory: sessionmaker[Session], athlete_id: int) -> int:
    with factory() as s:
        found = repo.log_revision(s, athlete_id)
    assert found is not None
    return found[0]


@pytest.mark.parametrize("name", sorted(CALLS))
def test_each_write_bumps_the_revision_once_and_a_read_never(
    name: str, engine: Engine, session_factory: sessionmaker[Session], world: World
) -> None:
    before = _revision(session_factory, world.athlete_id)
    with watched(engine) as seen, session_factory() as s:
        CALLS[name](s, world)
        s.flush()
        s.commit()
    after = _revision(session_factory, world.athlete_id)
    assert _writes_data(seen) is (name in WRITERS)
    assert after - before == (1 if name in WRITERS else 0)


def test_a_rolled_back_write_leaves_the_revision(
    session_factory: sessionmaker[Session], world: World
) -> None:
    before = _revision(session_factory, world.athlete_id)
    with session_factory() as s:
        repo.put_wellness(s, world.athlete_id, Wellness(DAY, sleep_h=5.0))
        s.rollback()
    assert _revision(session_factory, world.athlete_id) == before


def test_a_failed_activity_leaves_the_revision(
    session_factory: sessionmaker[Session], world: World
) -> None:
    """``add_activity`` runs in a SAVEPOINT: a duplicate (same file and leg) is refused
    whole, its bump included, and the transaction goes on."""
    before = _revision(session_factory, world.athlete_id)
    with transaction(session_factory) as s:
        with pytest.raises(IntegrityError):
            repo.add_activity(s, world.athlete_id, _run(), now=NOW)
        repo.set_session_rpe(s, world.activity_id, 5.0)
    assert _revision(session_factory, world.athlete_id) == before + 1


def test_a_transaction_raises_it_once_however_many_writes(
    engine: Engine, session_factory: sessionmaker[Session], world: World
) -> None:
    """A bulk import stores thousands of activities in one transaction: the athlete row
    is updated once, at commit, not once per activity (on PostgreSQL each UPDATE of the
    same row in one transaction walks the row's growing chain of versions)."""
    before = _revision(session_factory, world.athlete_id)
    with watched(engine) as seen, transaction(session_factory) as s:
        for i in range(20):
            run = _run(source_hash=f"bulk-{i}", start=START + dt.timedelta(days=2 + i))
            repo.add_activity(s, world.athlete_id, run, now=NOW)
        repo.put_wellness(s, world.athlete_id, Wellness(DAY, sleep_h=7.0))
        assert [x for x in seen if _is_bump(*x)] == []  # nothing raised before the commit
        assert revision.pending(s, world.athlete_id)
    assert len([x for x in seen if _is_bump(*x)]) == 1
    assert _revision(session_factory, world.athlete_id) == before + 1
    with session_factory() as s:
        assert not revision.pending(s, world.athlete_id)


def test_the_revision_names_the_athlete_row(session_factory: sessionmaker[Session]) -> None:
    """A new athlete starts at 0; the creation time comes with it (an athlete made again
    under a reused id never shares a cache key); no athlete, no revision."""
    with transaction(session_factory) as s:
        aid = repo.add_athlete(s, "cleo", now=NOW).id
    with session_factory() as s:
        assert repo.log_revision(s, aid) == (0, NOW)
        assert repo.log_revision(s, aid + 1000) is None
