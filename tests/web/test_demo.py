"""``runstrong serve --demo``: a labelled demo athlete with a generated plan and log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import new_browser

from runstrong.services.demo import DEMO_EMAIL
from runstrong.storage import repository
from runstrong.web.app import create_app
from runstrong.web.settings import WebSettings


@pytest.fixture
def demo_app(settings: WebSettings) -> Iterator[FastAPI]:
    application = create_app(settings.model_copy(update={"demo": True}))
    yield application
    application.state.jobs.shutdown()
    application.state.engine.dispose()


def test_demo_is_seeded_once_and_labelled(demo_app: FastAPI, settings: WebSettings) -> None:
    athlete_id = demo_app.state.demo_athlete_id
    again = create_app(settings.model_copy(update={"demo": True}))
    assert again.state.demo_athlete_id == athlete_id
    again.state.jobs.shutdown()
    again.state.engine.dispose()
    with demo_app.state.db() as db:
        assert repository.count_activities(db, athlete_id) > 20
        assert repository.active_plan(db, athlete_id) is not None
        assert len(repository.list_wellness(db, athlete_id)) > 20


def test_first_run_still_asks_for_owner_and_offers_demo(demo_app: FastAPI) -> None:
    client = TestClient(demo_app)
    assert client.get("/", follow_redirects=False).headers["location"] == "/setup"
    page = client.get("/setup")
    assert "Create the owner account" in page.text
    assert "Explore the demo athlete" in page.text


def test_demo_login_shows_populated_pages(demo_app: FastAPI) -> None:
    browser = new_browser(demo_app)
    response = browser.post("/demo")
    assert response.status_code == 303
    athlete_id = demo_app.state.demo_athlete_id
    today = browser.client.get(response.headers["location"])
    assert "Demo athlete — generated training data" in today.text
    assert browser.client.get(f"/a/{athlete_id}/plan").status_code == 200
    progress = browser.client.get(f"/a/{athlete_id}/progress")
    assert "Nothing logged yet." not in progress.text
    log = browser.client.get(f"/a/{athlete_id}/log")
    assert "Demo athlete" in log.text


def test_demo_user_cannot_log_in_with_a_password(demo_app: FastAPI) -> None:
    browser = new_browser(demo_app)
    browser.get("/login")
    response = browser.post("/login", {"email": DEMO_EMAIL, "password": "!demo-"})
    assert response.status_code in (303, 401)
    assert response.status_code == 401 or response.headers["location"] == "/setup"


def test_demo_route_is_404_without_demo(app: FastAPI) -> None:
    browser = new_browser(app)
    assert browser.post("/demo").status_code == 404
