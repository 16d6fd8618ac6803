"""JSON API under ``/api/v1``: the same operations as the pages, with an OpenAPI document.

Authentication is the session cookie (``POST /api/v1/session``); every
state-changing call also sends ``X-CSRF-Token``. Athlete-scoped routes answer
404 for athletes the user may not see. Errors are problem bodies.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from pydantic import TypeAdapter
from starlette.responses import Response

from runstrong.core.errors import NotFoundError, ProfileError
from runstrong.core.model import Sport
from runstrong.core.units import localise
from runstrong.services import accounts
from runstrong.services.athletes import save_profile_text
from runstrong.services.coach_replan import move_session as move_session_to
from runstrong.services.coach_replan import rebuild_plan
from runstrong.services.day import athlete_zone, day_view, local_day
from runstrong.services.jobs import job_for_athlete, live_progress
from runstrong.services.log_list import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    activity_item,
    activity_items,
    wellness_page,
)
from runstrong.services.logging import save_activity, save_wellness
from runstrong.services.plan_status import week_entries
from runstrong.services.plan_store import current_plan
from runstrong.services.profile import load_stored_profile
from runstrong.services.progress_view import progress_view
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, get_session, utcnow
from runstrong.web.errors import problem
from runstrong.web.routes.auth import check_login
from runstrong.web.routes.pages_log import job_body, scoped_activity
from runstrong.web.routes.pages_progress import profile_units
from runstrong.web.schemas import (
    AccessPublic,
    ActivityCreate,
    ActivityPublic,
    AthletePublic,
    CoachGrantCreate,
    IsoDate,
    JobPublic,
    LoginCreate,
    MoveResultPublic,
    PlannedSessionPublic,
    PlanPublic,
    PlanWeekPublic,
    ProfilePublic,
    ProfileUpdate,
    ProgressPublic,
    RuleBreakPublic,
    SessionMove,
    SessionPublic,
    TodayPublic,
    UserPublic,
    WeekStatusPublic,
    WellnessCreate,
    WellnessPublic,
)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The request cannot be done as asked; the detail says why"},
    401: {"description": "Not logged in"},
    403: {"description": "Missing CSRF token, or a coach on a route only the owner may use"},
    404: {"description": "No such resource visible to you"},
    405: {"description": "Method not served at this path; the Allow header lists those that are"},
    422: {"description": "Invalid input"},
    503: {"description": "The database stayed busy; nothing was saved. Retry after Retry-After s"},
}

_ACTIVITY_LIST = TypeAdapter(list[ActivityPublic])

router = APIRouter(prefix="/api/v1", dependencies=[Depends(csrf_protect)], responses=ERRORS)
public = APIRouter(prefix="/api/v1", responses=ERRORS)


def _activity_public(db: DB, athlete_id: int, activity_id: int) -> ActivityPublic:
    """The athlete's activity as ``GET …/activities/{id}`` shows it (404: not theirs)."""
    stored = scoped_activity(db, athlete_id, activity_id, streams=False)
    return ActivityPublic.model_validate(activity_item(stored))


# --- session -----------------------------------------------------------------


@public.post(
    "/session",
    response_model=SessionPublic,
    tags=["session"],
    responses={429: {"description": "Too many failed log-ins; try again later"}},
)
def login(request: Request, body: LoginCreate, db: DB) -> Any:
    """Log in with e-mail and password; sets the session cookie, returns the CSRF token."""
    user, message = check_login(request, db, body.email, body.password)
    if user is None:
        status = 429 if message.startswith("Too many") else 401
        return problem(status, message)
    session = get_session(request)
    session.login(user.id, user.password_hash)
    return SessionPublic(
        user=UserPublic(id=user.id, email=user.email, display_name=user.display_name),
        csrf_token=session.csrf,
    )


@router.delete("/session", status_code=204, tags=["session"])
def logout(request: Request) -> Response:
    """Log out (the cookie stops identifying anyone)."""
    get_session(request).logout()
    return Response(status_code=204)


@router.get("/me", response_model=UserPublic, tags=["session"])
def me(user: CurrentUser) -> UserPublic:
    return UserPublic(id=user.id, email=user.email, display_name=user.display_name)


# --- athletes ----------------------------------------------------------------


@router.get("/athletes", response_model=list[AthletePublic], tags=["athletes"])
def athletes(user: CurrentUser, db: DB) -> list[AthletePublic]:
    """Athletes you own or coach."""
    return [
        AthletePublic(
            id=a.id, name=a.name, owned=a.owner_user_id == user.id, has_profile=bool(a.profile_toml)
        )
        for a in accounts.visible_athletes(db, user.id)
    ]


