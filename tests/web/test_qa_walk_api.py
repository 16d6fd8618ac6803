"""QA walk-through (session 6): the API speaks the athlete's units and refuses what
the pages refuse (items 7, 9, 12, 17)."""

from __future__ import annotations

import datetime as dt
import html
import re
import tomllib

import pytest
from fastapi import FastAPI
from web_support import CLOCK, Browser, onboarded, profile_form

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

KM = re.compile(r"\d\s?km\b|/km\b")


def _miles_athlete(app: FastAPI, owner: Browser) -> int:
    owner.get("/onboarding")
    response = owner.post("/onboarding", profile_form(units="mi", **{"week.mon": "07:00-08:30"}))
    assert response.status_code == 303, response.text
    athlete_id = int(response.headers["location"].split("/")[2])
    owner.get(f"/a/{athlete_id}/plan")
    assert owner.post(f"/a/{athlete_id}/plan/build").status_code == 303
    return athlete_id


def test_api_today_speaks_miles_to_a_miles_athlete(app: FastAPI, owner: Browser) -> None:
    """Item 9: the API returned "Q1: 39.9 km, …" where the Today page says miles."""
    athlete_id = _miles_athlete(app, owner)
    body = owner.client.get(f"/api/v1/athletes/{athlete_id}/today").json()
    texts = list(body["reasons"]) + list(body["changes"])
    for s in body["sessions"]:
        texts += [s["title"], *s["why"]]
    texts += [w["text"] for w in body["week"]]
    assert [t for t in texts if KM.search(t)] == []
    assert any(" mi" in t for t in texts)


def _post(owner: Browser, athlete_id: int, url: str, **kw: object):  # type: ignore[no-untyped-def]
    headers = {"X-CSRF-Token": owner.csrf}
    return owner.client.post(f"/api/v1/athletes/{athlete_id}/{url}", headers=headers, **kw)  # type: ignore[arg-type]


TODAY_7AM = "T07:00:00+01:00"


def _today() -> str:
    """The athlete's today in Europe/Berlin (``profile_form``'s zone)."""
    return CLOCK.date().isoformat()


