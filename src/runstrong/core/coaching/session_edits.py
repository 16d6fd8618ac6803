"""Edits of one planned session used by the daily coach (R19–R23): shorter runs whose
steps follow the cut, easy runs in place of quality ones, lighter lifts, a red day's
light lift and a technique session.

Every edit keeps the session a valid session of the plan format: a shortened run's
steps add up to its new length (so the FIT workout and the calendar follow the cut),
and the reason is appended to ``why`` with its rule id. Pure: no I/O, no clock.
"""

from __future__ import annotations

import dataclasses
import math

from runstrong.core.model import (
    ExercisePrescription,
    PlannedSession,
    RunCategory,
    RunStep,
    SessionKind,
    StepKind,
    StrengthCategory,
)

EASY_RUN_RPE = 3.0
"""Session RPE of an easy run (Foster's CR-10 "moderate" is 3)."""
TECHNIQUE_RPE = 2.0
"""Session RPE of a technique and mobility session."""
RED_LIGHT_SETS_DROP = 1
"""A red day's light lift does one set fewer of every exercise (R19)."""
RED_LIGHT_LOAD_FACTOR = 0.9
"""… at 90 % of the planned load (R19)."""
RED_LIGHT_RPE = 6.0
"""… and at most RPE 6, i.e. four or more reps in reserve (R19)."""


def has_cut(s: PlannedSession, rule_id: str) -> bool:
    """Whether ``s`` already carries a cut made for ``rule_id`` (one cut per cause)."""
    return any(w.startswith(f"{rule_id}:") for w in s.why)


def step_length(step: RunStep) -> tuple[float, float]:
    """(seconds, metres) a step adds to its run, repeats included."""
    return (step.duration_s or 0.0) * step.repeat, (step.distance_m or 0.0) * step.repeat


def _scaled_step(step: RunStep, factor: float) -> RunStep:
    return dataclasses.replace(
        step,
        duration_s=round(step.duration_s * factor, 1) if step.duration_s is not None else None,
        distance_m=round(step.distance_m * factor, 1) if step.distance_m is not None else None,
    )


def scale_run(s: PlannedSession, factor: float, why: str) -> PlannedSession:
    """``s`` shortened (or lengthened) by ``factor``: minutes, km, load and every step.

    Every step's duration or distance is scaled by the same factor, so the steps add up
    to the new length exactly as they added up to the old one (a 24.3 km long run of
    19,440 m + 4,860 m cut to 75 % is 14,580 m + 3,645 m = 18.2 km).
    """
    if factor <= 0:
        raise ValueError(f"run scale factor {factor:g} must be positive")
    return dataclasses.replace(
        s,
        duration_min=round(s.duration_min * factor, 1),
        distance_km=round(s.distance_km * factor, 2) if s.distance_km is not None else None,
        load=round(s.load * factor, 1),
        steps=tuple(_scaled_step(step, factor) for step in s.steps),
        why=(*s.why, why),
    )


def cap_run_km(s: PlannedSession, max_km: float, why: str) -> PlannedSession:
    """``s`` shortened to at most ``max_km`` (steps follow); unchanged when shorter."""
    if s.distance_km is None or s.distance_km <= max_km or s.distance_km <= 0:
        return s
    return scale_run(s, max_km / s.distance_km, why)


def easy_pace(s: PlannedSession) -> tuple[float, float] | None:
    """The session's easy (warm-up, cool-down or steady) pace range, if it has one."""
    for step in s.steps:
        if (
            step.kind in (StepKind.WARMUP, StepKind.COOLDOWN, StepKind.STEADY)
            and step.pace_s_per_km
        ):
            return step.pace_s_per_km
    return None


def easy_run(s: PlannedSession, minutes: float, why: str) -> PlannedSession:
    """An easy run of ``minutes`` in place of ``s`` (one steady step at its easy pace)."""
    pace = easy_pace(s)
    step = RunStep(
        kind=StepKind.STEADY,
        duration_s=minutes * 60.0,
        pace_s_per_km=pace,
        note="easy, conversational",
    )
    km = None
    if pace is not None:
        km = round(minutes * 60.0 / ((pace[0] + pace[1]) / 2), 1)
    return dataclasses.replace(
        s,
        category=RunCategory.EASY.value,
        hard=False,
        duration_min=math.floor(minutes * 10) / 10,
        distance_km=km,
        steps=(step,),
        title=f"Easy run {minutes:.0f} min (adapted)",
        load=round(minutes * EASY_RUN_RPE, 1),
        why=(*s.why, why),
    )


def technique_session(s: PlannedSession, minutes: float, why: str) -> PlannedSession:
    """R22: a short technique/mobility session in place of a heavy one."""
    drills = tuple(
        dataclasses.replace(
            ex,
            sets=min(ex.sets, 2),
            pct_e1rm=None,
            load_kg=None,
            rpe=5.0,
            intent="technique: light, perfect form",
        )
        for ex in s.exercises[:3]
    )
    return dataclasses.replace(
        s,
        kind=SessionKind.MOBILITY,
        category="technique",
        hard=False,
        duration_min=math.floor(minutes * 10) / 10,
        exercises=drills,
        title=f"Technique and mobility {minutes:.0f} min (adapted)",
        load=round(minutes * TECHNIQUE_RPE, 1),
        why=(*s.why, why),
    )


def lighter_exercise(
    ex: ExercisePrescription, pct_factor: float, drop_sets: int, rpe_cap: float | None = None
) -> ExercisePrescription:
    """``ex`` with its load scaled by ``pct_factor`` (whole 2.5 kg plates), ``drop_sets``
    fewer sets (at least one) and its RPE capped at ``rpe_cap``."""
    pct = ex.pct_e1rm * pct_factor if ex.pct_e1rm is not None else None
    load = round(ex.load_kg * pct_factor / 2.5) * 2.5 if ex.load_kg is not None else None
    rpe = ex.rpe
    if rpe_cap is not None:
        rpe = min(rpe, rpe_cap) if rpe is not None else rpe_cap
    return dataclasses.replace(
        ex, pct_e1rm=pct, load_kg=load, sets=max(1, ex.sets - drop_sets), rpe=rpe
    )


def recategorised(s: PlannedSession, category: str) -> str:
    """The session title after its category changed, so the athlete sees the new one."""
    if category == s.category:
        return s.title
    if s.category in s.title:
        return s.title.replace(s.category, category, 1) + " (adapted)"
    return f"{s.title} ({category}, adapted)"


def red_light_lift(s: PlannedSession, why: str) -> PlannedSession:
    """R19 on a red day: the lift becomes a light session with stated lower volume
    (one set fewer per exercise) and effort (90 % of the load, RPE ≤ 6)."""
    exs = tuple(
        lighter_exercise(ex, RED_LIGHT_LOAD_FACTOR, RED_LIGHT_SETS_DROP, RED_LIGHT_RPE)
        for ex in s.exercises
    )
    planned_sets = sum(ex.sets for ex in s.exercises)
    kept_sets = sum(ex.sets for ex in exs)
    share = kept_sets / planned_sets if planned_sets else 1.0
    cat = StrengthCategory.LIGHT.value
    return dataclasses.replace(
        s,
        exercises=exs,
        category=cat,
        title=recategorised(s, cat),
        load=round(s.load * share * RED_LIGHT_LOAD_FACTOR, 1),
        why=(*s.why, why),
    )