@router.get("/athletes/{athlete_id}", response_model=AthletePublic, tags=["athletes"])
def athlete(athlete: ScopedAthlete, user: CurrentUser) -> AthletePublic:
    return AthletePublic(
        id=athlete.id,
        name=athlete.name,
        owned=athlete.owner_user_id == user.id,
        has_profile=bool(athlete.profile_toml),
    )


@router.get("/athletes/{athlete_id}/profile", response_model=ProfilePublic, tags=["athletes"])
def profile_get(athlete: ScopedAthlete) -> ProfilePublic:
    """The athlete's profile as TOML (the fields of docs/athlete-profile.md)."""
    return ProfilePublic(toml=athlete.profile_toml)


@router.put(
    "/athletes/{athlete_id}/profile",
    response_model=ProfilePublic,
    tags=["athletes"],
    responses={422: {"description": "The profile is not valid; the detail names the field"}},
)
def profile_put(athlete: ScopedAthlete, db: DB, body: ProfileUpdate) -> Any:
    """Replace the profile after validating it like ``runstrong plan new`` does; then
    ``POST …/plan`` builds the season from it."""
    try:
        save_profile_text(db, athlete.id, body.toml, today=local_day(athlete, utcnow()))
    except ProfileError as exc:  # the shape of every 422: the message names the profile key
        errors = [{"field": "toml", "message": str(exc)}]
        return problem(422, str(exc), title="Invalid input", errors=errors)
    return ProfilePublic(toml=body.toml)


# --- plan --------------------------------------------------------------------


def _plan_or_404(db: DB, athlete_id: int) -> Any:
    plan = current_plan(db, athlete_id)
    if plan is None:
        raise NotFoundError("this athlete has no plan yet")
    return plan


@router.get("/athletes/{athlete_id}/plan", response_model=PlanPublic, tags=["plan"])
def plan(athlete: ScopedAthlete, db: DB) -> PlanPublic:
    p = _plan_or_404(db, athlete.id)
    units = profile_units(athlete)
    return PlanPublic(
        start_date=p.start_date,
        race_date=p.race_date,
        race_distance_m=p.race_distance_m,
        weeks=[
            PlanWeekPublic(
                index=w.index,
                start_date=w.start_date,
                phase=w.phase.value,
                deload=w.deload,
                run_km=w.run_km,
                sessions=[PlannedSessionPublic.of(s, units) for s in w.sessions],
            )
            for w in p.weeks
        ],
    )


@router.post(
    "/athletes/{athlete_id}/plan/sessions/{session_id}/move",
    response_model=MoveResultPublic,
    tags=["plan"],
)
def move(athlete: ScopedAthlete, db: DB, session_id: str, body: SessionMove) -> MoveResultPublic:
    """Move a session to another day of its week, as `runstrong plan move` does: a
    same-kind session there swaps, the day is re-placed in its windows (R6, the
    changed start times are listed in `changes`), and the move is refused (422, naming
    the rule and the day's windows) when it would break a hard rule."""
    _plan_or_404(db, athlete.id)
    result = move_session_to(
        db, athlete.id, session_id, body.date, today=local_day(athlete, utcnow()), now=utcnow()
    )
    moved = next(s for s in result.after if s.id == session_id)
    units = profile_units(athlete)
    return MoveResultPublic(
        session=PlannedSessionPublic.of(moved, units),
        new_breaks=[
            RuleBreakPublic(
                rule_id=b.rule_id,
                severity=b.severity.value,
                message=localise(b.message, units),
                session_ids=list(b.session_ids),
            )
            for b in result.new_breaks
        ],
        changes=[localise(m, units) for m in result.messages],
        week=[PlannedSessionPublic.of(s, units) for s in result.after],
    )


@router.get("/athletes/{athlete_id}/today", response_model=TodayPublic, tags=["today"])
def today(
    athlete: ScopedAthlete,
    db: DB,
    minutes: Annotated[int | None, Query(ge=0, le=1440)] = None,
) -> TodayPublic:
    """Today's adapted sessions with the readiness verdict and every change's reason;
    ``minutes`` is the time the athlete has today (R22)."""
    units = profile_units(athlete)
    view = day_view(db, athlete.id, local_day(athlete, utcnow()), now=utcnow(),
                    minutes_available=minutes, units=units, record=True)  # fmt: skip
    report = view.report
    r = report.readiness
    return TodayPublic(
        day=report.day,
        readiness_status=r.status.value,
        readiness_score=r.score,
        reasons=[localise(reason, units) for reason in r.reasons],
        sessions=[PlannedSessionPublic.of(s, units) for s in report.sessions],
        changes=[
            f"{c.rule_id}: {localise(c.message, units)}"
            for c in (*report.plan_changes, *report.changes)
        ],
        week=[WeekStatusPublic(**e) for e in week_entries(view.week, units)],
    )


