"""Issue 12 part 8: a ``units = "mi"`` athlete's web pages (Today, Plan with every
week, a session, Calendar, Log, Activity) and calendar download show miles and paces
per mile, never km; the Today log form takes the distance in miles."""

from __future__ import annotations

import html
import re

import pytest
from fastapi import FastAPI
from web_support import CLOCK, Browser, profile_form

from runstrong.core.model import Plan
from runstrong.services.plan_store import current_plan

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

KM = re.compile(r"\d\s?km\b|/km\b|\bkm\b")


def _visible(page: str) -> str:
    """The page's text as the athlete reads it (tags and attribute names dropped)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _km_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if KM.search(line)]


def _mile_athlete_with_plan(app: FastAPI, owner: Browser) -> tuple[int, Plan]:
    owner.get("/onboarding")
    response = owner.post("/onboarding", profile_form(units="mi"))
    athlete_id = int(response.headers["location"].split("/")[2])
    owner.get(f"/a/{athlete_id}/plan")
    assert owner.post(f"/a/{athlete_id}/plan/build").status_code == 303
    with app.state.db() as db:
        plan = current_plan(db, athlete_id)
    assert plan is not None
    return athlete_id, plan


def test_web_pages_of_a_miles_athlete_show_no_km(app: FastAPI, owner: Browser) -> None:
    athlete_id, plan = _mile_athlete_with_plan(app, owner)
    base = f"/a/{athlete_id}"
    owner.get(f"{base}/today")
    logged = owner.post(
        f"{base}/log/new",
        {"sport": "running", "start_time": "07:00", "duration_min": "40", "distance_km": "5"},
    )
    assert logged.status_code == 303, logged.text
    activity = logged.headers["location"]
    run = next(s for s in plan.sessions() if s.kind.value == "run" and s.steps)
    months = sorted({f"{w.start_date:%Y-%m}" for w in plan.weeks})
    urls = [f"{base}/today", f"{base}/log", activity, f"{base}/plan/session/{run.id}"]
    urls += [f"{base}/plan?week={i}" for i in range(len(plan.weeks))]
    urls += [f"{base}/calendar?month={m}" for m in months]
    pages = {url: owner.client.get(url) for url in urls}
    for url, page in pages.items():
        assert page.status_code == 200, url
        assert _km_lines(_visible(page.text)) == [], url
    assert "<b>5 mi</b>" in pages[activity].text  # typed in miles, stored as 8046.72 m
    assert "8:00 /mi" in pages[activity].text
    assert "Run mi" in pages[f"{base}/plan?week=0"].text
    assert re.search(r"\d:\d\d /mi", pages[f"{base}/plan/session/{run.id}"].text)
    ics = owner.client.get(f"{base}/plan.ics").text.replace("\r\n ", "")
    assert _km_lines(ics) == [] and re.search(r"\d:\d\d–\d+:\d\d/mi", ics)


def test_a_km_athletes_log_form_stays_in_km(app: FastAPI, owner: Browser) -> None:
    owner.get("/onboarding")
    response = owner.post("/onboarding", profile_form())
    athlete_id = int(response.headers["location"].split("/")[2])
    base = f"/a/{athlete_id}"
    assert "Distance (km, runs)" in owner.get(f"{base}/today").text
    logged = owner.post(
        f"{base}/log/new",
        {"sport": "running", "start_time": "07:00", "duration_min": "40", "distance_km": "5"},
    )
    assert logged.status_code == 303
    assert "<b>5 km</b>" in owner.client.get(logged.headers["location"]).text


def test_the_activity_page_shows_the_climb_in_feet_for_miles(app: FastAPI, owner: Browser) -> None:
    """Issue 12 part 8: elevation is stored in metres and shown in the profile's units."""
    import datetime as dt

    from runstrong.core.model import Activity, Sport
    from runstrong.storage import repository

    shown = {}
    for units in ("mi", "km"):
        owner.get("/onboarding")
        response = owner.post("/onboarding", profile_form(units=units, name=f"Climber {units}"))
        athlete_id = int(response.headers["location"].split("/")[2])
        hill = Activity(
            sport=Sport.RUNNING,
            start=dt.datetime(2026, 12, 1, 7, tzinfo=dt.UTC),
            duration_s=3600.0,
            distance_m=12000.0,
            elevation_gain_m=300.0,
            source_format="manual",
        )
        with app.state.db() as db, db.begin():
            aid = repository.add_activity(db, athlete_id, hill, now=CLOCK)
        shown[units] = owner.client.get(f"/a/{athlete_id}/log/{aid}").text
    assert "Climb<b>984 ft</b>" in shown["mi"]  # 300 m / 0.3048 m per ft = 984.25
    assert "Climb<b>300 m</b>" in shown["km"]
