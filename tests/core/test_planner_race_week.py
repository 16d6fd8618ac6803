"""R7: nothing but rest and mobility follows the goal race inside the race week."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from runstrong.core.model import SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.services.profile import read_profile

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


@pytest.mark.parametrize("offset_days", range(7))
def test_no_training_after_the_goal_race_in_its_week(offset_days: int) -> None:
    # Plan weeks start on the start date's weekday, so the race can fall anywhere in its week.
    athlete = read_profile(EXAMPLE)
    start = dt.date(2026, 11, 23) + dt.timedelta(days=offset_days)
    plan = build_plan(athlete, start)
    race_day = athlete.goal.date
    race_week = next(
        w for w in plan.weeks if w.start_date <= race_day <= w.start_date + dt.timedelta(days=6)
    )
    after = [
        s for s in race_week.sessions
        if s.date > race_day and s.kind not in (SessionKind.MOBILITY, SessionKind.REST)
    ]  # fmt: skip
    assert after == []
    assert any(s.category == "race" and s.date == race_day for s in race_week.sessions)
