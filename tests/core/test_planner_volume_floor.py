"""Issue 12 (a volume model that builds): a loading week never falls below the
athlete's current volume when the windows can hold it (Q1).

Seed-12 random athletes of the plan-quality property (tests/core/quality_athletes.py)
whose weeks the strict audit faulted: the runs as placed came 0.5-3 km short of the
current volume although open days, or a share of the long run, had room for it.
"""

from __future__ import annotations

import pytest
from quality_athletes import athlete_and_plan

from runstrong.core.rules.audit.common import full_loading

GRID_KM = 0.1
"""Runs are placed to 0.1 km: a week may round one step under the volume it aims at."""


@pytest.mark.parametrize("index", [222, 448])
def test_q1_week_one_gives_what_a_window_cannot_take_to_another_easy_day(index: int) -> None:
    # 222: 18.1 km of 18.9 (three runs, four open days); 448: 71.8 km of 72.6 (a 30-min
    # window cut one easy run, a seventh run day stayed empty)
    athlete, plan = athlete_and_plan(12, index)
    first = next(w for w in plan.weeks if full_loading(plan, w))
    assert first.index == 0
    assert first.run_km >= athlete.weekly_km - GRID_KM


@pytest.mark.parametrize(("index", "phases"), [(576, ("base",)), (890, ("build", "peak"))])
def test_q1_two_run_weeks_hold_the_current_volume(index: int, phases: tuple[str, ...]) -> None:
    # 576 (two run days): the long run at half the week left the other run, under 90 %
    # of it, 0.8 km short (13.7 of 14.5 km); 890: a build week's long run was sized for
    # two quality runs where two run days keep one (10.4 km of 13.5)
    athlete, plan = athlete_and_plan(12, index)
    weeks = [w for w in plan.weeks if full_loading(plan, w) and w.phase.value in phases]
    assert weeks
    assert min(w.run_km for w in weeks) >= athlete.weekly_km - GRID_KM


@pytest.mark.parametrize("index", [365, 442])
def test_q1_the_peak_reaches_the_current_volume_the_windows_hold(index: int) -> None:
    # the windows hold the current volume (365: 60.0 of 59.7 km; 442: 81.0 of 80.4 km),
    # but easy runs at 70 % of a long run the session limit caps peaked at 58.7 / 78.9 km
    athlete, plan = athlete_and_plan(12, index)
    peak = max(w.run_km for w in plan.weeks if full_loading(plan, w))
    assert peak >= athlete.weekly_km - GRID_KM
