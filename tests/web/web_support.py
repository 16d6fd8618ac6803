"""Helpers shared by the web tests (imported by conftest and tests)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from runstrong.storage import repository
from runstrong.web import security

CSRF_RE = re.compile(r'name="csrf-token" content="([^"]+)"')

PRODUCTION_HASHER = security._hasher
"""The app's own Argon2id hasher (RFC 9106 low-memory: 64 MiB, 3 passes, 4 lanes), kept
before conftest swaps in ``CHEAP_HASHER``; ``test_auth.py`` pins its parameters."""
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
"""Argon2id with the app's salt and hash lengths at the lowest cost argon2 allows."""


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no csrf meta tag"
    return match.group(1)


@dataclass
class Browser:
    """A TestClient that remembers the session's CSRF token like a page would."""

    client: TestClient
    csrf: str = ""

    def get(self, url: str, **kw: object) -> object:
        response = self.client.get(url, **kw)  # type: ignore[arg-type]
        match = CSRF_RE.search(response.text)
        if match:
            self.csrf = match.group(1)
        return response

    def refresh_csrf(self) -> str:
        self.get("/login")
        if not self.csrf:
            self.get("/setup")
        return self.csrf

    def post(self, url: str, data: dict[str, str] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf)
        return self.client.post(url, data=payload, follow_redirects=False, **kw)  # type: ignore[arg-type]


def new_browser(app: FastAPI) -> Browser:
    client = TestClient(app, raise_server_exceptions=False)
    browser = Browser(client)
    browser.get("/setup")
    if not browser.csrf:
        browser.get("/login")
    return browser


def sign_up(
    app: FastAPI, email: str, name: str = "Runner", password: str = "correct horse 1"
) -> Browser:
    """Create an account (owner if first) and return a logged-in browser."""
    browser = new_browser(app)
    if browser.client.get("/setup", follow_redirects=False).status_code == 200:
        url = "/setup"
    else:
        url = "/register"
        browser.get("/register")
    response = browser.post(
        url, {"name": name, "email": email, "password": password, "password2": password}
    )
    assert response.status_code == 303, response.text
    browser.get("/onboarding")
    return browser


EXAMPLE_PLAN = Path(__file__).resolve().parents[2] / "examples" / "plan-minimal.json"
ACTIVITIES = Path(__file__).resolve().parents[1] / "data" / "activities"
FIT_RUN = ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit"
"""A short FIT run (Garmin fenix 2) the upload tests send."""


CLOCK = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)
"""The web layer's clock in every web test (``conftest._frozen_web_clock``): a Monday,
noon UTC (the same day in ``profile_form``'s Europe/Berlin). Plans are built from the
web's "today", so a test's plan, its weeks and what its pages show do not depend on
the day the suite runs, and the same season is built (and memoised) by every test."""


def profile_form(**overrides: str) -> dict[str, str]:
    race = (CLOCK.date() + dt.timedelta(weeks=16)).isoformat()
    form = {
        "name": "Alex Example",
        "sex": "female",
        "birth_year": "1990",
        "body_mass_kg": "62",
        "units": "km",
        "timezone": "Europe/Berlin",
        "running.weekly_km": "35",
        "running.longest_run_km": "14",
        "running.years_running": "4",
        "running.recent_race.distance": "10k",
        "running.recent_race.time": "48:30",
        "strength.years_lifting": "1.5",
        "strength.equipment": "barbell\ndumbbell\nbench",
        "lift.0.name": "back squat",
        "lift.0.load_kg": "70",
        "lift.0.reps": "5",
        "goal.name": "Spring Half",
        "goal.distance": "half",
        "goal.date": race,
        "week.tue": "18:00-19:30",
        "week.thu": "18:00-19:30",
        "week.sat": "08:00-10:00",
        "week.sun": "08:00-11:00",
        "week.gym_days": "tue\nthu",
        "week.long_run_day": "sun",
        "week.max_session_min": "120",
        "injuries": "achilles",
    }
    form.update(overrides)
    return form


def store_example_plan(app: FastAPI, athlete_id: int) -> None:
    now = CLOCK
    with app.state.db() as db, db.begin():
        repository.add_plan(db, athlete_id, EXAMPLE_PLAN.read_text(), format_version="1.0", now=now)


def onboarded(app: FastAPI, owner: Browser) -> int:
    response = owner.post("/onboarding", profile_form())
    assert response.status_code == 303, response.text
    return int(response.headers["location"].split("/")[2])


def grant_coach(owner: Browser, athlete_id: int, email: str = "coach@example.org") -> int:
    """The owner gives the user ``email`` coach access to the athlete (the API); the
    access id."""
    response = owner.client.post(
        f"/api/v1/athletes/{athlete_id}/access",
        json={"coach_email": email},
        headers={"X-CSRF-Token": owner.csrf},
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _walk(routes: list[Any]) -> list[APIRoute]:
    """APIRoutes, also inside included routers (FastAPI nests them as _IncludedRouter)."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(_walk(route.original_router.routes))
    return found


#: Routes anyone may call without logging in (the access policy and the authorization
#: matrix leave them out).
PUBLIC = {
    ("GET", "/"),
    ("GET", "/healthz"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/setup"),
    ("POST", "/setup"),
    ("GET", "/register"),
    ("POST", "/register"),
    ("POST", "/api/v1/session"),
    ("GET", "/calendar/{token}.ics"),
    ("POST", "/demo"),
    ("GET", "/api/v1/openapi.json"),
}


def app_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, read from its router (HEAD aside)."""
    out = []
    for route in _walk(list(app.routes)):
        for method in sorted(route.methods - {"HEAD"}):
            out.append((method, route.path))
    assert len(out) >= 30, "route enumeration found too few routes: the matrix would be vacuous"
    return out


def wait_job(browser: Browser, url: str) -> dict[str, Any]:
    """Poll a job's status URL until it is done or failed (at most 60 s)."""
    import time

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        body = browser.client.get(url).json()
        if body["status"] in ("done", "failed"):
            return dict(body)
        time.sleep(0.2)
    raise AssertionError(f"job {url} did not finish in 60 s")


class HeldJobs:
    """A job runner that keeps the submitted ids until the test runs them (the ``held``
    fixture swaps it in for the app's runner)."""

    def __init__(self) -> None:
        self.ids: list[int] = []

    def submit(self, job_id: int) -> None:
        self.ids.append(job_id)

    def shutdown(self) -> None:
        pass
