"""The Today/Coach pages' preview of the daily coach is cached per (athlete, day, data
version) (``services.day.preview``, ``services.coach_cache.coach_version``). Every write
that changes what the page shows — a logged activity, a check-in, a new plan version,
a hand correction of matching — must show on the next read. Each test reads (filling
the cache), writes, reads again in a new transaction and expects the change: with the
version left out of the key (or a write it does not cover) the second read would
return the stale first report.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from coach_support import NOW, PROFILE, START, do_session, make_athlete, stored_plan
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import SessionKind
from runstrong.exporters.plan_json import dump_plan
from runstrong.services import coach_cache
from runstrong.services.coach import TodayReport, active_plan
from runstrong.services.coach_plan import replace_day
from runstrong.services.day import PREVIEWS, day_view, preview, warm_previews, week_glance
from runstrong.services.logging import log_wellness
from runstrong.services.matching import correct_match
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

DAY = START + dt.timedelta(days=2)  # Wednesday of week 1: Monday's and Tuesday's sessions
LATER = dt.datetime.combine(DAY, dt.time(20), tzinfo=dt.UTC)


@pytest.fixture
def db(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    return session_factory


def _athlete(db: sessionmaker[Session]) -> int:
    with transaction(db) as s:
        aid, _ = make_athlete(s)
    return aid


def _preview(db: sessionmaker[Session], aid: int) -> TodayReport:
    with transaction(db) as s:
        return day_view(s, aid, DAY, now=LATER).report


def _r22(report: TodayReport) -> list[str]:
    return [c.message for c in report.plan_changes if c.rule_id == "R22"]


def _log_earlier_sessions(db: sessionmaker[Session], aid: int) -> list[int]:
    """Monday's and Tuesday's planned sessions logged as done; their activity ids."""
    with transaction(db) as s:
        plan = stored_plan(s, aid)
        return [
            do_session(s, aid, x)
            for x in plan.sessions()
            if x.date < DAY and x.kind is not SessionKind.MOBILITY
        ]


def test_a_repeated_preview_is_reused_while_nothing_changes(
    db: sessionmaker[Session],
) -> None:
    aid = _athlete(db)
    first = _preview(db, aid)
    assert _preview(db, aid) is first  # the cache answers: same object
    with transaction(db) as s:  # the Coach page's glance shares it
        glance = week_glance(s, aid, now=LATER)
        assert preview(s, aid, DAY, now=LATER) is first
    assert glance.readiness == first.readiness.status.value


def test_a_logged_activity_shows_at_once(db: sessionmaker[Session]) -> None:
    aid = _athlete(db)
    assert _r22(_preview(db, aid))  # Monday and Tuesday were missed (R22)
    _log_earlier_sessions(db, aid)
    assert _r22(_preview(db, aid)) == []


def test_a_checkin_shows_at_once(db: sessionmaker[Session]) -> None:
    aid = _athlete(db)
    assert _preview(db, aid).readiness.status.value == "unknown"
    with transaction(db) as s:
        log_wellness(s, aid, DAY, {"sleep_h": 4.0, "soreness": 5, "leg_feel": 1, "stress": 5})
    after = _preview(db, aid)
    assert after.wellness is not None and after.wellness.soreness == 5
    assert after.readiness.status.value != "unknown"


def test_a_new_plan_version_shows_at_once(db: sessionmaker[Session]) -> None:
    aid = _athlete(db)
    assert _preview(db, aid).planned  # Wednesday has sessions
    with transaction(db) as s:
        _, plan = active_plan(s, aid)
        emptied = replace_day(plan, DAY, ())
        repo.add_plan(s, aid, dump_plan(emptied), format_version=plan.format_version, now=NOW)
    assert _preview(db, aid).planned == ()


def test_a_match_correction_shows_at_once(db: sessionmaker[Session]) -> None:
    aid = _athlete(db)
    ids = _log_earlier_sessions(db, aid)
    assert _r22(_preview(db, aid)) == []
    with transaction(db) as s:  # "this run fulfilled no planned session"
        _, plan = active_plan(s, aid)
        correct_match(s, aid, ids[-1], None, plan=plan, now=NOW)
    assert _r22(_preview(db, aid))  # Tuesday's session is missed again


def test_the_days_log_and_week_follow_a_logged_activity(db: sessionmaker[Session]) -> None:
    """The whole day's view is kept by version too: what was logged that day and the
    week's statuses change with the log, not only the coach's report."""
    aid = _athlete(db)
    with transaction(db) as s:
        before = day_view(s, aid, DAY, now=LATER)
    assert before.logged == ()
    assert {status.state for _, status in before.week} == {"missed", "not logged yet", "planned"}
    _log_earlier_sessions(db, aid)
    with transaction(db) as s:
        after = day_view(s, aid, DAY, now=LATER)
    earlier = [status.state for s, status in after.week if s.date < DAY]
    assert earlier and set(earlier) == {"done as planned"}


def test_a_profile_edit_and_a_session_rpe_show_at_once(db: sessionmaker[Session]) -> None:
    aid = _athlete(db)
    assert _preview(db, aid).profile_problem is None
    with transaction(db) as s:
        repo.set_athlete_profile(s, aid, "not = [valid")
    assert _preview(db, aid).profile_problem is not None
    with transaction(db) as s:
        repo.set_athlete_profile(s, aid, PROFILE)
    ids = _log_earlier_sessions(db, aid)
    with transaction(db) as s:
        assert day_view(s, aid, DAY, now=LATER).logged == ()
        first = day_view(s, aid, DAY - dt.timedelta(days=1), now=LATER).logged
    assert [a.activity.session_rpe for a in first if a.id == ids[-1]] == [None]
    with transaction(db) as s:
        repo.set_session_rpe(s, ids[-1], 9.0)
    with transaction(db) as s:
        again = day_view(s, aid, DAY - dt.timedelta(days=1), now=LATER).logged
    assert [a.activity.session_rpe for a in again if a.id == ids[-1]] == [9.0]


def test_a_transaction_sees_its_own_writes_and_keeps_none(db: sessionmaker[Session]) -> None:
    """The revision is raised as a writer commits, so a transaction that wrote the
    athlete's data reads around the caches: it sees its own writes (a page rendered
    after a POST), and a view of writes later rolled back is never kept."""
    aid = _athlete(db)
    with transaction(db) as s:
        assert day_view(s, aid, DAY, now=LATER).logged == ()
    with db() as s:
        log_wellness(s, aid, DAY, {"soreness": 5})
        plan = stored_plan(s, aid)
        today = next(x for x in plan.sessions() if x.date == DAY and x.kind is SessionKind.RUN)
        do_session(s, aid, today)
        inside = day_view(s, aid, DAY, now=LATER)
        assert len(inside.logged) == 1 and inside.report.wellness is not None
        s.rollback()
    with transaction(db) as s:
        after = day_view(s, aid, DAY, now=LATER)
    assert after.logged == () and after.report.wellness is None


@contextlib.contextmanager
def _log_reads(engine: Engine) -> Iterator[list[str]]:
    """The SELECTs sent meanwhile that read the activities table (rows or their sets)."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and re.search(
            r"\b(FROM|JOIN)\s+activities\b", statement
        ):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_today_view_reads_the_log_window_once(
    db: sessionmaker[Session], engine: Engine
) -> None:
    """Issue 15 part 2: the coach's matching, the day's log and the week's statuses read
    one window of the log (its activities and their sets: two SELECTs); the version
    reads none (it read the window's rows once more), and a kept view nothing."""
    aid = _athlete(db)
    _log_earlier_sessions(db, aid)
    with _log_reads(engine) as fresh, transaction(db) as s:
        view = day_view(s, aid, DAY, now=LATER)
    assert view.week and len(fresh) == 2
    with _log_reads(engine) as kept, transaction(db) as s:
        assert day_view(s, aid, DAY, now=LATER) is view
    assert kept == []
    coach_cache.clear_all()
    with _log_reads(engine) as glance, transaction(db) as s:
        week_glance(s, aid, now=LATER)
    assert len(glance) == 2


