"""A queued import job never runs once the coach who queued it has lost access (issue 14).

The jobs here are held in a fake runner (the queue stands still) so the
revocation surely comes before the run; then they are run as a worker would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import FastAPI
from sqlalchemy import update
from web_support import FIT_RUN, Browser, HeldJobs, grant_coach, onboarded

from runstrong.services.jobs import run_job
from runstrong.storage.tables import AthleteAccessRow, JobRow
from runstrong.web.context import session_factory


def _coached(app: FastAPI, owner: Browser, coach: Browser) -> tuple[int, int]:
    athlete_id = onboarded(app, owner)
    return athlete_id, grant_coach(owner, athlete_id)


def _upload(browser: Browser, athlete_id: int) -> int:
    response = browser.client.post(
        f"/api/v1/athletes/{athlete_id}/uploads",
        files=[("files", ("run.fit", FIT_RUN.read_bytes(), "application/octet-stream"))],
        headers={"X-CSRF-Token": browser.csrf},
    )
    assert response.status_code == 202, response.text
    return int(response.json()["id"])


def _spool(app: FastAPI, job_id: int) -> Path:
    with session_factory(app)() as db:
        row = db.get(JobRow, job_id)
        assert row is not None
        return Path(str(row.payload["dir"]))


def _activities(owner: Browser, athlete_id: int) -> list[object]:
    listed = owner.client.get(f"/api/v1/athletes/{athlete_id}/activities?since=2000-01-01")
    assert listed.status_code == 200
    return list(listed.json())


def test_revoking_a_coach_cancels_the_coach_s_queued_import(
    app: FastAPI, owner: Browser, browser_factory, held: HeldJobs
) -> None:  # type: ignore[no-untyped-def]
    coach = browser_factory("coach@example.org", "Cora Coach")
    athlete_id, access_id = _coached(app, owner, coach)
    coach_job = _upload(coach, athlete_id)
    owner_job = _upload(owner, athlete_id)
    spool = _spool(app, coach_job)
    assert spool.is_dir()

    revoked = owner.client.delete(
        f"/api/v1/athletes/{athlete_id}/access/{access_id}", headers={"X-CSRF-Token": owner.csrf}
    )
    assert revoked.status_code == 204
    status = owner.client.get(f"/api/v1/athletes/{athlete_id}/jobs/{coach_job}").json()
    assert status["status"] == "cancelled"
    assert status["error"] == (
        f"cancelled before it ran: the user who queued it (user {coach_user_id(app)}) no "
        f"longer has access to athlete {athlete_id} (coach access revoked); nothing of it "
        "was done"
    )
    page = owner.client.get(f"/a/{athlete_id}/jobs/{coach_job}")
    assert "Import cancelled" in page.text and "coach access revoked" in page.text

    # The worker's turn comes: the cancelled job does not run; its upload is removed.
    assert held.ids == [coach_job, owner_job]
    assert run_job(session_factory(app), coach_job) is None
    assert not spool.exists()
    assert _activities(owner, athlete_id) == []
    # The owner's own job is not the coach's: it runs.
    assert run_job(session_factory(app), owner_job) == "done"
    assert len(_activities(owner, athlete_id)) == 1


def test_a_job_whose_user_lost_access_refuses_to_run(
    app: FastAPI, owner: Browser, browser_factory, held: HeldJobs
) -> None:  # type: ignore[no-untyped-def]
    """Access ended by any path (here the row, as another process would): checked at run."""
    coach = browser_factory("coach@example.org", "Cora Coach")
    athlete_id, access_id = _coached(app, owner, coach)
    job_id = _upload(coach, athlete_id)
    spool = _spool(app, job_id)
    with session_factory(app)() as db, db.begin():
        db.execute(
            update(AthleteAccessRow)
            .where(AthleteAccessRow.id == access_id)
            .values(revoked_at=dt.datetime.now(dt.UTC))
        )
    assert run_job(session_factory(app), job_id) == "cancelled"
    status = owner.client.get(f"/api/v1/athletes/{athlete_id}/jobs/{job_id}").json()
    assert status["status"] == "cancelled"
    assert "no longer has access" in status["error"]
    assert not spool.exists()
    assert _activities(owner, athlete_id) == []


def coach_user_id(app: FastAPI) -> int:
    from sqlalchemy import select

    from runstrong.storage.tables import UserRow

    with session_factory(app)() as db:
        found = db.scalar(select(UserRow.id).where(UserRow.email == "coach@example.org"))
        assert found is not None
        return int(found)


def test_a_squad_replan_skips_an_athlete_no_longer_coached(
    app: FastAPI, owner: Browser, browser_factory
) -> None:  # type: ignore[no-untyped-def]
    from runstrong.services.jobs import create_job

    coach = browser_factory("coach@example.org", "Cora Coach")
    athlete_id, access_id = _coached(app, owner, coach)
    with session_factory(app)() as db, db.begin():
        job_id = create_job(
            db,
            "replan",
            athlete_id=None,
            user_id=coach_user_id(app),
            payload={"athlete_ids": [athlete_id], "start": "2026-12-14"},
        ).id
    before = owner.client.get(f"/api/v1/athletes/{athlete_id}/plan").json()
    revoked = owner.client.delete(
        f"/api/v1/athletes/{athlete_id}/access/{access_id}", headers={"X-CSRF-Token": owner.csrf}
    )
    assert revoked.status_code == 204
    assert run_job(session_factory(app), job_id) == "done"
    with session_factory(app)() as db:
        row = db.get(JobRow, job_id)
        assert row is not None and row.result is not None
        assert [a["message"] for a in row.result["athletes"]] == [
            "not re-planned: you no longer have access to this athlete"
        ]
    assert owner.client.get(f"/api/v1/athletes/{athlete_id}/plan").json() == before
