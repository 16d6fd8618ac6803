"""schemathesis against the JSON API's OpenAPI document, in process through ASGI.

Every operation of ``/api/v1/openapi.json`` is called with generated data as
a logged-in owner who has an onboarded athlete with a plan and a few logged
activities. Generated ``athlete_id`` values are replaced by that athlete's id
half of the time, so the generated bodies and queries reach the real handlers
instead of stopping at "404 no such athlete". schemathesis's checks assert no
5xx, documented status codes, and bodies/headers that conform to the schema.
Bounded: a few examples per operation, so the module runs in well under a
minute.
"""

from __future__ import annotations

import datetime as dt
import time
import zlib
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from web_support import onboarded, sign_up, store_example_plan

from runstrong.core.model import Activity, Sport
from runstrong.storage import repository
from runstrong.storage.db import make_engine
from runstrong.storage.migrate import upgrade
from runstrong.web.app import create_app
from runstrong.web.security import SESSION_COOKIE
from runstrong.web.settings import WebSettings


@pytest.fixture(scope="module")
def api_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """An app on a migrated SQLite file, an owner with an athlete, plan and activities."""
    folder: Path = tmp_path_factory.mktemp("api")
    url = f"sqlite:///{folder / 'api.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    app: FastAPI = create_app(
        WebSettings(
            database_url=url,
            auto_migrate=False,
            secret_key="schemathesis-secret-" + "k" * 32,
            spool_dir=folder / "spool",
            login_max_attempts=2,  # generated log-ins soon meet the limit (429)
        )
    )
    owner = sign_up(app, "owner@example.org", "Olive Owner")
    athlete_id = onboarded(app, owner)
    store_example_plan(app, athlete_id)
    start = dt.datetime(2026, 11, 20, 7, 0, tzinfo=dt.UTC)
    with app.state.db() as db, db.begin():
        for day in range(3):
            run = Activity(
                sport=Sport.RUNNING,
                start=start + dt.timedelta(days=day),
                duration_s=1800.0 + 60 * day,
                distance_m=5000.0 + 100 * day,
                avg_hr_bpm=150.0,
            )
            repository.add_activity(db, athlete_id, run, now=start)
    owner.refresh_csrf()
    cookie = owner.client.cookies.get(SESSION_COOKIE)
    assert cookie, "the owner is logged in"
    yield {
        "app": app,
        "athlete_id": athlete_id,
        "cookies": {SESSION_COOKIE: cookie},
        "headers": {"X-CSRF-Token": owner.csrf},
    }
    owner.client.close()
    app.state.jobs.shutdown()
    app.state.engine.dispose()


def operations(app: FastAPI) -> list[Any]:
    schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_api_has_no_server_errors_and_matches_its_schema(api_world: dict[str, Any]) -> None:
    """Each operation: generated cases through the app; schemathesis's checks must pass."""
    ops = operations(api_world["app"])
    assert len(ops) >= 10, "the OpenAPI document lists the API's operations"
    failures: list[str] = []
    statuses: dict[str, set[int]] = defaultdict(set)
    for operation in ops:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=12,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            derandomize=True,
            database=None,
        )
        def check(case: Any) -> None:
            params = case.path_parameters
            if params and "athlete_id" in params and zlib.crc32(repr(case.body).encode()) % 2 == 0:
                params["athlete_id"] = api_world["athlete_id"]
            # A profile is TOML whose fields are checked by parse_profile, which no JSON
            # Schema can express: there a schema-valid body may rightly get a 422. So are a
            # log's days (from 1900 to the athlete's today: the clock), a run's pace (the
            # world-record curve) and a filter's since after its until (two fields).
            semantic = case.operation.path.endswith(("/profile", "/wellness", "/activities"))
            response = case.call_and_validate(
                cookies=api_world["cookies"],
                headers=api_world["headers"],
                excluded_checks=[schemathesis.checks.positive_data_acceptance] if semantic else [],
            )
            statuses[f"{case.operation.method.upper()} {case.operation.path}"].add(
                response.status_code
            )

        t0 = time.perf_counter()
        try:
            check()
        except (
            Exception,
            BaseExceptionGroup,
        ) as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
        print(f"{time.perf_counter() - t0:6.2f} s  {operation.method.upper()} {operation.path}")
    assert not failures, "\n\n".join(failures)
    # The logged-in owner reached the real handlers, not only 401/404/422 answers.
    for route in (
        "GET /api/v1/me",
        "GET /api/v1/athletes/{athlete_id}/today",
        "GET /api/v1/athletes/{athlete_id}/plan",
        "GET /api/v1/athletes/{athlete_id}/activities",
        "PUT /api/v1/athletes/{athlete_id}/wellness",
    ):
        assert 200 in statuses[route], (route, statuses[route])


def test_api_login_limit_answers_a_documented_429(api_world: dict[str, Any]) -> None:
    """Generated log-ins rarely repeat an address, so the limit is exercised directly."""
    app = api_world["app"]
    doc = app.openapi()
    assert "429" in doc["paths"]["/api/v1/session"]["post"]["responses"]
    with TestClient(app) as client:
        body = {"email": "nobody@example.org", "password": "wrong"}
        codes = [client.post("/api/v1/session", json=body).status_code for _ in range(3)]
        assert codes == [401, 401, 429]  # login_max_attempts=2
        problem = client.post("/api/v1/session", json=body).json()
        assert problem["status"] == 429 and problem["title"]
