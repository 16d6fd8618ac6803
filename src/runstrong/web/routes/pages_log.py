"""Log page: activity list with filters, activity detail, uploads with live progress."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.responses import JSONResponse, RedirectResponse, Response

from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import Sport
from runstrong.core.science.plausibility import (
    EARLIEST_DAY,
    check_query_day,
    check_span,
)
from runstrong.services.jobs import create_job, job_for_athlete, live_progress
from runstrong.services.log_lines import checkins, log_lines
from runstrong.services.log_list import athlete_activity
from runstrong.services.logging import set_session_rpe
from runstrong.web.activity_view import charts_json, has_track, track_json
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, utcnow
from runstrong.web.errors import wants_json
from runstrong.web.forms import FormData
from runstrong.web.log_view import log_rows
from runstrong.web.profile_form import display_profile
from runstrong.web.settings import default_spool_dir
from runstrong.web.templating import flash_redirect, render

if TYPE_CHECKING:
    from runstrong.storage.records import StoredActivity

LOG_PAGE_SIZE = 50

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
SPORTS = tuple(s.value for s in Sport)


def scoped_activity(
    db: DB, athlete_id: int, activity_id: int, streams: bool = True
) -> StoredActivity:
    """The activity if it belongs to the athlete; 404 otherwise (no existence leak)."""
    return athlete_activity(db, athlete_id, activity_id, with_streams=streams)


def _day(text: str | None, label: str, name: str) -> dt.date | None:
    if not text:
        return None
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{label} {text!r} is not a date; use YYYY-MM-DD") from None
    return check_query_day(day, name)


def _link(query: dict[str, str], cursor: str, value: int | None) -> str | None:
    return None if value is None else f"?{urlencode({**query, cursor: value})}"


@router.get("/a/{athlete_id}/log")
def log_page(
    request: Request,
    athlete: ScopedAthlete,
    db: DB,
    user: CurrentUser,
    sport: str | None = Query(default=None, max_length=32),
    since: str | None = Query(default=None, max_length=10),
    until: str | None = Query(default=None, max_length=10),
    before: int | None = Query(default=None, ge=1, le=2**31 - 1),
    after: int | None = Query(default=None, ge=1, le=2**31 - 1),
) -> Response:
    """One page of the log (LOG_PAGE_SIZE rows), newest first, with links to the older
    and newer pages; read with Core queries of the columns shown (services.log_lines)."""
    today = utcnow().date()
    errors: dict[str, str] = {}
    try:
        until_day = _day(until, "to", "until")
    except InputError as exc:
        errors["until"], until_day = str(exc), None
    default_since = max(EARLIEST_DAY, (until_day or today) - dt.timedelta(weeks=12))
    try:
        since_day = _day(since, "from", "since") or default_since
    except InputError as exc:
        errors["since"], since_day = str(exc), default_since
    if "since" not in errors and "until" not in errors:
        try:
            check_span(since_day, until_day)
        except InputError as exc:
            errors["until"], until_day = str(exc), None
    if sport and sport not in SPORTS:
        errors["sport"] = f"{sport!r} is not a sport; choose one from the list"
        sport = None
    page = log_lines(
        db,
        athlete.id,
        limit=LOG_PAGE_SIZE,
        before=before,
        after=None if before is not None else after,
        sport=Sport(sport) if sport else None,
        since=since_day,
        until=until_day,
    )
    # R25: the day's check-in beside its sessions (only the days this page shows).
    found = {}
    if page.rows:
        days = [line.start.date() for line in page.rows]
        found = checkins(db, athlete.id, min(days), max(days))
    profile = display_profile(athlete)
    units = profile.units if profile is not None else "km"
    query = {"sport": sport or "", "since": since_day.isoformat(), "until": until or ""}
    return render(
        request,
        "log.html",
        {
            "athlete": athlete,
            "nav": "log",
            "units": units,
            "rows": log_rows(athlete.id, page.rows, found, units),
            "older": None
            if page.older is None
            else f"?{urlencode({**query, 'before': page.older})}",
            "newer": None
            if page.newer is None
            else f"?{urlencode({**query, 'after': page.newer})}",
            "newest": f"?{urlencode(query)}" if page.newer is not None else None,
            "sports": SPORTS,
            "values": query,
            "errors": errors,
        },
        status_code=422 if errors else 200,
    )


@router.get("/a/{athlete_id}/log/{activity_id}")
def activity_page(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, activity_id: int
) -> Response:
    stored = scoped_activity(db, athlete.id, activity_id)
    activity = stored.activity
    return render(
        request,
        "activity.html",
        {
            "athlete": athlete,
            "nav": "log",
            "a": activity,
            "activity_id": stored.id,
            "track": track_json(activity) if has_track(activity) else None,
            "charts": charts_json(activity),
        },
    )


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_filename(name: str, index: int) -> str:
    base = _SAFE_NAME.sub("_", Path(name).name)[:120].lstrip(".")
    return f"{index:04d}-{base or 'upload'}"


@router.post("/a/{athlete_id}/log/{activity_id}/rpe")
def activity_rpe(
    request: Request,
    athlete: ScopedAthlete,
    db: DB,
    user: CurrentUser,
    activity_id: int,
    form: FormData,
) -> Response:
    """Rate how hard a session was (session RPE 1–10; empty clears it)."""
    stored = scoped_activity(db, athlete.id, activity_id, streams=False)
    raw = form.get("session_rpe", "").strip()
    rpe: float | None = None
    if raw:
        try:
            rpe = float(raw)
        except ValueError:
            rpe = -1.0
        if not 1 <= rpe <= 10:
            raise InputError(f"session RPE {raw!r} is not allowed; use a number from 1 to 10")
    set_session_rpe(db, stored.id, rpe)
    return flash_redirect(request, "Session RPE saved.", f"/a/{athlete.id}/log/{stored.id}")


@router.get("/a/{athlete_id}/upload")
def upload_form(request: Request, athlete: ScopedAthlete, user: CurrentUser) -> Response:
    return render(request, "upload.html", {"athlete": athlete, "nav": "log"})


@router.post("/a/{athlete_id}/upload")
async def upload_submit(
    request: Request, athlete: ScopedAthlete, user: CurrentUser, db: DB
) -> Response:
    form = await request.form()
    try:
        return await _accept_upload(request, db, athlete, user, form)
    finally:
        await form.close()


async def _accept_upload(request: Request, db: DB, athlete: Any, user: Any, form: Any) -> Response:
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
    if not files:
        if wants_json(request):
            raise InputError("choose at least one file (.fit, .gpx, .tcx, .gz or an export .zip)")
        return render(
            request,
            "upload.html",
            {"athlete": athlete, "nav": "log", "errors": {"files": "Choose at least one file."}},
            status_code=422,
        )
    job_id = await spool_and_enqueue(request, db, athlete.id, user.id, files)
    if wants_json(request):
        return JSONResponse(
            job_body(athlete.id, job_id, "import", "queued", 0, None, None, None), status_code=202
        )
    return RedirectResponse(f"/a/{athlete.id}/jobs/{job_id}", status_code=303)


async def spool_and_enqueue(
    request: Request, db: DB, athlete_id: int, user_id: int, files: Sequence[UploadFile]
) -> int:
    """Write the uploads to a fresh spool folder and queue their import job.

    The job row is committed in the request's unit of work before the job is
    handed to a runner thread (a second session would wait on the request's
    own SQLite write lock)."""
    if not any(f.filename for f in files):
        raise InputError("choose at least one file (.fit, .gpx, .tcx, .gz or an export .zip)")
    settings = request.app.state.settings
    spool = (settings.spool_dir or default_spool_dir()) / uuid.uuid4().hex
    spool.mkdir(parents=True, exist_ok=True)
    for i, upload in enumerate(f for f in files if f.filename):
        target = spool / _safe_filename(upload.filename or "upload", i)
        with target.open("wb") as out:
            while chunk := await upload.read(1024 * 1024):
                out.write(chunk)
    job = create_job(
        db, "import", athlete_id=athlete_id, user_id=user_id, payload={"dir": str(spool)}
    )
    job_id = int(job.id)
    await run_in_threadpool(db.commit)
    request.app.state.jobs.submit(job_id)
    return job_id


def job_body(
    athlete_id: int,
    job_id: int,
    kind: str,
    status: str,
    progress: int,
    total: int | None,
    result: dict[str, Any] | None,
    error: str | None,
) -> dict[str, Any]:
    return {
        "id": job_id,
        "kind": kind,
        "status": status,
        "progress": progress,
        "total": total,
        "result": result,
        "error": error,
        "status_url": f"/api/v1/athletes/{athlete_id}/jobs/{job_id}",
        "result_html_url": f"/a/{athlete_id}/jobs/{job_id}"
        if status in ("done", "failed", "cancelled")
        else None,
    }


@router.get("/a/{athlete_id}/jobs/{job_id}")
def job_page(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, job_id: int
) -> Response:
    job = job_for_athlete(db, job_id, athlete.id)
    progress, total = live_progress(job)
    new: list[StoredActivity] = []
    for activity_id in (job.result or {}).get("imported_ids", [])[:50]:
        try:
            new.append(scoped_activity(db, athlete.id, int(activity_id), streams=False))
        except NotFoundError:
            continue  # deleted since
    return render(
        request,
        "job.html",
        {
            "athlete": athlete,
            "nav": "log",
            "job": job,
            "new": new,
            "progress": progress,
            "total": total,
            "running": job.status in ("queued", "running"),
        },
    )
