"""End to end in a real headless Chromium (Debian's chromium, driven by Playwright).

The app runs under uvicorn on 127.0.0.1 in a thread. The journey: first run
(owner account) → onboarding wizard → plan → today (check-in) → log a lift →
upload a FIT file and follow its progress → progress charts render. A
screenshot of every step goes to ``test-artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from live_server import ARGS, BROWSER_ONLY, CHROMIUM, fill_owner, fill_runner
from web_support import FIT_RUN

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

pytestmark = BROWSER_ONLY


def test_journey_onboarding_to_progress(server: str) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    ARTIFACTS.mkdir(exist_ok=True)
    errors: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on(
            "console",
            lambda msg: errors.append(msg.text) if msg.type == "error" else None,
        )

        def shot(name: str) -> None:
            page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)

        # First run: the owner account.
        page.goto(server + "/")
        assert "Welcome to runstrong" in page.content()
        fill_owner(page)
        shot("01-setup")
        page.click("button[type=submit]")
        page.wait_for_url("**/onboarding")

        # Onboarding wizard (defaults are pre-filled; add what only the runner knows).
        fill_runner(page)
        shot("02-onboarding")
        page.click("text=Save and build my plan")
        page.wait_for_url("**/plan")
        assert "Season to" in page.content(), page.content()[:2000]
        page.wait_for_selector("#season-chart[data-rendered=true]", timeout=10_000)
        shot("03-plan")
        athlete_base = page.url.rsplit("/plan", 1)[0]

        # Drag a run onto another run's day of next week: the API moves it as `plan move`
        # does (the two runs swap, the day is re-placed in its windows) and the page
        # shows both where the plan now has them, with what changed.
        # A tall viewport: when the target scrolls into view mid-drag, Chromium picks the
        # drag source at the old coordinates (another session).
        page.set_viewport_size({"width": 1200, "height": 2400})
        page.goto(athlete_base + "/plan?week=1")
        runs = page.locator(".week .item.run[data-session]")
        found = [
            (r.get_attribute("data-session"), r.evaluate("el => el.closest('.day').dataset.date"))
            for r in runs.all()
        ]
        pairs = [(a, b) for a in found for b in found if a[1] != b[1]]
        for pair in pairs:
            (first_id, first_day), (second_id, second_day) = pair
            first = page.locator(f".item[data-session='{first_id}']")
            target = page.locator(f".day[data-date='{second_day}']")
            with page.expect_response(lambda r: r.url.endswith("/move")) as moved:
                first.drag_to(target)
            if moved.value.status == 422:  # refused, with the reason on the page
                detail = moved.value.json()["detail"]
                assert "would break" in detail, detail
                page.wait_for_function(
                    "d => document.querySelector('[data-move-result]').textContent === d",
                    arg=detail,
                )
                continue
            assert moved.value.status == 200, moved.value.text()
            break
        else:
            raise AssertionError(f"no run of week 2 could swap with another: {found}")
        page.locator(f".day[data-date='{second_day}'] [data-session='{first_id}']").wait_for(
            timeout=5_000
        )
        page.locator(f".day[data-date='{first_day}'] [data-session='{second_id}']").wait_for(
            timeout=5_000
        )
        page.wait_for_function(
            "() => document.querySelector('[data-move-result]').textContent.includes('moved: ')"
        )
        shot("03b-plan-moved")
        # The browser logs each refused move's 422; that was the expected answer.
        errors[:] = [e for e in errors if "status of 422" not in e]
        page.set_viewport_size({"width": 1200, "height": 900})

        # Today: check in.
        page.goto(athlete_base + "/today")
        page.fill("#f-sleep_h", "7.5")
        page.check("input[name=leg_feel][value='4']")
        page.click("text=Save check-in")
        page.wait_for_selector("text=Check-in saved")
        assert "no check-in for today" not in page.content()
        assert page.input_value("#f-sleep_h") == "7.5"
        shot("04-today")

        # Log a lift.
        page.select_option("#f-sport", "strength")
        page.fill("#f-duration_min", "45")
        page.fill("#f-session_rpe", "7")
        page.fill("input[name='set.0.exercise']", "Back squat")
        page.fill("input[name='set.0.sets']", "3")
        page.fill("input[name='set.0.reps']", "5")
        page.fill("input[name='set.0.load_kg']", "80")
        page.click("text=Log it")
        page.wait_for_selector("text=Sets")
        assert page.locator("td", has_text="Back squat").count() == 3
        shot("05-lift")

        # Upload a FIT file; the page follows the job and lands on its result.
        page.goto(athlete_base + "/upload")
        page.set_input_files("#f-files", str(FIT_RUN))
        page.click("text=Upload and import")
        page.wait_for_selector("text=Import done", timeout=60_000)
        shot("06-upload")
        page.click('h2:has-text("New activities") + ul a')
        page.wait_for_selector("canvas.map[data-rendered=true]", timeout=10_000)
        page.wait_for_selector("#activity-chart[data-rendered=true]", timeout=10_000)
        shot("07-activity")

        # Progress charts render from the locally served uPlot.
        page.goto(athlete_base + "/progress")
        for chart in ("pmc-chart", "acwr-chart", "weekly-chart", "e1rm-chart"):
            # Drawn, or (a new log) saying what it needs (issue 15 part 3).
            page.wait_for_selector(
                f"#{chart}[data-rendered=true], #{chart}[data-needs=true]", timeout=10_000
            )
        shot("08-progress")

        # Phone-sized screen: the navigation and the week still fit.
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.context.add_cookies(page.context.cookies())
        phone.goto(athlete_base + "/plan")
        width = phone.evaluate("document.documentElement.scrollWidth")
        phone.screenshot(path=str(ARTIFACTS / "web-09-plan-phone.png"), full_page=True)
        assert width <= 400, f"page is {width}px wide on a 390px phone"
        browser.close()
    assert errors == []
