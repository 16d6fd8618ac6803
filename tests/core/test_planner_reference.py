"""Issue 12 part 10(c): runstrong's plan for the athlete a published plan is written
for keeps that plan's peak week and longest run within ±15 % (docs/planner.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Phase, Plan, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.volume import PUBLISHED_PLANS, PublishedPlan

GOALS = {1500.0: "1500m", 5000.0: "5k", 10000.0: "10k", 21097.5: "half", 42195.0: "marathon",
         50000.0: "50000m"}  # fmt: skip
LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)


def matching_athlete(p: PublishedPlan) -> dict[str, Any]:
    """The runner the plan is written for: its entry volume, its weeks to the race,
    room to train six days and a long Sunday; Daniels caps sessions at 150 min."""
    days: dict[str, Any] = {d: ["06:00-08:00", "17:00-19:00"] for d in
                            ("mon", "tue", "wed", "thu", "fri", "sat")}  # fmt: skip
    days["sun"] = ["07:00-12:00"]
    week = {**days, "gym_days": ["mon", "thu"], "long_run_day": "sun", "two_a_days": True,
            "max_session_min": 150 if p.name.startswith("Daniels 2Q") else 300}  # fmt: skip
    race = START + dt.timedelta(days=7 * p.weeks - 1)
    return profile(
        **{
            "week": week,
            "running.weekly_km": p.start_km,
            "running.longest_run_km": round(p.start_km * 0.4, 1),
            "running.years_running": 1 if p.novice else 6,
            "running.recent_race": None,
            "running.vdot": 36 if p.novice else 55,
            "goal.distance": GOALS[p.distance_m],
            "goal.target_time": None,
            "goal.date": race.isoformat(),
        }
    )


def peak_and_longest(plan: Plan) -> tuple[float, float]:
    peak = max(w.run_km for w in plan.weeks if w.phase in LOADING)
    longest = max(
        s.distance_km or 0.0
        for s in plan.sessions()
        if s.kind is SessionKind.RUN and s.category != "race"
    )
    return peak, longest


@pytest.mark.parametrize("published", PUBLISHED_PLANS, ids=lambda p: p.name)
def test_plan_for_the_matching_athlete_is_within_15_percent(published: PublishedPlan) -> None:
    plan = build_plan(parse_profile(matching_athlete(published)), START)
    peak, longest = peak_and_longest(plan)
    assert peak == pytest.approx(published.peak_km, rel=0.15)
    assert longest == pytest.approx(published.longest_km, rel=0.15)


def test_the_table_holds_the_plans_issue_12_names() -> None:
    names = {p.name for p in PUBLISHED_PLANS}
    assert len(names) >= 8
    for required in ("Pfitzinger & Douglas 18/55", "Pfitzinger & Douglas 18/70",
                     "Higdon Novice 1 half marathon", "Higdon Novice 1 marathon", "Couch to 5K",
                     "1500 m plan", "Relentless Forward Progress 50 km"):  # fmt: skip
        assert required in names
    assert sum(p.name.startswith("Daniels") for p in PUBLISHED_PLANS) >= 2
