"""Start-up warm-up (``web.warmup``): the app's lifespan compiles every template and
opens the pool before the server accepts connections, so the first request is not
the slow one (``benchmarks/bench_first_request.py``); ``warm_up = False`` skips it."""

from __future__ import annotations

from fastapi.testclient import TestClient

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
