"""The access policy (runstrong.web.policy, docs/web.md "Who may do what") over every route.

Routes are read from the app's router, so a new route cannot be missed: each one
must be public, account-scoped or athlete-scoped, and each athlete route is
called as the owner, a coach, a revoked coach, another user and an anonymous
visitor. The expected status follows from the route's action (read, train,
own) and the role, as in the documented matrix.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import (
    CLOCK,
    PUBLIC,
    Browser,
    app_routes,
    grant_coach,
    onboarded,
    sign_up,
    store_example_plan,
)

from runstrong.core.model import Activity, SetEntry, Sport
from runstrong.services.jobs import create_job
from runstrong.storage import repository
from runstrong.storage.tables import AthleteAccessRow
from runstrong.web.policy import Action, action_for

#: Routes about the logged-in user's own account or squad (no athlete in the path).
ACCOUNT = {
    ("POST", "/logout"),
    ("DELETE", "/api/v1/session"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/athletes"),
    ("GET", "/onboarding"),
    ("POST", "/onboarding"),
    ("GET", "/settings"),
    ("POST", "/settings/account"),
    ("GET", "/coach"),
    ("POST", "/coach/replan"),
    ("GET", "/coach/jobs/{job_id}"),
    ("GET", "/docs"),
}
DENIED_BY_LOGIN = {401, 303}


@dataclass
class World:
    app: FastAPI
    owner: Browser
    coach: Browser
    revoked: Browser
    other: Browser
    athlete_id: int
    activity_id: int
    job_id: int
    page_access_id: int
    api_access_id: int


@pytest.fixture
def world(app: FastAPI) -> World:
    owner = sign_up(app, "olive@example.org", "Olive")
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    owner.get(f"/a/{athlete_id}/today")
    coach = sign_up(app, "cora@example.org", "Cora Coach")
    revoked = sign_up(app, "rex@example.org", "Rex Revoked")
    other = sign_up(app, "mallory@example.org", "Mallory")
    for email in ("sam@example.org", "sue@example.org"):
        assert sign_up(app, email, "Spare Coach").csrf
    grant_coach(owner, athlete_id, "cora@example.org")
    rex_access = grant_coach(owner, athlete_id, "rex@example.org")
    page_access = grant_coach(owner, athlete_id, "sam@example.org")
    api_access = grant_coach(owner, athlete_id, "sue@example.org")
    response = owner.client.delete(
        f"/api/v1/athletes/{athlete_id}/access/{rex_access}", headers={"X-CSRF-Token": owner.csrf}
    )
    assert response.status_code == 204
    onboarded(app, other)
    now = CLOCK
    with app.state.db() as db, db.begin():
        activity_id = repository.add_activity(
            db,
            athlete_id,
            Activity(
                sport=Sport.STRENGTH,
                start=now - dt.timedelta(days=1),
                duration_s=1800,
                sets=(SetEntry("Back squat", 5, 80.0),),
                source_format="manual",
            ),
            now=now,
        )
        job_id = create_job(db, "import", athlete_id=athlete_id, user_id=None, payload={}).id
    for browser in (coach, revoked, other):
        browser.get("/coach")
    return World(
        app,
        owner,
        coach,
        revoked,
        other,
        athlete_id,
        activity_id,
        int(job_id),
        page_access,
        api_access,
    )


def _first_session_id(w: World) -> str:
    """A session of the athlete's current plan (building a plan replaces the sessions)."""
    plan = w.owner.client.get(f"/api/v1/athletes/{w.athlete_id}/plan").json()
    return str(next(s["id"] for week in plan["weeks"] for s in week["sessions"]))


def _url(path: str, w: World) -> str:
    values = {
        "athlete_id": str(w.athlete_id),
        "activity_id": str(w.activity_id),
        "job_id": str(w.job_id),
        "access_id": str(w.api_access_id if path.startswith("/api/") else w.page_access_id),
    }
    if "{session_id}" in path:
        values["session_id"] = _first_session_id(w)

    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in values, f"add a value for path parameter {name!r} to this test"
        return values[name]

    return re.sub(r"\{([^}:]+)\}", sub, path)


def _call(client: TestClient, csrf: str, method: str, url: str) -> int:
    headers = {"X-CSRF-Token": csrf}
    if url.startswith("/api/"):
        response = client.request(method, url, headers=headers, json={}, follow_redirects=False)
    else:
        response = client.request(
            method, url, headers=headers, data={"csrf_token": csrf}, follow_redirects=False
        )
    return response.status_code


def _athlete_routes(app: FastAPI) -> list[tuple[str, str]]:
    return [(m, p) for m, p in app_routes(app) if "{athlete_id}" in p]


