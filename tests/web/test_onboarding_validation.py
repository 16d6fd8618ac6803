"""Issue 15 part 4: every profile field is checked where it is typed, nothing invalid is
saved, and a plan that cannot be built is an error state that links to the field."""

from __future__ import annotations

import tomllib

from fastapi import FastAPI
from sqlalchemy import select
from web_support import Browser, onboarded, profile_form

from runstrong.storage import repository
from runstrong.storage.tables import AthleteRow


def athlete_rows(app: FastAPI) -> list[AthleteRow]:
    with app.state.db() as db:
        return list(db.scalars(select(AthleteRow)))


def test_race_time_with_a_dot_is_a_field_error_naming_the_form(
    app: FastAPI, owner: Browser
) -> None:
    response = owner.post("/onboarding", profile_form(**{"running.recent_race.time": "48.30"}))
    assert response.status_code == 422
    assert 'id="e-running.recent_race.time"' in response.text
    assert "&#39;48.30&#39; is not a time; use h:mm:ss or mm:ss, e.g. 48:30." in response.text
    assert 'href="#f-running.recent_race.time"' in response.text  # the summary links to it
    assert athlete_rows(app) == []


def test_race_time_faster_than_the_world_record_is_refused_at_its_field(
    app: FastAPI, owner: Browser
) -> None:
    response = owner.post("/onboarding", profile_form(**{"running.recent_race.time": "25:00"}))
    assert response.status_code == 422
    assert 'id="e-running.recent_race.time"' in response.text
    assert "faster than the world record 26:11" in response.text
    assert 'class="flash"' not in response.text
    assert athlete_rows(app) == []


def test_target_time_and_timezone_are_checked_where_typed(app: FastAPI, owner: Browser) -> None:
    response = owner.post("/onboarding", profile_form(**{"goal.target_time": "1.45.00"}))
    assert response.status_code == 422
    assert "&#39;1.45.00&#39; is not a time; use h:mm:ss or mm:ss, e.g. 1:45:00." in response.text
    response = owner.post("/onboarding", profile_form(timezone="Berlin"))
    assert response.status_code == 422
    assert 'id="e-timezone"' in response.text
    assert "use an IANA name such as Europe/Berlin" in response.text
    assert athlete_rows(app) == []


def test_settings_refuse_a_bad_race_time_and_keep_the_old_profile(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.post(
        f"/a/{athlete_id}/settings/profile", profile_form(**{"running.recent_race.time": "48.30"})
    )
    assert response.status_code == 422
    assert 'id="e-running.recent_race.time"' in response.text
    (row,) = athlete_rows(app)
    assert tomllib.loads(row.profile_toml or "")["running"]["recent_race"]["time"] == "48:30"


def test_unbuildable_plan_is_an_error_state_with_a_link_to_the_field(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)
    owner.client.get(f"/a/{athlete_id}/plan")  # shows (and clears) the onboarding message
    (row,) = athlete_rows(app)
    stored = (row.profile_toml or "").replace('time = "48:30"', 'time = "48.30"')
    assert stored != row.profile_toml  # a profile saved before the form checked times
    with app.state.db.begin() as db:
        repository.set_athlete_profile(db, athlete_id, stored)
    response = owner.post(f"/a/{athlete_id}/plan/build", {})
    assert response.status_code == 422
    assert 'role="alert"' in response.text
    assert "No plan could be built: implausible result: 10k in 0:48.30" in response.text
    assert f'href="/a/{athlete_id}/settings#f-running.recent_race.time"' in response.text
    assert 'class="flash"' not in response.text
