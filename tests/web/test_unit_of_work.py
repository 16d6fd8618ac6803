"""Committed, then reported: every write is committed before its response goes out.

The spy below is an ASGI wrapper that, at the moment the response starts, counts
the athlete's activities in a separate session: what a browser following the
redirect would see. Before the fix the commit ran after the response was sent,
so the spy saw 0 rows (and a failing commit still answered 201).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url
from web_support import Browser, onboarded, sign_up

from runstrong.storage import repository
from runstrong.storage.db import transaction
from runstrong.storage.tables import ActivityRow
from runstrong.web.app import create_app
from runstrong.web.settings import WebSettings

Scope = dict[str, Any]


def _count(app: FastAPI, athlete_id: int) -> int:
    with app.state.db() as db:
        query = select(func.count()).select_from(ActivityRow)
        return int(db.scalar(query.where(ActivityRow.athlete_id == athlete_id)) or 0)


class ResponseSpy:
    """ASGI wrapper: runs ``probe`` when the response starts and keeps what it saw."""

    def __init__(self, app: FastAPI, probe: Callable[[], int]) -> None:
        self.app = app
        self.probe = probe
        self.seen: list[int] = []

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        async def spying_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                self.seen.append(self.probe())
            await send(message)

        await self.app(scope, receive, spying_send)


def _spy_client(app: FastAPI, browser: Browser, spy: ResponseSpy) -> TestClient:
    client = TestClient(spy, raise_server_exceptions=False)
    client.cookies = browser.client.cookies
    return client


def _lift_form(csrf: str) -> dict[str, str]:
    return {
        "csrf_token": csrf,
        "sport": "strength",
        "duration_min": "40",
        "set.0.exercise": "Back squat",
        "set.0.reps": "5",
        "set.0.load_kg": "80",
    }


def test_page_write_is_committed_before_the_redirect_is_sent(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    spy = ResponseSpy(app, lambda: _count(app, athlete_id))
    client = _spy_client(app, owner, spy)
    response = client.post(
        f"/a/{athlete_id}/log/new", data=_lift_form(owner.csrf), follow_redirects=False
    )
    assert response.status_code == 303, response.text
    assert spy.seen == [1]
    detail = owner.client.get(response.headers["location"])
    assert detail.status_code == 200
    assert "Back squat" in detail.text


def test_api_write_is_committed_before_the_201_is_sent(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    spy = ResponseSpy(app, lambda: _count(app, athlete_id))
    client = _spy_client(app, owner, spy)
    response = client.post(
        f"/api/v1/athletes/{athlete_id}/activities",
        headers={"X-CSRF-Token": owner.csrf},
        json={"sport": "running", "start": "2026-05-01T07:00:00Z", "duration_s": 1800},
    )
    assert response.status_code == 201, response.text
    assert spy.seen == [1]


def test_a_failed_commit_answers_an_error_and_saves_nothing(app: FastAPI, owner: Browser) -> None:
    path = _sqlite_path(str(app.state.settings.database_url))
    assert path
    athlete_id = onboarded(app, owner)

    def refuse(connection: Any) -> None:
        # What a full disk does to COMMIT: the transaction is gone and COMMIT fails.
        connection.connection.dbapi_connection.execute("ROLLBACK")
        raise sqlite3.OperationalError("database or disk is full")

    event.listen(app.state.engine, "commit", refuse)
    try:
        response = owner.client.post(
            f"/api/v1/athletes/{athlete_id}/activities",
            headers={"X-CSRF-Token": owner.csrf},
            json={"sport": "running", "start": "2026-05-01T07:00:00Z", "duration_s": 1800},
        )
    finally:
        event.remove(app.state.engine, "commit", refuse)
    assert response.status_code == 500
    assert response.json()["detail"] == (
        "Something went wrong on our side. The error was logged; please try again."
    )
    assert _count(app, athlete_id) == 0


def _sqlite_path(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        pytest.skip("SQLite write-lock behaviour")
    assert parsed.database
    return parsed.database


@pytest.fixture
def short_wait_app(settings: WebSettings) -> Iterator[FastAPI]:
    application = create_app(settings.model_copy(update={"db_busy_timeout_ms": 300}))
    yield application
    application.state.jobs.shutdown()
    application.state.engine.dispose()


def test_a_lock_that_cannot_be_had_answers_503_with_retry_after(
    short_wait_app: FastAPI, settings: WebSettings
) -> None:
    path = _sqlite_path(str(settings.database_url))
    owner = sign_up(short_wait_app, "owner@example.org", "Olive Owner")
    athlete_id = onboarded(short_wait_app, owner)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that keeps the lock
    try:
        # raise_server_exceptions=True: an error re-raised past the handlers (which is
        # what makes uvicorn drop the connection) would fail the test here.
        client = TestClient(short_wait_app)
        client.cookies = owner.client.cookies
        response = client.post(
            f"/api/v1/athletes/{athlete_id}/activities",
            headers={"X-CSRF-Token": owner.csrf},
            json={"sport": "running", "start": "2026-05-01T07:00:00Z", "duration_s": 1800},
        )
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.json()["detail"] == (
        "The database is busy with other writes and nothing was saved. Try again in 2 seconds."
    )
    assert _count(short_wait_app, athlete_id) == 0


WRITES_EACH = 12


def test_three_concurrent_writers_lose_nothing(app: FastAPI, settings: WebSettings) -> None:
    """An API writer, a page writer and a CLI-style writer at once: no 5xx, every row kept."""
    _sqlite_path(str(settings.database_url))
    owner = sign_up(app, "owner@example.org", "Olive Owner")
    athlete_id = onboarded(app, owner)
    owner.get(f"/a/{athlete_id}/today")
    statuses: list[int] = []
    errors: list[BaseException] = []
    base = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)

    def api_writer() -> None:
        client = TestClient(app, raise_server_exceptions=False)
        client.cookies = owner.client.cookies
        for i in range(WRITES_EACH):
            start = (base + dt.timedelta(hours=i)).isoformat()
            response = client.post(
                f"/api/v1/athletes/{athlete_id}/activities",
                headers={"X-CSRF-Token": owner.csrf},
                json={"sport": "running", "start": start, "duration_s": 1200 + i},
            )
            statuses.append(response.status_code)

    def page_writer() -> None:
        client = TestClient(app, raise_server_exceptions=False)
        client.cookies = owner.client.cookies
        for i in range(WRITES_EACH):
            form = _lift_form(owner.csrf) | {
                "day": (base.date() + dt.timedelta(days=1 + i)).isoformat()
            }
            response = client.post(f"/a/{athlete_id}/log/new", data=form, follow_redirects=False)
            statuses.append(response.status_code)

    def cli_writer() -> None:
        from runstrong.core.model import Activity, Sport

        for i in range(WRITES_EACH):
            start = base + dt.timedelta(days=40 + i)
            with transaction(app.state.db) as db:
                activity = Activity(sport=Sport.RUNNING, start=start, duration_s=900.0 + i)
                repository.add_activity(db, athlete_id, activity, now=start)

    def guarded(target: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            try:
                target()
            except BaseException as exc:  # surfaced by the assertion below
                errors.append(exc)

        return run

    threads = [threading.Thread(target=guarded(t)) for t in (api_writer, page_writer, cli_writer)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(set(statuses)) == [201, 303]
    assert len(statuses) == 2 * WRITES_EACH
    assert _count(app, athlete_id) == 3 * WRITES_EACH
