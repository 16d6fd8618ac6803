"""Plan page: season overview, week calendar, explain a session, move it, downloads."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import Plan
from runstrong.core.units import distance_in, unit_name
from runstrong.exporters.fitworkout import session_to_fit, workout_filename
from runstrong.exporters.ics import plan_to_ics
from runstrong.exporters.plan_json import dump_plan
from runstrong.services.accounts import athlete_by_id
from runstrong.services.calendar_tokens import (
    athlete_for_token,
    create_token,
    has_active_token,
    revoke_tokens,
)
from runstrong.services.coach_replan import move_session as move_session_to
from runstrong.services.day import local_day
from runstrong.services.plan_store import BuildFailure, attempt_plan, current_plan, store_plan
from runstrong.services.planning import profile_units
from runstrong.services.profile import load_stored_profile
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, utcnow
from runstrong.web.forms import FormData
from runstrong.web.plan_view import (
    find_session,
    phase_spans,
    season_summary,
    week_days,
    week_index_for,
)
from runstrong.web.profile_form import display_profile, failure_field
from runstrong.web.templating import flash_redirect, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


def _chart_data(plan: Plan, units: str) -> str:
    rows = season_summary(plan)
    run = [round(distance_in(r.run_km, units), 1) for r in rows]
    return json.dumps(
        {
            "labels": [r.start_date.isoformat() for r in rows],
            "series": [
                {"name": f"Run {unit_name(units)}", "values": run},
                {"name": "Planned load", "values": [r.load for r in rows], "axis": "right"},
            ],
        }
    )


@router.get("/a/{athlete_id}/plan")
def plan_page(
    request: Request,
    athlete: ScopedAthlete,
    db: DB,
    user: CurrentUser,
    week: int | None = Query(default=None, ge=0, le=200),
) -> Response:
    return render(request, "plan.html", _plan_ctx(db, athlete, user.id, week))


def _plan_ctx(db: DB, athlete: ScopedAthlete, user_id: int, week: int | None) -> dict[str, object]:
    plan = current_plan(db, athlete.id)
    today = utcnow().date()
    ctx: dict[str, object] = {
        "athlete": athlete,
        "nav": "plan",
        "plan": plan,
        "today": today,
        "has_profile": display_profile(athlete) is not None,
        "planner_ready": True,
        "ics_ready": True,
        "feed_active": has_active_token(db, athlete, user_id),
    }
    if plan is not None and plan.weeks:
        position = week if week is not None else week_index_for(plan, today)
        position = max(0, min(position, len(plan.weeks) - 1))
        current = plan.weeks[position]
        ctx.update(
            summary=season_summary(plan),
            spans=phase_spans(plan),
            position=position,
            week=current,
            days=week_days(current),
            chart_json=_chart_data(plan, profile_units(athlete.profile_toml)),
        )
    return ctx


@router.post("/a/{athlete_id}/plan/build")
def plan_build(request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser) -> Response:
    loaded = load_stored_profile(athlete.profile_toml)
    if loaded is None:
        raise InputError("this athlete has no valid profile yet; complete it in Settings first")
    outcome = attempt_plan(loaded[1], utcnow().date())
    if isinstance(outcome, BuildFailure):  # an error state naming the field, not a flash
        ctx = _plan_ctx(db, athlete, user.id, None)
        ctx["build_error"] = {
            "reason": outcome.reason,
            "unexpected": outcome.unexpected,
            "field": failure_field(outcome),
        }
        return render(request, "plan.html", ctx, status_code=422)
    return flash_redirect(
        request, store_plan(db, athlete.id, outcome, now=utcnow()), f"/a/{athlete.id}/plan"
    )


@router.get("/a/{athlete_id}/plan/session/{session_id}")
def session_page(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, session_id: str
) -> Response:
    plan = _require_plan(db, athlete.id)
    session = find_session(plan, session_id)
    return render(
        request,
        "session.html",
        {
            "athlete": athlete,
            "nav": "plan",
            "s": session,
            "values": {"date": session.date.isoformat(), "start": session.start.strftime("%H:%M")},
            "breaks": [b for b in plan.broken_rules if session.id in b.session_ids],
        },
    )


@router.post("/a/{athlete_id}/plan/session/{session_id}/move")
def session_move(
    request: Request,
    athlete: ScopedAthlete,
    db: DB,
    user: CurrentUser,
    session_id: str,
    form: FormData,
) -> Response:
    """Move a session to another day of its week through ``plan move``'s service: the
    coach re-places it in that day's windows and says which times changed, or the page
    says why not (the rule, the day's windows)."""
    plan = _require_plan(db, athlete.id)
    session = find_session(plan, session_id)
    errors: dict[str, str] = {}
    try:
        day = dt.date.fromisoformat(form.get("date", "").strip())
    except ValueError:
        errors["date"] = "Pick a date (YYYY-MM-DD)."
    if not errors:
        try:
            result = move_session_to(
                db, athlete.id, session_id, day, today=local_day(athlete, utcnow()), now=utcnow()
            )
        except InputError as exc:
            errors["date"] = str(exc)[0].upper() + str(exc)[1:] + "."
    if errors:
        return render(
            request,
            "session.html",
            {"athlete": athlete, "nav": "plan", "s": session, "values": form, "errors": errors},
            status_code=422,
        )
    moved = next(s for s in result.after if s.id == session_id)
    ctx = {"athlete": athlete, "nav": "plan", "s": moved, "broke": result.new_breaks,
           "changes": result.messages}  # fmt: skip
    return render(request, "moved.html", ctx)


@router.get("/a/{athlete_id}/plan.json")
def plan_json(athlete: ScopedAthlete, db: DB, user: CurrentUser) -> Response:
    plan = _require_plan(db, athlete.id)
    return Response(
        dump_plan(plan),
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="plan-{athlete.id}.json"'},
    )


def _require_plan(db: DB, athlete_id: int) -> Plan:
    plan = current_plan(db, athlete_id)
    if plan is None:
        raise NotFoundError("this athlete has no plan yet; build one on the Plan page")
    return plan


def _ics(plan: Plan, athlete: Any) -> Response:
    from runstrong.services.day import athlete_zone

    units = profile_units(athlete.profile_toml)
    text = plan_to_ics(plan, str(athlete_zone(athlete)), dtstamp=utcnow(), units=units)
    return Response(text, media_type="text/calendar; charset=utf-8")


@router.get("/a/{athlete_id}/plan.ics")
def plan_ics(athlete: ScopedAthlete, db: DB, user: CurrentUser) -> Response:
    response = _ics(_require_plan(db, athlete.id), athlete)
    response.headers["Content-Disposition"] = f'attachment; filename="plan-{athlete.id}.ics"'
    return response


@router.get("/a/{athlete_id}/plan/session/{session_id}/workout.fit")
def session_fit(athlete: ScopedAthlete, db: DB, user: CurrentUser, session_id: str) -> Response:
    session = find_session(_require_plan(db, athlete.id), session_id)
    try:
        data = session_to_fit(session, profile_units(athlete.profile_toml))
    except ValueError:
        raise InputError(
            f"a {session.kind.value} session has no FIT workout form; runs and strength do"
        ) from None
    return Response(
        data,
        media_type="application/vnd.ant.fit",
        headers={"Content-Disposition": f'attachment; filename="{workout_filename(session)}"'},
    )


@router.post("/a/{athlete_id}/calendar-token")
def calendar_token_create(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser
) -> Response:
    token = create_token(db, athlete, user.id, utcnow())
    url = str(request.base_url).rstrip("/") + f"/calendar/{token}.ics"
    # Rendered, not flashed: the token must not travel in the (signed, readable) cookie.
    return render(
        request,
        "calendar_token.html",
        {"athlete": athlete, "nav": "plan", "feed_url": url},
        status_code=201,
    )


@router.post("/a/{athlete_id}/calendar-token/revoke")
def calendar_token_revoke(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser
) -> Response:
    count = revoke_tokens(db, athlete, user.id, utcnow())
    return flash_redirect(
        request,
        "Calendar feed revoked." if count else "There was no active calendar feed.",
        f"/a/{athlete.id}/plan",
    )


@router.get("/calendar/{token}.ics")
def calendar_feed(db: DB, token: str) -> Response:
    """Public by design: the secret token in the URL is the credential."""
    athlete_id = athlete_for_token(db, token)
    if athlete_id is None:
        raise NotFoundError("no calendar feed at this address (it may have been revoked)")
    athlete = athlete_by_id(db, athlete_id)
    return _ics(_require_plan(db, athlete_id), athlete)
