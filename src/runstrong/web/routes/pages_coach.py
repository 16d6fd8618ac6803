"""Coach page: every athlete you own or coach, with compliance and readiness at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from runstrong.services import accounts
from runstrong.services.day import WeekGlance, local_day, week_glance
from runstrong.services.jobs import create_job, job_for_user, live_progress
from runstrong.web.deps import DB, CurrentUser, csrf_protect, utcnow
from runstrong.web.templating import flash_redirect, render

if TYPE_CHECKING:
    from runstrong.storage.tables import AthleteRow  # rows from services.accounts

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


@dataclass(frozen=True)
class Glance:
    """One row of the Coach page: the athlete and the services' week at a glance."""

    athlete: AthleteRow
    owned: bool
    week: WeekGlance


def glance(db: DB, athlete: AthleteRow, user_id: int, now: dt.datetime) -> Glance:
    """The athlete's row; R1: a third strength session the coach finds earned is
    recorded, as the Today page records it (``services.day.preview``)."""
    week = week_glance(db, athlete.id, now=now, record=True)
    return Glance(athlete, athlete.owner_user_id == user_id, week)


@router.post("/coach/replan")
def replan_squad(request: Request, db: DB, user: CurrentUser) -> Response:
    """Rebuild every visible athlete's plan from today, as one background job."""
    athletes = accounts.visible_athletes(db, user.id)
    if not athletes:
        return flash_redirect(request, "There is no athlete to re-plan.", "/coach")
    start = min(local_day(a, utcnow()) for a in athletes)
    job = create_job(
        db,
        "replan",
        athlete_id=None,
        user_id=user.id,
        payload={"athlete_ids": [a.id for a in athletes], "start": start.isoformat()},
    )
    job_id = int(job.id)
    db.commit()  # the job row must be visible to the thread that runs it
    request.app.state.jobs.submit(job_id)
    return RedirectResponse(f"/coach/jobs/{job_id}", status_code=303)


@router.get("/coach/jobs/{job_id}")
def squad_job(request: Request, db: DB, user: CurrentUser, job_id: int) -> Response:
    job = job_for_user(db, job_id, user.id)
    progress, total = live_progress(job)
    return render(
        request,
        "squad_job.html",
        {
            "nav": "coach",
            "job": job,
            "progress": progress,
            "total": total,
            "running": job.status in ("queued", "running"),
        },
    )


@router.get("/coach")
def coach_page(request: Request, db: DB, user: CurrentUser) -> Response:
    now = utcnow()
    rows = [glance(db, a, user.id, now) for a in accounts.visible_athletes(db, user.id)]
    return render(
        request,
        "coach.html",
        {
            "nav": "coach",
            "coached": [g for g in rows if not g.owned],
            "own": [g for g in rows if g.owned],
        },
    )
