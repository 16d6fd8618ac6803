"""R7/Q5: a tune-up race week is a mini-taper, not a deep cut (issue #12).

A 95 km/week marathoner with a 10 km tune-up race mid-build used to get a 70 km week
among 126 km loading weeks (-44 %): the week had no long run, so every easy run was
capped at the race's 10 km. Pfitzinger & Douglas ease off for a few days around a
tune-up race; the planner now plans the week 20 % under the loading weeks and keeps
a shorter long run away from the race and its eve.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Phase, Plan, PlanWeek, RunCategory, SessionKind
from runstrong.core.planning.build import build_plan

LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)
EASY = {RunCategory.EASY.value, RunCategory.STRIDES.value, RunCategory.RECOVERY.value}
TWO = ["06:00-07:30", "17:30-19:30"]
WEEK: dict[str, Any] = {
    "mon": TWO, "tue": TWO, "wed": TWO, "thu": TWO, "fri": ["06:00-07:30"],
    "sat": ["07:00-10:00"], "sun": ["07:00-10:30"], "gym_days": ["mon", "thu"],
    "long_run_day": "sun", "max_session_min": 180, "two_a_days": True,
}  # fmt: skip


def _plan(tune_up: str) -> Plan:
    data = profile(**{
        "running.weekly_km": 95, "running.longest_run_km": 30, "running.years_running": 8,
        "goal": {"distance": "marathon", "date": "2027-04-25"},
        "tune_up": [{"name": "Club 10k", "distance": "10k", "date": tune_up}],
        "week": WEEK,
    })  # fmt: skip
    return build_plan(parse_profile(data), START)


def _week_of(plan: Plan, day: dt.date) -> int:
    return next(i for i, w in enumerate(plan.weeks) if w.start_date <= day < w.start_date
                + dt.timedelta(days=7))  # fmt: skip


def _runs(week: PlanWeek) -> list[Any]:
    return [s for s in week.sessions if s.kind is SessionKind.RUN]


def test_a_tune_up_week_runs_15_to_25_percent_under_the_loading_weeks_around_it() -> None:
    race = dt.date(2027, 2, 7)
    plan = _plan(race.isoformat())
    i = _week_of(plan, race)
    week = plan.weeks[i]
    assert week.phase in LOADING and not week.deload
    around = [plan.weeks[i - 1].run_km, plan.weeks[i + 1].run_km]
    assert all(plan.weeks[j].phase in LOADING and not plan.weeks[j].deload for j in (i - 1, i + 1))
    cut = 1 - week.run_km / (sum(around) / 2)
    assert 0.15 <= cut <= 0.25, (week.run_km, around)
    assert any(n.startswith("R7: tune-up race week: a mini-taper") for n in week.notes)


def test_the_tune_up_eve_is_easy_and_the_long_run_is_kept_clear_of_it() -> None:
    race = dt.date(2027, 2, 7)
    week = (plan := _plan(race.isoformat())).weeks[_week_of(plan, race)]
    eve = [s for s in _runs(week) if s.date == race - dt.timedelta(days=1)]
    assert all(s.category in EASY for s in eve), [(s.category, s.date) for s in eve]
    longs = [s for s in _runs(week) if s.category == RunCategory.LONG.value]
    assert len(longs) == 1
    assert longs[0].distance_km is not None and longs[0].distance_km > 10.0


def test_a_deload_week_holding_a_tune_up_stays_in_the_deload_band() -> None:
    # Before: the deload's easy runs were capped at the race's 10 km, fit_deload kept
    # raising the volume (to 240.9 km planned) and the week placed 120.8 km, 4 % under
    # the loading week before it.
    race = dt.date(2027, 2, 21)
    plan = _plan(race.isoformat())
    i = _week_of(plan, race)
    week, before = plan.weeks[i], plan.weeks[i - 1]
    assert week.deload and not before.deload
    assert 0.20 <= 1 - week.run_km / before.run_km <= 0.30, (week.run_km, before.run_km)
