"""R1 on the web (issue 13): looking at the Today page records a third strength
session earned that day, once, as ``runstrong today`` does (``services.day.preview``).
Before, the page only previewed it, so a web-only athlete never kept the unlock."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest import mock

from fastapi import FastAPI
from web_support import Browser, onboarded

from runstrong.core.model import Plan, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.exporters.plan_json import dump_plan
from runstrong.services.coach_events import R1Unlock, of_type
from runstrong.services.day import activity_from_session
from runstrong.services.profile import parse_profile_text
from runstrong.storage import repository

PROFILE = (Path(__file__).resolve().parents[2] / "examples" / "athlete.toml").read_text()
FOUR_GYM_DAYS = PROFILE.replace(
    'gym_days = ["mon", "thu"]', 'gym_days = ["mon", "wed", "thu", "sat"]'
)
START = dt.date(2026, 11, 30)  # a Monday
DAY = START + dt.timedelta(days=28)
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)


def _consistent(app: FastAPI, owner: Browser) -> tuple[int, Plan]:
    """An onboarded athlete whose first four weeks were all done (R1 is earned on DAY)."""
    aid = onboarded(app, owner)
    plan = build_plan(parse_profile_text(FOUR_GYM_DAYS), START)
    with app.state.db() as db, db.begin():
        repository.set_athlete_profile(db, aid, FOUR_GYM_DAYS)
        repository.add_plan(db, aid, dump_plan(plan), format_version=plan.format_version, now=NOW)
        for x in plan.sessions():
            if (x.date - START).days < 28 and x.kind is not SessionKind.MOBILITY:
                repository.add_activity(db, aid, activity_from_session(x, dt.UTC), now=NOW)
    return aid, plan


def test_the_today_page_and_api_record_the_r1_unlock_once(app: FastAPI, owner: Browser) -> None:
    aid, plan = _consistent(app, owner)
    with (
        mock.patch("runstrong.web.routes.pages_today.local_day", return_value=DAY),
        mock.patch("runstrong.web.routes.api.local_day", return_value=DAY),
    ):
        page = owner.client.get(f"/a/{aid}/today")
        assert page.status_code == 200
        assert "a third weekly strength session is planned from next week" in page.text
        with app.state.db() as db:
            events = repository.list_plan_events(db, aid)
            plans = len(repository.list_plans(db, aid))
        assert len(of_type(events, R1Unlock)) == 1
        assert owner.client.get(f"/api/v1/athletes/{aid}/today").status_code == 200
        assert owner.client.get(f"/a/{aid}/today").status_code == 200
        with app.state.db() as db:
            assert len(repository.list_plan_events(db, aid)) == len(events)
            assert len(repository.list_plans(db, aid)) == plans
            stored = repository.active_plan(db, aid)
    assert stored is not None and stored.plan_json.count('"kind": "strength"') > dump_plan(
        plan
    ).count('"kind": "strength"')


def test_the_coach_page_records_the_r1_unlock_once(app: FastAPI, owner: Browser) -> None:
    """The Coach page runs the same daily coach for each athlete's row (``week_glance``);
    it records an earned unlock as the Today page does. Before, it only previewed it:
    a coach who watched the squad from the Coach page never kept the athlete's unlock."""
    aid, plan = _consistent(app, owner)
    look = dt.datetime.combine(DAY, dt.time(9), tzinfo=dt.UTC)  # 10:00 in Berlin, on DAY
    with mock.patch("runstrong.web.routes.pages_coach.utcnow", return_value=look):
        assert owner.client.get("/coach").status_code == 200
        with app.state.db() as db:
            unlocks = of_type(repository.list_plan_events(db, aid), R1Unlock)
            events = len(repository.list_plan_events(db, aid))
            plans = len(repository.list_plans(db, aid))
        assert len(unlocks) == 1
        assert owner.client.get("/coach").status_code == 200  # looking again writes nothing
        with app.state.db() as db:
            assert len(repository.list_plan_events(db, aid)) == events
            assert len(repository.list_plans(db, aid)) == plans
            stored = repository.active_plan(db, aid)
    assert stored is not None
    assert stored.plan_json.count('"kind": "strength"') > dump_plan(plan).count(
        '"kind": "strength"'
    )
