"""Edges of the server found by probing it: upload cap, log-in timing, the rate-limit
table, 405 ``Allow``, date query parameters and the statuses the OpenAPI document names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from web_support import Browser, onboarded

from runstrong.web import security
from runstrong.web.security import LoginRateLimiter, verify_login


def _chunks(total: int) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * 64 * 1024
        sent += 64 * 1024


def test_streamed_upload_over_the_limit_is_413_on_api_and_page(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)
    limit = app.state.settings.max_upload_bytes
    headers = {"X-CSRF-Token": owner.csrf, "Content-Type": "multipart/form-data; boundary=b"}
    api = owner.client.post(
        f"/api/v1/athletes/{athlete_id}/uploads", content=_chunks(limit + 1), headers=headers
    )
    assert api.status_code == 413
    assert api.json()["detail"] == f"The upload is larger than the limit of {limit} bytes."
    page = owner.client.post(f"/a/{athlete_id}/upload", content=_chunks(limit + 1), headers=headers)
    assert page.status_code == 413
    assert f"The upload is larger than the limit of {limit} bytes." in page.text


def test_unknown_email_is_checked_against_a_dummy_hash(
    app: FastAPI, owner: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = security.verify_password

    def spy(stored_hash: str, password: str) -> bool:
        checked.append(stored_hash)
        return real(stored_hash, password)

    monkeypatch.setattr(security, "verify_password", spy)
    assert verify_login(None, "correct horse 1") is False
    assert len(checked) == 1
    assert checked[0].startswith("$argon2id$")
    owner.client.post("/logout", data={"csrf_token": owner.csrf})
    owner.refresh_csrf()
    response = owner.post("/login", {"email": "nobody@example.org", "password": "whatever 123"})
    assert response.status_code == 401
    assert len(checked) == 2
    assert checked[1].startswith("$argon2id$")


def test_rate_limit_table_drops_pairs_whose_failures_left_the_window() -> None:
    now = [0.0]
    limiter = LoginRateLimiter(3, 60, clock=lambda: now[0])
    for i in range(500):
        limiter.record_failure(f"10.0.{i // 250}.{i % 250}", f"user{i}@example.org")
    assert len(limiter) == 500
    now[0] = 61.0
    limiter.record_failure("10.9.9.9", "late@example.org")
    assert len(limiter) == 1
    now[0] = 200.0
    assert limiter.retry_after_s("10.9.9.9", "late@example.org") == 0
    assert len(limiter) == 0


def test_405_names_every_method_served_at_the_path(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.client.patch(
        f"/api/v1/athletes/{athlete_id}/wellness", headers={"X-CSRF-Token": owner.csrf}
    )
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, PUT"
    assert response.json()["detail"] == "PATCH is not allowed here; use GET, HEAD, PUT."
    session = owner.client.get("/api/v1/session")
    assert session.status_code == 405
    assert session.headers["allow"] == "DELETE, POST"


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [
        ("since=0", "since", "0"),
        ("until=0", "until", "0"),
        ("since=1700000000", "since", "1700000000"),
    ],
)
def test_date_query_parameters_must_be_dates(
    app: FastAPI, owner: Browser, query: str, field: str, value: str
) -> None:
    athlete_id = onboarded(app, owner)
    response = owner.client.get(f"/api/v1/athletes/{athlete_id}/activities?{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == (
        f"{field}: {value!r} is not a date; use YYYY-MM-DD, e.g. 2026-03-01"
    )
    fine = owner.client.get(f"/api/v1/athletes/{athlete_id}/activities?since=2026-01-01")
    assert fine.status_code == 200


def test_openapi_documents_the_statuses_the_api_answers(app: FastAPI) -> None:
    schema = app.openapi()
    missing = []
    api_paths = {p: ops for p, ops in schema["paths"].items() if p.startswith("/api/v1/")}
    assert len(api_paths) >= 15
    for path, operations in api_paths.items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            expected = {"422", "503"}
            if path != "/api/v1/session" or method != "post":
                expected |= {"401", "403", "404", "405"}
            if path.endswith("/uploads"):
                expected.add("413")
            if not expected <= documented:
                missing.append(f"{method.upper()} {path}: {sorted(expected - documented)}")
    assert missing == []