def test_the_cache_stays_small(db: sessionmaker[Session]) -> None:
    aid = _athlete(db)
    with transaction(db) as s:
        for back in range(80):
            preview(s, aid, DAY - dt.timedelta(days=back), now=LATER)
    assert len(PREVIEWS._items) <= 64
    coach_cache.clear_all()
    assert len(PREVIEWS._items) == 0


def test_start_up_makes_the_previews_of_the_latest_plans(
    db: sessionmaker[Session], coach_runs: list[int]
) -> None:
    """``warm_previews`` (the web's start-up warm-up) makes the very preview an athlete's
    first look reads, so that look runs no coach; at most ``limit`` athletes, those whose
    plan was stored last; a profile that no longer parses is skipped, not fatal; no new
    preview once the time budget is spent."""
    first = _athlete(db)
    with transaction(db) as s:
        second, _ = make_athlete(s, PROFILE.replace('name = "Alex Example"', 'name = "Bo"'))
        broken, _ = make_athlete(s, PROFILE.replace('name = "Alex Example"', 'name = "Cy"'))
        repo.set_athlete_profile(s, broken, PROFILE.replace('"half"', '"ultra-ish"'))
    coach_cache.clear_all()
    ran = coach_runs
    with transaction(db) as s:
        assert warm_previews(s, now=LATER, limit=3, budget_s=0.0) == 0
        # LATER is 21:00 in the profile's Europe/Berlin: the local day is DAY
        assert warm_previews(s, now=LATER, limit=2, budget_s=60.0) == 1
    assert ran == [second]  # Cy's profile is broken; Alex's plan is the oldest
    _preview(db, second)
    assert ran == [second]  # the first look found its preview made
    _preview(db, first)
    assert ran == [second, first]
