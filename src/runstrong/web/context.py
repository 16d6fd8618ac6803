"""Database wiring of the web app: one engine and session factory per app.

``init_backend`` runs the packaged migrations when asked (the default, so
``runstrong serve`` on a fresh SQLite file just works) and keeps the session
factory on ``app.state``; routes get a session per request from ``deps``.
The job runner is wired by the app factory (``app.py``), not here: this
module is imported by ``deps`` and must not lead to the job handlers.

This is the one module of ``runstrong.web`` that imports ``runstrong.storage`` to open
connections (``tests/web/test_route_boundary.py``): everything else reaches the
database through ``runstrong.services``.
"""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, configure_mappers, sessionmaker

from runstrong.storage.db import make_engine, make_session_factory, write_locking
from runstrong.web.settings import WebSettings


def init_backend(app: FastAPI, settings: WebSettings) -> None:
    """Create the engine (migrating it to the newest schema) and the session factory."""
    engine = make_engine(settings.database_url, sqlite_busy_timeout_ms=settings.db_busy_timeout_ms)
    if settings.auto_migrate:
        from runstrong.storage.migrate import upgrade

        upgrade(engine)
    app.state.engine = engine
    app.state.write_engine = write_locking(engine)
    app.state.db = make_session_factory(engine)


def session_factory(app: FastAPI) -> sessionmaker[Session]:
    factory: sessionmaker[Session] = app.state.db
    return factory


def write_engine_of(app: FastAPI) -> Engine:
    """The engine whose SQLite transactions begin with the write lock (``BEGIN IMMEDIATE``)."""
    engine: Engine = app.state.write_engine
    return engine


def engine_of(app: FastAPI) -> Engine:
    engine: Engine = app.state.engine
    return engine


def warm_database(app: FastAPI) -> None:
    """Start-up warm-up of the database (``web.warmup``): configure the mappers, open one
    pooled connection, and run one small query of each kind the pages run first (users,
    athletes, active plans), so their compiled SQL is cached. Reads nothing an athlete
    owns and writes nothing."""
    from runstrong.storage.tables import AthleteRow, PlanRow, UserRow

    configure_mappers()
    with engine_of(app).connect() as conn:
        conn.execute(text("SELECT 1"))
    with session_factory(app)() as db:
        db.scalar(select(func.count(UserRow.id)))
        db.scalars(select(AthleteRow).limit(1)).all()
        db.scalars(select(PlanRow.id).where(PlanRow.active.is_(True)).limit(1)).all()
