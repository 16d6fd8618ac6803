"""Onboarding: the wizard that builds an athlete profile and the first plan."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from runstrong.core.errors import InputError
from runstrong.services import accounts
from runstrong.services.plan_store import BuildFailure, attempt_plan, store_plan
from runstrong.web.deps import DB, CurrentUser, csrf_protect, utcnow
from runstrong.web.forms import FormData
from runstrong.web.profile_form import (
    EQUIPMENT_CHOICES,
    INJURY_CHOICES,
    ProfileFormError,
    default_form_values,
    failure_field,
    to_toml,
    validate_form,
)
from runstrong.web.templating import flash_redirect, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


def profile_context(values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any]:
    return {
        "values": values,
        "errors": errors,
        "equipment_choices": EQUIPMENT_CHOICES,
        "injury_choices": INJURY_CHOICES,
    }


def form_values(form: dict[str, str]) -> dict[str, Any]:
    """Posted values back into the shape the template pre-fills (lists for checkboxes)."""
    values: dict[str, Any] = dict(form)
    for name in ("strength.equipment", "week.gym_days", "injuries"):
        values[name] = [v for v in form.get(name, "").split("\n") if v]
    values["week.two_a_days"] = form.get("week.two_a_days") == "on"
    return values


@router.get("/onboarding")
def onboarding_form(request: Request, db: DB, user: CurrentUser) -> Response:
    owned = accounts.owned_athletes(db, user.id)
    ctx = profile_context(default_form_values(utcnow().date()), {})
    ctx["values"]["name"] = user.display_name
    ctx.update(has_athletes=bool(owned))
    return render(request, "onboarding.html", ctx)


@router.post("/onboarding")
def onboarding_submit(request: Request, db: DB, user: CurrentUser, form: FormData) -> Response:
    """Save the profile and its first plan; a profile no plan can be built from is not
    saved: the form comes back with the planner's reason at the field to fix."""
    owned = accounts.owned_athletes(db, user.id)

    def again(errors: dict[str, str]) -> Response:
        ctx = profile_context(form_values(form), errors)
        ctx.update(has_athletes=bool(owned))
        return render(request, "onboarding.html", ctx, status_code=422)

    try:
        data, athlete = validate_form(form, utcnow().date())
    except ProfileFormError as exc:
        return again(exc.errors)
    outcome = attempt_plan(athlete, utcnow().date())
    if isinstance(outcome, BuildFailure) and not outcome.unexpected:
        return again({failure_field(outcome): f"No plan can be built from this: {outcome.reason}"})
    try:
        row = accounts.create_athlete(db, user.id, athlete.name, to_toml(data), utcnow())
    except InputError as exc:
        return again({"name": str(exc)})
    if isinstance(outcome, BuildFailure):
        message = f"Profile saved, but no plan could be built: {outcome.reason}"
    else:
        message = store_plan(db, row.id, outcome, now=utcnow())
    return flash_redirect(request, message, f"/a/{row.id}/plan")
