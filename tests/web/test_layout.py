"""Issue 15 part 6: one menu on every page, distances as a runner writes them."""

from __future__ import annotations

from fastapi import FastAPI
from web_support import Browser, onboarded, profile_form


def menu(html: str) -> str:
    return html.split('<nav class="mainnav"', 1)[1].split("</nav>", 1)[0]


def test_pages_without_an_athlete_show_the_only_athletes_links(
    app: FastAPI, owner: Browser
) -> None:
    athlete_id = onboarded(app, owner)
    assert "rs_last_athlete" not in owner.client.cookies  # no page of it viewed yet
    for url in ("/settings", "/coach", "/docs"):
        page = owner.client.get(url)
        assert page.status_code == 200, url
        for section in ("today", "calendar", "plan", "log", "progress"):
            assert f'href="/a/{athlete_id}/{section}"' in menu(page.text), (url, section)


def test_with_several_athletes_the_menu_follows_the_last_one_viewed(
    app: FastAPI, owner: Browser
) -> None:
    first = onboarded(app, owner)
    response = owner.post("/onboarding", profile_form(name="Second Runner"))
    second = int(response.headers["location"].split("/")[2])
    owner.client.get(f"/a/{first}/today")
    page = menu(owner.client.get("/settings").text)
    assert f'href="/a/{first}/plan"' in page
    assert f'href="/a/{second}/plan"' not in page
    owner.client.get(f"/a/{second}/log")
    page = menu(owner.client.get("/coach").text)
    assert f'href="/a/{second}/plan"' in page
    assert f'href="/a/{first}/plan"' not in page
