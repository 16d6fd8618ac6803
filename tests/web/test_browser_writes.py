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

import datetime as dt
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import event

from runstrong.web.app import create_app
from runstrong.web.settings import WebSettings

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROUNDS = 20

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    app = create_app(
        WebSettings(
            database_url=f"sqlite:///{tmp_path / 'writes.sqlite3'}",
            secret_key="browser-writes-secret-" + "w" * 32,
            spool_dir=tmp_path / "spool",
        )
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    event.listen(app.state.engine, "commit", _slow_write_commit)
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    app.state.jobs.shutdown()
    app.state.engine.dispose()


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
    page.fill("#f-birth_year", "1990")
    page.fill("#f-body_mass_kg", "62")
    page.fill("[id='f-running.weekly_km']", "35")
    page.fill("[id='f-running.longest_run_km']", "14")
    page.fill("[id='f-running.recent_race.time']", "48:30")
    race = (dt.datetime.now(dt.UTC).date() + dt.timedelta(weeks=14)).isoformat()
    page.fill("[id='f-goal.date']", race)
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
        page.fill("#f-name", "Alex Example")
        page.fill("#f-email", "alex@example.org")
        page.fill("#f-password", "a long password")
        page.fill("#f-password2", "a long password")
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
