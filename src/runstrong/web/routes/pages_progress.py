"""Progress page: interactive charts (vendored uPlot), PBs and recovery findings."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from runstrong.storage import repository
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, utcnow
from runstrong.web.profile_form import load_profile
from runstrong.web.progress import progress_data
from runstrong.web.templating import render
from runstrong.web.today import local_day

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


@router.get("/a/{athlete_id}/progress")
def progress_page(request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser) -> Response:
    today = local_day(athlete, utcnow())
    activities = [s.activity for s in repository.list_activities(db, athlete.id)]
    wellness = repository.list_wellness(db, athlete.id, since=today - dt.timedelta(days=3 * 365))
    loaded = load_profile(athlete.profile_toml)
    data = progress_data(activities, wellness, loaded[1] if loaded else None, today)
    return render(request, "progress.html", {"athlete": athlete, "nav": "progress", "d": data})
