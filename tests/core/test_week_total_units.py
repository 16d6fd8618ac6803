"""Q1: a week holds the athlete's volume in the athlete's own unit. A profile of
``weekly_mi = 25`` (``runstrong athlete init --units mi --weekly-mi 25 --longest-run-mi
8``) read runs of 2.9 + 6.3 + 2.9 + 5 + 8 mi = 25.1 mi under a "25 mi" week: each
run placed on the 0.1 km grid and shown rounded to 0.1 mi. The runs as shown add up
to the week as shown, and week 1 is the 25 mi the athlete runs now."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Plan, PlannedSession, PlanWeek, RunStep, SessionKind, StepKind
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.unit_grid import hold_week_total
from runstrong.core.units import format_distance_value

START = dt.date(2026, 12, 7)


def _profile(units: str, weekly: float, longest: float) -> dict[str, Any]:
    """``runstrong athlete init --yes`` with its default week, in ``units``."""
    return {
        "name": "me", "sex": "female", "birth_year": 1990, "body_mass_kg": 65.0,
        "units": units, "timezone": "UTC",
        "running": {f"weekly_{units}": weekly, f"longest_run_{units}": longest,
                    "years_running": 2.0, "recent_race": {"distance": "5k", "time": "25:00"}},
        "strength": {"years_lifting": 0.0, "equipment": ["gym"]},
        "goal": {"distance": "10k", "date": "2027-05-02"},
        "week": {"mon": ["18:00-19:30"], "tue": ["18:00-19:30"], "wed": [],
                 "thu": ["18:00-19:30"], "fri": [], "sat": ["08:00-10:00"],
                 "sun": ["08:00-11:00"], "gym_days": ["mon", "thu"], "long_run_day": "sun",
                 "max_session_min": 120, "two_a_days": False},
    }  # fmt: skip


def _shown(km: float, units: str) -> Decimal:
    """A distance as the week table shows it (``core.units.format_distance_value``)."""
    return Decimal(format_distance_value(km * 1000, units))


def _runs_shown(week: PlanWeek, units: str) -> Decimal:
    runs = [s for s in week.sessions if s.kind is SessionKind.RUN]
    return sum((_shown(s.distance_km or 0.0, units) for s in runs), Decimal(0))


def _plan(units: str, weekly: float, longest: float) -> Plan:
    return build_plan(parse_profile(_profile(units, weekly, longest)), START)


def test_week_one_of_a_25_mile_runner_shows_runs_that_add_up_to_25_miles() -> None:
    # longest 9 mi: with 8 mi the Q2 easy share (70 % of a 12.9 km long run on five run
    # days) holds week 1 at 24.3 mi, which its Q1/Q3 note states
    week = _plan("mi", 25.0, 9.0).weeks[0]
    assert _shown(week.run_km, "mi") == Decimal(25)
    assert _runs_shown(week, "mi") == Decimal(25)


@pytest.mark.parametrize(
    ("units", "weekly", "longest"),
    [("mi", 25.0, 8.0), ("mi", 18.6, 7.0), ("mi", 31.0, 10.0), ("km", 40.0, 13.0)],
)
def test_every_week_shows_runs_that_add_up_to_the_week(
    units: str, weekly: float, longest: float
) -> None:
    plan = _plan(units, weekly, longest)
    off = [
        (w.index + 1, str(_runs_shown(w, units)), str(_shown(w.run_km, units)))
        for w in plan.weeks
        if _runs_shown(w, units) != _shown(w.run_km, units)
    ]
    assert off == []


def test_a_resized_easy_run_keeps_steps_that_add_up_to_it() -> None:
    """The easy body of a strides run takes the difference, not a stride."""
    steps = (
        RunStep(StepKind.STEADY, distance_m=2800.0),
        RunStep(StepKind.STRIDES, distance_m=100.0, repeat=4),
        RunStep(StepKind.RECOVERY, distance_m=100.0, repeat=4),
        RunStep(StepKind.COOLDOWN, distance_m=1000.0),
    )
    run = PlannedSession("w01-thu-run", START, dt.time(18), SessionKind.RUN, "strides", False,
                         30.0, 105.0, distance_km=4.6, steps=steps)  # fmt: skip
    easy = dataclasses.replace(run, id="w01-mon-run", category="easy",
                               steps=(RunStep(StepKind.STEADY, distance_m=4600.0),))  # fmt: skip
    long = dataclasses.replace(run, id="w01-sun-run", category="long", distance_km=12.9,
                               steps=(RunStep(StepKind.STEADY, distance_m=12900.0),))  # fmt: skip
    # 2.858 + 2.858 + 8.016 mi show as 2.9 + 2.9 + 8 = 13.8 mi under a 13.732 mi week
    # (13.7 mi): one easy run shows 2.8 mi, and the strides run takes what is left of the
    # 13.7 mi once the long run's 12.9 km is counted
    resized, easy_after, long_after = hold_week_total([run, easy, long], "mi")
    assert long_after == long
    assert easy_after.distance_km == pytest.approx(2.8 * 1.609344, abs=0.001)
    assert resized.distance_km == pytest.approx(10.9 * 1.609344 - 12.9, abs=0.001)
    assert [st.distance_m for st in resized.steps] == [
        pytest.approx(2800.0 + (10.9 * 1.609344 - 12.9 - 4.6) * 1000, abs=1.0), 100.0, 100.0,
        1000.0]  # fmt: skip
