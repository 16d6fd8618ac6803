"""The web app's routers, one module per area; ``ROUTERS`` is mounted by ``create_app``."""

from __future__ import annotations

from fastapi import APIRouter

from runstrong.web.routes import (
    api,
    auth,
    docs,
    onboarding,
    pages_calendar,
    pages_coach,
    pages_log,
    pages_plan,
    pages_progress,
    pages_settings,
    pages_today,
    system,
)

ROUTERS: tuple[APIRouter, ...] = (
    system.router,
    auth.router,
    onboarding.router,
    pages_today.router,
    pages_plan.router,
    pages_calendar.router,
    pages_log.router,
    pages_progress.router,
    pages_settings.router,
    pages_coach.router,
    docs.router,
    api.public,
    api.router,
    pages_calendar.api,
)
