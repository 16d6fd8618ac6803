"""Today page (check-in, done as planned, manual log) and Log page (list, detail, upload job)."""

from __future__ import annotations

import datetime as dt

from fastapi import FastAPI
from web_support import FIT_RUN, Browser, onboarded, store_example_plan, wait_job

from runstrong.storage import repository


def test_today_page_renders_rest_day_and_checkin(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    page = owner.get(f"/a/{athlete_id}/today")
    assert page.status_code == 200
    assert "Morning check-in" in page.text
    assert "no check-in for today" in page.text


def test_checkin_is_saved_and_changes_readiness(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    response = owner.post(
        f"/a/{athlete_id}/wellness",
        {"sleep_h": "5", "sleep_quality": "2", "soreness": "5", "leg_feel": "1", "stress": "5"},
    )
    assert response.status_code == 303
    page = owner.get(f"/a/{athlete_id}/today")
    assert "red" in page.text
    assert "short or poor sleep" in page.text


def test_checkin_out_of_range_is_a_field_error(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    response = owner.post(f"/a/{athlete_id}/wellness", {"sleep_h": "30"})
    assert response.status_code == 422
    assert 'id="e-sleep_h"' in response.text
    assert "30 is too high: use 24 or less" in response.text


def test_log_a_lift_then_see_it(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    response = owner.post(
        f"/a/{athlete_id}/log/new",
        {
            "sport": "strength",
            "duration_min": "45",
            "session_rpe": "7",
            "set.0.exercise": "Back squat",
            "set.0.sets": "3",
            "set.0.reps": "5",
            "set.0.load_kg": "80",
            "set.0.rpe": "7.5",
        },
    )
    assert response.status_code == 303, response.text
    detail = owner.client.get(response.headers["location"])
    assert detail.status_code == 200
    assert detail.text.count("Back squat") == 3
    log = owner.client.get(f"/a/{athlete_id}/log")
    assert "3 sets" in log.text


def test_log_without_minutes_is_a_field_error(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    response = owner.post(f"/a/{athlete_id}/log/new", {"sport": "running", "distance_km": "5"})
    assert response.status_code == 422
    assert 'id="e-duration_min"' in response.text


def test_done_as_planned_logs_the_session_once(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    owner.get(f"/a/{athlete_id}/today")
    for _ in range(2):
        response = owner.post(f"/a/{athlete_id}/today/done/mon-strength")
        assert response.status_code == 303
    with app.state.db() as db:
        acts = repository.list_activities(db, athlete_id)
    assert len(acts) == 1
    assert acts[0].activity.source_name == "plan:mon-strength"
    assert acts[0].activity.start.date() == dt.date(2027, 5, 3)
    # 5 exercises × 2 sets in the example plan
    assert len(acts[0].activity.sets) == 10


def test_log_filters_validate(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.client.get(f"/a/{athlete_id}/log?since=yesterday&sport=curling")
    assert response.status_code == 422
    assert "from &#39;yesterday&#39; is not a date" in response.text
    assert "&#39;curling&#39; is not a sport" in response.text


def test_upload_fit_runs_a_job_and_shows_the_activity(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/upload")
    response = owner.client.post(
        f"/a/{athlete_id}/upload",
        files=[("files", ("run.fit", FIT_RUN.read_bytes(), "application/octet-stream"))],
        headers={"X-CSRF-Token": owner.csrf, "Accept": "application/json"},
    )
    assert response.status_code == 202, response.text
    job = wait_job(owner, str(response.json()["status_url"]))
    assert job["status"] == "done", job
    result = job["result"]
    assert isinstance(result, dict) and result["imported"] == 1
    page = owner.client.get(f"/a/{athlete_id}/jobs/{job['id']}")
    assert "Imported" in page.text
    (activity_id,) = result["imported_ids"]
    detail = owner.client.get(f"/a/{athlete_id}/log/{activity_id}")
    assert 'data-track="track-data"' in detail.text
    assert "Heart rate (bpm)" in detail.text
    # the same file again is a duplicate
    again = owner.client.post(
        f"/a/{athlete_id}/upload",
        files=[("files", ("run.fit", FIT_RUN.read_bytes(), "application/octet-stream"))],
        headers={"X-CSRF-Token": owner.csrf, "Accept": "application/json"},
    )
    second = wait_job(owner, str(again.json()["status_url"]))
    assert isinstance(second["result"], dict) and second["result"]["duplicates"] == 1


def test_upload_without_files_is_a_field_error(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/upload")
    response = owner.client.post(
        f"/a/{athlete_id}/upload", data={"csrf_token": owner.csrf}, files={"x": ("", b"")}
    )
    assert response.status_code == 422
    assert "Choose at least one file." in response.text


def test_api_upload_returns_a_job_to_poll(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.client.post(
        f"/api/v1/athletes/{athlete_id}/uploads",
        files=[("files", ("run.fit", FIT_RUN.read_bytes(), "application/octet-stream"))],
        headers={"X-CSRF-Token": owner.csrf},
    )
    assert response.status_code == 202, response.text
    job = wait_job(owner, str(response.json()["status_url"]))
    assert isinstance(job["result"], dict) and job["result"]["imported"] == 1
    listed = owner.client.get(f"/api/v1/athletes/{athlete_id}/activities?since=2015-01-01")
    assert [a["sport"] for a in listed.json()] == ["running"]


def test_short_day_fits_the_sessions_into_the_minutes(app: FastAPI, owner: Browser) -> None:
    """R22: on a congested day the sessions are fitted into the minutes there are."""
    from unittest import mock

    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    # The example plan's Monday holds a 35-minute strength session.
    with mock.patch("runstrong.web.routes.pages_today.local_day", return_value=dt.date(2027, 5, 3)):
        full = owner.client.get(f"/a/{athlete_id}/today")
        short = owner.client.get(f"/a/{athlete_id}/today?minutes=15")
    assert "Adapted for today" not in full.text
    assert "Adapted for today" in short.text
    assert "R22" in short.text
    bad = owner.client.get(f"/a/{athlete_id}/today?minutes=-5")
    assert bad.status_code == 422


def test_session_rpe_and_checkins_in_the_log(app: FastAPI, owner: Browser) -> None:
    """R25: the log keeps the day's check-in (sleep, stress, food) beside its sessions."""
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    owner.post(
        f"/a/{athlete_id}/wellness",
        {"sleep_h": "6.5", "stress": "4", "nutrition_notes": "pasta dinner"},
    )
    created = owner.post(f"/a/{athlete_id}/log/new", {"sport": "running", "duration_min": "40"})
    url = created.headers["location"]
    owner.get(url)
    bad = owner.post(url + "/rpe", {"session_rpe": "11"})
    assert bad.status_code == 422
    assert "session RPE &#39;11&#39; is not allowed; use a number from 1 to 10" in bad.text
    assert owner.post(url + "/rpe", {"session_rpe": "6.5"}).status_code == 303
    activity_id = int(url.rsplit("/", 1)[1])
    with app.state.db() as db:
        assert repository.get_activity(db, activity_id).activity.session_rpe == 6.5
    log = owner.client.get(f"/a/{athlete_id}/log")
    assert "sleep 6.5 h" in log.text
    assert "food: pasta dinner" in log.text
