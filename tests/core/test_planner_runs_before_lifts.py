"""R0/Q6 (issue 12 part 4, "runs first, lifts join them"): a lift that shares a run's
window takes what the run leaves, not the other way round.

The coach's review of session 8 (qa8_a6: a 50 km trail runner, tue/thu gym days in
90-minute evening windows, five run days) found week 10 holding 74.5 km of its
planned 81: the tue easy run cut to 4.1 km / 30 min beside a 50-minute moderate lift,
the thu run to 4.9 km beside a 54-minute "Strength light" of 8 exercises, longer than
the moderate one. A coach trims the lift first (a light session 20-35 minutes, a
moderate one about 40-45) and keeps the run. Light sessions over 40 minutes also
appeared for qa8_a3, weekshape/masters_half and coachqa a7/a8.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from runstrong.core.model import Plan, PlannedSession, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.services.profile import read_profile

DATA = Path(__file__).resolve().parents[1] / "data"
START = dt.date(2026, 12, 7)
LIGHT_MAX_MIN = 35.0
"""The coach's size of a light session (20-35 minutes)."""


@cache
def _plan(path: str) -> Plan:
    return build_plan(read_profile(DATA / path), START)


def _minutes(s: PlannedSession) -> tuple[int, int]:
    start = s.start.hour * 60 + s.start.minute
    return start, start + round(s.duration_min)


def test_trail_week_10_runs_keep_their_planned_km() -> None:
    # Seen failing on the old code: 74.5 km, tue 4.1 km / thu 4.9 km beside the lifts.
    week = _plan("coachqa/qa8_a6.toml").weeks[9]
    assert week.run_km >= 80.0  # planned 81 km (the review), within Q1's 1 km
    assert not [n for n in week.notes if "the week holds" in n]
    for day in (dt.date(2027, 2, 9), dt.date(2027, 2, 11)):
        runs = [s for s in week.sessions if s.kind is SessionKind.RUN and s.date == day]
        assert len(runs) == 1
        assert (runs[0].distance_km or 0.0) >= 6.0, runs[0]


PROFILES = (
    "coachqa/qa8_a6.toml",
    "coachqa/qa8_a3.toml",
    "weekshape/masters_half.toml",
    "coachqa/a7.toml",
    "coachqa/a8.toml",
)


@pytest.mark.parametrize("path", PROFILES)
def test_no_light_session_is_longer_than_a_moderate_one(path: str) -> None:
    # Seen failing on the old code: an R4 fallback (a heavy or moderate lift made
    # light) kept its old session's minutes: 48-54 min light sessions beside the
    # athlete's 47-50 min moderate ones.
    plan = _plan(path)
    lifts = [s for w in plan.weeks for s in w.sessions if s.kind is SessionKind.STRENGTH]
    light = [s.duration_min for s in lifts if s.category == "light"]
    assert light
    assert max(light) <= LIGHT_MAX_MIN


@pytest.mark.parametrize("path", ["coachqa/qa8_a6.toml", "coachqa/a8.toml"])
def test_a_lift_fits_the_window_after_its_run(path: str) -> None:
    """Q6: run first, the lift after it, both inside one of the day's windows."""
    athlete = read_profile(DATA / path)
    for w in _plan(path).weeks:
        for lift in (s for s in w.sessions if s.kind is SessionKind.STRENGTH):
            runs = [s for s in w.sessions if s.kind is SessionKind.RUN and s.date == lift.date]
            for run in runs:
                r0, r1 = _minutes(run)
                l0, l1 = _minutes(lift)
                window = next(
                    s.window for s in athlete.week.slots_on(lift.date)
                    if s.window.start_min <= l0 < s.window.end_min
                )  # fmt: skip
                if window.start_min <= r0 < window.end_min:
                    assert r1 <= l0 and l1 <= window.end_min, (lift.id, run.id)
