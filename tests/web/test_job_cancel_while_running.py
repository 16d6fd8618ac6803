"""A job already running when its coach's access is revoked stops at its commit point
(issue 14): it is marked ``cancelled`` with the reason and nothing half-written stays.

The jobs are held (the queue stands still) and run here as a worker would; the
revocation is made through the API from inside the running job (its progress
report, or the planner), i.e. while the job runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import select
from web_support import Browser, HeldJobs, grant_coach, onboarded

from runstrong.core.athlete import Athlete
from runstrong.services import job_handlers, jobs
from runstrong.services.jobs import create_job, run_job
from runstrong.storage.tables import JobRow, UserRow
from runstrong.web.context import session_factory

DATA = Path(__file__).resolve().parents[1] / "data" / "activities" / "python-fitparse"
FILES = [DATA / "activity-small-fenix2-run.fit", DATA / "2013-02-06-12-11-14.fit"]


@pytest.fixture
def coached(app: FastAPI, owner: Browser, browser_factory: Any) -> tuple[Browser, int, int, int]:
    """(coach, athlete id, access id, coach's user id)."""
    coach = browser_factory("coach@example.org", "Cora Coach")
    athlete_id = onboarded(app, owner)
    access_id = grant_coach(owner, athlete_id)
    with session_factory(app)() as db:
        coach_id = db.scalar(select(UserRow.id).where(UserRow.email == "coach@example.org"))
    assert coach_id is not None
    return coach, athlete_id, access_id, int(coach_id)


def _revoke(owner: Browser, athlete_id: int, access_id: int) -> None:
    revoked = owner.client.delete(
        f"/api/v1/athletes/{athlete_id}/access/{access_id}", headers={"X-CSRF-Token": owner.csrf}
    )
    assert revoked.status_code == 204, revoked.text


def _activities(owner: Browser, athlete_id: int) -> list[dict[str, Any]]:
    listed = owner.client.get(f"/api/v1/athletes/{athlete_id}/activities?since=2000-01-01")
    assert listed.status_code == 200
    return list(listed.json())


def _upload_two(coach: Browser, athlete_id: int) -> int:
    response = coach.client.post(
        f"/api/v1/athletes/{athlete_id}/uploads",
        files=[("files", (p.name, p.read_bytes(), "application/octet-stream")) for p in FILES],
        headers={"X-CSRF-Token": coach.csrf},
    )
    assert response.status_code == 202, response.text
    return int(response.json()["id"])


def _revoke_at_progress(monkeypatch: pytest.MonkeyPatch, files_done: int, revoke: Any) -> list[int]:
    """Revoke (once) when the running job reports ``files_done`` files done."""
    seen: list[int] = []
    real = jobs.JobContext.progress

    def progress(self: jobs.JobContext, done: int, total: int | None) -> None:
        real(self, done, total)
        seen.append(done)
        if done == files_done and seen.count(done) == 1:
            revoke()

    monkeypatch.setattr(jobs.JobContext, "progress", progress)
    return seen


@pytest.mark.postgres
def test_an_import_running_when_access_is_revoked_stores_nothing(
    app: FastAPI,
    owner: Browser,
    coached: tuple[Browser, int, int, int],
    held: HeldJobs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coach, athlete_id, access_id, coach_id = coached
    job_id = _upload_two(coach, athlete_id)
    # Revoked once the job has started (its first progress report), before its commit.
    _revoke_at_progress(monkeypatch, 0, lambda: _revoke(owner, athlete_id, access_id))
    assert run_job(session_factory(app), job_id) == "cancelled"
    status = owner.client.get(f"/api/v1/athletes/{athlete_id}/jobs/{job_id}").json()
    assert status["status"] == "cancelled"
    assert status["error"] == (
        f"cancelled while it ran: the user who queued it (user {coach_id}) lost access to "
        f"athlete {athlete_id} (coach access revoked); the work in progress was rolled back, "
        "nothing of it was stored; no activity of this import was stored"
    )
    assert _activities(owner, athlete_id) == []
    page = owner.client.get(f"/a/{athlete_id}/jobs/{job_id}")
    assert "Import cancelled" in page.text and "lost access" in page.text


@pytest.mark.postgres
def test_an_import_keeps_the_batches_committed_before_the_revocation(
    app: FastAPI,
    owner: Browser,
    coached: tuple[Browser, int, int, int],
    held: HeldJobs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coach, athlete_id, access_id, _coach_id = coached
    monkeypatch.setattr(job_handlers, "IMPORT_BATCH_SIZE", 1)
    job_id = _upload_two(coach, athlete_id)
    # Revoked after the first file's batch was committed, while the second is to come.
    _revoke_at_progress(monkeypatch, 1, lambda: _revoke(owner, athlete_id, access_id))
    assert run_job(session_factory(app), job_id) == "cancelled"
    with session_factory(app)() as db:
        row = db.get(JobRow, job_id)
        assert row is not None
        assert row.status == "cancelled" and row.result == {"stored": 1}
        assert row.error is not None and row.error.endswith(
            "nothing of it was stored; 1 activity imported by earlier batches, while the "
            "access lasted, stay in the log"
        )
    assert len(_activities(owner, athlete_id)) == 1


@pytest.mark.postgres
def test_a_replan_whose_access_ends_while_planning_stores_no_plan(
    app: FastAPI,
    owner: Browser,
    coached: tuple[Browser, int, int, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _coach, athlete_id, access_id, coach_id = coached
    with session_factory(app)() as db, db.begin():
        job_id = create_job(
            db,
            "replan",
            athlete_id=None,
            user_id=coach_id,
            payload={"athlete_ids": [athlete_id], "start": "2026-12-14"},
        ).id
    before = owner.client.get(f"/api/v1/athletes/{athlete_id}/plan").json()
    real = job_handlers.attempt_plan

    def plan_then_revoke(athlete: Athlete, today: Any) -> Any:
        built = real(athlete, today)
        _revoke(owner, athlete_id, access_id)  # while the job runs, before it stores
        return built

    monkeypatch.setattr(job_handlers, "attempt_plan", plan_then_revoke)
    assert run_job(session_factory(app), job_id) == "done"
    with session_factory(app)() as db:
        row = db.get(JobRow, job_id)
        assert row is not None and row.result is not None
        assert [a["message"] for a in row.result["athletes"]] == [job_handlers.ACCESS_ENDED]
    assert owner.client.get(f"/api/v1/athletes/{athlete_id}/plan").json() == before
