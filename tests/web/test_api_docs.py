"""Interactive API docs at /docs (issue 15, part 5): behind the login, Swagger UI
served by the app itself, linked from every page's footer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import Browser

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

VENDOR = (
    Path(__file__).resolve().parents[2] / "src" / "runstrong" / "web" / "static" / "vendor"
) / "swagger-ui"
ASSET_RE = re.compile(r'<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"')


def test_docs_need_a_login(app: FastAPI) -> None:
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/docs", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/login?next=/docs"
    api = client.get("/docs", headers={"Accept": "application/json"}, follow_redirects=False)
    assert api.status_code == 401


def test_docs_page_uses_only_local_assets_and_they_are_served(owner: Browser) -> None:
    page = owner.client.get("/docs")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert 'id="swagger-ui"' in page.text
    assert 'data-openapi-url="/api/v1/openapi.json"' in page.text
    assets = ASSET_RE.findall(page.text)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in assets
    assert "/static/vendor/swagger-ui/swagger-ui.css" in assets
    assert "/static/js/api-docs.js" in assets
    assert [a for a in assets if not a.startswith("/")] == []
    assert "//" not in "".join(assets)
    for url in assets:
        response = owner.client.get(url)
        assert response.status_code == 200, url
        assert len(response.content) > 0, url
    bundle = owner.client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert "javascript" in bundle.headers["content-type"]
    assert "SwaggerUIBundle" in bundle.text
    css = owner.client.get("/static/vendor/swagger-ui/swagger-ui.css")
    assert css.headers["content-type"].startswith("text/css")
    # The page's content security policy allows no script from elsewhere.
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_docs_init_script_sends_the_csrf_token() -> None:
    script = (VENDOR.parents[1] / "js" / "api-docs.js").read_text(encoding="utf-8")
    assert '"X-CSRF-Token"' in script
    assert "data-openapi-url" in script


def test_vendored_swagger_ui_names_its_version_and_licence() -> None:
    source = (VENDOR / "SOURCE.txt").read_text(encoding="utf-8")
    assert "Swagger UI 5.35.0 (Apache-2.0)" in source
    assert "Apache License" in (VENDOR / "LICENSE").read_text(encoding="utf-8")


def test_footer_links_the_docs(owner: Browser) -> None:
    page = owner.client.get("/settings")
    assert page.status_code == 200
    footer = page.text[page.text.index('<footer class="footer">') :]
    assert '<a href="/docs">API docs</a>' in footer
