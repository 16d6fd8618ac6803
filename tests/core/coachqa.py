"""The coach-review athletes of session 6 (docs/planner.md), as `athlete init` wrote them.

A2 first marathon, A3 Pfitzinger-style marathon, A4 1500 m, A4b 800 m, A6 masters
half, A7 10 km on seven days, A8 a half in miles; every plan starts on 2026-12-07.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from runstrong.core.athlete import Athlete
from runstrong.core.model import Phase, Plan, PlanWeek
from runstrong.core.planning.build import build_plan
from runstrong.services.profile import read_profile

DATA = Path(__file__).resolve().parents[1] / "data" / "coachqa"
START = dt.date(2026, 12, 7)
LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)


@cache
def coachqa_plan(name: str) -> tuple[Athlete, Plan]:
    athlete = read_profile(DATA / f"{name}.toml")
    return athlete, build_plan(athlete, START)


def peak_km(plan: Plan) -> float:
    return max(w.run_km for w in plan.weeks if w.phase in LOADING)


def race_week(plan: Plan) -> PlanWeek:
    return next(w for w in plan.weeks if w.phase is Phase.RACE)
