"""Helpers shared by the web tests (imported by conftest and tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.testclient import TestClient

CSRF_RE = re.compile(r'name="csrf-token" content="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF_RE.search(html)
    assert match, "page has no csrf meta tag"
    return match.group(1)


@dataclass
class Browser:
    """A TestClient that remembers the session's CSRF token like a page would."""

    client: TestClient
    csrf: str = ""

    def get(self, url: str, **kw: object) -> object:
        response = self.client.get(url, **kw)  # type: ignore[arg-type]
        match = CSRF_RE.search(response.text)
        if match:
            self.csrf = match.group(1)
        return response

    def refresh_csrf(self) -> str:
        self.get("/login")
        if not self.csrf:
            self.get("/setup")
        return self.csrf

    def post(self, url: str, data: dict[str, str] | None = None, **kw: object):  # type: ignore[no-untyped-def]
        payload = dict(data or {})
        payload.setdefault("csrf_token", self.csrf)
        return self.client.post(url, data=payload, follow_redirects=False, **kw)  # type: ignore[arg-type]


def new_browser(app: FastAPI) -> Browser:
    client = TestClient(app, raise_server_exceptions=False)
    browser = Browser(client)
    browser.get("/setup")
    if not browser.csrf:
        browser.get("/login")
    return browser


def sign_up(
    app: FastAPI, email: str, name: str = "Runner", password: str = "correct horse 1"
) -> Browser:
    """Create an account (owner if first) and return a logged-in browser."""
    browser = new_browser(app)
    if browser.client.get("/setup", follow_redirects=False).status_code == 200:
        url = "/setup"
    else:
        url = "/register"
        browser.get("/register")
    response = browser.post(
        url, {"name": name, "email": email, "password": password, "password2": password}
    )
    assert response.status_code == 303, response.text
    browser.get("/onboarding")
    return browser
