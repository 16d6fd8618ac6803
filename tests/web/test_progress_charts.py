"""Issue 15 part 3: the Progress charts read right (zero-based bars, time axes that span
the data, 'needs N days' notes instead of empty grids, profile units, explanations)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import update
from web_support import CLOCK, Browser, profile_form

from runstrong.core.model import Activity, Phase, Plan, PlanWeek, SetEntry, Sport
from runstrong.services.progress_view import plan_marks
from runstrong.storage import repository, revision
from runstrong.storage.tables import PlanRow

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py


def new_user(app: FastAPI, owner: Browser, units: str = "km") -> int:
    response = owner.post("/onboarding", profile_form(units=units, timezone="UTC"))
    assert response.status_code == 303, response.text
    return int(response.headers["location"].split("/")[2])


def log_new_user_week(app: FastAPI, athlete_id: int, today: dt.date) -> list[dt.date]:
    """Two squat days (3 and 1 days ago) and a 10 km run 2 days ago; returns the lift days."""
    now = CLOCK
    lift_days = [today - dt.timedelta(days=3), today - dt.timedelta(days=1)]
    with app.state.db() as db, db.begin():
        for i, day in enumerate(lift_days):
            repository.add_activity(
                db,
                athlete_id,
                Activity(
                    sport=Sport.STRENGTH,
                    start=dt.datetime.combine(day, dt.time(12), dt.UTC),
                    duration_s=2400,
                    session_rpe=6.0,
                    sets=(SetEntry("back_squat", 5, 70.0 + 5 * i),),
                    source_format="manual",
                ),
                now=now,
            )
        repository.add_activity(
            db,
            athlete_id,
            Activity(
                sport=Sport.RUNNING,
                start=dt.datetime.combine(today - dt.timedelta(days=2), dt.time(12), dt.UTC),
                duration_s=3000,
                distance_m=10000,
                session_rpe=5.0,
                source_format="manual",
            ),
            now=now,
        )
    return lift_days


def _progress(owner: Browser, athlete_id: int) -> dict[str, Any]:
    response = owner.client.get(f"/api/v1/athletes/{athlete_id}/progress")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_new_users_e1rm_axis_spans_its_days_not_years(app: FastAPI, owner: Browser) -> None:
    athlete_id = new_user(app, owner)
    today = CLOCK.date()
    first, last = log_new_user_week(app, athlete_id, today)
    e1rm = _progress(owner, athlete_id)["e1rm"]
    assert e1rm["needs"] is None
    # Two days of data, padded by one day each side.
    assert e1rm["x_range"] == [
        (first - dt.timedelta(days=1)).isoformat(),
        (last + dt.timedelta(days=1)).isoformat(),
    ]


def test_short_log_says_what_each_chart_needs(app: FastAPI, owner: Browser) -> None:
    athlete_id = new_user(app, owner)
    today = CLOCK.date()
    log_new_user_week(app, athlete_id, today)
    body = _progress(owner, athlete_id)
    # First logged day is 3 days ago: days 3, 2, 1 ago and today.
    assert body["acwr"]["needs"] == "The workload ratio needs 28 days of load; you have 4."
    assert body["pmc"]["needs"] == "Fitness and fatigue needs 7 days of load; you have 4."
    page = owner.get(f"/a/{athlete_id}/progress")
    assert "The workload ratio needs 28 days of load; you have 4." in page.text
    assert "This week&#39;s load against the average of the last four." in page.text


def test_no_lifts_yet_says_what_the_e1rm_chart_needs(app: FastAPI, owner: Browser) -> None:
    athlete_id = new_user(app, owner)
    e1rm = _progress(owner, athlete_id)["e1rm"]
    assert e1rm["needs"] == "A 1RM trend needs 2 lifting days with loaded sets; you have 0."
    assert e1rm["x_range"] is None


def test_weekly_bars_start_at_zero_in_the_profiles_units(app: FastAPI, owner: Browser) -> None:
    athlete_id = new_user(app, owner, units="mi")
    today = CLOCK.date()
    log_new_user_week(app, athlete_id, today)
    weekly = _progress(owner, athlete_id)["weekly"]
    assert weekly["y_min"] == 0
    assert weekly["series"][0]["name"] == "Run mi"
    # 10 km = 6.2 mi, in whichever week the run fell.
    assert 6.2 in weekly["series"][0]["values"]
    assert "Running distance (mi)" in weekly["explain"]


def test_progress_is_cached_until_the_log_changes(app: FastAPI, owner: Browser) -> None:
    """Issue 15 part 2: the aggregates are reused while the log version is unchanged, and
    an edit in place (a session RPE, a check-in value) makes a new view."""
    from runstrong.core.model import Wellness
    from runstrong.services.progress_view import progress_view

    athlete_id = new_user(app, owner)
    today = CLOCK.date()
    log_new_user_week(app, athlete_id, today)
    with app.state.db() as db:
        first = progress_view(db, athlete_id, today)
        assert progress_view(db, athlete_id, today) is first
        run_id = next(
            r.id for r in repository.list_activities(db, athlete_id) if r.activity.distance_m
        )
    with app.state.db() as db, db.begin():
        repository.set_session_rpe(db, run_id, 9.0)
    with app.state.db() as db:
        rated = progress_view(db, athlete_id, today)
    assert rated is not first
    assert rated.pmc["series"][1]["values"] != first.pmc["series"][1]["values"]
    with app.state.db() as db, db.begin():
        repository.put_wellness(db, athlete_id, Wellness(today, sleep_h=6.0))
    with app.state.db() as db:
        checked = progress_view(db, athlete_id, today)
        assert checked is not rated
        repository.put_wellness(db, athlete_id, Wellness(today, sleep_h=8.0))
        assert progress_view(db, athlete_id, today) is not checked


def _week(index: int, start: dt.date, phase: Phase) -> PlanWeek:
    return PlanWeek(index, start, phase, deload=False, run_km=30.0, mesocycle=1)


def test_plan_marks_are_the_season_start_each_phase_start_and_race_day() -> None:
    monday = dt.date(2027, 1, 4)
    phases = [Phase.BASE] * 3 + [Phase.BUILD] * 3 + [Phase.PEAK, Phase.TAPER, Phase.RACE]
    weeks = tuple(_week(i, monday + dt.timedelta(weeks=i), p) for i, p in enumerate(phases))
    weeks += (_week(9, dt.date(2027, 3, 8), Phase.TRANSITION),)
    plan = Plan("1.0", "Alex", monday, dt.date(2027, 3, 7), 21097.5, None, weeks)
    marks = plan_marks(plan, today=dt.date(2027, 2, 1))
    assert [(m["date"], m["label"], m["when"]) for m in marks] == [
        ("2027-01-04", "Season start", "past"),
        ("2027-01-25", "Build", "past"),
        ("2027-02-15", "Peak", "ahead"),
        ("2027-02-22", "Taper", "ahead"),
        ("2027-03-07", "Race day", "ahead"),
    ]
    assert plan_marks(None, today=monday) == ()


def test_plan_dates_mark_the_time_charts_only_with_a_plan(app: FastAPI, owner: Browser) -> None:
    athlete_id = new_user(app, owner)
    race = profile_form()["goal.date"]
    body = _progress(owner, athlete_id)
    for chart in ("pmc", "acwr", "weekly", "e1rm"):
        labels = [m["label"] for m in body[chart]["marks"]]
        assert labels[0] == "Season start" and labels[-1] == "Race day", (chart, labels)
        assert body[chart]["marks"][-1]["date"] == race
    page = owner.get(f"/a/{athlete_id}/progress").text
    assert "data-plan-marks" in page
    assert f'<span class="plan-mark" data-date="{race}">Race day {race} (ahead)</span>' in page
    assert '"label": "Race day"' in page  # in each chart's data for charts.js

    with app.state.db() as db, db.begin():
        db.execute(update(PlanRow).where(PlanRow.athlete_id == athlete_id).values(active=False))
        revision.bump(db, athlete_id)  # as every writer of the repository does
    body = _progress(owner, athlete_id)
    assert all(body[chart]["marks"] == [] for chart in ("pmc", "acwr", "weekly", "e1rm"))
    page = owner.get(f"/a/{athlete_id}/progress").text
    assert "data-plan-marks" not in page and "Race day" not in page
