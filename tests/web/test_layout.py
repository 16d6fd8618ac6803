"""Issue 15 part 6: one menu on every page, distances as a runner writes them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from fastapi import FastAPI
from web_support import Browser, onboarded, profile_form

from runstrong.core.model import PlannedSession, RunStep, SessionKind, StepKind
from runstrong.web.templating import make_templates

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py


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


def _threshold_session() -> PlannedSession:
    steps = (
        RunStep(StepKind.WARMUP, duration_s=900.0),
        RunStep(StepKind.WORK, distance_m=3880.0, pace_s_per_km=(250.0, 258.0)),
        RunStep(StepKind.COOLDOWN, distance_m=10872.0),
        RunStep(StepKind.STRIDES, duration_s=20.0, repeat=4),
    )
    return PlannedSession(
        id="tue-run",
        date=dt.date(2027, 3, 2),
        start=dt.time(18, 0),
        kind=SessionKind.RUN,
        category="threshold",
        hard=True,
        duration_min=75.0,
        load=90.0,
        title="Threshold: 3.88 km",
        steps=steps,
    )


def test_distances_and_times_read_as_a_runner_writes_them() -> None:
    env = make_templates().env
    session = _threshold_session()
    line = "{{ s|session_title }}|{% for st in s.steps %}{{ st|step_amount }};{% endfor %}"
    km = env.from_string(line).render(s=session, units="km")
    assert km == "Threshold: 3.9 km|15 min;3.9 km;10.9 km;20 s;"
    mi = env.from_string(line).render(s=session, units="mi")
    assert mi == "Threshold: 2.4 mi|15 min;2.4 mi;6.8 mi;20 s;"
    intervals = env.from_string("{{ s|session_title }}").render(
        s=replace(
            session,
            title="Intervals: 5 × 1000 m",
            steps=(RunStep(StepKind.WORK, distance_m=1000.0, repeat=5),),
        )
    )
    assert intervals == "Intervals: 5 × 1000 m"


def test_listed_distances_have_one_decimal_at_most_and_whole_ones_bare() -> None:
    env = make_templates().env
    line = env.from_string("{% for d in ds %}{{ d|dist }};{% endfor %}")
    distances = [5000.0, 5234.0, 9960.0, 1500.0, None]
    assert line.render(ds=distances, units="km") == "5 km;5.2 km;10 km;1.5 km;–;"
    miles = [8046.72, 20004.0, 1609.344 * 26.2]
    assert line.render(ds=miles, units="mi") == "5 mi;12.4 mi;26.2 mi;"
