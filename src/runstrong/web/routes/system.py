"""Health check (for load balancers and ``runstrong serve`` smoke tests)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

import runstrong
from runstrong.services.health import database_dialect
from runstrong.web.deps import DB

router = APIRouter(tags=["system"])


class HealthPublic(BaseModel):
    status: str
    version: str
    database: str


@router.get("/healthz", response_model=HealthPublic)
def health(db: DB) -> HealthPublic:
    """Liveness and database reachability."""
    dialect = database_dialect(db)
    return HealthPublic(status="ok", version=runstrong.__version__, database=dialect)
