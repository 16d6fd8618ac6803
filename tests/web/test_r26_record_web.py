"""R26 on the web: a time trial logged through the web sets a new VDOT, and the first
look at the Today page (or ``GET …/today``) stores the re-paced weeks ahead and one
VdotUpdate event, as ``runstrong today`` does; later looks write nothing. Before, the
pages only previewed it: the Plan page and the plan API kept the old paces."""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path
from unittest import mock

from fastapi import FastAPI
from web_support import Browser, onboarded

from runstrong.core.model import Plan
from runstrong.core.planning.build import build_plan
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.services.coach_events import VdotUpdate, of_type
from runstrong.services.profile import parse_profile_text
from runstrong.storage import repository

PROFILE = (Path(__file__).resolve().parents[2] / "examples" / "athlete.toml").read_text()
START = dt.date(2026, 11, 30)  # a Monday
NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
TRIAL_M, TRIAL_S = 3000.0, 720.0  # the planned trial's 3 km effort, run in 12:00


def _daniels_vdot(metres: float, seconds: float) -> float:
    """VDOT by Daniels & Gilbert (Oxygen Power, 1979), written out independently."""
    v, t = metres / (seconds / 60), seconds / 60
    cost = -4.60 + 0.182258 * v + 0.000104 * v * v
    share = 0.8 + 0.1894393 * math.exp(-0.012778 * t) + 0.2989558 * math.exp(-0.1932605 * t)
    return cost / share


NEW_VDOT = round(_daniels_vdot(TRIAL_M, TRIAL_S), 1)


def _trial_logged(app: FastAPI, owner: Browser) -> tuple[int, Plan, dt.date]:
    """An onboarded athlete with the example plan, who logs the planned time trial's
    3 km through the API; returns the athlete, the plan and the day after the trial."""
    aid = onboarded(app, owner)
    plan = build_plan(parse_profile_text(PROFILE), START)
    with app.state.db() as db, db.begin():
        repository.set_athlete_profile(db, aid, PROFILE)
        repository.add_plan(db, aid, dump_plan(plan), format_version=plan.format_version, now=NOW)
    trial = next(s for s in plan.sessions() if s.category == "time_trial")
    start = dt.datetime.combine(trial.date, trial.start, dt.timezone(dt.timedelta(hours=1)))
    body = {"sport": "running", "start": start.isoformat(), "duration_s": TRIAL_S,
            "distance_m": TRIAL_M, "name": "Time trial"}  # fmt: skip
    logged_at = start + dt.timedelta(hours=2)  # that evening: the trial is not in the future
    with mock.patch("runstrong.web.routes.api.utcnow", return_value=logged_at):
        response = owner.client.post(
            f"/api/v1/athletes/{aid}/activities", json=body, headers={"X-CSRF-Token": owner.csrf}
        )
    assert response.status_code == 201, response.text
    return aid, plan, trial.date + dt.timedelta(days=1)


def _stored(app: FastAPI, aid: int) -> tuple[int, int, Plan]:
    """(plan rows, VdotUpdate events, the active plan)."""
    with app.state.db() as db:
        plans = len(repository.list_plans(db, aid))
        vdots = len(of_type(repository.list_plan_events(db, aid), VdotUpdate))
        active = repository.active_plan(db, aid)
    assert active is not None
    return plans, vdots, load_plan(active.plan_json)


def _page_pace_s(owner: Browser, aid: int, session_id: str) -> int:
    """The faster end of the easy pace the session page shows ("@ 5:45 /km – …")."""
    page = owner.client.get(f"/a/{aid}/plan/session/{session_id}")
    assert page.status_code == 200
    found = re.search(r"@ (\d+):(\d\d) /km", page.text)
    assert found is not None, page.text
    return int(found[1]) * 60 + int(found[2])


def _api_loads(owner: Browser, aid: int) -> list[float]:
    plan = owner.client.get(f"/api/v1/athletes/{aid}/plan")
    assert plan.status_code == 200
    return [s["load"] for w in plan.json()["weeks"] for s in w["sessions"]]


def _paces(plan: Plan, after: dt.date) -> list[tuple[float, float] | None]:
    later = after + dt.timedelta(days=7)
    return [x.steps[0].pace_s_per_km for x in plan.sessions()
            if x.date > later and x.category == "easy" and x.steps]  # fmt: skip


def test_the_first_today_page_records_the_new_vdot_once(app: FastAPI, owner: Browser) -> None:
    aid, plan, day = _trial_logged(app, owner)
    plans, vdots, _ = _stored(app, aid)
    assert vdots == 0
    easy = next(x.id for x in plan.sessions() if x.date > day + dt.timedelta(days=7)
                and x.category == "easy")  # fmt: skip
    pace_before = _page_pace_s(owner, aid, easy)
    with mock.patch("runstrong.web.routes.pages_today.local_day", return_value=day):
        page = owner.client.get(f"/a/{aid}/today")
        assert page.status_code == 200
        assert f"VDOT {plan.vdot} → {NEW_VDOT}; paces of the coming weeks re-estimated" in page.text
        after = _stored(app, aid)
        assert after[:2] == (plans + 1, 1)
        assert after[2].vdot == NEW_VDOT
        old, new = _paces(plan, day), _paces(after[2], day)
        assert old and all(
            n is not None and o is not None and n[0] < o[0] for n, o in zip(new, old, strict=True)
        )
        # The session page and the plan API serve the plan the look recorded.
        assert _page_pace_s(owner, aid, easy) < pace_before
        assert _api_loads(owner, aid) == [x.load for x in after[2].sessions()]
        assert _api_loads(owner, aid) != [x.load for x in plan.sessions()]
        # A second look finds it stored and writes nothing.
        again = owner.client.get(f"/a/{aid}/today")
        assert again.status_code == 200 and "paces of the coming weeks" not in again.text
        assert _stored(app, aid)[:2] == after[:2]


def test_the_api_today_records_the_new_vdot_once(app: FastAPI, owner: Browser) -> None:
    aid, plan, day = _trial_logged(app, owner)
    plans, _, _ = _stored(app, aid)
    with mock.patch("runstrong.web.routes.api.local_day", return_value=day):
        first = owner.client.get(f"/api/v1/athletes/{aid}/today")
        assert first.status_code == 200
        assert any(f"VDOT {plan.vdot} → {NEW_VDOT}" in c for c in first.json()["changes"])
        after = _stored(app, aid)
        assert after[:2] == (plans + 1, 1) and after[2].vdot == NEW_VDOT
        second = owner.client.get(f"/api/v1/athletes/{aid}/today")
        assert second.status_code == 200
        assert not any(c.startswith("R26") for c in second.json()["changes"])
        assert _stored(app, aid)[:2] == after[:2]


def test_the_coach_page_records_the_new_vdot_once(app: FastAPI, owner: Browser) -> None:
    """The Coach page runs the same daily coach for each athlete's row (``week_glance``)."""
    aid, _, day = _trial_logged(app, owner)
    plans, _, _ = _stored(app, aid)
    look = dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC)  # 10:00 in Berlin, on day
    with mock.patch("runstrong.web.routes.pages_coach.utcnow", return_value=look):
        assert owner.client.get("/coach").status_code == 200
        after = _stored(app, aid)
        assert after[:2] == (plans + 1, 1) and after[2].vdot == NEW_VDOT
        assert owner.client.get("/coach").status_code == 200  # looking again writes nothing
        assert _stored(app, aid)[:2] == after[:2]