# --- wellness ----------------------------------------------------------------


LIMIT_DOC = (
    f"Items a page (default {DEFAULT_LIMIT}, at most {MAX_LIMIT}); the `Link` header's "
    '`rel="next"` URL gives the next page'
)


SINCE_DOC = "First day, 1900-01-01 to 2100-12-31, on or before `until`"
UNTIL_DOC = "Last day, 1900-01-01 to 2100-12-31"


def _next_link(request: Request, response: Response, name: str, cursor: object) -> None:
    """RFC 8288 ``Link: <url>; rel="next"`` with the query of this request and the cursor."""
    if cursor is None:
        return
    url = request.url.include_query_params(**{name: str(cursor)})
    response.headers["Link"] = f'<{url.path}?{url.query}>; rel="next"'


@router.get(
    "/athletes/{athlete_id}/wellness", response_model=list[WellnessPublic], tags=["wellness"]
)
def wellness_list(
    request: Request,
    response: Response,
    athlete: ScopedAthlete,
    db: DB,
    since: Annotated[IsoDate | None, Query(description=SINCE_DOC)] = None,
    until: Annotated[IsoDate | None, Query(description=UNTIL_DOC)] = None,
    after: Annotated[IsoDate | None, Query(description="Cursor: days after this one")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=LIMIT_DOC)] = DEFAULT_LIMIT,
) -> list[WellnessPublic]:
    """Check-ins in day order, a page at a time."""
    rows, next_after = wellness_page(
        db, athlete.id, limit=limit, since=since, until=until, after=after
    )
    _next_link(request, response, "after", next_after)
    return [WellnessPublic.model_validate(vars_of(w)) for w in rows]


def vars_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


@router.put("/athletes/{athlete_id}/wellness", response_model=WellnessPublic, tags=["wellness"])
def wellness_put(athlete: ScopedAthlete, db: DB, body: WellnessCreate) -> WellnessPublic:
    """Store the check-in for ``body.day`` (replacing an earlier one for that day)."""
    stored = save_wellness(db, athlete.id, body.to_model(), today=local_day(athlete, utcnow()))
    return WellnessPublic.model_validate(vars_of(stored))


# --- activities --------------------------------------------------------------


@router.get("/athletes/{athlete_id}/activities", response_model=list[ActivityPublic], tags=["log"])
def activities(
    request: Request,
    athlete: ScopedAthlete,
    db: DB,
    sport: Annotated[Sport | None, Query()] = None,
    since: Annotated[IsoDate | None, Query(description=SINCE_DOC)] = None,
    until: Annotated[IsoDate | None, Query(description=UNTIL_DOC)] = None,
    before: Annotated[
        int | None, Query(ge=1, le=2**31 - 1, description="Cursor: activities older than this id")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=LIMIT_DOC)] = DEFAULT_LIMIT,
) -> Response:
    """Activities newest first, a page at a time."""
    page = activity_items(
        db, athlete.id, limit=limit, before=before, sport=sport, since=since, until=until
    )
    # The items are validated once here and written as JSON by pydantic-core, not
    # validated again and encoded by FastAPI's response_model path (half the time).
    items = _ACTIVITY_LIST.validate_python(page.items)
    body = Response(_ACTIVITY_LIST.dump_json(items), media_type="application/json")
    _next_link(request, body, "before", page.next_before)
    return body


