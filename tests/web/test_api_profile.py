"""The JSON API covers the profile too: read it, replace it (validated), then build the plan."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from web_support import Browser, onboarded

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


def test_profile_round_trip_validation_and_plan(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    url = f"/api/v1/athletes/{athlete_id}/profile"
    headers = {"X-CSRF-Token": owner.csrf}
    got = owner.client.get(url)
    assert got.status_code == 200 and got.json()["toml"]

    bad = owner.client.put(url, json={"toml": 'name = "X"\n'}, headers=headers)
    assert bad.status_code == 422
    assert bad.json()["detail"].startswith("profile:")

    text = EXAMPLE.read_text(encoding="utf-8")
    put = owner.client.put(url, json={"toml": text}, headers=headers)
    assert put.status_code == 200, put.text
    assert owner.client.get(url).json()["toml"] == text

    built = owner.client.post(f"/api/v1/athletes/{athlete_id}/plan", headers=headers)
    assert built.status_code == 201, built.text
    assert built.json()["race_date"] == "2027-04-11"


def test_profile_put_needs_the_csrf_token(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    url = f"/api/v1/athletes/{athlete_id}/profile"
    response = owner.client.put(url, json={"toml": EXAMPLE.read_text(encoding="utf-8")})
    assert response.status_code == 403


def test_profile_put_refuses_a_goal_race_in_the_past(app: FastAPI, owner: Browser) -> None:
    """QA: Settings (and this API) stored a past goal race that onboarding refuses."""
    athlete_id = onboarded(app, owner)
    url = f"/api/v1/athletes/{athlete_id}/profile"
    before = owner.client.get(url).json()["toml"]
    text = EXAMPLE.read_text(encoding="utf-8")
    for new, old in (
        ("2020-04-11", "2027-04-11"),
        ("2020-03-14", "2027-03-14"),
        ("2019-10-04", "2026-10-04"),
    ):
        text = text.replace(old, new)
    put = owner.client.put(url, json={"toml": text}, headers={"X-CSRF-Token": owner.csrf})
    assert put.status_code == 422, put.text
    assert put.json()["detail"].startswith("'goal.date' = 2020-04-11 is before the plan start ")
    assert put.json()["detail"].endswith("; set a future race date")
    assert owner.client.get(url).json()["toml"] == before
