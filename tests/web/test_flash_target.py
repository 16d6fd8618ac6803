"""QA: a flash message belongs to the page its redirect names. A POST whose redirect the
user never followed (a form sent from a script, a page left before it loaded) left its
message in the session, and the next page of any kind showed it, stale: the Settings
page read "There is no athlete to re-plan.", an invalid profile form on Settings read
the onboarding's "Plan built" message meant for the Plan page."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from web_support import Browser, onboarded, profile_form

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

FLASH = 'class="flash"'


def test_a_flash_shows_on_the_page_its_redirect_names(owner: Browser) -> None:
    response = owner.post("/coach/replan")
    assert response.status_code == 303 and response.headers["location"] == "/coach"
    page = owner.get("/coach")
    assert "There is no athlete to re-plan." in page.text  # type: ignore[attr-defined]
    assert FLASH not in owner.get("/coach").text  # type: ignore[attr-defined]  # shown once


def test_a_flash_never_shows_on_another_page(owner: Browser) -> None:
    assert owner.post("/coach/replan").status_code == 303  # the redirect is not followed
    settings = owner.get("/settings")
    assert "There is no athlete to re-plan." not in settings.text  # type: ignore[attr-defined]
    assert FLASH not in settings.text  # type: ignore[attr-defined]
    # nor later on its own page: it was for the page the user did not see then
    assert FLASH not in owner.get("/coach").text  # type: ignore[attr-defined]


def test_an_invalid_form_does_not_show_the_message_of_an_earlier_post(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)  # "… plan …" flashed for /a/ID/plan, not visited
    response = owner.post(
        f"/a/{athlete_id}/settings/profile", profile_form(**{"running.recent_race.time": "48.30"})
    )
    assert response.status_code == 422
    assert 'id="e-running.recent_race.time"' in response.text
    assert FLASH not in response.text
