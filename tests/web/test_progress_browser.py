"""Issue 15 part 3 in a real headless Chromium: the Progress page of a new user and of the
demo athlete, with the axis ranges uPlot drew (the chart elements' data-x-min/max and
data-y-min attributes that static/js/charts.js sets from ``chart.scales``).
Screenshots go to docs/screenshots/."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from live_server import ARGS, BROWSER_ONLY, CHROMIUM, serving
from test_progress_charts import log_new_user_week, new_user
from web_support import CLOCK, Browser, new_browser, sign_up

from runstrong.web.app import create_app
from runstrong.web.settings import WebSettings

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHARTS = ("pmc-chart", "acwr-chart", "weekly-chart", "e1rm-chart")

pytestmark = BROWSER_ONLY


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[FastAPI, str]]:
    app = create_app(
        WebSettings(
            database_url=f"sqlite:///{tmp_path / 'browser.sqlite3'}",
            secret_key="browser-test-secret-" + "p" * 32,
            spool_dir=tmp_path / "spool",
            demo=True,
        )
    )
    with serving(app) as base:
        yield app, base


def _axes(browser: Browser, base: str, path: str, shot: str) -> dict[str, dict[str, str]]:
    """Open ``path`` with ``browser``'s session in Chromium; the axis attributes by chart."""
    from playwright import sync_api

    cookies = [
        {"name": c.name, "value": c.value or "", "url": base} for c in browser.client.cookies.jar
    ]
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = chromium.new_page(viewport={"width": 1000, "height": 900})
        page.context.add_cookies(cookies)  # type: ignore[arg-type]
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(base + path)
        for chart in CHARTS:
            page.wait_for_selector(f"#{chart}[data-rendered], #{chart}[data-needs]", timeout=10_000)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / shot), full_page=True)
        found = page.evaluate(
            """ids => Object.fromEntries(ids.map(id => {
                 const el = document.getElementById(id);
                 return [id, {needs: el.dataset.needs || "", text: el.textContent,
                              x_min: el.dataset.xMin || "", x_max: el.dataset.xMax || "",
                              y_min: el.dataset.yMin || "",
                              marks_drawn: el.dataset.marksDrawn || ""}];
               }))""",
            list(CHARTS),
        )
        chromium.close()
    assert errors == []
    return dict(found)


def test_new_users_progress_page(served: tuple[FastAPI, str]) -> None:
    app, base = served
    owner = sign_up(app, "new@example.org")
    athlete_id = new_user(app, owner)
    today = CLOCK.date()
    first, last = log_new_user_week(app, athlete_id, today)
    axes = _axes(owner, base, f"/a/{athlete_id}/progress", "progress-new-user.png")
    # The e1RM axis spans the two lift days plus a day each side (not years ahead).
    assert axes["e1rm-chart"]["x_min"] == (first - dt.timedelta(days=1)).isoformat()
    assert axes["e1rm-chart"]["x_max"] == (last + dt.timedelta(days=1)).isoformat()
    assert axes["weekly-chart"]["y_min"] == "0"
    assert axes["acwr-chart"]["needs"] == "true"
    assert axes["acwr-chart"]["text"] == "The workload ratio needs 28 days of load; you have 4."


def test_demo_progress_page(served: tuple[FastAPI, str]) -> None:
    app, base = served
    visitor = new_browser(app)
    visitor.get("/login")
    assert visitor.post("/demo").status_code == 303
    athlete_id = app.state.demo_athlete_id
    axes = _axes(visitor, base, f"/a/{athlete_id}/progress", "progress-demo.png")
    progress = visitor.client.get(f"/api/v1/athletes/{athlete_id}/progress").json()
    for chart, key in (("pmc-chart", "pmc"), ("weekly-chart", "weekly"), ("e1rm-chart", "e1rm")):
        assert axes[chart]["needs"] == "", (chart, axes[chart]["text"])
        assert [axes[chart]["x_min"], axes[chart]["x_max"]] == progress[key]["x_range"], chart
    assert axes["weekly-chart"]["y_min"] == "0"
    # The plan's dates inside an axis are drawn on it (issue 15): exactly those marks.
    for chart, key in (("pmc-chart", "pmc"), ("weekly-chart", "weekly")):
        low, high = progress[key]["x_range"]
        inside = [m for m in progress[key]["marks"] if low <= m["date"] <= high]
        assert progress[key]["marks"], key
        assert axes[chart]["marks_drawn"] == str(len(inside)), (chart, inside)
    labels = progress["e1rm"]["labels"]
    assert axes["e1rm-chart"]["x_min"] < labels[0] and labels[-1] < axes["e1rm-chart"]["x_max"]
