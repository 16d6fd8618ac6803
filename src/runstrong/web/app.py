"""The FastAPI app factory of runstrong's web app.

``create_app`` wires settings, the signed-cookie session, CSRF, the upload
cap, error handlers, static files and the routers. It never reads the
environment itself unless no settings are given.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

import runstrong
from runstrong.web.errors import install_error_handlers
from runstrong.web.security import (
    SESSION_COOKIE,
    BodySizeLimit,
    LoginRateLimiter,
    SessionCodec,
)
from runstrong.web.settings import WebSettings, resolve_secret_key
from runstrong.web.templating import STATIC_DIR, make_templates

API_DESCRIPTION = """\
JSON API of runstrong. Authenticate with the session cookie set by
`POST /api/v1/session` (or the login page) and send the session's CSRF token
in the `X-CSRF-Token` header on every POST, PUT, PATCH or DELETE.
Errors are problem bodies: `{"type", "title", "status", "detail"}`.
"""


def create_app(
    settings: WebSettings | None = None,
    *,
    secret_key_file: Path | None = None,
) -> FastAPI:
    """Build the web app. ``secret_key_file`` is where a generated key is kept."""
    settings = settings or WebSettings.from_env()
    secret_key = resolve_secret_key(settings, secret_key_file)
    app = FastAPI(
        title="runstrong",
        version=runstrong.__version__,
        description=API_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
        lifespan=_lifespan,
    )
    app.state.settings = settings
    app.state.templates = make_templates()
    app.state.sessions = SessionCodec(secret_key, settings.session_max_age_s)
    app.state.login_limiter = LoginRateLimiter(settings.login_max_attempts, settings.login_window_s)
    from runstrong.web.context import init_backend

    init_backend(app, settings)
    from runstrong.web.job_queue import make_job_runner

    app.state.jobs = make_job_runner(app.state.db, settings.job_runner, settings.job_threads)
    if settings.demo:
        import datetime as dt

        from runstrong.services.demo import seed_demo

        app.state.demo_athlete_id = seed_demo(app.state.db, dt.datetime.now(dt.UTC))
    install_error_handlers(app)
    # Inside the session middleware (added after it): Starlette's BaseHTTPMiddleware reads
    # the body in a task group, which would wrap the cap's 413 in an ExceptionGroup that
    # FastAPI answers with a 400 "error parsing the body".
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_upload_bytes)
    _install_session_middleware(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    from runstrong.web.routes import ROUTERS

    for router in ROUTERS:
        app.include_router(router)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """On server start, warm the app up before it accepts connections (``warmup``);
    on shutdown, stop the job runner: running jobs finish, none is cut off."""
    settings: WebSettings = app.state.settings
    if settings.warm_up:
        from runstrong.web.warmup import self_request, warm_coach, warm_up

        await asyncio.to_thread(warm_up, app)
        await self_request(app)
        await asyncio.to_thread(warm_coach, app)
    yield
    await asyncio.to_thread(app.state.jobs.shutdown)


def _install_session_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def session_middleware(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        codec: SessionCodec = request.app.state.sessions
        session = codec.loads(request.cookies.get(SESSION_COOKIE))
        request.state.session = session
        request.state.user = None
        response = await call_next(request)
        if session.modified:
            settings: WebSettings = request.app.state.settings
            secure = (
                settings.cookie_secure
                if settings.cookie_secure is not None
                else request.url.scheme == "https"
            )
            response.set_cookie(
                SESSION_COOKIE,
                codec.dumps(session),
                max_age=settings.session_max_age_s,
                httponly=True,
                samesite="lax",
                secure=secure,
                path="/",
            )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path.startswith("/static/") is False:
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                "script-src 'self'; frame-ancestors 'none'; form-action 'self'",
            )
        return response
