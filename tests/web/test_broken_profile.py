"""Issue 11 part 5: a stored profile that no longer parses is reported as broken, naming
the field, on the web too (``services.profile.load_stored_profile``, once
``web.profile_form.load_profile``, used to turn it into "no profile": Settings showed an
empty form and the Plan build said "no valid profile yet").
"""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from fastapi import FastAPI
from web_support import Browser, onboarded

from runstrong.core.errors import ProfileError
from runstrong.services.profile import load_stored_profile
from runstrong.storage import repository
from runstrong.web.profile_form import stored_form

FIELD = "'week.long_run_day'"


def _broken_toml(app: FastAPI, athlete_id: int) -> str:
    """The athlete's stored profile with a long-run day that is not a weekday."""
    with app.state.db() as db:
        data = tomllib.loads(repository.get_athlete(db, athlete_id).profile_toml or "")
    data["week"]["long_run_day"] = "someday"
    return tomli_w.dumps(data)


def _store_broken(app: FastAPI, athlete_id: int) -> None:
    text = _broken_toml(app, athlete_id)
    with app.state.db() as db, db.begin():
        repository.set_athlete_profile(db, athlete_id, text)


def test_load_stored_profile_reports_a_broken_profile_naming_the_field(
    app: FastAPI, owner: Browser
) -> None:
    text = _broken_toml(app, onboarded(app, owner))
    with pytest.raises(ProfileError, match=r"^the profile is broken: stored profile: .*"):
        load_stored_profile(text)
    with pytest.raises(ProfileError, match=FIELD):
        load_stored_profile(text)
    assert load_stored_profile(None) is None
    assert load_stored_profile("") is None
    values, problem = stored_form(text, "Alex")
    assert problem is not None and FIELD in problem
    assert values["week.long_run_day"] == "someday"  # the form shows what is stored


def test_web_pages_say_the_profile_is_broken(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _store_broken(app, athlete_id)
    settings = owner.get(f"/a/{athlete_id}/settings")
    assert settings.status_code == 200
    assert "the profile is broken" in settings.text
    assert "week.long_run_day" in settings.text
    build = owner.post(f"/a/{athlete_id}/plan/build", {})
    assert build.status_code == 400
    assert "the profile is broken" in build.text and "week.long_run_day" in build.text


def test_api_plan_build_names_the_broken_field(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _store_broken(app, athlete_id)
    response = owner.client.post(
        f"/api/v1/athletes/{athlete_id}/plan", headers={"X-CSRF-Token": owner.csrf}
    )
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert detail.startswith("the profile is broken: stored profile: ")
    assert FIELD in detail
