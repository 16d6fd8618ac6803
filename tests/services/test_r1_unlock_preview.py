"""R1 on the web: the Today page and ``GET …/today`` show the daily coach as a preview
(``services.day.preview``), which used to store nothing, so a web-only athlete who
earned the third strength session never kept it: the stored plan (calendar, exports)
stayed at two, and once a later week fell short the preview stopped offering it.

Now the preview records the unlock once, by the CLI's own path (``coach.today`` with
``save=True``), in its own write transaction; later looks write nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from coach_support import PROFILE, START, do_session, make_athlete, stored_plan
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import SessionKind
from runstrong.services.coach_events import R1Unlock, of_type
from runstrong.services.day import day_view
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction
from runstrong.storage.tables import PlanEventRow, PlanRow

FOUR_GYM_DAYS = PROFILE.replace(
    'gym_days = ["mon", "thu"]', 'gym_days = ["mon", "wed", "thu", "sat"]'
)
DAY = START + dt.timedelta(days=28)  # Monday of week 5, after four consistent weeks
LOOK = dt.datetime.combine(DAY, dt.time(7), tzinfo=dt.UTC)


@pytest.fixture
def db(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    return session_factory


def _consistent_athlete(db: sessionmaker[Session]) -> int:
    """Four weeks with every run and lift done (R1's condition is met on DAY)."""
    with transaction(db) as s:
        aid, plan = make_athlete(s, FOUR_GYM_DAYS)
        for x in plan.sessions():
            if (x.date - START).days < 28 and x.kind is not SessionKind.MOBILITY:
                do_session(s, aid, x)
    return aid


def _look(db: sessionmaker[Session], aid: int) -> tuple[int, int]:
    """What a web GET does: a plain session (deferred read transaction), the day's view
    with ``record``, committed at the end. Returns (plan rows, event rows)."""
    with db() as s:
        view = day_view(s, aid, DAY, now=LOOK, record=True)
        assert view.has_plan
        s.commit()
    with db() as s:
        plans = s.scalar(select(func.count(PlanRow.id)).where(PlanRow.athlete_id == aid))
        events = s.scalar(select(func.count(PlanEventRow.id)).where(PlanEventRow.athlete_id == aid))
    return int(plans or 0), int(events or 0)


def _strength_per_week(db: sessionmaker[Session], aid: int) -> list[int]:
    with db() as s:
        plan = stored_plan(s, aid)
    return [sum(x.kind is SessionKind.STRENGTH for x in w.sessions) for w in plan.weeks]


def test_a_web_look_records_the_r1_unlock_once(db: sessionmaker[Session]) -> None:
    aid = _consistent_athlete(db)
    assert max(_strength_per_week(db, aid)) == 2
    plans, events = _look(db, aid)
    with db() as s:
        unlocks = of_type(repo.list_plan_events(s, aid), R1Unlock)
    assert len(unlocks) == 1
    assert "4 weeks at ≥ 90% of planned strength sessions" in unlocks[0][1].reason
    counts = _strength_per_week(db, aid)
    assert counts[:5] == [2, 2, 2, 2, 2]
    assert 3 in counts[5:] and max(counts) <= 3
    # Looking again (page, API, another day's refresh) writes nothing more.
    assert _look(db, aid) == (plans, events)
    assert _look(db, aid) == (plans, events)


def test_the_recorded_unlock_outlasts_a_later_missed_lift(db: sessionmaker[Session]) -> None:
    aid = _consistent_athlete(db)
    _look(db, aid)
    # Week 5 goes badly: nothing logged. The earned unlock stays (R1 never re-locks).
    later = DAY + dt.timedelta(days=9)
    with db() as s:
        view = day_view(s, aid, later, now=LOOK + dt.timedelta(days=9), record=True)
        assert [c for c in view.report.plan_changes if c.rule_id == "R1"] == []
    assert 3 in _strength_per_week(db, aid)[5:]


def test_a_plain_preview_still_writes_nothing(db: sessionmaker[Session]) -> None:
    aid = _consistent_athlete(db)
    with db() as s:
        before = s.scalar(select(func.count(PlanEventRow.id)))
        report = day_view(s, aid, DAY, now=LOOK).report
        s.commit()
    assert [c.rule_id for c in report.plan_changes].count("R1") == 1
    with db() as s:
        assert s.scalar(select(func.count(PlanEventRow.id))) == before
    assert max(_strength_per_week(db, aid)) == 2
