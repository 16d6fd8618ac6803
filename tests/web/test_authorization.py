"""Authorization matrix over ALL routes: a user can never read or change another
athlete's data through any page or API route.

Routes are enumerated from ``app.routes``, so a new route is covered the day it
is added. Every path parameter is filled with an id that belongs to the victim
(athlete A); the attacker (user B, logged in, with a valid CSRF token and an
athlete of their own) must get 404 and A's data must not change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from web_support import CLOCK, PUBLIC, Browser, app_routes, onboarded, sign_up, store_example_plan

from runstrong.core.model import Activity as CoreActivity
from runstrong.core.model import SetEntry, Sport
from runstrong.services.jobs import create_job
from runstrong.storage import repository
from runstrong.storage.tables import ActivityRow, PlanEventRow, PlanRow, WellnessRow

#: State-changing routes that are allowed without a CSRF token (JSON-only login:
#: a cross-site form cannot send application/json without a CORS preflight).
CSRF_EXEMPT = {("POST", "/api/v1/session")}
#: Routes scoped to the logged-in user instead of an athlete (checked below).
USER_SCOPED = {"/coach/jobs/{job_id}"}


@dataclass
class World:
    app: FastAPI
    victim: Browser
    attacker: Browser
    a_athlete: int
    b_athlete: int
    a_activity: int
    a_job: int
    a_squad_job: int


_all_routes = app_routes


def _counts(app: FastAPI, athlete_id: int) -> tuple[int, ...]:
    with app.state.db() as db:
        return tuple(
            int(
                db.scalar(select(func.count()).select_from(t).where(t.athlete_id == athlete_id))
                or 0
            )
            for t in (ActivityRow, WellnessRow, PlanRow, PlanEventRow)
        )


@pytest.fixture
def world(app: FastAPI) -> World:
    victim = sign_up(app, "alice@example.org", "Alice")
    a_athlete = onboarded(app, victim)
    store_example_plan(app, a_athlete)
    now = CLOCK
    with app.state.db() as db, db.begin():
        a_activity = repository.add_activity(
            db,
            a_athlete,
            CoreActivity(
                sport=Sport.STRENGTH,
                start=now,
                duration_s=1800,
                sets=(SetEntry("Back squat", 5, 80.0),),
                source_format="manual",
            ),
            now=now,
        )
        a_job = create_job(db, "import", athlete_id=a_athlete, user_id=None, payload={}).id
        victim_user = repository.get_user_by_email(db, "alice@example.org")
        assert victim_user is not None
        a_squad_job = create_job(
            db, "replan", athlete_id=None, user_id=victim_user.id, payload={}
        ).id
    attacker = sign_up(app, "mallory@example.org", "Mallory")
    b_athlete = onboarded(app, attacker)
    attacker.get(f"/a/{b_athlete}/today")
    return World(app, victim, attacker, a_athlete, b_athlete, a_activity, a_job, a_squad_job)


def _fill(path: str, w: World, athlete_id: int) -> str:
    values = {
        "athlete_id": str(athlete_id),
        "activity_id": str(w.a_activity),
        "job_id": str(w.a_job),
        "session_id": "tue-run",
        "access_id": "1",
        "token": "not-a-token",
    }

    def sub(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[0]
        assert name in values, f"add a value for path parameter {name!r} to this test"
        return values[name]

    return re.sub(r"\{([^}]+)\}", sub, path)


def _call(client: TestClient, method: str, url: str, csrf: str) -> int:
    headers = {"X-CSRF-Token": csrf, "Accept": "application/json"}
    json_body = {
        "day": CLOCK.date().isoformat(),
        "date": "2027-05-05",
        "start": "07:00",
        "sport": "running",
        "duration_s": 600,
    }
    response = client.request(method, url, headers=headers, json=json_body, follow_redirects=False)
    return response.status_code


def test_every_athlete_route_is_covered(app: FastAPI) -> None:
    scoped = [r for r in _all_routes(app) if "{athlete_id}" in r[1]]
    assert len(scoped) >= 15, scoped
    for method, path in _all_routes(app):
        if (method, path) in PUBLIC:
            continue
        # Every other route needs a login; if it names data, it names the athlete.
        if re.search(r"\{(activity_id|job_id|session_id)\}", path) and path not in USER_SCOPED:
            assert "{athlete_id}" in path, f"{method} {path} reaches data without athlete scope"


def test_other_users_athlete_is_404_on_every_route(world: World) -> None:
    before = _counts(world.app, world.a_athlete)
    failures = []
    for method, path in _all_routes(world.app):
        if "{athlete_id}" not in path:
            continue
        url = _fill(path, world, world.a_athlete)
        status = _call(world.attacker.client, method, url, world.attacker.csrf)
        if status != 404:
            failures.append(f"{method} {url} -> {status}")
    assert failures == []
    assert _counts(world.app, world.a_athlete) == before


def test_victims_ids_under_own_athlete_are_404(world: World) -> None:
    """Object ids are checked against the athlete of the path, not just the athlete."""
    before = _counts(world.app, world.a_athlete)
    failures = []
    for method, path in _all_routes(world.app):
        if "{athlete_id}" not in path or not re.search(r"\{(activity_id|job_id)\}", path):
            continue
        url = _fill(path, world, world.b_athlete)
        status = _call(world.attacker.client, method, url, world.attacker.csrf)
        if status != 404:
            failures.append(f"{method} {url} -> {status}")
    assert failures == []
    assert _counts(world.app, world.a_athlete) == before


def test_victim_can_reach_own_data(world: World) -> None:
    """The matrix is not vacuous: the owner gets 200 on the read routes."""
    for url in (
        f"/a/{world.a_athlete}/today",
        f"/a/{world.a_athlete}/plan",
        f"/a/{world.a_athlete}/log/{world.a_activity}",
        f"/api/v1/athletes/{world.a_athlete}/activities/{world.a_activity}",
        f"/api/v1/athletes/{world.a_athlete}/plan",
    ):
        assert world.victim.client.get(url).status_code == 200, url


def test_anonymous_gets_login_on_every_private_route(world: World) -> None:
    client = TestClient(world.app, raise_server_exceptions=False)
    failures = []
    for method, path in _all_routes(world.app):
        if (method, path) in PUBLIC:
            continue
        url = _fill(path, world, world.a_athlete)
        response = client.request(method, url, follow_redirects=False)
        ok = response.status_code in (401, 403) or (
            response.status_code == 303 and response.headers["location"].startswith("/login")
        )
        if not ok:
            failures.append(f"{method} {url} -> {response.status_code}")
    assert failures == []


def test_every_state_changing_route_needs_csrf(world: World) -> None:
    failures = []
    for method, path in _all_routes(world.app):
        if method == "GET" or (method, path) in CSRF_EXEMPT:
            continue
        url = _fill(path, world, world.a_athlete)
        response = world.victim.client.request(method, url, data={"x": "1"}, follow_redirects=False)
        if response.status_code != 403:
            failures.append(f"{method} {url} -> {response.status_code}")
    assert failures == []


def test_user_scoped_routes_hide_other_users_jobs(world: World) -> None:
    for method, path in _all_routes(world.app):
        if path not in USER_SCOPED:
            continue
        url = path.replace("{job_id}", str(world.a_squad_job))
        assert _call(world.attacker.client, method, url, world.attacker.csrf) == 404, url
        assert world.victim.client.request(method, url).status_code == 200, url
