"""Friendly errors: an HTML page for browsers, a problem body for the API.

Problem bodies follow RFC 9457 (``type``, ``title``, ``status``, ``detail``).
No traceback ever reaches a user; unexpected errors are logged server-side.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from runstrong.core.errors import ConflictError, InputError, NotFoundError, RunstrongError
from runstrong.web.security import BodyTooLargeError
from runstrong.web.validation import describe

log = logging.getLogger("runstrong.web")

#: Seconds a client is asked to wait (``Retry-After``) when the database stayed locked.
LOCKED_RETRY_AFTER_S = 2
#: PostgreSQL SQLSTATEs that mean "try again": serialization failure, deadlock, lock not available.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


class LoginRequiredError(Exception):
    """The route needs a logged-in user and there is none."""


class CsrfError(Exception):
    """A state-changing request came without the session's CSRF token."""


class OwnerOnlyError(Exception):
    """A coach tried a route only the athlete's owner may use (see ``web.policy``)."""

    def __init__(self, athlete_id: int) -> None:
        super().__init__(athlete_id)
        self.athlete_id = athlete_id


def wants_json(request: Request) -> bool:
    """API paths and clients that ask for JSON get problem bodies."""
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def problem(status: int, detail: str, title: str | None = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def error_response(
    request: Request, status: int, detail: str, title: str | None = None, **extra: Any
) -> Response:
    if wants_json(request):
        return problem(status, detail, title, **extra)
    from runstrong.web.templating import render

    return render(
        request,
        "error.html",
        {"status": status, "title": title or HTTPStatus(status).phrase, "detail": detail},
        status_code=status,
    )


def _validation_detail(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    """Each error names its field, the bad value and what is allowed (``web.validation``)."""
    errors = []
    for err in exc.errors():
        parts = err.get("loc", ())
        loc = ".".join(str(p) for p in parts if p not in ("body", "query", "path", "header"))
        if err.get("type") == "json_invalid":  # pydantic's loc is ("body", 0): the body
            loc = "body"
        errors.append({"field": loc, "message": describe(err, loc or None)})
    summary = "; ".join(str(e["message"]) for e in errors) or "invalid request"
    return summary, errors


def is_lock_timeout(exc: OperationalError) -> bool:
    """True when the database refused because another writer held the lock too long."""
    text = str(exc.orig).lower()
    if "database is locked" in text or "database table is locked" in text:
        return True
    return getattr(exc.orig, "sqlstate", None) in _RETRYABLE_SQLSTATES


def _api_routes(routes: list[Any]) -> list[APIRoute]:
    """The app's APIRoutes, also inside included routers."""
    found: list[APIRoute] = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif hasattr(route, "original_router"):
            found.extend(_api_routes(list(route.original_router.routes)))
    return found


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route serves at ``path``, for the ``Allow`` header of a 405.

    Starlette names only the methods of the first route whose path matched, so
    ``PATCH …/wellness`` got ``Allow: GET`` although PUT is served there too."""
    methods: set[str] = set()
    for route in _api_routes(list(app.router.routes)):
        if route.path_regex.match(path):
            methods |= route.methods or set()
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into a friendly response."""
    _install_access_handlers(app)
    _install_input_handlers(app)
    _install_server_handlers(app)


def _install_access_handlers(app: FastAPI) -> None:
    """Login, CSRF, owner-only and plain HTTP errors (404, 405 with ``Allow``)."""

    @app.exception_handler(LoginRequiredError)
    async def _login_required(request: Request, exc: LoginRequiredError) -> Response:
        if wants_json(request):
            return problem(401, "Log in first: this route needs an authenticated user.")
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)

    @app.exception_handler(CsrfError)
    async def _csrf(request: Request, exc: CsrfError) -> Response:
        return error_response(
            request,
            403,
            "The form's security token is missing or out of date. Reload the page and try again.",
            title="Security check failed",
        )

    @app.exception_handler(OwnerOnlyError)
    async def _owner_only(request: Request, exc: OwnerOnlyError) -> Response:
        return error_response(
            request,
            403,
            f"Only the owner of athlete {exc.athlete_id} may do this: the profile, coach "
            "access and the data export are the owner's. As a coach you can read the "
            "athlete's pages and change the plan and the log.",
            title="Owner only",
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        allowed: list[str] = []
        if exc.status_code == 405:
            allowed = allowed_methods(request.app, request.url.path)
            if allowed:
                detail = f"{request.method} is not allowed here; use {', '.join(allowed)}."
        response = error_response(request, exc.status_code, detail)
        if exc.headers:
            response.headers.update(exc.headers)
        if allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response


def _install_input_handlers(app: FastAPI) -> None:
    """What the request asked for was invalid, missing or in conflict."""

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        summary, errors = _validation_detail(exc)
        return error_response(request, 422, summary, title="Invalid input", errors=errors)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> Response:
        """The same shape as a validation error's: ``errors`` names the field (the
        service's ``InputError.field``) and the message names the bad value."""
        errors = [{"field": exc.field or "", "message": str(exc)}]
        return error_response(request, 422, str(exc), title="Invalid input", errors=errors)

    @app.exception_handler(ConflictError)
    async def _conflict(request: Request, exc: ConflictError) -> Response:
        return error_response(request, 409, str(exc), title="Conflict")

    @app.exception_handler(RunstrongError)
    async def _runstrong(request: Request, exc: RunstrongError) -> Response:
        return error_response(request, 400, str(exc), title="Cannot do that")


def _install_server_handlers(app: FastAPI) -> None:
    """Uploads over the limit, a busy database (503) and anything unexpected (500)."""

    @app.exception_handler(BodyTooLargeError)
    async def _too_large(request: Request, exc: BodyTooLargeError) -> Response:
        limit = request.app.state.settings.max_upload_bytes
        return error_response(
            request,
            413,
            f"The upload is larger than the limit of {limit} bytes.",
            title="Upload too large",
        )

    @app.exception_handler(OperationalError)
    async def _database(request: Request, exc: OperationalError) -> Response:
        if not is_lock_timeout(exc):
            return _unexpected_error(request, exc)
        log.warning("database locked on %s %s: %s", request.method, request.url.path, exc.orig)
        response = error_response(
            request,
            503,
            "The database is busy with other writes and nothing was saved. "
            f"Try again in {LOCKED_RETRY_AFTER_S} seconds.",
            title="Busy, try again",
        )
        response.headers["Retry-After"] = str(LOCKED_RETRY_AFTER_S)
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        return _unexpected_error(request, exc)


def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        request, 500, "Something went wrong on our side. The error was logged; please try again."
    )
