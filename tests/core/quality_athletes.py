"""Random athletes for the plan-quality property (issue 12 part 10b), shared by
tests/core/test_plan_quality_property.py and benchmarks/bench_plan_quality.py.

Seeded (``random.Random``), so a failing athlete is found again by its index:
2–7 days a week, beginners to 120 km a week, masters, 400 m to 100 km, trail
races (by name: the profile has no terrain field yet); 60 % know lift results, so
their loads are in % of e1RM.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections import Counter
from typing import Any

from runstrong.core.athlete import WEEKDAYS, Athlete, parse_profile
from runstrong.core.model import Plan, Severity
from runstrong.core.planning.build import build_plan, window_holds
from runstrong.core.rules.audit.engine import AuditLimits, audit_plan
from runstrong.core.rules.quality import check_of

START = dt.date(2026, 11, 30)  # a Monday
WINDOWS = ["06:00-07:30", "07:00-09:00", "12:00-13:30", "17:30-19:30", "18:00-20:00", "08:00-11:00"]
DISTANCES = ["400m", "800m", "1500m", "5k", "10k", "half", "marathon", "50k", "100k"]
BASE: dict[str, Any] = {
    "name": "Random Runner",
    "sex": "female",
    "birth_year": 1990,
    "body_mass_kg": 62.0,
    "running": {"weekly_km": 30, "longest_run_km": 12, "years_running": 3, "vdot": 45},
    "strength": {"years_lifting": 2, "equipment": ["gym"]},
    "goal": {"distance": "10k", "date": "2027-05-09"},
}


def random_profile(rng: random.Random) -> dict[str, Any]:
    """One random athlete profile (a TOML-shaped dict)."""
    data = copy.deepcopy(BASE)
    days = rng.sample(WEEKDAYS, rng.randint(2, 7))
    week: dict[str, Any] = {}
    for day in WEEKDAYS:
        chosen: list[str] = []
        if day in days:
            for w in sorted(rng.sample(WINDOWS, rng.randint(1, 2))):
                if all(w[6:] <= c[:5] or c[6:] <= w[:5] for c in chosen):
                    chosen.append(w)
        week[day] = chosen
    week["gym_days"] = [d for d in days if rng.random() < 0.6] or [days[0]]
    week["long_run_day"] = rng.choice(days)
    week["max_session_min"] = rng.choice([60, 90, 120, 150, 240])
    week["two_a_days"] = rng.random() < 0.5
    data["week"] = week
    beginner = rng.random() < 0.25
    weekly = rng.uniform(5, 25) if beginner else rng.uniform(20, 120)
    data["running"] = {
        "weekly_km": round(weekly, 1),
        "longest_run_km": round(weekly * rng.uniform(0.25, 0.4), 1),
        "years_running": round(rng.uniform(0, 1) if beginner else rng.uniform(1, 20), 1),
        "vdot": round(rng.uniform(28, 40) if beginner else rng.uniform(38, 70), 1),
    }
    data["strength"]["years_lifting"] = round(rng.uniform(0, 8), 1)
    if rng.random() < 0.6:  # known results: loads in % of e1RM (Q5's 80 % checks apply)
        data["strength"]["results"] = [
            {"lift": "back squat", "load_kg": rng.randint(40, 140), "reps": rng.randint(3, 10)},
            {"lift": "romanian deadlift", "load_kg": rng.randint(40, 140), "reps": 8},
        ]
    data["birth_year"] = rng.randint(1950, 2008)  # masters included
    distance = rng.choice(DISTANCES)
    data["goal"] = {
        "distance": distance,
        "date": (START + dt.timedelta(days=7 * rng.randint(8, 24) + rng.randint(0, 6))).isoformat(),
    }
    if distance in ("half", "marathon", "50k", "100k") and rng.random() < 0.4:
        data["goal"]["name"] = "trail race"
    return data


def athlete_and_plan(seed: int, index: int) -> tuple[Athlete, Plan]:
    """The ``index``-th random athlete of the run seeded ``seed`` and its plan."""
    rng = random.Random(f"{seed}-{index}")
    athlete = parse_profile(random_profile(rng))
    return athlete, build_plan(athlete, START)


def unexplained(plan: Plan, athlete: Athlete) -> Counter[str]:
    """Quality findings per check name that the plan's notes do not explain (a note
    explains one only when its claim holds: ``rules.audit.stated``, with what the
    planner says the windows hold)."""
    out: Counter[str] = Counter()
    limits = AuditLimits(windows=window_holds(athlete, plan.start_date))
    for b in audit_plan(plan, athlete=athlete, limits=limits):
        check = check_of(b.message)
        if b.severity is Severity.QUALITY and check is not None:
            out[check.name] += 1
    return out