def test_every_route_has_a_place_in_the_policy(app: FastAPI) -> None:
    unplaced = [
        f"{m} {p}"
        for m, p in app_routes(app)
        if (m, p) not in PUBLIC and (m, p) not in ACCOUNT and "{athlete_id}" not in p
    ]
    assert unplaced == []
    actions = {action_for(m, p) for m, p in _athlete_routes(app)}
    assert actions == {Action.READ, Action.TRAIN, Action.OWN}


def test_matrix_for_every_athlete_route(world: World) -> None:
    """Owner and coach may read and train; only the owner may own; the rest see nothing."""
    anonymous = TestClient(world.app, raise_server_exceptions=False)
    failures: list[str] = []
    routes = _athlete_routes(world.app)
    # The owner goes last: its calls change the world (revoking the spare coach, …).
    for role, browser in (
        ("anonymous", None),
        ("other", world.other),
        ("revoked coach", world.revoked),
        ("coach", world.coach),
        ("owner", world.owner),
    ):
        for method, path in routes:
            url = _url(path, world)
            if browser is None:
                status = _call(anonymous, "", method, url)
            else:
                status = _call(browser.client, browser.csrf, method, url)
            action = action_for(method, path)
            if role == "anonymous":
                ok = status in DENIED_BY_LOGIN or (status == 403 and method != "GET")
            elif role in ("other", "revoked coach"):
                ok = status == 404
            elif role == "coach" and action is Action.OWN:
                ok = status == 403
            else:
                ok = status < 500 and status not in (401, 403, 404)
            if not ok:
                failures.append(f"{role}: {method} {url} ({action}) -> {status}")
    assert failures == [], "\n".join(failures)


def test_anonymous_is_sent_to_log_in_on_every_private_route(world: World) -> None:
    client = TestClient(world.app, raise_server_exceptions=False)
    failures = []
    for method, path in app_routes(world.app):
        if (method, path) in PUBLIC:
            continue
        url = _url(path, world)
        response = client.request(method, url, follow_redirects=False)
        if path.startswith("/api/"):
            ok = response.status_code == 401 or (response.status_code == 403 and method != "GET")
        else:
            ok = response.status_code == 303 and response.headers["location"].startswith("/login")
            ok = ok or (response.status_code == 403 and method != "GET")
        if not ok:
            failures.append(f"{method} {url} -> {response.status_code}")
    assert failures == []


def test_coach_profile_change_is_refused_alike_on_api_and_page(world: World) -> None:
    base = f"/api/v1/athletes/{world.athlete_id}/profile"
    before = world.owner.client.get(base).json()["toml"]
    assert world.coach.client.get(base).json()["toml"] == before
    api = world.coach.client.put(
        base, json={"toml": before + "\n"}, headers={"X-CSRF-Token": world.coach.csrf}
    )
    assert api.status_code == 403
    assert api.json()["detail"].startswith(f"Only the owner of athlete {world.athlete_id} may")
    page = world.coach.post(f"/a/{world.athlete_id}/settings/profile", {"name": "Changed"})
    assert page.status_code == 403
    assert f"Only the owner of athlete {world.athlete_id} may" in page.text
    assert world.owner.client.get(base).json()["toml"] == before


def _feed(browser: Browser, athlete_id: int) -> str:
    browser.get(f"/a/{athlete_id}/plan")
    page = browser.post(f"/a/{athlete_id}/calendar-token")
    assert page.status_code == 201, page.text
    url = page.text.split('id="feed-url">')[1].split("<")[0]
    return url.replace("http://testserver", "")


def test_feeds_are_per_creator_and_end_with_the_coachs_access(world: World) -> None:
    anonymous = TestClient(world.app)
    owner_feed = _feed(world.owner, world.athlete_id)
    coach_feed = _feed(world.coach, world.athlete_id)
    # The coach's feed did not end the owner's (it did before feeds had creators).
    assert anonymous.get(owner_feed).status_code == 200
    assert anonymous.get(coach_feed).status_code == 200
    # The coach revoking their feed leaves the owner's alone.
    assert world.coach.post(f"/a/{world.athlete_id}/calendar-token/revoke").status_code == 303
    assert anonymous.get(coach_feed).status_code == 404
    assert anonymous.get(owner_feed).status_code == 200
    coach_feed = _feed(world.coach, world.athlete_id)
    with world.app.state.db() as db:
        access_id = db.scalar(
            AthleteAccessRow.__table__.select()
            .with_only_columns(AthleteAccessRow.id)
            .where(
                AthleteAccessRow.athlete_id == world.athlete_id,
                AthleteAccessRow.revoked_at.is_(None),
            )
            .order_by(AthleteAccessRow.id)
        )
    response = world.owner.client.delete(
        f"/api/v1/athletes/{world.athlete_id}/access/{access_id}",
        headers={"X-CSRF-Token": world.owner.csrf},
    )
    assert response.status_code == 204
    assert anonymous.get(coach_feed).status_code == 404
    assert anonymous.get(owner_feed).status_code == 200
