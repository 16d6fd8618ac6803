"""Settings (profile, account, coach access, export), Coach page, Progress, calendar feed."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import CLOCK, Browser, onboarded, profile_form, sign_up, store_example_plan

from runstrong.core.model import Activity, SetEntry, Sport, Wellness
from runstrong.storage import repository


def _log_history(app: FastAPI, athlete_id: int) -> None:
    """Eight weeks of lifts and runs with check-ins (for the progress page)."""
    start = dt.datetime(2026, 9, 1, 7, 0, tzinfo=dt.UTC)
    now = CLOCK
    with app.state.db() as db, db.begin():
        for day in range(0, 56, 2):
            when = start + dt.timedelta(days=day)
            repository.add_activity(
                db,
                athlete_id,
                Activity(
                    sport=Sport.RUNNING,
                    start=when,
                    duration_s=2400,
                    distance_m=5000 if day % 14 else 8000,
                    avg_hr_bpm=150,
                    session_rpe=4 + day % 3,
                    source_format="manual",
                ),
                now=now,
            )
            repository.add_activity(
                db,
                athlete_id,
                Activity(
                    sport=Sport.STRENGTH,
                    start=when + dt.timedelta(hours=10),
                    duration_s=2700,
                    session_rpe=6,
                    sets=tuple(
                        SetEntry("Back squat", 5, 60.0 + day, rpe=8.0, order=i) for i in range(3)
                    ),
                    source_format="manual",
                ),
                now=now,
            )
            repository.put_wellness(
                db, athlete_id, Wellness(day=when.date(), sleep_h=7 + day % 2, soreness=2)
            )


def test_progress_page_has_every_chart(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _log_history(app, athlete_id)
    page = owner.client.get(f"/a/{athlete_id}/progress")
    assert page.status_code == 200
    for chart in ("pmc-data", "acwr-data", "weekly-data", "e1rm-data"):
        assert f'id="{chart}"' in page.text
    assert "Back squat (e1RM)" in page.text
    assert "5 km" in page.text
    # One load currency: the sources are named in words, not as raw keys or "TRIMP".
    assert "Load in session-RPE units; activities: " in page.text
    assert "srpe_default" not in page.text
    assert "/static/vendor/uplot/uPlot.iife.min.js" in page.text


def test_progress_page_empty_log(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    page = owner.client.get(f"/a/{athlete_id}/progress")
    assert page.status_code == 200
    assert "Nothing logged yet." in page.text


def test_static_assets_are_served_locally(app: FastAPI) -> None:
    client = TestClient(app)
    for path in (
        "/static/vendor/uplot/uPlot.iife.min.js",
        "/static/vendor/uplot/LICENSE",
        "/static/js/charts.js",
        "/static/js/app.js",
        "/static/css/app.css",
    ):
        assert client.get(path).status_code == 200, path


def test_profile_edit_validates_and_saves(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    page = owner.get(f"/a/{athlete_id}/settings")
    assert 'value="Alex Example"' in page.text
    bad = owner.post(f"/a/{athlete_id}/settings/profile", {"name": "Alex"})
    assert bad.status_code == 422
    assert "field-error" in bad.text


def test_password_change_needs_current_password(app: FastAPI, owner: Browser) -> None:
    owner.get("/settings")
    response = owner.post(
        "/settings/account",
        {"display_name": "Olive", "current_password": "wrong", "new_password": "x" * 12},
    )
    assert response.status_code == 422
    assert "This is not your current password." in response.text
    ok = owner.post(
        "/settings/account",
        {
            "display_name": "Olive",
            "current_password": "correct horse 1",
            "new_password": "a new long password",
            "new_password2": "a new long password",
        },
    )
    assert ok.status_code == 303
    owner.post("/logout")
    owner.get("/login")
    login = owner.post("/login", {"email": "owner@example.org", "password": "a new long password"})
    assert login.status_code == 303


def test_coach_access_grant_and_revoke(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    coach = sign_up(app, "coach@example.org", "Cora Coach")
    assert coach.client.get(f"/a/{athlete_id}/today").status_code == 404
    owner.get(f"/a/{athlete_id}/settings")
    missing = owner.post(f"/a/{athlete_id}/access", {"coach_email": "nobody@example.org"})
    assert missing.status_code == 422
    assert "the coach must create an account first" in missing.text
    assert (
        owner.post(f"/a/{athlete_id}/access", {"coach_email": "coach@example.org"}).status_code
        == 303
    )
    assert coach.client.get(f"/a/{athlete_id}/today").status_code == 200
    board = coach.client.get("/coach")
    assert "Alex Example" in board.text
    # a coach may not manage access or export the athlete's data
    assert coach.client.get(f"/a/{athlete_id}/settings").status_code == 403
    assert coach.client.get(f"/a/{athlete_id}/export.zip").status_code == 403
    page = owner.get(f"/a/{athlete_id}/settings")
    access_id = page.text.split(f"/a/{athlete_id}/access/")[1].split("/")[0]
    assert owner.post(f"/a/{athlete_id}/access/{access_id}/revoke").status_code == 303
    assert coach.client.get(f"/a/{athlete_id}/today").status_code == 404


def test_export_zip_is_lossless_for_the_athlete(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _log_history(app, athlete_id)
    response = owner.client.get(f"/a/{athlete_id}/export.zip")
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    lines = archive.read("activities.jsonl").decode().splitlines()
    assert len(lines) == 56
    first = json.loads(lines[0])
    assert first["sport"] == "running"
    assert "Alex Example" in archive.read("profile.toml").decode()


def test_calendar_feed_token_lifecycle(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    owner.get(f"/a/{athlete_id}/plan")
    created = owner.post(f"/a/{athlete_id}/calendar-token")
    assert created.status_code == 201
    url = created.text.split('id="feed-url">')[1].split("<")[0]
    path = url.replace("http://testserver", "")
    anonymous = TestClient(app)
    feed = anonymous.get(path)
    assert feed.status_code == 200
    assert feed.text.startswith("BEGIN:VCALENDAR")
    assert "Goal race 5 km" in feed.text
    owner.get(f"/a/{athlete_id}/plan")
    assert owner.post(f"/a/{athlete_id}/calendar-token/revoke").status_code == 303
    assert anonymous.get(path).status_code == 404


def test_plan_downloads(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    ics = owner.client.get(f"/a/{athlete_id}/plan.ics")
    assert ics.status_code == 200 and "BEGIN:VEVENT" in ics.text
    fit = owner.client.get(f"/a/{athlete_id}/plan/session/tue-run/workout.fit")
    assert fit.status_code == 200
    assert fit.content[8:12] == b".FIT"


def test_password_change_ends_other_sessions(app: FastAPI, owner: Browser) -> None:
    from web_support import new_browser

    other = new_browser(app)
    other.get("/login")
    other.post("/login", {"email": "owner@example.org", "password": "correct horse 1"})
    assert other.client.get("/settings").status_code == 200
    owner.get("/settings")
    changed = owner.post(
        "/settings/account",
        {
            "display_name": "Olive",
            "current_password": "correct horse 1",
            "new_password": "another long password",
            "new_password2": "another long password",
        },
    )
    assert changed.status_code == 303
    assert owner.client.get("/settings").status_code == 200
    assert other.client.get("/settings", follow_redirects=False).status_code == 303


def test_pages_follow_the_athletes_units(app: FastAPI, owner: Browser) -> None:
    owner.get("/onboarding")
    response = owner.post("/onboarding", profile_form(units="mi"))
    athlete_id = int(response.headers["location"].split("/")[2])
    now = CLOCK
    with app.state.db() as db, db.begin():
        activity_id = repository.add_activity(
            db,
            athlete_id,
            Activity(sport=Sport.RUNNING, start=now, duration_s=1800, distance_m=8046.72),
            now=now,
        )
    page = owner.client.get(f"/a/{athlete_id}/log/{activity_id}")
    assert "<b>5 mi</b>" in page.text  # one decimal at most, whole miles bare (issue 15)
    assert "6:00 /mi" in page.text


def test_replan_squad_runs_as_a_job(app: FastAPI, owner: Browser) -> None:
    import time

    athlete_id = onboarded(app, owner)
    owner.get("/coach")
    response = owner.post("/coach/replan")
    assert response.status_code == 303
    url = response.headers["location"]
    deadline = time.monotonic() + 60
    page = owner.client.get(url)
    while "Re-plan done" not in page.text and time.monotonic() < deadline:
        time.sleep(0.2)
        page = owner.client.get(url)
    assert "Re-plan done" in page.text
    assert f'href="/a/{athlete_id}/plan"' in page.text


def test_api_build_progress_and_access(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _log_history(app, athlete_id)
    sign_up(app, "coach@example.org", "Cora Coach")
    headers = {"X-CSRF-Token": owner.csrf}
    base = f"/api/v1/athletes/{athlete_id}"
    built = owner.client.post(f"{base}/plan", headers=headers)
    assert built.status_code == 201, built.text  # a valid profile, race 16 weeks ahead
    assert built.json()["race_date"] == profile_form()["goal.date"]
    progress = owner.client.get(f"{base}/progress").json()
    assert progress["pmc"]["series"][0]["name"] == "Fitness"
    assert any(pb["what"] == "Back squat (e1RM)" for pb in progress["personal_bests"])
    missing = owner.client.post(
        f"{base}/access", json={"coach_email": "nobody@example.org"}, headers=headers
    )
    assert missing.status_code == 404
    granted = owner.client.post(
        f"{base}/access", json={"coach_email": "coach@example.org"}, headers=headers
    )
    assert granted.status_code == 201
    listed = owner.client.get(f"{base}/access").json()
    assert [a["coach_email"] for a in listed] == ["coach@example.org"]
    gone = owner.client.delete(f"{base}/access/{granted.json()['id']}", headers=headers)
    assert gone.status_code == 204
    assert owner.client.get(f"{base}/access").json() == []
