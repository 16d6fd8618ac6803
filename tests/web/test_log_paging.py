"""Issue 15 part 2: the activity and wellness lists (API and Log page) come a page at a time."""

from __future__ import annotations

import datetime as dt
import re

from fastapi import FastAPI
from web_support import Browser, onboarded

from runstrong.core.model import Activity, SetEntry, Sport, Wellness
from runstrong.storage import repository

FIRST = dt.date(2025, 1, 1)


def _fill(app: FastAPI, athlete_id: int, days: int) -> None:
    """One run a day from FIRST (plus a lift on day 0) and a check-in every day."""
    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    with app.state.db() as db, db.begin():
        for i in range(days):
            day = FIRST + dt.timedelta(days=i)
            repository.add_activity(
                db,
                athlete_id,
                Activity(
                    sport=Sport.RUNNING,
                    start=dt.datetime.combine(day, dt.time(7), dt.UTC),
                    duration_s=1800,
                    distance_m=5000 + i,
                    name=f"Run {i}",
                    source_format="manual",
                ),
                now=now,
            )
            repository.put_wellness(db, athlete_id, Wellness(day, sleep_h=7 + (i % 3)))
        repository.add_activity(
            db,
            athlete_id,
            Activity(
                sport=Sport.STRENGTH,
                start=dt.datetime.combine(FIRST, dt.time(18), dt.UTC),
                duration_s=2400,
                sets=(SetEntry("back_squat", 5, 100.0), SetEntry("back_squat", 5, 105.0)),
                source_format="manual",
            ),
            now=now,
        )


def _next(link: str | None) -> str | None:
    if not link:
        return None
    found = re.fullmatch(r'<([^>]+)>; rel="next"', link)
    assert found, link
    return found.group(1)


def test_activities_api_pages_newest_first_with_link_headers(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _fill(app, athlete_id, 12)
    url: str | None = f"/api/v1/athletes/{athlete_id}/activities?since=2024-01-01&limit=5"
    pages = []
    while url:
        response = owner.client.get(url)
        assert response.status_code == 200, response.text
        pages.append(response.json())
        url = _next(response.headers.get("link"))
    assert [len(p) for p in pages] == [5, 5, 3]
    names = [a["name"] for p in pages for a in p]
    assert names[:3] == ["Run 11", "Run 10", "Run 9"]
    # The lift at 18:00 on the first day is newer than that day's 07:00 run.
    assert names[-3:] == ["Run 1", None, "Run 0"]
    assert [s["load_kg"] for s in pages[-1][-2]["sets"]] == [100.0, 105.0]


def test_activities_api_limit_default_and_maximum(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _fill(app, athlete_id, 3)
    base = f"/api/v1/athletes/{athlete_id}/activities"
    assert owner.client.get(f"{base}?limit=501").status_code == 422
    assert owner.client.get(f"{base}?limit=0").status_code == 422
    whole = owner.client.get(base)
    assert len(whole.json()) == 4 and "link" not in whole.headers
    unknown = owner.client.get(f"{base}?before=999999")
    assert unknown.status_code == 404, unknown.text
    assert "before=999999 is not an activity of this log" in unknown.text


def test_wellness_api_pages_in_day_order(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _fill(app, athlete_id, 7)
    url: str | None = f"/api/v1/athletes/{athlete_id}/wellness?limit=3"
    days: list[str] = []
    sizes = []
    while url:
        response = owner.client.get(url)
        assert response.status_code == 200, response.text
        days += [w["day"] for w in response.json()]
        sizes.append(len(response.json()))
        url = _next(response.headers.get("link"))
    assert sizes == [3, 3, 1]
    assert days == [(FIRST + dt.timedelta(days=i)).isoformat() for i in range(7)]


def test_log_page_shows_a_page_and_links_the_older_one(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _fill(app, athlete_id, 105)
    page = owner.get(f"/a/{athlete_id}/log?since=2024-01-01")
    assert page.status_code == 200
    assert ">Run 104<" in page.text and ">Run 5<" in page.text and ">Run 4<" not in page.text
    older = re.search(r'rel="next" href="([^"]+)"', page.text)
    assert older, "no link to the older page"
    second = owner.get(f"/a/{athlete_id}/log{older.group(1).replace('&amp;', '&')}")
    assert ">Run 4<" in second.text and ">Run 0<" in second.text and ">Run 5<" not in second.text
    assert "2 sets" in second.text
    assert "sleep 9.0 h" in second.text  # day 2's check-in beside its run
