"""services.progress_view: the Progress page's series come from the statistics services."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import Activity, Sport
from runstrong.services.progress_view import MIN_DAYS, progress_view
from runstrong.storage import repository as repo

NOW = dt.datetime(2026, 11, 25, 12, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 25)


def _run(day: dt.date, rpe: float = 4.0) -> Activity:
    start = dt.datetime.combine(day, dt.time(7), dt.UTC)
    return Activity(sport=Sport.RUNNING, start=start, duration_s=1800.0, distance_m=5000.0,
                    session_rpe=rpe, source_format="manual")  # fmt: skip


def _athlete(factory: sessionmaker[Session], days: list[dt.date]) -> int:
    with factory() as db, db.begin():
        athlete_id = repo.add_athlete(db, f"Ana {len(repo.list_athletes(db))}", now=NOW).id
        for d in days:
            repo.add_activity(db, athlete_id, _run(d), now=NOW)
    return athlete_id


def test_an_ancient_activity_neither_stretches_nor_changes_the_series(
    session_factory: sessionmaker[Session],
) -> None:
    recent = [TODAY - dt.timedelta(days=d) for d in (1, 3, 5)]
    plain = _athlete(session_factory, recent)
    ancient = _athlete(session_factory, [dt.date(1, 5, 23), *recent])
    with session_factory() as db:
        a = progress_view(db, plain, TODAY)
        b = progress_view(db, ancient, TODAY)
    assert len(a.pmc["labels"]) == MIN_DAYS  # at least eight weeks, from the first log
    assert b.pmc == a.pmc


def test_the_series_start_at_the_first_logged_day_within_a_year(
    session_factory: sessionmaker[Session],
) -> None:
    first = TODAY - dt.timedelta(days=100)
    athlete_id = _athlete(session_factory, [first, TODAY - dt.timedelta(days=2)])
    with session_factory() as db:
        view = progress_view(db, athlete_id, TODAY)
    assert view.pmc["labels"][0] == first.isoformat()
    assert view.pmc["labels"][-1] == TODAY.isoformat()
    assert view.weekly["labels"][0] <= first.isoformat()
    long_ago = _athlete(session_factory, [TODAY - dt.timedelta(days=800)])
    with session_factory() as db:
        assert len(progress_view(db, long_ago, TODAY).pmc["labels"]) == MIN_DAYS
