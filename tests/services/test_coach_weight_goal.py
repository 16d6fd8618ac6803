"""DOMAIN G: the daily coach passes the profile's weight-goal deficit to the fuelling
targets, so a deficit on a day whose load needs fuel is warned about (R24)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from coach_support import PROFILE, START

from runstrong.core.athlete import NutritionGoal
from runstrong.core.model import PlannedSession, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.services import coach_steps
from runstrong.services.profile import parse_profile_text

ATHLETE = parse_profile_text(PROFILE)


def _heaviest_day() -> list[PlannedSession]:
    plan = build_plan(ATHLETE, START)
    days: dict[dt.date, list[PlannedSession]] = {}
    for s in plan.sessions():
        if s.kind is not SessionKind.REST:
            days.setdefault(s.date, []).append(s)
    return max(days.values(), key=lambda ss: sum(s.load for s in ss))


def test_deficit_from_the_profile_warns_on_a_high_load_day() -> None:
    day = _heaviest_day()
    dieting = dataclasses.replace(ATHLETE, nutrition=NutritionGoal(60.0, 600.0))
    food, note = coach_steps.nutrition_for(dieting, [], day)
    assert note is None and food is not None
    assert any("600 kcal deficit" in w for w in food.warnings)
    plain, _ = coach_steps.nutrition_for(ATHLETE, [], day)
    assert plain is not None and plain.warnings == ()
    # the targets themselves never drop for the weight goal
    assert food.carbohydrate_g == plain.carbohydrate_g
    assert food.fuelling_floor_kcal == plain.fuelling_floor_kcal
