"""Coach page: every athlete you own or coach, with compliance and readiness at a glance."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from runstrong.core.readiness import assess
from runstrong.storage import repository
from runstrong.storage.tables import AthleteRow
from runstrong.web import accounts
from runstrong.web.deps import DB, CurrentUser, csrf_protect, utcnow
from runstrong.web.jobs import create_job, job_for_user, live_progress
from runstrong.web.planning import current_plan
from runstrong.web.templating import render
from runstrong.web.today import PLAN_SOURCE_PREFIX, athlete_zone, local_day

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


@dataclass(frozen=True)
class Glance:
    athlete: AthleteRow
    owned: bool
    planned_7d: int
    done_7d: int
    readiness: str
    reasons: tuple[str, ...]
    last_activity: dt.date | None

    @property
    def compliance_pct(self) -> int | None:
        return None if self.planned_7d == 0 else round(100 * self.done_7d / self.planned_7d)


def glance(db: DB, athlete: AthleteRow, user_id: int, now: dt.datetime) -> Glance:
    """Last 7 days: planned sessions vs sessions logged as done; today's readiness."""
    today = local_day(athlete, now)
    week_ago = today - dt.timedelta(days=6)
    plan = current_plan(db, athlete.id)
    planned = [
        s
        for s in (plan.sessions() if plan else ())
        if week_ago <= s.date <= today and s.kind.value != "rest"
    ]
    zone = athlete_zone(athlete)
    start = dt.datetime.combine(week_ago, dt.time(0), zone)
    acts = [s.activity for s in repository.list_activities(db, athlete.id, since=start)]
    done_ids = {
        a.source_name[len(PLAN_SOURCE_PREFIX) :]
        for a in acts
        if a.source_name and a.source_name.startswith(PLAN_SOURCE_PREFIX)
    }
    done = sum(
        1
        for s in planned
        if s.id in done_ids or any(a.start.astimezone(zone).date() == s.date for a in acts)
    )
    history = repository.list_wellness(db, athlete.id, since=today - dt.timedelta(days=7))
    todays = next((w for w in history if w.day == today), None)
    r = assess(todays, history)
    return Glance(
        athlete=athlete,
        owned=athlete.owner_user_id == user_id,
        planned_7d=len(planned),
        done_7d=min(done, len(planned)),
        readiness=r.status.value,
        reasons=r.reasons,
        last_activity=max((a.start.date() for a in acts), default=None),
    )


@router.post("/coach/replan")
def replan_squad(request: Request, db: DB, user: CurrentUser) -> Response:
    """Rebuild every visible athlete's plan from today, as one background job."""
    athletes = accounts.visible_athletes(db, user.id)
    if not athletes:
        request.state.session.add_flash("There is no athlete to re-plan.")
        return RedirectResponse("/coach", status_code=303)
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
