"""Settings: account (name, password), athlete profile, coach access, data export."""

from __future__ import annotations

import tempfile
from typing import Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response, StreamingResponse

from runstrong.core.errors import InputError
from runstrong.services import accounts
from runstrong.services.athletes import save_profile_text
from runstrong.services.day import local_day
from runstrong.services.export import write_athlete_zip
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, utcnow
from runstrong.web.forms import FormData
from runstrong.web.profile_form import (
    ProfileFormError,
    stored_form,
    to_toml,
    validate_form,
)
from runstrong.web.routes.onboarding import form_values, profile_context
from runstrong.web.security import hash_password, password_problem, verify_password
from runstrong.web.templating import flash_redirect, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)


@router.get("/settings")
def account_page(request: Request, db: DB, user: CurrentUser) -> Response:
    return render(
        request,
        "settings_account.html",
        {
            "nav": "settings",
            "owned": accounts.owned_athletes(db, user.id),
            "values": {"display_name": user.display_name},
        },
    )


@router.post("/settings/account")
def account_update(request: Request, db: DB, user: CurrentUser, form: FormData) -> Response:
    name = form.get("display_name", "").strip()
    errors: dict[str, str] = {}
    if not name or len(name) > 200:
        errors["display_name"] = "Use 1 to 200 characters."
    current = form.get("current_password", "")
    new = form.get("new_password", "")
    if new:
        if not verify_password(user.password_hash, current):
            errors["current_password"] = "This is not your current password."
        elif problem := password_problem(new):
            errors["new_password"] = problem
        elif new != form.get("new_password2", ""):
            errors["new_password2"] = "The two new passwords differ."
    if errors:
        return render(
            request,
            "settings_account.html",
            {
                "nav": "settings",
                "owned": accounts.owned_athletes(db, user.id),
                "values": {"display_name": name},
                "errors": errors,
            },
            status_code=422,
        )
    accounts.update_account(user, name, hash_password(new) if new else None)
    if new:
        request.state.session.login(user.id, user.password_hash)  # other sessions end
    return flash_redirect(request, "Account saved.", "/settings")


def _athlete_ctx(
    db: DB, athlete: ScopedAthlete, values: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    ctx = profile_context(values, errors)
    ctx.update(
        athlete=athlete,
        nav="settings",
        grants=accounts.active_grants(db, athlete.id),
    )
    return ctx


@router.get("/a/{athlete_id}/settings")
def athlete_settings(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser
) -> Response:
    values, problem = stored_form(athlete.profile_toml, athlete.name)
    ctx = _athlete_ctx(db, athlete, values, {})
    ctx["profile_problem"] = problem
    return render(request, "settings_athlete.html", ctx)


@router.post("/a/{athlete_id}/settings/profile")
def athlete_profile_update(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, form: FormData
) -> Response:
    today = local_day(athlete, utcnow())
    try:
        data, _ = validate_form(form, today)
    except ProfileFormError as exc:
        return render(
            request,
            "settings_athlete.html",
            _athlete_ctx(db, athlete, form_values(form), exc.errors),
            status_code=422,
        )
    save_profile_text(db, athlete.id, to_toml(data), today=today)
    return flash_redirect(
        request,
        "Profile saved. Rebuild the plan on the Plan page to apply it to your season.",
        f"/a/{athlete.id}/settings",
    )


@router.post("/a/{athlete_id}/access")
def grant(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, form: FormData
) -> Response:
    try:
        accounts.grant_access(db, athlete, form.get("coach_email", ""), utcnow())
    except InputError as exc:
        values, problem = stored_form(athlete.profile_toml, athlete.name)
        ctx = _athlete_ctx(db, athlete, values, {})
        ctx["profile_problem"] = problem
        ctx["access_errors"] = {"coach_email": str(exc)[0].upper() + str(exc)[1:] + "."}
        return render(request, "settings_athlete.html", ctx, status_code=422)
    return flash_redirect(request, "Coach access granted.", f"/a/{athlete.id}/settings")


@router.post("/a/{athlete_id}/access/{access_id}/revoke")
def revoke(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, access_id: int
) -> Response:
    accounts.revoke_access(db, athlete.id, access_id, utcnow())
    return flash_redirect(request, "Coach access revoked.", f"/a/{athlete.id}/settings")


@router.get("/a/{athlete_id}/export.zip")
def export_zip(athlete: ScopedAthlete, db: DB, user: CurrentUser) -> Response:
    """Everything of this athlete, lossless (activities with streams, laps, sets)."""
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115
    write_athlete_zip(db, athlete.id, athlete.profile_toml, spool)
    spool.seek(0)

    def chunks() -> Any:
        try:
            while block := spool.read(1024 * 1024):
                yield block
        finally:
            spool.close()

    return StreamingResponse(
        chunks(),
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="runstrong-athlete-{athlete.id}.zip"'
        },
    )
