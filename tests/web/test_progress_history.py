"""Progress series stay bounded whatever dates the log holds (found by schemathesis).

One activity logged in year 1 through the API made every Progress request build a
740,000-day load series (~3 s); the EWMA warm-up is now capped at three years.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from runstrong.core.model import Activity, Sport
from runstrong.web import progress


def run(day: dt.date) -> Activity:
    start = dt.datetime.combine(day, dt.time(7), dt.UTC)
    return Activity(
        sport=Sport.RUNNING, start=start, duration_s=1800.0, distance_m=5000.0, session_rpe=4.0
    )


def test_ancient_activity_does_not_stretch_the_load_series(monkeypatch: pytest.MonkeyPatch) -> None:
    spans: list[int] = []
    real = progress.daily_loads

    def spy(entries: Any, start: dt.date, end: dt.date) -> list[float]:
        spans.append((end - start).days + 1)
        return real(entries, start, end)

    monkeypatch.setattr(progress, "daily_loads", spy)
    today = dt.date(2026, 11, 25)
    recent = [run(today - dt.timedelta(days=d)) for d in (1, 3, 5)]
    with_ancient = progress.progress_data([run(dt.date(1, 5, 23)), *recent], [], None, today)
    without = progress.progress_data(recent, [], None, today)
    assert spans and max(spans) <= 365 + 3 * 365
    assert with_ancient["pmc"] == without["pmc"]  # a load 2,000 years ago weighs nothing
