"""First run, accounts, login, sessions, CSRF, rate limiting and friendly errors."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import Browser, new_browser, onboarded, sign_up

from runstrong.web.security import (
    SESSION_COOKIE,
    LoginRateLimiter,
    SessionCodec,
    SessionData,
    hash_password,
    verify_password,
)
from runstrong.web.settings import WebSettings, resolve_secret_key


def test_health_reports_database(app: FastAPI) -> None:
    response = TestClient(app).get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}


def test_first_run_sends_to_owner_setup(app: FastAPI) -> None:
    client = TestClient(app)
    response = client.get("/", follow_redirects=False)
    assert response.headers["location"] == "/setup"
    assert client.get("/login", follow_redirects=False).headers["location"] == "/setup"
    page = client.get("/setup")
    assert "Create the owner account" in page.text


def test_setup_shows_errors_next_to_fields(app: FastAPI) -> None:
    browser = new_browser(app)
    response = browser.post(
        "/setup", {"name": "", "email": "nope", "password": "short", "password2": "other"}
    )
    assert response.status_code == 422
    assert 'id="e-email"' in response.text
    assert "&#39;nope&#39; is not an e-mail address" in response.text
    assert "Use at least 10 characters (this one has 5)." in response.text
    assert 'id="e-name"' in response.text


def test_setup_closes_after_first_account(app: FastAPI, owner: Browser) -> None:
    other = new_browser(app)
    assert other.client.get("/setup", follow_redirects=False).headers["location"] == "/login"


def test_the_app_hashes_with_rfc_9106_parameters() -> None:
    """The web tests hash cheaply (conftest); the app itself uses RFC 9106's
    low-memory Argon2id parameters (64 MiB, 3 passes, 4 lanes)."""
    from argon2 import Type
    from web_support import PRODUCTION_HASHER

    hasher = PRODUCTION_HASHER
    assert (hasher.type, hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (
        Type.ID,
        3,
        65536,
        4,
    )
    assert (hasher.salt_len, hasher.hash_len) == (16, 32)
    stored = hasher.hash("correct horse 1")
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert hasher.verify(stored, "correct horse 1")


def test_password_is_stored_as_argon2(app: FastAPI, owner: Browser) -> None:
    from sqlalchemy import select

    from runstrong.storage.tables import UserRow

    with app.state.db() as db:
        user = db.scalar(select(UserRow).where(UserRow.email == "owner@example.org"))
    assert user is not None
    assert user.password_hash.startswith("$argon2id$")
    assert user.is_owner
    assert verify_password(user.password_hash, "correct horse 1")
    assert not verify_password(user.password_hash, "correct horse 2")


def test_duplicate_email_is_refused_at_the_field(app: FastAPI, owner: Browser) -> None:
    browser = new_browser(app)
    browser.get("/register")
    response = browser.post(
        "/register",
        {
            "name": "X",
            "email": "Owner@Example.org",
            "password": "0123456789",
            "password2": "0123456789",
        },
    )
    assert response.status_code == 422
    assert "is already registered" in response.text


def test_login_logout_cycle(app: FastAPI, owner: Browser) -> None:
    response = owner.post("/logout")
    assert response.headers["location"] == "/login"
    assert owner.client.get("/", follow_redirects=False).headers["location"] == "/login"
    owner.get("/login")
    response = owner.post(
        "/login", {"email": "owner@example.org", "password": "correct horse 1", "next": "/coach"}
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/coach"


def test_login_refuses_open_redirect(app: FastAPI, owner: Browser) -> None:
    owner.post("/logout")
    owner.get("/login")
    response = owner.post(
        "/login",
        {"email": "owner@example.org", "password": "correct horse 1", "next": "//evil.example"},
    )
    assert response.headers["location"] == "/"


def test_wrong_password_is_generic_and_rate_limited(app: FastAPI, owner: Browser) -> None:
    owner.post("/logout")
    owner.get("/login")
    for _ in range(3):  # the fixture allows 3 failures per window
        response = owner.post("/login", {"email": "owner@example.org", "password": "bad"})
        assert response.status_code == 401
        assert "Wrong e-mail or password." in response.text
    response = owner.post("/login", {"email": "owner@example.org", "password": "correct horse 1"})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.text


def test_rate_limiter_window_slides() -> None:
    now = [0.0]
    limiter = LoginRateLimiter(2, 60, clock=lambda: now[0])
    limiter.record_failure("1.2.3.4", "A@x.org")
    limiter.record_failure("1.2.3.4", "a@x.org")
    assert limiter.retry_after_s("1.2.3.4", "a@x.org") == 60
    assert limiter.retry_after_s("5.6.7.8", "a@x.org") == 0
    now[0] = 59.0
    assert limiter.retry_after_s("1.2.3.4", "a@x.org") == 1
    now[0] = 60.0
    assert limiter.retry_after_s("1.2.3.4", "a@x.org") == 0


def test_post_without_csrf_is_refused(app: FastAPI, owner: Browser) -> None:
    response = owner.client.post("/logout", data={}, follow_redirects=False)
    assert response.status_code == 403
    assert "security token" in response.text
    response = owner.client.post("/logout", data={"csrf_token": "forged"}, follow_redirects=False)
    assert response.status_code == 403


def test_session_cookie_flags(app: FastAPI) -> None:
    client = TestClient(app)
    response = client.get("/setup")
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(SESSION_COOKIE + "=")
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "samesite=lax" in cookie.lower()
    assert "Secure" not in cookie
    secure = TestClient(app, base_url="https://testserver").get("/setup")
    assert "Secure" in secure.headers["set-cookie"]


def test_forged_session_cookie_is_ignored(app: FastAPI, owner: Browser) -> None:
    codec = SessionCodec("another-secret-key-" + "y" * 32, 3600)
    forged = codec.dumps(SessionData(user_id=1))
    client = TestClient(app)
    client.cookies.set(SESSION_COOKIE, forged)
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"


def test_upload_over_limit_is_413(app: FastAPI, owner: Browser) -> None:
    big = b"x" * (2 * 1024 * 1024 + 1)
    response = owner.client.post(
        "/logout", content=big, headers={"content-type": "application/octet-stream"}
    )
    assert response.status_code == 413
    assert response.json()["title"] == "Upload too large"


def test_unknown_page_is_friendly(app: FastAPI) -> None:
    client = TestClient(app)
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "<h1>Not Found</h1>" in page.text
    api = client.get("/api/v1/no-such-thing")
    assert api.status_code == 404
    assert api.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "Not Found",
    }


def test_secret_key_is_generated_once(tmp_path: Path) -> None:
    key_file = tmp_path / "sub" / "key"
    settings = WebSettings()
    first = resolve_secret_key(settings, key_file)
    assert len(first) >= 32
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert resolve_secret_key(settings, key_file) == first


def test_settings_from_env() -> None:
    settings = WebSettings.from_env(
        {"RUNSTRONG_DATABASE_URL": "sqlite:///x.db", "RUNSTRONG_COOKIE_SECURE": "true"}
    )
    assert settings.database_url == "sqlite:///x.db"
    assert settings.cookie_secure is True


def test_hash_is_salted() -> None:
    assert hash_password("same password") != hash_password("same password")


def test_second_user_registers(app: FastAPI, owner: Browser) -> None:
    browser = sign_up(app, "coach@example.org", "Cora Coach")
    assert browser.client.get("/", follow_redirects=False).headers["location"] == "/onboarding"


def test_unexpected_error_is_friendly_and_has_no_traceback(
    app: FastAPI, owner: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    from runstrong.web.routes import pages_coach

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("secret internals")

    onboarded(app, owner)
    monkeypatch.setattr(pages_coach, "glance", boom)
    page = owner.client.get("/coach")
    api = owner.client.get("/coach", headers={"Accept": "application/json"})
    assert page.status_code == 500
    assert "Something went wrong on our side" in page.text
    assert "secret internals" not in page.text and "Traceback" not in page.text
    assert api.json()["status"] == 500
    assert "secret internals" not in api.text


def test_json_login_refuses_form_like_content_types(app: FastAPI, owner: Browser) -> None:
    """The JSON login needs no CSRF token because a cross-site form cannot send JSON:
    the same body as text/plain (what a form can send) is refused."""
    client = TestClient(app)
    body = '{"email": "owner@example.org", "password": "correct horse 1"}'
    forged = client.post("/api/v1/session", content=body, headers={"content-type": "text/plain"})
    assert forged.status_code == 422
    ok = client.post("/api/v1/session", content=body, headers={"content-type": "application/json"})
    assert ok.status_code == 200
    assert ok.json()["csrf_token"]
