"""First run (owner account), registration, login and logout."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, ValidationError, field_validator
from starlette.responses import RedirectResponse, Response

from runstrong.core.errors import InputError
from runstrong.services import accounts
from runstrong.web.deps import DB, OptionalUser, csrf_protect, get_session, utcnow
from runstrong.web.forms import FormData, field_errors
from runstrong.web.security import (
    LoginRateLimiter,
    hash_password,
    password_problem,
    verify_login,
)
from runstrong.web.templating import render

if TYPE_CHECKING:
    from runstrong.storage.tables import UserRow  # rows from services.accounts

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class AccountForm(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(max_length=320)
    password: str
    password2: str

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.fullmatch(value.strip()):
            raise ValueError(f"{value!r} is not an e-mail address (name@example.org)")
        return value.strip().lower()

    @field_validator("password")
    @classmethod
    def _strong(cls, value: str) -> str:
        problem = password_problem(value)
        if problem:
            raise ValueError(problem)
        return value


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths are followed after login (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/")
def home(request: Request, db: DB, user: OptionalUser) -> Response:
    if accounts.count_users(db) == 0:
        return RedirectResponse("/setup", status_code=303)
    if user is None:
        return RedirectResponse("/login", status_code=303)
    owned = accounts.owned_athletes(db, user.id)
    if owned:
        return RedirectResponse(f"/a/{owned[0].id}/today", status_code=303)
    if accounts.visible_athletes(db, user.id):
        return RedirectResponse("/coach", status_code=303)
    return RedirectResponse("/onboarding", status_code=303)


def _create_account(request: Request, db: DB, form: dict[str, str], first_run: bool) -> Response:
    errors: dict[str, str] = {}
    try:
        data = AccountForm.model_validate(form)
    except ValidationError as exc:
        errors = field_errors(exc)
        data = None
    if data is not None and data.password != data.password2:
        errors["password2"] = "The two passwords differ."
    if data is not None and not errors:
        try:
            user = accounts.create_user(
                db,
                data.email,
                hash_password(data.password),
                data.name,
                utcnow(),
                is_owner=first_run,
            )
        except InputError as exc:
            message = str(exc)
            errors["email"] = message[0].upper() + message[1:] + "."
        else:
            get_session(request).login(user.id, user.password_hash)
            return RedirectResponse("/onboarding", status_code=303)
    values = {k: v for k, v in form.items() if not k.startswith("password")}
    return render(
        request,
        "setup.html",
        {
            "first_run": first_run,
            "action": "/setup" if first_run else "/register",
            "errors": errors,
            "values": values,
        },
        status_code=422,
    )


@router.get("/setup")
def setup_form(request: Request, db: DB) -> Response:
    if accounts.count_users(db) > 0:
        return RedirectResponse("/login", status_code=303)
    return render(
        request,
        "setup.html",
        {"first_run": True, "action": "/setup", "demo": request.app.state.settings.demo},
    )


@router.post("/setup")
def setup_submit(request: Request, db: DB, form: FormData) -> Response:
    if accounts.count_users(db) > 0:
        return RedirectResponse("/login", status_code=303)
    return _create_account(request, db, form, first_run=True)


@router.get("/register")
def register_form(request: Request, db: DB) -> Response:
    if accounts.count_users(db) == 0:
        return RedirectResponse("/setup", status_code=303)
    if not request.app.state.settings.open_registration:
        return render(
            request,
            "error.html",
            {
                "status": 403,
                "title": "Registration is closed",
                "detail": "Ask the owner of this server for an account.",
            },
            status_code=403,
        )
    return render(request, "setup.html", {"first_run": False, "action": "/register"})


@router.post("/register")
def register_submit(request: Request, db: DB, form: FormData) -> Response:
    if accounts.count_users(db) == 0 or not request.app.state.settings.open_registration:
        return RedirectResponse("/register", status_code=303)
    return _create_account(request, db, form, first_run=False)


@router.get("/login")
def login_form(request: Request, db: DB, user: OptionalUser, next: str | None = None) -> Response:
    if accounts.count_users(db) == 0:
        return RedirectResponse("/setup", status_code=303)
    if user is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(
        request, "login.html", {"next": _safe_next(next), "demo": request.app.state.settings.demo}
    )


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def check_login(request: Request, db: DB, email: str, password: str) -> tuple[UserRow | None, str]:
    """Verify credentials under the rate limit; returns (user, error message)."""
    limiter: LoginRateLimiter = request.app.state.login_limiter
    ip = client_ip(request)
    wait_s = limiter.retry_after_s(ip, email)
    if wait_s > 0:
        minutes = max(1, round(wait_s / 60))
        return None, (
            f"Too many failed log-ins for this e-mail. Try again in about {minutes} minute(s)."
        )
    user = accounts.user_by_email(db, email) if email else None
    # Argon2 takes a tenth of a second or more: end the transaction (and on SQLite the
    # write lock of a POST) before hashing, so log-ins never hold up other writers.
    db.commit()
    if not verify_login(user.password_hash if user else None, password) or user is None:
        limiter.record_failure(ip, email)
        return None, "Wrong e-mail or password."
    limiter.reset(ip, email)
    return user, ""


@router.post("/login")
def login_submit(request: Request, db: DB, form: FormData) -> Response:
    email = form.get("email", "").strip()
    password = form.get("password", "")
    user, message = check_login(request, db, email, password)
    if user is None:
        status = 429 if message.startswith("Too many") else 401
        return render(
            request,
            "login.html",
            {"errors": {"form": message}, "values": {"email": email}, "next": form.get("next")},
            status_code=status,
        )
    get_session(request).login(user.id, user.password_hash)
    return RedirectResponse(_safe_next(form.get("next")), status_code=303)


@router.post("/demo")
def demo_login(request: Request, db: DB) -> Response:
    """Log this browser in as the demo visitor (only with ``runstrong serve --demo``)."""
    if not request.app.state.settings.demo:
        return render(
            request,
            "error.html",
            {"status": 404, "title": "Not Found", "detail": "This server has no demo."},
            status_code=404,
        )
    from runstrong.services.demo import DEMO_EMAIL

    user = accounts.user_by_email(db, DEMO_EMAIL)
    if user is None:
        return RedirectResponse("/login", status_code=303)
    get_session(request).login(user.id, user.password_hash)
    return RedirectResponse(f"/a/{request.app.state.demo_athlete_id}/today", status_code=303)


@router.post("/logout")
def logout(request: Request) -> Response:
    get_session(request).logout()
    return RedirectResponse("/login", status_code=303)
