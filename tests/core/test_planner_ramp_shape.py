"""Q1/R11 (issue 12 item 1): loading weeks ramp toward the peak over the season.

Coach QA of session 8: qa8_a3 (95 km a week, ten years of running, marathon on
2027-04-18) reached its 114 km peak in week 3 and held it for thirteen weeks;
qa8_a1 (a 12 km a week beginner, 10 km race) reached 14.5 km in week 4 and stayed
flat to the taper. A coach spreads the rise over base and build (Pfitzinger &
Douglas 18/70: about 90 to 113 km over some twelve weeks, with recovery weeks;
Daniels: hold each new level three to four weeks, then raise), so the peak falls in
the last loading weeks before the taper, each loading week at least the one before
(after a deload, back to at least the level before it).
"""

from __future__ import annotations

import itertools

import pytest
from coachqa import LOADING, coachqa_plan
from quality_athletes import athlete_and_plan, unexplained

from runstrong.core.model import Phase, Plan, PlanWeek, RunCategory
from runstrong.core.planning.ramp_shape import deload_weeks, loading_levels
from runstrong.core.rules.ramp import plan_history_km, ramp_ceiling_km

ATHLETES = ["qa8_a3", "qa8_a1"]
NEAR_PEAK = 0.98
"""A week at 98 % of the peak or more runs the peak's volume (rounded runs)."""


def _loading(plan: Plan) -> list[PlanWeek]:
    """Full loading weeks: no deload, no tune-up race."""
    return [w for w in plan.weeks if w.phase in LOADING and not w.deload
            and all(s.category != RunCategory.RACE for s in w.sessions)]  # fmt: skip


@pytest.mark.parametrize("name", ATHLETES)
def test_the_peak_comes_in_the_last_third_of_the_loading_weeks(name: str) -> None:
    # Before: qa8_a3 at >= 98 % of its peak from loading week 3 of 12, qa8_a1 from 3 of 10.
    _, plan = coachqa_plan(name)
    loading = _loading(plan)
    peak = max(w.run_km for w in loading)
    first = next(k for k, w in enumerate(loading) if w.run_km >= NEAR_PEAK * peak)
    assert first >= 2 * len(loading) / 3, [w.run_km for w in loading]


def _windows_held(w: PlanWeek) -> bool:
    """Q1's one exception: the week states that its windows hold less than planned."""
    return any(n.startswith("Q1/Q3: the week holds") for n in w.notes)


@pytest.mark.parametrize("name", ATHLETES)
def test_loading_weeks_never_fall_below_the_loading_week_before(name: str) -> None:
    # Before: qa8_a3 ran 114.2 then 108.8 km (the long run's wave gave up its km).
    _, plan = coachqa_plan(name)
    loading = _loading(plan)
    kms = [w.run_km for w in loading]
    for a, w in zip(kms, loading[1:], strict=False):
        # 0.2 km: runs are rounded to 0.1 km
        assert w.run_km >= a - 0.2 or (_windows_held(w) and w.run_km >= a - 2.0), kms


@pytest.mark.parametrize("name", ATHLETES)
def test_the_ramp_rises_over_several_steps_within_r11(name: str) -> None:
    athlete, plan = coachqa_plan(name)
    kms = [w.run_km for w in plan.weeks]
    history = plan_history_km(kms, athlete.weekly_km, 0)
    for i, w in enumerate(plan.weeks):
        if w.phase in LOADING:
            assert w.run_km <= ramp_ceiling_km(history[: i + 4]) + 0.3, i
    loading = [w.run_km for w in _loading(plan)]
    rises = sum(b > a + 0.05 for a, b in itertools.pairwise(loading))
    assert rises >= 3, loading


def test_the_marathoner_climbs_from_the_current_volume_to_the_tier() -> None:
    # Pfitzinger & Douglas 18/70 for a runner above its 71 km entry: about 114 km.
    _, plan = coachqa_plan("qa8_a3")
    loading = _loading(plan)
    assert loading[0].run_km <= 96.0
    assert max(w.run_km for w in loading) >= 110.0
    assert loading[len(loading) // 2].run_km <= 108.0, [w.run_km for w in loading]


def test_levels_hold_a_mesocycle_and_reach_the_peak_in_the_peak_phase() -> None:
    # qa8_a3's sixteen loading-phase weeks (7 base, 6 build, 3 peak) before a two-week
    # taper, 3:1 blocks: deloads in weeks 4, 8, 12 and 15 (a week early before the
    # taper, R8); four levels from 95 to 114 km in steps of 19 / 3 km.
    phases = [Phase.BASE] * 7 + [Phase.BUILD] * 6 + [Phase.PEAK] * 3 + [Phase.TAPER] * 2
    deloads = deload_weeks(phases, 3)
    assert [i for i, d in enumerate(deloads) if d] == [3, 7, 11, 14]
    levels = loading_levels(phases, deloads, 95.0, 114.0, 0.10)
    assert levels == {0: 95.0, 1: 95.0, 2: 95.0, 4: 101.3, 5: 101.3, 6: 101.3,
                      8: 107.7, 9: 107.7, 10: 107.7, 12: 114.0, 13: 114.0, 15: 114.0}  # fmt: skip


def test_a_short_season_climbs_as_fast_as_the_ramp_cap_needs() -> None:
    # no deload before the peak: the path that reaches 60 km at +10 % a week
    phases = [Phase.BASE, Phase.BUILD, Phase.PEAK]
    levels = loading_levels(phases, deload_weeks(phases, 3), 50.0, 60.0, 0.10)
    assert levels == {0: 50.0, 1: 54.5, 2: 60.0}


def test_two_deload_weeks_in_a_row_raise_the_level_once() -> None:
    phases = [Phase.BASE] * 6 + [Phase.BUILD] * 4 + [Phase.PEAK] * 2
    deloads = deload_weeks(phases, 3, extra=frozenset({3, 4}))
    assert [i for i, d in enumerate(deloads) if d] == [3, 4, 8]
    levels = loading_levels(phases, deloads, 40.0, 46.0, 0.10)
    # three levels, 40, 43 and 46 km (counted twice, 40, 44, 46)
    assert levels == {0: 40.0, 1: 40.0, 2: 40.0, 5: 43.0, 6: 43.0, 7: 43.0,
                      9: 46.0, 10: 46.0, 11: 46.0}  # fmt: skip


def test_a_beginner_level_holds_a_three_run_deload() -> None:
    # 12 -> 14.5 km in 2:1 blocks: no level under 13.7 km (10.3 / 0.75)
    phases = [Phase.BASE] * 5 + [Phase.BUILD] * 6 + [Phase.PEAK] * 3
    levels = loading_levels(phases, deload_weeks(phases, 2), 12.0, 14.5, 0.10)
    assert min(levels.values()) == 13.7
    assert max(levels.values()) == 14.5


@pytest.mark.parametrize("index", [68, 181, 199, 452, 511, 777])
def test_held_levels_still_hold_the_current_volume(index: int) -> None:
    # Seed-12 athletes with five or more run days: held at their level, the long run no
    # longer grew with a fast ramp and the easy runs, at 70 % of it, left weeks under the
    # current volume with no true note (511: 79.1 km of 89.3 beside a 22.9 km long run).
    athlete, plan = athlete_and_plan(12, index)
    assert "loading-below-current" not in unexplained(plan, athlete)