@router.get(
    "/athletes/{athlete_id}/activities/{activity_id}",
    response_model=ActivityPublic,
    tags=["log"],
)
def activity(
    athlete: ScopedAthlete, db: DB, activity_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> ActivityPublic:
    return _activity_public(db, athlete.id, activity_id)


@router.post(
    "/athletes/{athlete_id}/activities",
    response_model=ActivityPublic,
    status_code=201,
    tags=["log"],
)
def activity_create(athlete: ScopedAthlete, db: DB, body: ActivityCreate) -> ActivityPublic:
    """Log an activity by hand (a run, or a lift with its sets)."""
    activity_id = save_activity(
        db,
        athlete.id,
        body.to_model(),
        now=utcnow(),
        tz=athlete_zone(athlete),
        units="m",  # errors echo the distance_m that was sent, in metres
    )
    return _activity_public(db, athlete.id, activity_id)


@router.post(
    "/athletes/{athlete_id}/uploads",
    response_model=JobPublic,
    status_code=202,
    tags=["log"],
    responses={413: {"description": "The upload is larger than RUNSTRONG_MAX_UPLOAD_BYTES"}},
)
async def upload(
    request: Request,
    athlete: ScopedAthlete,
    user: CurrentUser,
    db: DB,
    files: Annotated[
        list[UploadFile],
        File(min_length=1, description="FIT/GPX/TCX (.gz) files or export .zip"),
    ],
) -> Any:
    """Upload activity files or an export archive; answers with the import job to poll."""
    from runstrong.web.routes.pages_log import spool_and_enqueue

    job_id = await spool_and_enqueue(request, db, athlete.id, user.id, files)
    return job_body(athlete.id, job_id, "import", "queued", 0, None, None, None)


@router.get("/athletes/{athlete_id}/jobs/{job_id}", response_model=JobPublic, tags=["jobs"])
def job(
    athlete: ScopedAthlete, db: DB, job_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> dict[str, Any]:
    """A background job's status and progress (poll until ``done`` or ``failed``)."""
    row = job_for_athlete(db, job_id, athlete.id)
    progress, total = live_progress(row)
    return job_body(
        athlete.id, row.id, row.kind, row.status, progress, total, row.result, row.error
    )


# --- plan building, progress, coach access ------------------------------------


@router.post(
    "/athletes/{athlete_id}/plan",
    response_model=PlanPublic,
    status_code=201,
    tags=["plan"],
    responses={409: {"description": "No valid profile, or the plan cannot be built from it"}},
)
def plan_build(athlete: ScopedAthlete, db: DB) -> Any:
    """(Re)build the season plan from today from the athlete's profile."""
    try:
        loaded = load_stored_profile(athlete.profile_toml)
    except ProfileError as exc:  # broken: the problem names the field
        return problem(409, str(exc))
    if loaded is None:
        return problem(409, "this athlete has no valid profile yet; complete it first")
    # Issue 13 part 7: a failed build raises ConflictError (409, the reason); the stored
    # plan is untouched.
    rebuild_plan(db, athlete.id, loaded[1], local_day(athlete, utcnow()), now=utcnow())
    return plan(athlete, db)


@router.get("/athletes/{athlete_id}/progress", response_model=ProgressPublic, tags=["progress"])
def progress(athlete: ScopedAthlete, db: DB) -> ProgressPublic:
    """The Progress page's series (fitness/fatigue/form, ACWR, weekly volume, e1RM) and PBs,
    as ``services.progress_view`` computes them (the same as ``runstrong stats``)."""
    view = progress_view(db, athlete.id, local_day(athlete, utcnow()), profile_units(athlete))
    return ProgressPublic(
        pmc=view.pmc,
        acwr=view.acwr,
        weekly=view.weekly,
        e1rm=view.e1rm,
        personal_bests=list(view.personal_bests),
        findings=list(view.findings),
    )


@router.get("/athletes/{athlete_id}/access", response_model=list[AccessPublic], tags=["athletes"])
def access_list(athlete: ScopedAthlete, user: CurrentUser, db: DB) -> list[AccessPublic]:
    """Coaches who currently have access (owner only)."""
    return [
        AccessPublic(id=a.id, coach_email=u.email, granted_at=a.granted_at)
        for a, u in accounts.active_grants(db, athlete.id)
    ]


@router.post(
    "/athletes/{athlete_id}/access",
    response_model=AccessPublic,
    status_code=201,
    tags=["athletes"],
    responses={409: {"description": "The e-mail is the owner's own"}},
)
def access_grant(athlete: ScopedAthlete, user: CurrentUser, db: DB, body: CoachGrantCreate) -> Any:
    """Give the account with ``coach_email`` coach access (owner only)."""
    coach = accounts.user_by_email(db, body.coach_email)
    if coach is None:
        return problem(404, "no account uses this e-mail; the coach must create an account first")
    if coach.id == user.id:
        return problem(409, "you already own this athlete; pick another account as coach")
    row = accounts.grant_access(db, athlete, body.coach_email, utcnow())
    return AccessPublic(id=row.id, coach_email=coach.email, granted_at=row.granted_at)


@router.delete("/athletes/{athlete_id}/access/{access_id}", status_code=204, tags=["athletes"])
def access_revoke(
    athlete: ScopedAthlete,
    user: CurrentUser,
    db: DB,
    access_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
) -> Response:
    """End a coach's access (owner only)."""
    accounts.revoke_access(db, athlete.id, access_id, utcnow())
    return Response(status_code=204)
