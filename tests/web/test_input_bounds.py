"""Issue 15 (QA pass): bad input is refused by the API and the pages with words that name
the value and what is allowed, never a 500; nothing impossible is stored.

Every expected message is written out here by hand (not computed by the code under test).
"""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from web_support import CLOCK, Browser, onboarded, profile_form

from runstrong.storage import repository


def _api(athlete_id: int, path: str) -> str:
    return f"/api/v1/athletes/{athlete_id}/{path}"


def _post_json(owner: Browser, url: str, body: dict[str, object]):  # type: ignore[no-untyped-def]
    return owner.client.post(url, json=body, headers={"X-CSRF-Token": owner.csrf})


def _activities(app: FastAPI, athlete_id: int) -> int:
    with app.state.db() as db:
        return len(repository.list_activities(db, athlete_id))


# --- 1. query dates: no overflow, the order of since and until -------------------------


def test_activities_api_refuses_an_until_at_the_end_of_the_calendar(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.client.get(_api(athlete_id, "activities?until=9999-12-31"))
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == (
        "until 9999-12-31 is out of range: use a date from 1900-01-01 to 2100-12-31"
    )
    wellness = owner.client.get(_api(athlete_id, "wellness?since=0001-01-01"))
    assert wellness.status_code == 422, wellness.text
    assert wellness.json()["detail"] == (
        "since 0001-01-01 is out of range: use a date from 1900-01-01 to 2100-12-31"
    )


def test_activities_api_refuses_since_after_until(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.client.get(_api(athlete_id, "activities?since=2026-05-01&until=2026-04-01"))
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == (
        "since 2026-05-01 is after until 2026-04-01: use a since on or before the until"
    )


def test_log_page_shows_an_until_out_of_range_at_its_field(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.client.get(f"/a/{athlete_id}/log?until=9999-12-31")
    assert response.status_code == 422, response.text
    assert 'id="e-until"' in response.text
    assert "until 9999-12-31 is out of range: use a date from 1900-01-01 to 2100-12-31" in (
        response.text
    )
    backwards = owner.client.get(f"/a/{athlete_id}/log?since=2026-05-01&until=2026-04-01")
    assert backwards.status_code == 422
    assert "since 2026-05-01 is after until 2026-04-01" in backwards.text


# --- 2. the log form says distances in the athlete's units -----------------------------


def test_log_form_reports_a_miles_distance_in_miles(app: FastAPI, owner: Browser) -> None:
    response = owner.post("/onboarding", profile_form(units="mi"))
    assert response.status_code == 303, response.text
    athlete_id = int(response.headers["location"].split("/")[2])
    owner.get(f"/a/{athlete_id}/today")
    low = owner.post(
        f"/a/{athlete_id}/log/new",
        {"sport": "running", "duration_min": "40", "distance_km": "-1"},
    )
    assert low.status_code == 422
    assert "-1 mi is too low: use 0 mi or more" in low.text
    high = owner.post(
        f"/a/{athlete_id}/log/new",
        {"sport": "running", "duration_min": "40", "distance_km": "500"},
    )
    assert high.status_code == 422
    assert "500 mi is too high: use 310.7 mi or less" in high.text
    assert "1609.34" not in low.text and "804672" not in high.text
    fast = owner.post(
        f"/a/{athlete_id}/log/new",
        {"sport": "running", "duration_min": "60", "distance_km": "100"},
    )
    assert fast.status_code == 422
    assert 'id="e-distance_km"' in fast.text
    assert (
        "Distance 100 mi in duration 1:00:00 is faster than the world record for the "
        "distance: for 100 mi use a duration of 9:48:21 or more, or check the distance."
    ) in fast.text
    with app.state.db() as db:
        assert repository.list_activities(db, athlete_id) == []


# --- 3. impossible activities and days are refused, the same by form and API ------------


def _run(start: str, distance_m: float, duration_s: float) -> dict[str, object]:
    return {"sport": "running", "start": start, "duration_s": duration_s, "distance_m": distance_m}


def test_api_refuses_a_run_faster_than_the_world_records(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    yesterday = (CLOCK - dt.timedelta(days=1)).strftime("%Y-%m-%dT07:00:00Z")
    response = _post_json(owner, _api(athlete_id, "activities"), _run(yesterday, 400_000, 60))
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == (
        "distance 400000 m in duration 1:00 is faster than the world record for the distance: "
        "for 400000 m use a duration of 24:22:20 or more, or check the distance"
    )
    fine = _post_json(owner, _api(athlete_id, "activities"), _run(yesterday, 10_000, 3000))
    assert fine.status_code == 201, fine.text
    assert _activities(app, athlete_id) == 1


def test_api_refuses_starts_and_days_outside_1900_to_today(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    today = CLOCK.date()  # the profile's zone
    allowed = f"use a day from 1900-01-01 to {today}"
    for start, words in (
        ("9999-12-31T07:00:00+00:00", f"it is after today ({today})"),
        ("0001-01-01T07:00:00+00:00", "it is before 1900-01-01"),
    ):
        response = _post_json(owner, _api(athlete_id, "activities"), _run(start, 5000, 1800))
        assert response.status_code == 422, response.text
        assert response.json()["detail"] == f"invalid start {start[:10]}: {words}; {allowed}"
    wellness = owner.client.put(
        _api(athlete_id, "wellness"),
        json={"day": "9999-12-31", "sleep_h": 7},
        headers={"X-CSRF-Token": owner.csrf},
    )
    assert wellness.status_code == 422, wellness.text
    assert wellness.json()["detail"] == (
        f"invalid day 9999-12-31: it is after today ({today}); {allowed}"
    )
    assert _activities(app, athlete_id) == 0


def test_api_and_form_refuse_a_load_above_500_kg(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    yesterday = (CLOCK - dt.timedelta(days=1)).strftime("%Y-%m-%dT18:00:00Z")
    body = {
        "sport": "strength",
        "start": yesterday,
        "duration_s": 2400,
        "sets": [{"exercise": "Back squat", "reps": 8, "load_kg": 600}],
    }
    response = _post_json(owner, _api(athlete_id, "activities"), body)
    assert response.status_code == 422, response.text
    assert response.json()["detail"] == (
        "invalid load of Back squat 600 kg: use a number from 0 to 500 kg (the heaviest "
        "deadlift ever lifted is 501 kg; sled and leg-press exercises allow up to 1100 kg)"
    )
    owner.get(f"/a/{athlete_id}/today")
    form = owner.post(
        f"/a/{athlete_id}/log/new",
        {"sport": "strength", "duration_min": "40", "set.0.exercise": "Back squat",
         "set.0.reps": "8", "set.0.load_kg": "600"},
    )  # fmt: skip
    assert form.status_code == 422
    assert "Back squat 600 kg: use a number from 0 to 500 kg" in form.text
    assert _activities(app, athlete_id) == 0


# --- 4. Settings validates the goal date as onboarding does; web words, not CLI words -----


def test_settings_refuses_a_goal_race_in_the_past(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/settings")
    response = owner.post(
        f"/a/{athlete_id}/settings/profile", profile_form(**{"goal.date": "2020-05-01"})
    )
    assert response.status_code == 422, response.text
    assert 'id="e-goal.date"' in response.text
    assert "&#39;goal.date&#39; = 2020-05-01 is before the plan start" in response.text
    assert "set a future race date" in response.text
    assert "--start" not in response.text
    onboarding = owner.post("/onboarding", profile_form(**{"goal.date": "2020-05-01"}))
    assert onboarding.status_code == 422
    assert 'id="e-goal.date"' in onboarding.text
    assert "--start" not in onboarding.text


# --- 5. the log form knows the exercise library as the CLI does -------------------------


def test_log_form_refuses_an_unknown_exercise_unless_added_as_new(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)
    page = owner.get(f"/a/{athlete_id}/today")
    assert '<option value="Back squat">' in str(getattr(page, "text", page))
    form = {"sport": "strength", "duration_min": "30", "set.0.exercise": "Nonexistent lift",
            "set.0.reps": "5", "set.0.load_kg": "40"}  # fmt: skip
    refused = owner.post(f"/a/{athlete_id}/log/new", form)
    assert refused.status_code == 422
    assert 'id="e-sets"' in refused.text
    assert "Unknown exercise &#39;Nonexistent lift&#39;" in refused.text
    assert "To log it as written, tick “Add unknown names as new exercises”." in refused.text
    assert "--new-exercise" not in refused.text
    assert _activities(app, athlete_id) == 0
    added = owner.post(f"/a/{athlete_id}/log/new", {**form, "new_exercise": "on"})
    assert added.status_code == 303, added.text
    with app.state.db() as db:
        [stored] = repository.list_activities(db, athlete_id)
    assert [s.exercise for s in stored.activity.sets] == ["Nonexistent lift"]


def test_moves_to_the_ends_of_the_calendar_are_refused_not_500(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)
    plan = owner.client.get(_api(athlete_id, "plan")).json()
    session_id = plan["weeks"][1]["sessions"][0]["id"]
    for day in ("9999-12-31", "0001-01-01"):
        url = _api(athlete_id, f"plan/sessions/{session_id}/move")
        response = _post_json(owner, url, {"date": day})
        assert response.status_code == 422, response.text
        assert day in response.json()["detail"]
        assert "runstrong" not in response.json()["detail"]
