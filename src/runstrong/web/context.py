"""Database wiring of the web app: one engine and session factory per app.

``init_backend`` runs the packaged migrations when asked (the default, so
``runstrong serve`` on a fresh SQLite file just works) and keeps the session
factory on ``app.state``; routes get a session per request from ``deps``.
The job runner is wired by the app factory (``app.py``), not here: this
module is imported by ``deps``, which the job handlers reach through
``planning``, and must not lead back to them.
"""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

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
