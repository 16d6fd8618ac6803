"""A phone (390 × 844) in headless Chromium: one-line menu, readable season bar, no page
wider than the screen (issue 15 part 6). Screenshots go to docs/screenshots/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_browser import ARGS, CHROMIUM, server  # noqa: F401  (the fixture)

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


def test_phone_layout(server: str) -> None:  # noqa: F811
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport=PHONE, device_scale_factor=1)
        page.goto(server + "/")
        page.fill("#f-name", "Alex Example")
        page.fill("#f-email", "alex@example.org")
        page.fill("#f-password", "a long password")
        page.fill("#f-password2", "a long password")
        page.click("button[type=submit]")
        page.wait_for_url("**/onboarding")
        page.fill("#f-birth_year", "1990")
        page.fill("#f-body_mass_kg", "62")
        page.fill("[id='f-running.weekly_km']", "35")
        page.fill("[id='f-running.longest_run_km']", "14")
        page.fill("[id='f-running.recent_race.time']", "48:30")
        race = (dt.datetime.now(dt.UTC).date() + dt.timedelta(weeks=14)).isoformat()
        page.fill("[id='f-goal.date']", race)
        page.click("text=Save and build my plan")
        page.wait_for_url("**/plan")
        base = page.url.rsplit("/plan", 1)[0]

        for name in ("plan", "today", "calendar", "log", "progress", "settings"):
            page.goto(f"{base}/{name}" if name != "settings" else server + "/settings")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (name, width)
            nav = page.locator("nav.mainnav")
            assert nav.locator("a").count() >= 7, name  # the athlete's links and the rest
            box = nav.bounding_box()
            assert box is not None and box["height"] <= 40, (name, box)  # one line
            header = page.locator("header.topbar").bounding_box()
            assert header is not None and header["height"] <= 100, (name, header)
            if name in ("plan", "today", "calendar"):
                page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=False)

        page.goto(base + "/plan")
        labels = page.locator(".phase-legend li")
        assert labels.count() >= 3
        boxes = [labels.nth(i).bounding_box() for i in range(labels.count())]
        for i, a in enumerate(boxes):
            assert a is not None and a["x"] + a["width"] <= 390
            size = labels.nth(i).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
            assert size >= 12, size
            for b in boxes[i + 1 :]:
                assert b is not None
                apart = (
                    a["x"] + a["width"] <= b["x"]
                    or b["x"] + b["width"] <= a["x"]
                    or a["y"] + a["height"] <= b["y"]
                    or b["y"] + b["height"] <= a["y"]
                )
                assert apart, (a, b)
        browser.close()
