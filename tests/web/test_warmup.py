"""Start-up warm-up (``web.warmup``): the app's lifespan compiles every template and
opens the pool before the server accepts connections, so the first request is not
the slow one (``benchmarks/bench_first_request.py``); ``warm_up = False`` skips it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_support import onboarded, sign_up

from runstrong.services import coach_cache
from runstrong.web.app import create_app
from runstrong.web.settings import WebSettings


def _cached_templates(app) -> set[str]:  # type: ignore[no-untyped-def]
    cache = app.state.templates.env.cache
    return {key[1] for key in cache} if cache is not None else set()


def test_start_up_compiles_every_template_and_opens_the_pool(settings: WebSettings) -> None:
    app = create_app(settings)
    names = {n for n in app.state.templates.env.list_templates() if n.endswith(".html")}
    assert len(names) >= 20 and _cached_templates(app) == set()
    with TestClient(app):  # runs the lifespan: start-up, then shutdown
        assert names <= _cached_templates(app)
        assert app.state.engine.pool.checkedin() >= 1


def test_warm_up_can_be_turned_off(settings: WebSettings) -> None:
    app = create_app(settings.model_copy(update={"warm_up": False}))
    with TestClient(app):
        assert _cached_templates(app) == set()
    assert WebSettings.from_env({"RUNSTRONG_WARM_UP": "0"}).warm_up is False


def test_the_first_today_page_of_a_new_process_finds_its_preview_made(
    settings: WebSettings, coach_runs: list[int]
) -> None:
    """Start-up makes the daily coach's preview of today for athletes with a plan
    (``warmup.warm_coach``), so a new process's first Today page runs no coach: that
    first page cost ~100 ms of CPU above later ones (the preview, which after a race
    rebuilds the weeks ahead with the planner, R26). Without the warm-up's coach step
    no preview is made at start-up and the page runs the coach itself."""
    setup = create_app(settings)
    owner = sign_up(setup, "owner@example.org", "Olive Owner")
    athlete_id = onboarded(setup, owner)
    setup.state.jobs.shutdown()
    setup.state.engine.dispose()
    coach_cache.clear_all()  # a new process starts with no preview
    ran = coach_runs
    app = create_app(settings)
    with TestClient(app) as client:
        assert ran == [athlete_id]  # start-up previewed the athlete's day
        login = {"email": "owner@example.org", "password": "correct horse 1"}
        assert client.post("/api/v1/session", json=login).status_code == 200
        page = client.get(f"/a/{athlete_id}/today")
        assert page.status_code == 200
        assert ran == [athlete_id]  # the page ran no coach of its own
    app.state.engine.dispose()
