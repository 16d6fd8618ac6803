"""/docs in a real headless Chromium: Swagger UI renders the API's operations under
the app's content security policy, loads nothing from another origin, and a
"Try it out" request carries the session (issue 15, part 5)."""

from __future__ import annotations

import pytest
from live_server import ARGS, BROWSER_ONLY, CHROMIUM, fill_owner

pytestmark = BROWSER_ONLY


def test_swagger_ui_renders_behind_the_login(server: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.on("request", lambda req: requests.append(req.url))
        page.goto(server + "/docs")  # no account yet: sent to the first-run setup
        assert page.url.endswith("/setup")
        assert page.locator("#swagger-ui").count() == 0
        fill_owner(page, "Docs Reader", "docs@example.org")
        page.click("button[type=submit]")
        page.wait_for_url("**/onboarding")
        page.goto(server + "/docs")
        page.wait_for_selector(".opblock", timeout=20000)
        summaries = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/v1/me" in s for s in summaries), summaries
        # "Try it out" on GET /api/v1/me answers with the logged-in user.
        me = page.locator(".opblock-get", has_text="/api/v1/me").first
        me.locator(".opblock-summary").click()
        me.locator("button.try-out__btn").click()
        me.locator("button.execute").click()
        page.wait_for_selector(".live-responses-table .response-col_status", timeout=20000)
        body = me.locator(".live-responses-table .microlight").first.inner_text()
        assert "docs@example.org" in body
        browser.close()
    assert [u for u in requests if not u.startswith(server)] == []
    assert errors == []
