"""The health check's one look at the database (``GET /healthz``)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session


def database_dialect(db: Session) -> str:
    """Run a trivial query (an unreachable database raises) and name the database's
    dialect (``sqlite``, ``postgresql``)."""
    db.execute(text("SELECT 1"))
    return db.get_bind().dialect.name
