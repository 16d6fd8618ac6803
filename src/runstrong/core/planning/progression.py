"""R14 over the placed season: loads climb back from a capped week in small steps.

The strength prescription steps loads by +2–3 % a loading week (R14,
``prescription.strength_dose``), but the Q5 caps act on the placed plan afterwards:
a lift in the 10 days before a race of 10 km or more is held to 70 % e1RM, and a lift
in the 24 h before a quality run to 75 % (``planning.sessions``). The week after a
capped one went straight back to the uncapped load — +7 % to +16 % in the example
plan (issue 12) — where R14 allows +2–5 % a step. ``r14_steps`` walks the season in
the audit's order (``rules.predicates.r14_key``: exercise and session category;
``r14_follows``: inside a mesocycle any earlier loading week, across a change of
mesocycle the loading week just before; deload weeks skipped) and lowers any load
that rises more than ``R14_MAX_LOAD_STEP`` over its last occurrence to that step.
R7: a taper week keeps intensity, so it holds the loads it follows (the peak's last
ones) instead of stepping up — the example plan's Romanian deadlift went from 73.5 %
e1RM in the last peak week to 81.1 % in the taper's first (+10 %). It only lowers
loads, so every Q5 cap still holds. Pure.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from runstrong.core.model import ExercisePrescription, Phase, PlannedSession, PlanWeek, SessionKind
from runstrong.core.prescription.strength_dose import cap_intensity
from runstrong.core.rules.predicates import (
    R14_MAX_LOAD_STEP,
    effective_pct_e1rm,
    heavy_exercise,
    r14_follows,
    r14_key,
)

Key = tuple[str, str]
Seen = tuple[ExercisePrescription, int, int]
"""An occurrence: the exercise as prescribed, its mesocycle and its loading week."""


def _floor(value: float, places: int) -> float:
    scale = 10.0**places
    return float(math.floor(value * scale + 1e-9)) / scale


def _stepped(
    ref: ExercisePrescription, ex: ExercisePrescription, rise: float = R14_MAX_LOAD_STEP
) -> ExercisePrescription:
    """``ex`` with its load at most ``rise`` over ``ref`` (unchanged when it is), its RPE
    in step (``cap_intensity``); a lift dosed by RPE alone is stepped on the % e1RM its
    reps and RPE mean (``effective_pct_e1rm``)."""
    step = 1 + rise
    if ref.pct_e1rm and ex.pct_e1rm and ex.pct_e1rm > ref.pct_e1rm * step + 1e-9:
        pct = _floor(ref.pct_e1rm * step, 3)
        load = None if ex.load_kg is None else _floor(ex.load_kg * pct / ex.pct_e1rm, 1)
        return cap_intensity(dataclasses.replace(ex, pct_e1rm=pct, load_kg=load), pct, 10, ex.sets)
    kg_only = not (ref.pct_e1rm and ex.pct_e1rm) and ref.load_kg and ex.load_kg
    if kg_only and ref.load_kg and ex.load_kg and ex.load_kg > ref.load_kg * step + 1e-9:
        return dataclasses.replace(ex, load_kg=_floor(ref.load_kg * step, 1))
    was, now = effective_pct_e1rm(ref), effective_pct_e1rm(ex)
    by_rpe = not (ref.pct_e1rm or ex.pct_e1rm or ref.load_kg or ex.load_kg)
    if by_rpe and was and now and now > was * step + 1e-9:
        return cap_intensity(ex, was * step, 10, ex.sets)
    return ex


def _volume_stepped(ref: ExercisePrescription, ex: ExercisePrescription) -> ExercisePrescription:
    """R14: ``ex`` with fewer reps a set when its volume (sets × reps) would double
    ``ref``'s: a session shortened to share a run's window (Q6) may keep one set, and
    the next one's second set is then the step R14 allows, with a rep or two fewer.
    Q5/R3: fewer reps at one RPE is a heavier set, so the RPE falls to keep the
    intensity; where it cannot (RPE 5 is the floor), the reps stay and sets go."""
    vol_ref = ref.sets * (ref.reps or 0)
    if not vol_ref or not ex.reps or ex.sets * ex.reps < 2 * vol_ref:
        return ex
    reps = math.ceil(2 * vol_ref / ex.sets) - 1
    if reps < 1:
        return ex
    pct = effective_pct_e1rm(ex)
    fewer = dataclasses.replace(ex, reps=reps)
    if pct is None:
        return fewer
    fewer = cap_intensity(fewer, pct, ex.rpe or 10.0, ex.sets)
    if not heavy_exercise(fewer) or heavy_exercise(ex):
        return fewer
    return dataclasses.replace(ex, sets=max(1, math.ceil(2 * vol_ref / ex.reps) - 1))


def _session(
    s: PlannedSession, week: PlanWeek, loading: int, last: dict[Key, Seen]
) -> tuple[PlannedSession, dict[Key, Seen]]:
    """A session with its loads stepped from ``last``, and its occurrences by key. R7:
    a taper week holds the load it follows (intensity kept, not raised)."""
    seen: dict[Key, Seen] = {}
    exercises = []
    rise = 0.0 if week.phase is Phase.TAPER else R14_MAX_LOAD_STEP
    for ex in s.exercises:
        key = r14_key(ex, s.category)
        ref = last.get(key)
        follows = ref is not None and r14_follows(ref[1], ref[2], week.mesocycle, loading)
        new = _volume_stepped(ref[0], _stepped(ref[0], ex, rise)) if ref and follows else ex
        exercises.append(new)
        seen[key] = (new, week.mesocycle, loading)
    if all(a is b for a, b in zip(exercises, s.exercises, strict=True)):
        return s, seen
    note = (
        "R7/R14: the taper holds the loads of the peak."
        if rise == 0.0
        else f"R14: loads at most +{R14_MAX_LOAD_STEP:.0%} over the last session of each lift "
        "(climbing back from a lighter week)."
    )
    return dataclasses.replace(s, exercises=tuple(exercises), why=(*s.why, note)), seen


def r14_steps(weeks: Sequence[PlanWeek]) -> list[PlanWeek]:
    """R14: no load rises more than ``R14_MAX_LOAD_STEP`` from one week's session of an
    exercise to its next, across a change of mesocycle too (``predicates.r14_follows``);
    R7: taper loads hold the last loads before them. Deload weeks are left as they are."""
    last: dict[Key, Seen] = {}
    out: list[PlanWeek] = []
    loading = 0
    for week in weeks:
        if week.deload:
            out.append(week)
            continue
        loading += 1
        this_week: dict[Key, Seen] = {}
        sessions = []
        for s in week.sessions:
            if s.kind is SessionKind.STRENGTH:
                s, seen = _session(s, week, loading, last)
                this_week.update(seen)
            sessions.append(s)
        last.update(this_week)
        changed = any(a is not b for a, b in zip(sessions, week.sessions, strict=True))
        out.append(dataclasses.replace(week, sessions=tuple(sessions)) if changed else week)
    return out
