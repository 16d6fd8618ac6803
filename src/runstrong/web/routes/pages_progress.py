"""Progress page: interactive charts (vendored uPlot), PBs and recovery findings."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from runstrong.services.day import local_day
from runstrong.services.progress_view import progress_view
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, utcnow
from runstrong.web.profile_form import display_profile
from runstrong.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


def profile_units(athlete: object) -> str:
    """The athlete's display units ("km" or "mi"); km without a valid profile."""
    profile = display_profile(athlete)
    return profile.units if profile is not None else "km"


@router.get("/a/{athlete_id}/progress")
def progress_page(request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser) -> Response:
    view = progress_view(db, athlete.id, local_day(athlete, utcnow()), profile_units(athlete))
    return render(request, "progress.html", {"athlete": athlete, "nav": "progress", "d": view})