def test_api_refuses_a_distance_on_a_strength_session(app: FastAPI, owner: Browser) -> None:
    """Item 7: a lift with 6 km counted in the week's run volume."""
    athlete_id = onboarded(app, owner)
    body = {"sport": "strength", "start": _today() + TODAY_7AM, "duration_s": 3000,
            "distance_m": 6000}  # fmt: skip
    response = _post(owner, athlete_id, "activities", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [
        {
            "field": "distance_m",
            "message": "invalid distance 6000 m for a strength session: leave the distance "
            "empty (log a run on its own)",
        }
    ]


def test_web_log_form_refuses_a_distance_on_a_strength_entry(app: FastAPI, owner: Browser) -> None:
    """Item 7: the form stored "6 mi" on a lift (303) and the calendar counted it."""
    athlete_id = _miles_athlete(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    form = {"sport": "strength", "duration_min": "50", "distance_km": "6"}
    response = owner.post(f"/a/{athlete_id}/log/new", form)
    assert response.status_code == 422
    assert (
        "Invalid distance 6 mi for a strength session: leave the distance empty "
        "(log a run on its own)." in html.unescape(response.text)
    )
    assert owner.client.get(f"/api/v1/athletes/{athlete_id}/activities").json() == []


def test_leg_press_may_carry_more_than_a_barbell(app: FastAPI, owner: Browser) -> None:
    """Item 6: 600 kg on the leg press was refused as "heavier than any deadlift"."""
    athlete_id = onboarded(app, owner)
    start = _today() + TODAY_7AM
    press = {"sport": "strength", "start": start, "duration_s": 1800,
             "sets": [{"exercise": "Leg press", "reps": 8, "load_kg": 600}]}  # fmt: skip
    assert _post(owner, athlete_id, "activities", json=press).status_code == 201
    squat = {"sport": "strength", "start": start, "duration_s": 1800,
             "sets": [{"exercise": "Back squat", "reps": 8, "load_kg": 600}]}  # fmt: skip
    refused = _post(owner, athlete_id, "activities", json=squat)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "load_kg"
    assert refused.json()["detail"].startswith(
        "invalid load of Back squat 600 kg: use a number from 0 to 500 kg"
    )
    heavy = {"sport": "strength", "start": start, "duration_s": 1800,
             "sets": [{"exercise": "Leg press", "reps": 8, "load_kg": 1200}]}  # fmt: skip
    assert _post(owner, athlete_id, "activities", json=heavy).status_code == 422


def test_api_run_error_echoes_the_metres_sent(app: FastAPI, owner: Browser) -> None:
    """Item 12: distance_m 10000 too fast was told back as "6.21 mi"."""
    athlete_id = _miles_athlete(app, owner)
    run = {"sport": "running", "start": _today() + TODAY_7AM, "duration_s": 600,
           "distance_m": 10000}  # fmt: skip
    response = _post(owner, athlete_id, "activities", json=run)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(
        "distance 10000 m in duration 10:00 is faster than the world record"
    )


def test_every_api_422_names_its_field_and_value(app: FastAPI, owner: Browser) -> None:
    """Item 17: a start without offset gave field "", a future wellness day no
    ``errors`` array, a non-JSON body field "0"."""
    athlete_id = onboarded(app, owner)
    naive = {"sport": "running", "start": "2026-11-25T07:00:00", "duration_s": 600}
    errors = _post(owner, athlete_id, "activities", json=naive).json()["errors"]
    assert errors == [
        {
            "field": "start",
            "message": "start '2026-11-25T07:00:00' has no time zone: add an offset such "
            "as +00:00 or Z",
        }
    ]
    future = (dt.date.fromisoformat(_today()) + dt.timedelta(days=3)).isoformat()
    wellness = owner.client.put(
        f"/api/v1/athletes/{athlete_id}/wellness",
        json={"day": future, "sleep_h": 7},
        headers={"X-CSRF-Token": owner.csrf},
    )
    assert wellness.status_code == 422
    [error] = wellness.json()["errors"]
    assert error["field"] == "day" and future in error["message"]
    broken = owner.client.post(
        f"/api/v1/athletes/{athlete_id}/activities",
        content=b"{not json",
        headers={"X-CSRF-Token": owner.csrf, "Content-Type": "application/json"},
    )
    assert broken.status_code == 422
    assert [e["field"] for e in broken.json()["errors"]] == ["body"]


def test_onboarding_takes_the_volume_in_miles(app: FastAPI, owner: Browser) -> None:
    """Items 12 and 18: onboarding asked the weekly volume and longest run only in km;
    a miles runner's 25 mi came back as 24.9 mi. The number typed is kept."""
    owner.get("/onboarding")
    form = profile_form(units="mi", **{"running.volume_unit": "mi", "running.weekly_km": "25",
                                       "running.longest_run_km": "9"})  # fmt: skip
    response = owner.post("/onboarding", form)
    assert response.status_code == 303, response.text
    athlete_id = int(response.headers["location"].split("/")[2])
    toml = owner.client.get(f"/api/v1/athletes/{athlete_id}/profile").json()["toml"]
    running = tomllib.loads(toml)["running"]
    assert (running["weekly_mi"], running["longest_run_mi"]) == (25, 9)
    assert "weekly_km" not in running
    settings = html.unescape(owner.client.get(f"/a/{athlete_id}/settings").text)
    assert re.search(r'name="running.weekly_km"[^>]*value="25.0"', settings)
    assert re.search(r'name="running.volume_unit"[^>]*>\s*<option value="km" >km</option>\s*'
                     r'<option value="mi" selected>', settings)  # fmt: skip


def test_today_page_lists_the_adapted_session_as_the_cli_does(app: FastAPI, owner: Browser) -> None:
    """Item 16: after a poor check-in the Today page's "This week so far" listed the
    plan's "Strength moderate (base)" where ``runstrong today`` listed the adapted
    session, and the card said "@ RPE 7.0" where the CLI says "(RPE 7)"."""
    owner.get("/onboarding")
    form = profile_form(**{"week.mon": "07:00-08:30", "week.gym_days": "mon\ntue\nthu"})
    response = owner.post("/onboarding", form)
    athlete_id = int(response.headers["location"].split("/")[2])
    owner.get(f"/a/{athlete_id}/plan")
    assert owner.post(f"/a/{athlete_id}/plan/build").status_code == 303
    owner.get(f"/a/{athlete_id}/today")
    poor = {"sleep_h": "5", "sleep_quality": "2", "soreness": "4", "leg_feel": "2"}
    assert owner.post(f"/a/{athlete_id}/wellness", poor).status_code == 303
    page = html.unescape(owner.client.get(f"/a/{athlete_id}/today").text)
    api = owner.client.get(f"/api/v1/athletes/{athlete_id}/today").json()
    adapted = [s["title"] for s in api["sessions"] if s["title"].endswith("(adapted)")]
    assert adapted, api["sessions"]
    week_titles = [w["title"] for w in api["week"]]
    assert set(adapted) <= set(week_titles)
    listed = re.findall(r'data-state="[^"]*">[^·]*· ([^:]*):', page)
    assert set(adapted) <= set(listed)
    assert re.search(r": \d+ × \d+ (@ [\d.]+ kg )?\(RPE \d+(\.5)?\)</li>", page)
    assert not re.search(r"RPE \d+\.0\b|\d\.0 kg", page)


def test_profile_put_422_names_the_unknown_key(app: FastAPI, owner: Browser) -> None:
    """Items 13 and 17: an unknown key is refused, in the ``errors`` shape of every 422."""
    athlete_id = onboarded(app, owner)
    url = f"/api/v1/athletes/{athlete_id}/profile"
    text = owner.client.get(url).json()["toml"]
    assert "[week]\n" in text
    bad = text.replace("[week]\n", '[week]\nlong_run_dya = "sat"\n')
    response = owner.client.put(url, json={"toml": bad}, headers={"X-CSRF-Token": owner.csrf})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "toml"
    assert error["message"].startswith(
        "profile: 'week.long_run_dya' is not a field of the [week] table; did you mean "
        "'long_run_day'?"
    )
