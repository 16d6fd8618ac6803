"""Prescription: what is inside each planned session (the planner decides when).

One import point for the planner:

* runs — :func:`prescribe_run`, :func:`fold_drills` (``core.prescription.run``);
* strength — :func:`prescribe_strength`, :func:`plan_week_strength` (of a :class:`StrengthWeek`),
  :func:`covered_muscles`, :func:`daily_mobility` (``core.prescription.strength``);
* load — :func:`planned_load`, the planned session load in Foster's session-RPE
  units (CR-10 RPE × minutes; Foster et al., J Strength Cond Res 2001;15:109-115).

The RPE per category below is runstrong's planning default: the CR-10 rating a
session of that kind typically earns when done as prescribed (easy ≈ 3 "moderate",
threshold ≈ 6–7, intervals ≈ 8 "very hard", races and time trials ≈ 9; heavy
lifting ≈ 7). They are estimates for planning; logged sessions use the athlete's
own rating.
"""

from __future__ import annotations

from runstrong.core.errors import InputError
from runstrong.core.model import RunCategory, SessionKind, StrengthCategory
from runstrong.core.prescription.run import (
    HrZones,
    RunPrescription,
    fold_drills,
    prescribe_run,
    race_pace_s_per_km,
)
from runstrong.core.prescription.strength import (
    StrengthPrescription,
    covered_muscles,
    daily_mobility,
    plan_week_strength,
    prescribe_strength,
)
from runstrong.core.prescription.strength_pick import StrengthWeek
from runstrong.core.science.load import session_load

RUN_SESSION_RPE: dict[RunCategory, float] = {
    RunCategory.RECOVERY: 2.0,
    RunCategory.EASY: 3.0,
    RunCategory.STRIDES: 3.5,
    RunCategory.LONG: 4.0,
    RunCategory.RACE_PACE: 6.0,
    RunCategory.THRESHOLD: 6.5,
    RunCategory.HILLS: 7.0,
    RunCategory.REPETITIONS: 7.0,
    RunCategory.INTERVALS: 8.0,
    RunCategory.TIME_TRIAL: 9.0,
    RunCategory.RACE: 9.0,
}
"""Planned session RPE (CR-10) per run category."""

STRENGTH_SESSION_RPE: dict[StrengthCategory, float] = {
    StrengthCategory.LIGHT: 4.0,
    StrengthCategory.MAINTENANCE: 5.0,
    StrengthCategory.POWER: 5.0,
    StrengthCategory.MODERATE: 6.0,
    StrengthCategory.HEAVY: 7.0,
}
"""Planned session RPE (CR-10) per strength category."""

OTHER_SESSION_RPE: dict[SessionKind, float] = {
    SessionKind.MOBILITY: 1.5,
    SessionKind.CROSS: 4.0,
    SessionKind.REST: 0.0,
}
"""Planned session RPE for mobility, cross-training and rest (any category)."""


def planned_rpe(kind: SessionKind | str, category: str) -> float:
    """The planning-default session RPE of a session kind and category."""
    try:
        k = SessionKind(kind)
    except ValueError:
        allowed = ", ".join(x.value for x in SessionKind)
        raise InputError(f"unknown session kind {kind!r}; allowed: {allowed}") from None
    if k is SessionKind.RUN:
        table: dict[str, float] = {c.value: v for c, v in RUN_SESSION_RPE.items()}
    elif k is SessionKind.STRENGTH:
        table = {c.value: v for c, v in STRENGTH_SESSION_RPE.items()}
    else:
        return OTHER_SESSION_RPE[k]
    if category not in table:
        raise InputError(f"unknown {k.value} category {category!r}; allowed: {', '.join(table)}")
    return table[category]


def planned_load(kind: SessionKind | str, category: str, duration_min: float) -> float:
    """Planned load in session-RPE units: planning RPE × minutes (Foster 2001)."""
    return session_load(planned_rpe(kind, category), duration_min)


__all__ = [
    "OTHER_SESSION_RPE",
    "RUN_SESSION_RPE",
    "STRENGTH_SESSION_RPE",
    "HrZones",
    "RunPrescription",
    "StrengthPrescription",
    "StrengthWeek",
    "covered_muscles",
    "daily_mobility",
    "fold_drills",
    "plan_week_strength",
    "planned_load",
    "planned_rpe",
    "prescribe_run",
    "prescribe_strength",
    "race_pace_s_per_km",
]
