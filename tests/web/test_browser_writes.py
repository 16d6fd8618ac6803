"""Save, then follow the redirect: in a real headless Chromium, the next page always
shows what was saved (issue 14: before the fix the commit ran after the response,
and ~3 of 10 redirects landed on a 404 under a green banner).

Each flow runs 20 times against uvicorn on 127.0.0.1: log an activity and land on
its page, add an athlete through the wizard and land on their plan, rebuild the
plan and land on the plan page. Every COMMIT of a write is made 0.3 s slow (as on
a slow disk): a commit that ran after the response, as before, would then lose
the race to the browser's next request every time instead of now and then.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from live_server import ARGS, BROWSER_ONLY, CHROMIUM, fill_owner, fill_runner, serving
from sqlalchemy import event

from runstrong.web.app import create_app
from runstrong.web.settings import WebSettings

ROUNDS = 20

pytestmark = BROWSER_ONLY


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    app = create_app(
        WebSettings(
            database_url=f"sqlite:///{tmp_path / 'writes.sqlite3'}",
            secret_key="browser-writes-secret-" + "w" * 32,
            spool_dir=tmp_path / "spool",
        )
    )
    event.listen(app.state.engine, "commit", _slow_write_commit)
    with serving(app) as base:
        yield base


_CHANGES_SEEN: dict[int, int] = {}


def _slow_write_commit(connection: Any) -> None:
    """Sleep before the COMMIT of a transaction that changed rows (sqlite3's counter)."""
    raw = connection.connection.dbapi_connection
    changes = int(raw.total_changes)
    if changes != _CHANGES_SEEN.get(id(raw), 0):
        _CHANGES_SEEN[id(raw)] = changes
        time.sleep(0.3)


def _wizard(page: Any, name: str) -> None:
    page.fill("#f-name", name)
    fill_runner(page)
    page.click("text=Save and build my plan")
    page.wait_for_url(re.compile(r".*/a/\d+/plan$"))


def _assert_plan_page(page: Any, what: str) -> None:
    content = page.content()
    assert "is ready" in content, f"{what}: no success banner"
    assert "Season to" in content, f"{what}: the plan page shows no plan under 'ready'"
    assert "No plan yet" not in content, f"{what}"


def test_saved_rows_are_on_the_next_page_every_time(server: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.goto(server + "/")
        fill_owner(page)
        page.click("button[type=submit]")
        page.wait_for_url("**/onboarding")
        _wizard(page, "Alex Example")
        first = page.url.rsplit("/plan", 1)[0]

        for i in range(ROUNDS):  # log, then land on the activity's own page
            page.goto(first + "/today")
            page.select_option("#f-sport", "strength")
            page.fill("#f-duration_min", str(30 + i))
            page.fill("input[name='set.0.exercise']", f"Squat round {i}")
            page.fill("input[name='set.0.reps']", "5")
            page.fill("input[name='set.0.load_kg']", "80")
            page.check("input[name='new_exercise']")  # a name of its own, not the library's
            page.click("text=Log it")
            page.wait_for_url(re.compile(r".*/log/\d+$"))
            content = page.content()
            assert "Activity logged." in content, f"log round {i}"
            assert f"Squat round {i}" in content, f"log round {i}: the new activity is missing"

        for i in range(ROUNDS):  # add an athlete, then land on their new plan
            page.goto(server + "/onboarding")
            _wizard(page, f"Runner {i}")
            _assert_plan_page(page, f"add-athlete round {i}")
            assert f"Runner {i}" in page.content(), f"add-athlete round {i}: wrong athlete"

        for i in range(ROUNDS):  # rebuild the plan, then land on the plan page
            page.goto(first + "/plan")
            page.click("text=Rebuild the plan from today")
            page.wait_for_load_state()
            assert page.url == first + "/plan"
            _assert_plan_page(page, f"build-plan round {i}")
        browser.close()
