"""A phone (390 × 844) in headless Chromium: the menu folded behind a button that opens
on a tap with every link reachable, a readable season bar, no page wider than the screen
(issue 15 part 6). Screenshots go to docs/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from live_server import ARGS, BROWSER_ONLY, CHROMIUM, fill_owner, fill_runner

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PHONE = {"width": 390, "height": 844}

pytestmark = BROWSER_ONLY


def test_phone_layout(server: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport=PHONE, device_scale_factor=1, has_touch=True)
        page.goto(server + "/")
        fill_owner(page)
        page.click("button[type=submit]")
        page.wait_for_url("**/onboarding")
        fill_runner(page)
        page.click("text=Save and build my plan")
        page.wait_for_url("**/plan")
        base = page.url.rsplit("/plan", 1)[0]

        for name in ("plan", "today", "calendar", "log", "progress", "settings"):
            page.goto(f"{base}/{name}" if name != "settings" else server + "/settings")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (name, width)
            nav = page.locator("nav.mainnav")
            assert nav.locator("a").count() >= 7, name  # the athlete's links and the rest
            assert not nav.is_visible(), name  # folded
            assert page.locator("button.menu-toggle").is_visible(), name
            header = page.locator("header.topbar").bounding_box()
            assert header is not None and header["height"] <= 60, (name, header)  # one line
            if name in ("plan", "today", "calendar"):
                page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=False)

        _menu_opens_on_a_tap_and_reaches_every_link(page, base)

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


def _menu_opens_on_a_tap_and_reaches_every_link(page, base: str) -> None:  # type: ignore[no-untyped-def]
    """Tap "Menu": every link shows inside the screen, on top (nothing covers it), and
    a tap on one goes there with the menu folded again; Escape folds it too."""
    page.goto(base + "/today")
    toggle = page.locator("button.menu-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.tap()
    assert toggle.get_attribute("aria-expanded") == "true"
    links = page.locator("nav.mainnav a")
    hrefs = []
    for i in range(links.count()):
        link = links.nth(i)
        assert link.is_visible(), i
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
        assert box["y"] + box["height"] <= 844 and box["height"] >= 24, box  # a finger's room
        on_top = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y).closest('a')?.getAttribute('href')",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        hrefs.append(link.get_attribute("href"))
        assert on_top == hrefs[-1], (on_top, hrefs[-1])
    assert {h.rsplit("/", 1)[-1] for h in hrefs} >= {
        "today", "calendar", "plan", "log", "progress", "coach", "settings"
    }  # fmt: skip
    page.screenshot(path=str(SHOTS / "phone-menu-open.png"), full_page=False)
    page.keyboard.press("Escape")
    assert not page.locator("nav.mainnav").is_visible()
    toggle.tap()
    page.locator("nav.mainnav a", has_text="Log").tap()
    page.wait_for_url("**/log")
    assert not page.locator("nav.mainnav").is_visible()
