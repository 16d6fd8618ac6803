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


def _link(text: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', text)
    return found.group(1).replace("&amp;", "&") if found else None


def _runs(text: str) -> list[str]:
    return re.findall(r">(Run \d+|Strength)<", text)


def test_log_page_shows_fifty_and_links_older_and_newer(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _fill(app, athlete_id, 105)  # 105 runs and a lift: pages of 50, 50 and 6
    base = f"/a/{athlete_id}/log"
    first = owner.get(f"{base}?since=2024-01-01")
    assert first.status_code == 200
    assert _runs(first.text) == [f"Run {i}" for i in range(104, 54, -1)]
    assert _link(first.text, "prev") is None
    older = _link(first.text, "next")
    assert older is not None, "no link to the older page"
    second = owner.get(f"{base}{older}")
    assert _runs(second.text) == [f"Run {i}" for i in range(54, 4, -1)]
    third = owner.get(f"{base}{_link(second.text, 'next')}")
    assert _runs(third.text) == ["Run 4", "Run 3", "Run 2", "Run 1", "Strength", "Run 0"]
    assert _link(third.text, "next") is None
    assert "2 sets" in third.text
    assert "sleep 9.0 h" in third.text  # day 2's check-in beside its run
    # Newer goes back the way it came: from the last page to the second, then the first.
    back = owner.get(f"{base}{_link(third.text, 'prev')}")
    assert _runs(back.text) == _runs(second.text)
    newest = owner.get(f"{base}{_link(back.text, 'prev')}")
    assert _runs(newest.text) == _runs(first.text)
    assert _link(newest.text, "prev") is None


def test_log_page_newer_link_keeps_the_filters(app: FastAPI, owner: Browser) -> None:
    athlete_id = onboarded(app, owner)
    _fill(app, athlete_id, 60)
    base = f"/a/{athlete_id}/log"
    first = owner.get(f"{base}?sport=running&since=2025-01-05&until=2025-03-01")
    assert _runs(first.text) == [f"Run {i}" for i in range(59, 9, -1)]
    second = owner.get(f"{base}{_link(first.text, 'next')}")
    assert _runs(second.text) == [f"Run {i}" for i in range(9, 3, -1)]
    newer = _link(second.text, "prev")
    assert newer is not None and "sport=running" in newer and "since=2025-01-05" in newer
    assert _runs(owner.get(f"{base}{newer}").text) == _runs(first.text)
    unknown = owner.client.get(f"{base}?after=999999")
    assert unknown.status_code == 404


def test_a_kept_activities_page_follows_every_write(app: FastAPI, owner: Browser) -> None:
    """The activities API keeps a page by the athlete's log revision: a new activity, a
    session RPE and sets added to a lift show on the next request of the same page."""
    athlete_id = onboarded(app, owner)
    _fill(app, athlete_id, 1)  # a run and a lift on FIRST
    url = f"/api/v1/athletes/{athlete_id}/activities?limit=2"
    first = owner.client.get(url).json()
    assert owner.client.get(url).json() == first  # kept: same answer
    lift = next(a["id"] for a in first if a["sport"] == "strength")
    with app.state.db() as db, db.begin():
        repository.set_session_rpe(db, lift, 7.5)
        repository.append_sets(db, lift, [SetEntry("back_squat", 3, 110.0, order=2)])
    after = {a["id"]: a for a in owner.client.get(url).json()}
    assert after[lift]["session_rpe"] == 7.5
    assert [s["load_kg"] for s in after[lift]["sets"]] == [100.0, 105.0, 110.0]
    with app.state.db() as db, db.begin():
        newest = repository.add_activity(
            db,
            athlete_id,
            Activity(
                sport=Sport.RUNNING,
                start=dt.datetime.combine(FIRST + dt.timedelta(days=5), dt.time(7), dt.UTC),
                duration_s=1200,
                source_format="manual",
            ),
            now=dt.datetime(2025, 6, 2, tzinfo=dt.UTC),
        )
    assert owner.client.get(url).json()[0]["id"] == newest
