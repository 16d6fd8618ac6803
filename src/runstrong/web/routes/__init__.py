"""The web app's routers, one module per area; ``ROUTERS`` is mounted by ``create_app``."""

from __future__ import annotations

from fastapi import APIRouter

from runstrong.web.routes import auth, onboarding, pages_plan, system

ROUTERS: tuple[APIRouter, ...] = (
    system.router,
    auth.router,
    onboarding.router,
    pages_plan.router,
)
