"""Q2 (issue 12 item 2): a marathon's long run reaches what the race needs and waves.

A. Coach QA athlete A2 (first marathon, 1 year of running, 32 km a week, a four-hour
   Saturday window and three weekday hours) peaked at a 24.5 km long run: half of the
   49 km week its windows hold. A first marathon needs a long run of 26-32 km (Higdon's
   Novice 1 peaks at 20 mi = 32 km; Galloway's finishing plan keeps two 30-minute
   weekday runs and puts nearly all of the week in the weekend long run).
B. Coach QA athlete A3 (Pfitzinger-style, 70 km a week) ran a 34 km long run in seven
   loading weeks in a row. Pfitzinger & Douglas (Advanced Marathoning, 18/55 and 18/70)
   alternate their longest runs (20-22 mi) with shorter marathon-pace long runs and
   medium-long weeks: the peak distance comes three or four times, never for weeks on
   end.
"""

from __future__ import annotations

import pytest
from coachqa import LOADING, coachqa_plan
from quality_athletes import athlete_and_plan, unexplained

from runstrong.core.model import Plan, PlanWeek, SessionKind

FIRST_MARATHON_LONG_KM = 26.0
"""The least long run of a first marathon (Higdon Novice 1 20 mi less ~20 %; the low
end of the novice band 26-32 km named by issue 12)."""


def _long_km(w: PlanWeek) -> float:
    return max(
        (s.distance_km or 0.0 for s in w.sessions
         if s.kind is SessionKind.RUN and s.category == "long"),
        default=0.0,
    )  # fmt: skip


def _full_loading(plan: Plan) -> list[PlanWeek]:
    return [w for w in plan.weeks if w.phase in LOADING and not w.deload and _long_km(w) > 0]


def test_a_first_marathon_reaches_the_novice_long_run() -> None:
    # Before: 24.5 km (half of a 49.1 km week); the Saturday window holds 240 min.
    _, plan = coachqa_plan("a2")
    longest = max(_long_km(w) for w in _full_loading(plan))
    assert longest >= FIRST_MARATHON_LONG_KM


def _assert_q2_steps(weeks: list[PlanWeek]) -> None:
    """Q2: each long run is at most +2 km or +10 % over the longest one before it."""
    top = 0.0
    for w in weeks:
        long = _long_km(w)
        if top:
            assert long <= top + max(2.0, 0.1 * top) + 0.05, w.index
        top = max(top, long)


def test_a_first_marathon_long_run_grows_by_q2_steps_and_stays_the_longest() -> None:
    _, plan = coachqa_plan("a2")
    _assert_q2_steps(_full_loading(plan))
    for w in _full_loading(plan):
        others = [s.distance_km or 0.0 for s in w.sessions
                  if s.kind is SessionKind.RUN and s.category != "long"]  # fmt: skip
        assert all(o < _long_km(w) for o in others), w.index


def test_a_pfitzinger_long_run_waves() -> None:
    # Before: 34.0 km in weeks 6, 7, 9, 10, 11, 13 and 14 (seven loading weeks in a row).
    _, plan = coachqa_plan("a3")
    longs = [_long_km(w) for w in _full_loading(plan)]
    top = max(longs)
    assert top >= 32.0  # the target is still reached (18/55: 20 mi; 18/70: 22 mi)
    assert sum(abs(x - top) < 0.05 for x in longs) <= 4
    runs_at_top = 0
    for x in longs:
        runs_at_top = runs_at_top + 1 if abs(x - top) < 0.05 else 0
        assert runs_at_top <= 2, longs


def test_a_pfitzinger_long_run_grows_by_q2_steps() -> None:
    _, plan = coachqa_plan("a3")
    _assert_q2_steps(_full_loading(plan))


@pytest.mark.parametrize("index", [3, 27, 38, 49])
def test_a_long_run_target_note_holds_of_the_plan(index: int) -> None:
    # Seed-12 athletes whose long-run-target note the strict audit (rules.audit.stated)
    # found false: 3 "your longest window … holds a 22.2 km long run" beside a 23.0 km
    # long run filling it; 27, 38 and 49 blamed the window for long runs that never
    # filled it (8.1, 28.6 and 11.3 km: the week's share and the +2 km / +10 % steps
    # held them). Each note must now be true of the plan, or the finding stays.
    athlete, plan = athlete_and_plan(12, index)
    assert "long-run-target" not in unexplained(plan, athlete)
