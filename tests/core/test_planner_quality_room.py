"""Q3/R6/Q1 (issue 12 item 3, "every run is placed"): a quality run is sized to a
window that can take it, and a capped marathoner's loading weeks hold their level.

qa9_rw (40 km/week marathoner; 60-minute evening windows tue-thu and sat, 150
minutes on Sunday, the long-run day) planned 51.4 km in peak week 14 but placed
41.2 km: the race-pace run was sized to Sunday's 150 minutes (65 min), fitted no
60-minute weekday and was dropped ("R6 (soft): week 14: no room for the race_pace
run"), and the week's note claimed "the windows hold 41.2 km". Weeks 10, 13 and 16,
whose long run is the wave's shorter one (20.4 km after 24 km), planned 46.6-47.8 km
between weeks of 50.2: the wave's shorter long run took its km off the week.
"""

from __future__ import annotations

import pytest
from coachqa import LOADING, coachqa_plan

from runstrong.core.model import Focus, Phase, PlanWeek, RunCategory
from runstrong.core.planning.runs import RunContext, RunWeek, week_runs
from runstrong.core.planning.week_runs import quality_rooms_min
from runstrong.core.science.paces import training_paces

WEEKDAY_MIN = 60.0
"""qa9_rw's weekday windows (tue, wed, thu, sat: 18:00-19:00 / 07:00-08:00)."""
SUNDAY_MIN = 150.0
"""qa9_rw's long-run day window (sun 08:00-10:30)."""


def _peak_ctx() -> RunContext:
    # qa9_rw's rooms as the planner counts them: Sunday's 150 min for the long run, two
    # 60-minute weekdays, two weekdays of 30 min left beside a lift
    return RunContext(
        training_paces(40.3), 42_195.0, SUNDAY_MIN, Phase.PEAK, 13, Focus.ENDURANCE, 51.4,
        day_caps_min=(SUNDAY_MIN, WEEKDAY_MIN, WEEKDAY_MIN, 30.0, 30.0),
    )  # fmt: skip


def test_quality_runs_fit_a_window_besides_the_long_runs() -> None:
    week = RunWeek(51.4, 24.0, 5, (RunCategory.THRESHOLD, RunCategory.RACE_PACE), (), True)
    drafts = week_runs(week, _peak_ctx())
    quality = [d for d in drafts if d.category in (RunCategory.THRESHOLD, RunCategory.RACE_PACE)]
    assert [d.category for d in quality] == [RunCategory.THRESHOLD, RunCategory.RACE_PACE]
    # before: the race-pace run lasted 65 min, sized to the 150-minute long-run day
    assert all(d.duration_min <= WEEKDAY_MIN for d in quality), quality
    race_pace = quality[1]
    assert race_pace.km > 0
    assert any(s.kind.value == "work" for s in race_pace.steps)  # shortened, not emptied


def test_each_quality_run_takes_its_own_window_after_the_long_runs() -> None:
    rooms = (SUNDAY_MIN, WEEKDAY_MIN, 45.0, 30.0)
    assert quality_rooms_min(rooms, 1, 2, SUNDAY_MIN) == [WEEKDAY_MIN, 45.0]
    assert quality_rooms_min(rooms, 0, 1, SUNDAY_MIN) == [SUNDAY_MIN]  # no long run
    assert quality_rooms_min(rooms, 1, 1, 50.0) == [50.0]  # the session limit
    # more quality runs than days: the last takes the smallest; no other day: the limit
    assert quality_rooms_min((SUNDAY_MIN, 45.0), 1, 2, SUNDAY_MIN) == [45.0, 45.0]
    assert quality_rooms_min((SUNDAY_MIN,), 1, 1, SUNDAY_MIN) == [SUNDAY_MIN]


def _week(n: int) -> PlanWeek:
    _, plan = coachqa_plan("qa9_rw")
    return plan.weeks[n - 1]


def test_qa9_rw_peak_week_places_its_runs() -> None:
    _, plan = coachqa_plan("qa9_rw")
    week = _week(14)
    assert not [b for b in plan.broken_rules if "no room for" in b.message], plan.broken_rules
    # before: 41.2 km placed of 51.4 planned
    assert week.run_km >= 50.0, week.notes
    assert not [n for n in week.notes if n.startswith("Q1/Q3: the windows hold")]


@pytest.mark.parametrize("n", [10, 13, 16])
def test_qa9_rw_wave_weeks_keep_the_level(n: int) -> None:
    # the wave week's long run, 20.4 km (125 min of Sunday's 150), beside what the
    # other windows hold at easy pace (6:15/km): 9.6 km in each 60-minute weekday and
    # 4.8 km in each 30 minutes left beside a lift: 20.4 + 2 × 9.6 + 2 × 4.8 = 49.2 km
    week = _week(n)
    assert week.phase in LOADING and not week.deload
    assert week.run_km >= 49.2, (week.run_km, week.notes)  # before: 46.6 and 47.8 km


def test_qa9_rw_loading_weeks_do_not_fall_for_the_wave() -> None:
    _, plan = coachqa_plan("qa9_rw")
    full = [w for w in plan.weeks if w.phase in LOADING and not w.deload]
    top = max(w.run_km for w in full)
    # Q1: after the first 24 km long run every loading week runs within 5 % of the
    # peak (before: 46.6 km, 7 % under the 50.2 km week before it)
    start = next(i for i, w in enumerate(full) if _long(w) >= 24.0)
    assert all(w.run_km >= 0.95 * top for w in full[start:]), [w.run_km for w in full]


def _long(week: PlanWeek) -> float:
    return max((s.distance_km or 0.0 for s in week.sessions if s.category == "long"), default=0)


def test_qa9_rw_season_note_states_what_the_weeks_hold() -> None:
    # before: "R6: your windows hold about 45.6 km a week; volume is capped there"
    # beside loading weeks of 49.1-51.4 km
    _, plan = coachqa_plan("qa9_rw")
    notes = [n for n in plan.notes if n.startswith("R6: your windows hold about ")]
    assert len(notes) == 1, plan.notes
    said = float(notes[0].removeprefix("R6: your windows hold about ").split(" km")[0])
    full = [w.run_km for w in plan.weeks if w.phase in LOADING and not w.deload]
    assert abs(said - max(full)) <= 0.05, (notes[0], full)
