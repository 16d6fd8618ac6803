"""The plan's season notes about the goal and quality spacing (Q4, Q5, Q7).

``goal_notes`` judges a target time against the athlete's VDOT (Daniels' tables,
``core.science.paces.goal_check``); 400 m and 800 m goals keep their target, which the
tables do not cover. ``quality_notes`` names, once for the season, the weeks whose
windows forced quality runs close together. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.errors import InputError
from runstrong.core.model import PlanWeek
from runstrong.core.planning.context import QUALITY_NOTED
from runstrong.core.science.paces import goal_check
from runstrong.core.units import distance_label, format_duration

SHORT_RACE_M = 1000.0
"""Daniels' VDOT tables start at 1000 m (``core.science.paces``)."""


def short_race_note(distance_m: float, target_s: float) -> str:
    """Q7: 400 m and 800 m keep their target time; the VDOT model does not judge it."""
    return (
        f"Goal: target {format_duration(target_s)} for {distance_label(distance_m)} kept: race "
        f"and race-pace work run at its pace ({target_s / distance_m * 1000:.0f} s/km). The "
        "VDOT tables cover 1000 m to 100 km (Daniels), so the target is not checked against "
        "your VDOT; other paces extrapolate your R pace."
    )


def quality_notes(weeks: Sequence[PlanWeek]) -> list[str]:
    """Q4/Q5: the weeks whose windows forced quality runs close together, named once."""
    out = []
    for key, what in (("Q4-spacing-36", "two quality runs less than 36 h apart"),
                      ("Q5-race-eve", "a quality run the day before a race")):  # fmt: skip
        prefix = f"{key[:2]} {QUALITY_NOTED[key]}:"
        hit = [w.index + 1 for w in weeks if any(n.startswith(prefix) for n in w.notes)]
        if hit:
            listed = ", ".join(str(i) for i in hit)
            out.append(f"{key[:2]}: your windows and lift days leave {what} in week(s) {listed}.")
    return out


def goal_notes(athlete: Athlete, vdot: float, start: dt.date) -> list[str]:
    """The goal's target time judged against ``vdot`` and the weeks left (a warning when
    it is out of reach or outside the model; a 400 m/800 m target kept, Q7)."""
    goal = athlete.goal
    if goal.target_time_s is None:
        return []
    weeks_left = round(max((goal.date - start).days / 7, 1.0), 1)
    try:
        check = goal_check(vdot, goal.distance_m, goal.target_time_s, weeks_left)
    except InputError as exc:  # e.g. faster than the world record: warn, plan anyway
        if goal.distance_m < SHORT_RACE_M and "outside the model" in str(exc):
            return [short_race_note(goal.distance_m, goal.target_time_s)]
        return [f"Warning: goal target time ignored: {exc}"]
    return [("Goal: " if check.achievable else "Warning: goal ") + check.message]
