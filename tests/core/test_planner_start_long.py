"""Q1/Q2: windows that hold less than the current volume no longer cut the long run
the athlete runs now (issue #12 items 1 and 2).

A runner of 18.6 mi a week with a 7 mi long run, on tue/thu 90-minute windows that
also hold the lifts and a Sunday, read a season that began its long run at 6.5 mi and
held the weeks at 12.6 mi: the long run took 40 % of the week the windows hold
(16 mi), not of the week the athlete runs, and the ramp over the first week as placed
shrank the long run with the week.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Phase, Plan, PlanWeek
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.fit import follow_actual
from runstrong.core.planning.periodization import PlanOptions, periodize
from runstrong.core.units import METRES_PER_MILE

LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)
START = dt.date(2026, 12, 7)
NO_DAY: dict[str, list[str]] = {"mon": [], "wed": [], "fri": [], "sat": []}


def _miler(**running: Any) -> dict[str, Any]:
    """``runstrong athlete init --units mi --weekly-mi 18.6 --longest-run-mi 7 --race-distance
    10k --race-time 50:00 --goal-distance half --goal-date 2027-04-25`` on tue/thu/sun."""
    return {
        "name": "me", "sex": "female", "birth_year": 1990, "body_mass_kg": 65.0, "units": "mi",
        "running": {"weekly_mi": 18.6, "longest_run_mi": 7.0, "years_running": 2.0,
                    "recent_race": {"distance": "10k", "time": "50:00"}, **running},
        "strength": {"years_lifting": 0.0, "equipment": ["gym"]},
        "goal": {"distance": "half", "date": "2027-04-25"},
        "week": {**NO_DAY, "tue": ["18:00-19:30"], "thu": ["18:00-19:30"],
                 "sun": ["08:00-10:30"], "gym_days": ["tue", "thu"], "long_run_day": "sun",
                 "max_session_min": 120, "two_a_days": False},
    }  # fmt: skip


def _full_loading(plan: Plan) -> list[PlanWeek]:
    return [w for w in plan.weeks if w.phase in LOADING and not w.deload
            and w.start_date >= plan.start_date]  # fmt: skip


def _long_km(week: PlanWeek) -> float:
    return max(s.distance_km or 0.0 for s in week.sessions if s.category == "long")


def test_the_three_day_miler_keeps_the_7_mi_long_run_and_the_week_it_holds() -> None:
    # 60-minute tue/thu windows: since lifts share a run's window (Q6), the 90-minute ones
    # of the issue hold the current volume; these still hold less than it.
    data = _miler()
    data["week"] |= {"tue": ["18:00-19:00"], "thu": ["18:00-19:00"]}
    plan = build_plan(parse_profile(data), START)
    seven_mi = 7 * METRES_PER_MILE / 1000
    weeks = _full_loading(plan)
    # the long run starts from the athlete's 7 mi and never falls below it (was 6.5 mi)
    assert [w.index for w in weeks if _long_km(w) < seven_mi] == []
    # no loading week falls under the first (was: 13.2 mi, then 12.6 mi for six weeks)
    assert [w.index for w in weeks if w.run_km < weeks[0].run_km] == []
    # a week under what the windows hold says what held it: the runs beside the lifts
    for w in weeks:
        own = [n for n in w.notes if n.startswith(f"Q1/Q3: the week holds {w.run_km:.1f} km")]
        if own:
            assert "the easy runs fill what their windows leave (tue " in own[0], own
            assert "beside the lift" in own[0]
    # and the season note gives the range the loading weeks really run
    (note,) = [n for n in plan.notes if "less than your current" in n]
    low = min(w.run_km for w in weeks)
    assert f"loading weeks run {low:.1f}–" in note, note


def test_periodize_starts_the_long_run_at_the_current_one_under_held_windows() -> None:
    # A marathoner of 25 mi a week with a 10 mi long run whose windows hold 26 km: the
    # outline's long run was 40 % of 26 km (11.6 km), not the 16.1 km run now.
    data = _miler(weekly_mi=25.0, longest_run_mi=10.0)
    data["goal"] = {"distance": "marathon", "date": "2027-05-02"}
    athlete = parse_profile(data)
    season = periodize(athlete, START, PlanOptions(capacity_km=26.0, long_cap_km=19.3))
    longest = 10 * METRES_PER_MILE / 1000
    full = [w for w in season.weeks if w.phase in LOADING and not w.deload and not w.races]
    assert full
    assert [(w.index, w.long_run_km) for w in full if w.long_run_km < longest - 0.05] == []


def test_the_ramp_caps_the_week_but_not_the_long_run() -> None:
    # fit.follow_actual: week 2 planned 25.7 km with an 11.4 km long run after a
    # first week placed at 21.3 km; the ramp (R11) caps the week. The long
    # run was scaled with it to 10.4 km, under week 1's 11.4 km (Q2).
    athlete = parse_profile(_miler())
    first, second = periodize(athlete, START, PlanOptions()).weeks[:2]
    placed = PlanWeek(0, first.start_date, first.phase, False, 21.3, 1, ())
    outline = dataclasses.replace(second, run_km=25.7, long_run_km=11.4)
    assert outline.phase in LOADING and not outline.deload
    # the weeks before the plan ran 21.3 km too (R11 measures from the highest of them)
    capped = follow_actual(outline, [placed], 21.3, PlanOptions(), (placed.start_date, 21.3))
    # R11 (rules.ramp): +10 % or +3 km over 21.3 km; scaled with the week the long run
    # would be 11.4 × 24.3 / 25.7 = 10.8 km
    assert (capped.run_km, capped.long_run_km) == (24.3, 11.4)
