"""The athlete profile: who trains, how fit they are, what they aim at, and their
real week (R6), travel (R17), injury history and nutrition goal.

Owns: ``model`` (frozen dataclasses), ``profile`` (the one profile parser:
``parse_profile_text`` for TOML text, ``parse_profile`` for a mapping, and
``check_against_start``), ``fields`` and ``sections`` (its
field readers). Imports only ``core.model``, ``core.errors``, ``core.units`` and
``core.exercises``; never science, rules, planning, prescription or coaching.
"""

from __future__ import annotations

from runstrong.core.athlete.fields import parse_window
from runstrong.core.athlete.model import (
    KM_PER_MI,
    MASTERS_AGE,
    MAX_PLAN_DAYS,
    MIN_PLAN_DAYS,
    WEEKDAYS,
    Athlete,
    Injury,
    NutritionGoal,
    Race,
    RaceResult,
    Slot,
    StrengthResult,
    TimeWindow,
    TravelPeriod,
    WeekAvailability,
    default_focus,
    with_travel,
)
from runstrong.core.athlete.profile import (
    check_against_start,
    check_goal_date,
    load_profile_text,
    parse_profile,
    parse_profile_text,
)

__all__ = [
    "KM_PER_MI",
    "MASTERS_AGE",
    "MAX_PLAN_DAYS",
    "MIN_PLAN_DAYS",
    "WEEKDAYS",
    "Athlete",
    "Injury",
    "NutritionGoal",
    "Race",
    "RaceResult",
    "Slot",
    "StrengthResult",
    "TimeWindow",
    "TravelPeriod",
    "WeekAvailability",
    "check_against_start",
    "check_goal_date",
    "default_focus",
    "load_profile_text",
    "parse_profile",
    "parse_profile_text",
    "parse_window",
    "with_travel",
]
