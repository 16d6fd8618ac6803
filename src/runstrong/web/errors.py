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
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse, RedirectResponse, Response

from runstrong.core.errors import ConflictError, InputError, NotFoundError, RunstrongError
from runstrong.web.security import BodyTooLargeError

log = logging.getLogger("runstrong.web")


class LoginRequiredError(Exception):
    """The route needs a logged-in user and there is none."""


class CsrfError(Exception):
    """A state-changing request came without the session's CSRF token."""


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
    errors = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        errors.append({"field": loc, "message": str(err.get("msg", "invalid"))})
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return summary, errors


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that turn every error into a friendly response."""

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

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        response = error_response(request, exc.status_code, detail)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        summary, errors = _validation_detail(exc)
        return error_response(request, 422, summary, title="Invalid input", errors=errors)

    @app.exception_handler(NotFoundError)
    async def _not_found(request: Request, exc: NotFoundError) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(InputError)
    async def _input(request: Request, exc: InputError) -> Response:
        return error_response(request, 422, str(exc), title="Invalid input")

    @app.exception_handler(ConflictError)
    async def _conflict(request: Request, exc: ConflictError) -> Response:
        return error_response(request, 409, str(exc), title="Conflict")

    @app.exception_handler(RunstrongError)
    async def _runstrong(request: Request, exc: RunstrongError) -> Response:
        return error_response(request, 400, str(exc), title="Cannot do that")

    @app.exception_handler(BodyTooLargeError)
    async def _too_large(request: Request, exc: BodyTooLargeError) -> Response:
        limit = request.app.state.settings.max_upload_bytes
        return error_response(
            request,
            413,
            f"The upload is larger than the limit of {limit} bytes.",
            title="Upload too large",
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(
            request,
            500,
            "Something went wrong on our side. The error was logged; please try again.",
        )
