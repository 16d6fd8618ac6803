"""The web app's routers, one module per area; ``ROUTERS`` is mounted by ``create_app``."""

from __future__ import annotations

from fastapi import APIRouter

from runstrong.web.routes import auth, system

ROUTERS: tuple[APIRouter, ...] = (system.router, auth.router)
