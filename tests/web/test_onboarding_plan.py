"""Onboarding builds a validated profile; the plan page shows, explains and moves sessions."""

from __future__ import annotations

import tomllib

from fastapi import FastAPI
from sqlalchemy import select
from web_support import Browser, onboarded, profile_form, store_example_plan

from runstrong.storage.tables import AthleteRow


def athlete_rows(app: FastAPI) -> list[AthleteRow]:
    with app.state.db() as db:
        return list(db.scalars(select(AthleteRow)))


def test_onboarding_stores_profile_as_toml(app: FastAPI, owner: Browser) -> None:
    response = owner.post("/onboarding", profile_form())
    assert response.status_code == 303
    (row,) = athlete_rows(app)
    assert response.headers["location"] == f"/a/{row.id}/plan"
    data = tomllib.loads(row.profile_toml or "")
    assert data["running"]["recent_race"]["time"] == "48:30"
    assert data["week"]["gym_days"] == ["tue", "thu"]
    assert data["strength"]["results"] == [{"lift": "back squat", "load_kg": 70.0, "reps": 5}]
    assert data["injuries"] == ["achilles"]


def test_onboarding_error_is_shown_at_its_field(app: FastAPI, owner: Browser) -> None:
    response = owner.post("/onboarding", profile_form(**{"week.long_run_day": "wed"}))
    assert response.status_code == 422
    assert 'id="e-week.long_run_day"' in response.text
    assert "has no time windows" in response.text
    assert athlete_rows(app) == []


def test_onboarding_non_number_is_a_field_error(app: FastAPI, owner: Browser) -> None:
    response = owner.post("/onboarding", profile_form(body_mass_kg="heavy"))
    assert response.status_code == 422
    assert 'id="e-body_mass_kg"' in response.text
    assert "&#39;heavy&#39; is not a number." in response.text


def test_plan_page_shows_week_and_explain(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    page = owner.client.get(f"/a/{athlete_id}/plan?week=0")
    assert page.status_code == 200
    assert "Goal race 5 km" in page.text
    assert 'class="phase-race"' in page.text
    detail = owner.client.get(f"/a/{athlete_id}/plan/session/tue-run")
    assert detail.status_code == 200
    assert "Move this session" in detail.text
    download = owner.client.get(f"/a/{athlete_id}/plan.json")
    assert download.json()["athlete"] == "Sam"


def test_move_outside_plan_is_a_field_error(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    owner.get(f"/a/{athlete_id}/plan/session/tue-run")
    response = owner.post(f"/a/{athlete_id}/plan/session/tue-run/move", {"date": "2030-01-01"})
    assert response.status_code == 422
    # The move goes through ``plan move``'s service (tests/web/test_plan_move.py).
    assert "to 2030-01-01: a session moves within its plan week" in response.text


def test_unknown_session_is_friendly_404(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    response = owner.client.get(f"/a/{athlete_id}/plan/session/nope")
    assert response.status_code == 404
    assert "no session with id &#39;nope&#39; in this plan" in response.text
