"""Fixtures for the web tests: an app on a fresh SQLite file, clients and users."""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from live_server import serving
from web_support import CHEAP_HASHER, CLOCK, Browser, HeldJobs, new_browser, sign_up

from runstrong import web
from runstrong.core.planning.build import build_plan
from runstrong.services import plan_store
from runstrong.web import deps, security
from runstrong.web.app import create_app
from runstrong.web.settings import WebSettings


@pytest.fixture(autouse=True)
def _cheap_password_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Web tests hash with the cheapest Argon2id parameters (issue 11, test time).

    Every web test signs users up, and one hash at the production cost takes about
    0.25 s of CPU (more than a second of wall time on a loaded 2-core machine): it
    was the largest part of the web tests' set-up. The code path is unchanged (the
    same ``PasswordHasher`` methods, Argon2id, salted, verified from the parameters
    stored in the hash); only the cost differs, and the production parameters are
    checked on their own (``test_auth.py::test_the_app_hashes_with_rfc_9106_parameters``).
    """
    monkeypatch.setattr(security, "_hasher", CHEAP_HASHER)


for _module in pkgutil.walk_packages(web.__path__, web.__name__ + "."):
    importlib.import_module(_module.name)
_CLOCKED = [
    module
    for name, module in sorted(sys.modules.items())
    if name.startswith("runstrong.web") and getattr(module, "utcnow", None) is deps.utcnow
]
"""Every web module that reads the web layer's clock (``deps.utcnow``, imported by name)."""


@pytest.fixture(autouse=True)
def _frozen_web_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The web layer's "now" is ``web_support.CLOCK`` in every web test (issue 11, test
    time): onboarding builds the plan from the web's today and ``profile_form``'s race
    is 16 weeks after it, so with the real clock a test's season, its week days and
    what its pages showed changed with the day the suite ran (and a plan built in one
    test was built again in another if midnight fell between them). A test may patch
    ``utcnow`` again (``mock.patch``) for a later look. The job queue keeps its own
    clock (leases and heartbeats are real time)."""
    for module in _CLOCKED:
        monkeypatch.setattr(module, "utcnow", lambda: CLOCK)


_build_once = functools.lru_cache(maxsize=32)(build_plan)


@pytest.fixture(autouse=True)
def _each_season_planned_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's planner (``services.plan_store.planner``) memoised per worker process.

    Most web tests onboard the same example profile, and each onboarding built the
    same season again. ``build_plan`` is deterministic and returns a frozen ``Plan``,
    so a second build of the same athlete and start day gives an equal plan; a
    failure (an exception) is never cached. A test may still patch ``planner``.
    """
    monkeypatch.setattr(plan_store, "planner", lambda: _build_once)


@pytest.fixture
def settings(db_url: str) -> WebSettings:
    """Settings on the shared ``db_url`` fixture (SQLite, and PostgreSQL when configured)."""
    return WebSettings(
        database_url=db_url,
        auto_migrate=False,
        secret_key="test-secret-key-" + "x" * 32,
        login_max_attempts=3,
        max_upload_bytes=2 * 1024 * 1024,
    )


@pytest.fixture
def app(settings: WebSettings) -> Iterator[FastAPI]:
    application = create_app(settings)
    yield application
    application.state.jobs.shutdown()  # job threads finish before the engine goes
    application.state.engine.dispose()


@pytest.fixture
def owner(app: FastAPI) -> Browser:
    return sign_up(app, "owner@example.org", "Olive Owner")


@pytest.fixture
def browser_factory(app: FastAPI):  # type: ignore[no-untyped-def]
    """``browser_factory()`` → anonymous browser; ``browser_factory(email)`` → signed-up one."""

    def make(email: str | None = None, name: str = "Runner") -> Browser:
        return new_browser(app) if email is None else sign_up(app, email, name)

    return make


@pytest.fixture
def held(app: FastAPI) -> Iterator[HeldJobs]:
    """The app's job runner replaced by one that holds the jobs until the test runs them."""
    runner, app.state.jobs = app.state.jobs, HeldJobs()
    yield app.state.jobs
    app.state.jobs = runner


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The app on a SQLite file of its own, served by uvicorn for the browser tests
    (``live_server.serving``): its base URL."""
    app = create_app(
        WebSettings(
            database_url=f"sqlite:///{tmp_path / 'browser.sqlite3'}",
            secret_key="browser-test-secret-" + "z" * 32,
            spool_dir=tmp_path / "spool",
        )
    )
    with serving(app) as base:
        yield base
