"""Calendar page and API: planned vs done in a month grid, linked by the coach's matching."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

from fastapi import FastAPI
from web_support import CLOCK, Browser, onboarded

from runstrong.core.model import Activity, SessionKind, Sport
from runstrong.services.coach import active_plan
from runstrong.storage import repository


def _plan_days(app: FastAPI, athlete_id: int) -> tuple[dt.date, list]:  # type: ignore[type-arg]
    with app.state.db() as db:
        _, plan = active_plan(db, athlete_id)
    runs = [s for s in plan.sessions() if s.kind is SessionKind.RUN and s.distance_km]
    return runs[0].date, runs


def _log_run(
    app: FastAPI, athlete_id: int, day: dt.date, km: float, minutes: float, rpe: float = 5.0
) -> int:
    with app.state.db() as db, db.begin():
        return repository.add_activity(
            db,
            athlete_id,
            Activity(
                sport=Sport.RUNNING,
                start=dt.datetime.combine(day, dt.time(18), dt.UTC),
                duration_s=minutes * 60,
                distance_m=km * 1000,
                session_rpe=rpe,
                source_format="manual",
                name="Evening run",
            ),
            now=CLOCK,
        )


def test_month_grid_shows_planned_and_done_with_weekly_totals(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.post(f"/a/{athlete_id}/plan/build", {})
    _, runs = _plan_days(app, athlete_id)
    run_days = {s.date for s in runs}
    # A run done a day late, on a day with no run of its own: the coach counts it as moved.
    target = next(s for s in runs if s.date + dt.timedelta(days=1) not in run_days)
    moved_day = target.date + dt.timedelta(days=1)
    # The same size and effort as planned: only the day differs (a tie goes to the earlier day).
    rpe = 8.0 if target.hard else 5.0
    aid = _log_run(app, athlete_id, moved_day, target.distance_km or 5.0, target.duration_min, rpe)
    month = target.date.strftime("%Y-%m")
    page = owner.client.get(f"/a/{athlete_id}/calendar?month={month}")
    assert page.status_code == 200
    assert 'aria-current="page">Calendar</a>' in page.text
    assert f'data-date="{target.date.isoformat()}"' in page.text
    assert f'href="/a/{athlete_id}/log/{aid}"' in page.text
    assert f"for {target.id}" in page.text  # the logged run is linked to its session
    assert f'data-session="{target.id}"' in page.text
    body = owner.client.get(f"/api/v1/athletes/{athlete_id}/calendar?month={month}").json()
    days = {d["date"]: d for w in body["weeks"] for d in w["days"]}
    planned = next(s for s in days[target.date.isoformat()]["planned"] if s["id"] == target.id)
    assert planned["done"] is True
    assert days[moved_day.isoformat()]["logged"][0]["session_id"] == target.id
    week = next(
        w for w in body["weeks"] if w["start"] <= moved_day.isoformat() <= w["days"][6]["date"]
    )
    inside = [s for s in runs if week["start"] <= s.date.isoformat() <= week["days"][6]["date"]]
    expected_km = round(sum(s.distance_km or 0 for s in inside), 1)
    assert week["planned_km"] == expected_km
    assert week["done_km"] == round(target.distance_km or 5.0, 1)
    assert week["done_load"] == round(rpe * target.duration_min)
    assert all(len(w["days"]) == 7 for w in body["weeks"])
    assert body["weeks"][0]["days"][0]["date"] <= f"{month}-01"


def test_previous_next_and_bad_month(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    with mock.patch(
        "runstrong.web.routes.pages_calendar.local_day", return_value=dt.date(2027, 1, 15)
    ):
        page = owner.client.get(f"/a/{athlete_id}/calendar")
        assert "January 2027" in page.text
        assert re.search(r'month=2026-12" rel="prev"', page.text)
        assert re.search(r'month=2027-02" rel="next"', page.text)
    bad = owner.client.get(f"/api/v1/athletes/{athlete_id}/calendar?month=2027-13")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "month"
    assert bad.json()["errors"][0]["message"] == (
        "month '2027-13' is not a month: use YYYY-MM between 1970-01 and 2100-12"
    )


def test_other_users_cannot_see_the_calendar(app: FastAPI, owner: Browser, browser_factory) -> None:  # type: ignore[no-untyped-def]
    athlete_id = onboarded(app, owner)
    other = browser_factory("other@example.org", "Oscar Other")
    assert other.client.get(f"/a/{athlete_id}/calendar").status_code == 404
    assert other.client.get(f"/api/v1/athletes/{athlete_id}/calendar").status_code == 404


def test_a_match_is_corrected_by_hand(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _, runs = _plan_days(app, athlete_id)
    first, second = runs[0], runs[1]
    aid = _log_run(app, athlete_id, first.date, first.distance_km or 5.0, first.duration_min)
    url = f"/api/v1/athletes/{athlete_id}/activities/{aid}/match"
    headers = {"X-CSRF-Token": owner.csrf}
    month = first.date.strftime("%Y-%m")

    def linked() -> str | None:
        body = owner.client.get(f"/api/v1/athletes/{athlete_id}/calendar?month={month}").json()
        return next(x["session_id"] for w in body["weeks"] for d in w["days"]
                    for x in d["logged"] if x["activity_id"] == aid)  # fmt: skip

    assert linked() == first.id
    moved = owner.client.put(url, json={"session_id": second.id}, headers=headers)
    assert moved.status_code == 200, moved.text
    if second.date.strftime("%Y-%m") == month:
        assert linked() == second.id
    none = owner.client.put(url, json={"session_id": None}, headers=headers)
    assert none.status_code == 200
    assert linked() is None
    bad = owner.client.put(url, json={"session_id": "w99-mon-run"}, headers=headers)
    assert bad.status_code == 422
    assert "w99-mon-run" in bad.text and "not in the current plan" in bad.text
