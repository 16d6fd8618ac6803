"""R26 on the web: a time trial in the log sets a new VDOT, and the web's looks (Today
page, ``GET …/today``, the Coach page: ``services.day`` with ``record``) used to only
preview it: the stored plan (Plan page, calendar, ICS, week view) kept the old paces,
every new process rebuilt the weeks ahead again on its first look, and the change was
gone once the trial left the coach's 42 days of log. Now the first look stores it once
by the CLI's own path (``coach.today(save=True)``: the new paces, one VdotUpdate event),
under the coach's lock with the check repeated inside it; later looks write nothing.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from typing import Any

import pytest
from coach_support import START, at, make_athlete, stored_plan
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import Activity, Plan, PlannedSession, Sport
from runstrong.services import day as days
from runstrong.services.coach_events import VdotUpdate, of_type
from runstrong.services.day import day_view
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction
from runstrong.storage.tables import PlanEventRow, PlanRow

TRIAL_M, TRIAL_S = 3000.0, 720.0  # the planned trial's 3 km effort, run in 12:00
PLAN_VDOT = 41.5  # the example profile's


def _daniels_vdot(metres: float, seconds: float) -> float:
    """VDOT by Daniels & Gilbert (Oxygen Power, 1979), written out here so the expected
    value does not come from the code under test: the oxygen cost of the speed over the
    share of VO2max that can be held for the race's duration."""
    v, t = metres / (seconds / 60), seconds / 60
    cost = -4.60 + 0.182258 * v + 0.000104 * v * v
    share = 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)
    return cost / share


NEW_VDOT = round(_daniels_vdot(TRIAL_M, TRIAL_S), 1)  # 47.9: more than VDOT_CHANGE above


@pytest.fixture
def db(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    return session_factory


def trial_of(plan: Plan) -> PlannedSession:
    return next(s for s in plan.sessions() if s.category == "time_trial")


def _athlete_with_a_trial(db: sessionmaker[Session]) -> tuple[int, Plan, dt.date]:
    """The example athlete's plan and, on its planned time trial's day, a logged run of
    the trial's 3 km (race_effort: an activity of the effort's size is the effort);
    returns the athlete, the plan as stored and the day after the trial."""
    with transaction(db) as s:
        aid, plan = make_athlete(s)
        trial = trial_of(plan)
        run = Activity(
            sport=Sport.RUNNING,
            start=at(trial.date, trial),
            duration_s=TRIAL_S,
            moving_time_s=TRIAL_S,
            distance_m=TRIAL_M,
            name="Time trial",
            source_format="manual",
        )
        repo.add_activity(s, aid, run, now=at(trial.date, trial))
    return aid, plan, trial.date + dt.timedelta(days=1)


def _rows(db: sessionmaker[Session], aid: int) -> tuple[int, int]:
    with db() as s:
        plans = s.scalar(select(func.count(PlanRow.id)).where(PlanRow.athlete_id == aid))
        events = s.scalar(select(func.count(PlanEventRow.id)).where(PlanEventRow.athlete_id == aid))
    return int(plans or 0), int(events or 0)


def _look(db: sessionmaker[Session], aid: int, day: dt.date) -> list[str]:
    """What a web GET does: a plain session, the day's view with ``record``, committed
    at the end. Returns the R26 lines the look shows."""
    with db() as s:
        view = day_view(s, aid, day, now=at(day), record=True)
        s.commit()
    return [c.message for c in view.report.plan_changes if c.rule_id == "R26"]


def _vdot_events(db: sessionmaker[Session], aid: int) -> list[VdotUpdate]:
    with db() as s:
        return [e for _, e in of_type(repo.list_plan_events(s, aid), VdotUpdate)]


def _easy_paces(plan: Plan, after: dt.date) -> list[tuple[float, float] | None]:
    return [
        x.steps[0].pace_s_per_km
        for x in plan.sessions()
        if x.date > after + dt.timedelta(days=7) and x.category == "easy" and x.steps
    ]


def test_the_first_look_records_the_new_vdot_once(db: sessionmaker[Session]) -> None:
    aid, plan, day = _athlete_with_a_trial(db)
    assert plan.vdot == PLAN_VDOT and day > START
    before = _rows(db, aid)
    shown = _look(db, aid, day)
    # The look that made it still says what changed.
    assert shown == [
        f"race/time trial on {day - dt.timedelta(days=1)}: VDOT {PLAN_VDOT} → {NEW_VDOT}; "
        "paces of the coming weeks re-estimated"
    ]
    events = _vdot_events(db, aid)
    assert len(events) == 1 and round(events[0].vdot, 1) == NEW_VDOT
    with db() as s:
        after = stored_plan(s, aid)
    assert after.vdot == NEW_VDOT
    old, new = _easy_paces(plan, day), _easy_paces(after, day)
    assert old and len(new) == len(old)
    assert all(
        n is not None and o is not None and n[0] < o[0] for n, o in zip(new, old, strict=True)
    )
    recorded = _rows(db, aid)
    assert recorded == (before[0] + 1, recorded[1]) and recorded[1] > before[1]
    # Later looks find it stored: no R26 line, nothing written.
    assert _look(db, aid, day) == []
    assert _look(db, aid, day + dt.timedelta(days=1)) == []
    assert _rows(db, aid) == recorded
    assert len(_vdot_events(db, aid)) == 1


def test_a_plain_preview_still_writes_nothing(db: sessionmaker[Session]) -> None:
    aid, _, day = _athlete_with_a_trial(db)
    before = _rows(db, aid)
    with db() as s:
        report = day_view(s, aid, day, now=at(day)).report
        s.commit()
    assert [c.rule_id for c in report.plan_changes].count("R26") == 1
    assert _rows(db, aid) == before


def test_racing_looks_record_it_once(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two requests both preview the unseen trial before either records it (a barrier
    holds each until the other has previewed); the one that gets the lock second finds
    it stored under the lock and writes nothing."""
    aid, _, day = _athlete_with_a_trial(db)
    before = _rows(db, aid)
    barrier = threading.Barrier(2, timeout=60)
    real = days.record_once
    stored: list[bool] = []
    errors: list[BaseException] = []

    def after_both_previewed(*args: Any, **kw: Any) -> bool:
        barrier.wait()
        done = real(*args, **kw)
        stored.append(done)
        return done

    def look() -> None:
        try:
            _look(db, aid, day)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    monkeypatch.setattr(days, "record_once", after_both_previewed)
    looks = [threading.Thread(target=look) for _ in range(2)]
    for t in looks:
        t.start()
    for t in looks:
        t.join()
    assert errors == []
    assert sorted(stored) == [False, True]
    assert len(_vdot_events(db, aid)) == 1
    assert _rows(db, aid)[0] == before[0] + 1  # one new plan version


def test_a_look_that_cannot_record_still_shows_and_the_next_one_records(
    db: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    aid, _, day = _athlete_with_a_trial(db)
    before = _rows(db, aid)
    real = days.today

    def busy(session: Session, athlete_id: int, *args: Any, **kw: Any) -> Any:
        if kw.get("save"):
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        return real(session, athlete_id, *args, **kw)

    monkeypatch.setattr(days, "today", busy)
    assert len(_look(db, aid, day)) == 1  # the page still shows the change
    assert _rows(db, aid) == before
    monkeypatch.setattr(days, "today", real)
    assert len(_look(db, aid, day)) == 1  # the next look records it
    assert len(_vdot_events(db, aid)) == 1
    assert _rows(db, aid)[0] == before[0] + 1
