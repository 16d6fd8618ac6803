"""Adapt today's planned sessions to how the athlete is (R19–R23), explaining each change.

Input: the day's planned sessions, the readiness verdict (core.coaching.readiness), the
minutes the athlete actually has, and optional signals (strength/run
interference for R23). Output: the adapted sessions plus one ``Change`` per
modification, each naming its rule id and reason. Nothing here reads the clock
or storage; substitutions come through a callback so the exercise library stays
a seam.

Order of application, from the most to the least binding:
  R22 (time the athlete has) → R21 (sore streak: lighter) → R19 (fatigue:
  lower load, scale back hard work) → R20 (stiff hips / tired low back:
  substitute) → R23 (running eroding: less strength load).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from runstrong.core.coaching.readiness import Flag, Readiness, Status
from runstrong.core.coaching.session_edits import (
    RED_LIGHT_LOAD_FACTOR,
    RED_LIGHT_RPE,
    cap_run_km,
    easy_run,
    has_cut,
    lighter_exercise,
    recategorised,
    red_light_lift,
    scale_run,
    technique_session,
)
from runstrong.core.model import (
    ExercisePrescription,
    PlannedSession,
    SessionKind,
    StrengthCategory,
)
from runstrong.core.rules.predicates import is_quality_run

Substitute = Callable[[ExercisePrescription, frozenset[str]], ExercisePrescription | None]
"""Given an exercise and the complaints to avoid (e.g. {"hip", "lower_back"}),
return a lighter exercise with a similar muscular demand (R17), or None."""

# Muscles whose loading a stiff hip or a tired lower back should not take as planned (R20):
# hinges, squats and lunges load both; loaded trunk work (core as the main muscle) loads
# the lower back. Upper-body work that merely braces the core is left alone.
R20_HIP_MUSCLES = frozenset({"hips", "glutes", "hamstrings"})
TECHNIQUE_MINUTES_MIN = 10.0
R21_RUN_FACTOR = 0.75
"""R21: a sore streak cuts run volume (and a lift's load score) by a quarter, once a week."""
R21_LOAD_FACTOR = 0.9
"""R21: … and a lift's loads by 10 % with one set fewer."""
AMBER_LOAD_FACTOR = 0.95
"""R19: an amber day lowers lift loads 5 % so the sets land at their target RPE."""
RED_RUN_MAX_MIN = 30.0
"""R19: a red day's run, whatever was planned (quality, long or easy), is at most 30 min
easy: a red day is for 20–30 min of easy running or rest, never for the planned work."""


@dataclass(frozen=True, slots=True)
class Change:
    """One modification of the plan for today, with its rule and reason."""

    rule_id: str
    session_id: str
    message: str


@dataclass(frozen=True, slots=True)
class InterferenceSignal:
    """R23 evidence: key runs degrading while strength load rises."""

    degrading: bool
    strength_load_change: float  # fractional change, e.g. 0.25 = +25 %
    detail: str


@dataclass(frozen=True, slots=True)
class KeyRunOutcome:
    """How a key (hard) run went against its prescription.

    ``pace_ratio`` is actual pace / target pace (s/km), so 1.03 is 3 % slower;
    ``hr_delta_bpm`` and ``rpe_delta`` are actual minus expected.
    """

    day: dt.date
    pace_ratio: float | None = None
    hr_delta_bpm: float | None = None
    rpe_delta: float | None = None

    @property
    def worse(self) -> bool:
        """Slower than 2 % off pace, 5 bpm higher, or a full RPE point harder."""
        return (
            (self.pace_ratio is not None and self.pace_ratio > 1.02)
            or (self.hr_delta_bpm is not None and self.hr_delta_bpm >= 5)
            or (self.rpe_delta is not None and self.rpe_delta >= 1.0)
        )


@dataclass(frozen=True, slots=True)
class AdaptedDay:
    """Today's sessions after adaptation, and every change made."""

    day: dt.date
    readiness: Readiness
    sessions: tuple[PlannedSession, ...]
    changes: tuple[Change, ...]


def detect_interference(
    key_runs: Sequence[KeyRunOutcome],
    strength_load_recent: float,
    strength_load_before: float,
    *,
    window: int = 3,
    min_rise: float = 0.10,
) -> InterferenceSignal:
    """R23: are key runs degrading while strength load rises?

    Degrading means at least two of the last ``window`` key runs were worse than
    prescribed. Rising means the recent strength load (e.g. last 14 days, in
    session-RPE units) exceeds the earlier one by ``min_rise`` or more.
    """
    last = sorted(key_runs, key=lambda k: k.day)[-window:]
    n_worse = sum(1 for k in last if k.worse)
    degrading = len(last) >= 2 and n_worse >= 2
    if strength_load_before > 0:
        change = strength_load_recent / strength_load_before - 1.0
    else:
        change = 1.0 if strength_load_recent > 0 else 0.0
    rising = change >= min_rise
    detail = (
        f"{n_worse} of the last {len(last)} key runs were slower, harder or at a higher heart "
        f"rate than planned, while strength load changed {change:+.0%}"
    )
    return InterferenceSignal(
        degrading=degrading and rising, strength_load_change=change, detail=detail
    )


def _scale_session_load(s: PlannedSession, factor: float) -> float:
    return round(s.load * factor, 1)


def _is_strength(s: PlannedSession) -> bool:
    return s.kind is SessionKind.STRENGTH


def _is_hard_run(s: PlannedSession) -> bool:
    return is_quality_run(s)


def _rest(s: PlannedSession, why: str) -> PlannedSession:
    return dataclasses.replace(
        s, kind=SessionKind.REST, category="rest", hard=False, duration_min=0.0, load=0.0,
        distance_km=None, steps=(), exercises=(), why=(*s.why, why),
    )  # fmt: skip


def _r22_congested(
    out: list[PlannedSession], minutes_available: float, changes: list[Change]
) -> None:
    """R22: the day is congested — fit the sessions into the minutes there are."""
    budget = minutes_available
    # Key sessions first: hard runs, then other runs, then the rest.
    order = sorted(
        range(len(out)),
        key=lambda i: (not _is_hard_run(out[i]), out[i].kind is not SessionKind.RUN),
    )
    liftable = (
        StrengthCategory.HEAVY.value,
        StrengthCategory.MODERATE.value,
        StrengthCategory.POWER.value,
    )
    for i in order:
        s = out[i]
        if s.kind is SessionKind.REST:
            continue
        if s.duration_min <= budget:
            budget -= s.duration_min
            continue
        if _is_strength(s) and s.category in liftable and budget >= TECHNIQUE_MINUTES_MIN:
            minutes = min(budget, 20.0)
            msg = (
                f"only {minutes_available:.0f} min today: the {s.category} strength session "
                f"({s.duration_min:.0f} min) becomes {minutes:.0f} min of technique and mobility"
            )
            out[i] = technique_session(s, minutes, f"R22: {msg}")
            budget -= minutes
        elif s.kind is SessionKind.RUN and budget >= 15:
            msg = (
                f"only {minutes_available:.0f} min today: the {s.category} run "
                f"({s.duration_min:.0f} min) is cut to a {budget:.0f} min easy run"
            )
            out[i] = easy_run(s, budget, f"R22: {msg}")
            budget = 0
        else:
            msg = (
                f"no time left today ({minutes_available:.0f} min in all): "
                f"{s.title or s.category} is dropped; the week is re-planned"
            )
            out[i] = _rest(s, f"R22: {msg}")
        changes.append(Change("R22", s.id, msg))


def _r21_sore(out: list[PlannedSession], readiness: Readiness, changes: list[Change]) -> None:
    """R21: sore several days in a row — a lighter day of a lighter week, cut once.

    A session that already carries an R21 cut (made earlier this week by the lighter
    week) is not cut again: one cut per cause, always from the original plan.
    """
    days = readiness.sore_streak_days
    for i, s in enumerate(out):
        if has_cut(s, "R21"):
            continue
        if _is_strength(s):
            exs = tuple(lighter_exercise(ex, R21_LOAD_FACTOR, 1) for ex in s.exercises)
            cat = (
                StrengthCategory.MODERATE.value
                if s.category == StrengthCategory.HEAVY.value
                else s.category
            )
            msg = (
                f"sore {days} days in a row: one set fewer per exercise "
                f"and {1 - R21_LOAD_FACTOR:.0%} less load (lighter week)"
            )
            out[i] = dataclasses.replace(
                s, exercises=exs, category=cat, title=recategorised(s, cat),
                load=_scale_session_load(s, R21_RUN_FACTOR), why=(*s.why, f"R21: {msg}"),
            )  # fmt: skip
            changes.append(Change("R21", s.id, msg))
        elif s.kind is SessionKind.RUN and s.duration_min > 0:
            msg = f"sore {days} days in a row: run volume cut by a quarter (lighter week)"
            if _is_hard_run(s):
                msg += "; the quality run becomes easy"
                out[i] = easy_run(s, round(s.duration_min * R21_RUN_FACTOR, 1), f"R21: {msg}")
            else:
                out[i] = scale_run(s, R21_RUN_FACTOR, f"R21: {msg}")
            changes.append(Change("R21", s.id, msg))


def _r19_fatigue(out: list[PlannedSession], readiness: Readiness, changes: list[Change]) -> None:
    """R19: lower the load to hold the target RPE; a red day changes the key run too."""
    red = readiness.status is Status.RED
    why_red = "; ".join(readiness.reasons)
    for i, s in enumerate(out):
        if _is_strength(s) and red:
            before = sum(ex.sets for ex in s.exercises)
            out[i] = red_light_lift(s, "R19: readiness red")
            after = sum(ex.sets for ex in out[i].exercises)
            msg = (
                f"readiness red ({why_red}): a light session instead — {before} → {after} "
                f"sets, loads −{1 - RED_LIGHT_LOAD_FACTOR:.0%}, RPE at most {RED_LIGHT_RPE:g}"
            )
            out[i] = dataclasses.replace(out[i], why=(*s.why, f"R19: {msg}"))
            changes.append(Change("R19", s.id, msg))
        elif _is_strength(s):
            exs = tuple(lighter_exercise(ex, AMBER_LOAD_FACTOR, 0) for ex in s.exercises)
            msg = (
                f"readiness {readiness.status.value}: load lowered {1 - AMBER_LOAD_FACTOR:.0%} "
                "so the sets land at their target RPE"
            )
            out[i] = dataclasses.replace(
                s, exercises=exs, load=_scale_session_load(s, AMBER_LOAD_FACTOR),
                why=(*s.why, f"R19: {msg}"),
            )  # fmt: skip
            changes.append(Change("R19", s.id, msg))
        elif s.kind is SessionKind.RUN and red and s.duration_min > 0:
            minutes = min(s.duration_min, RED_RUN_MAX_MIN)
            msg = (
                f"readiness red ({why_red}): the {s.category} run becomes "
                f"{minutes:.0f} min easy, or rest"
            )
            out[i] = easy_run(s, minutes, f"R19: {msg}")
            changes.append(Change("R19", s.id, msg))
        elif _is_hard_run(s):
            msg = (
                "readiness amber: keep the session but stop the repetitions when pace "
                "drops more than 3 % below target or form goes"
            )
            out[i] = dataclasses.replace(s, why=(*s.why, f"R19: {msg}"))
            changes.append(Change("R19", s.id, msg))


def _r20_complaints(
    out: list[PlannedSession],
    complaints: frozenset[str],
    substitute: Substitute | None,
    changes: list[Change],
) -> None:
    """R20: stiff hips or a tired lower back — substitute or scale back what loads them."""
    what = " and ".join(sorted(complaints)).replace("_", " ")
    for i, s in enumerate(out):
        if not _is_strength(s):
            continue
        new_exs: list[ExercisePrescription] = []
        for ex in s.exercises:
            if not _r20_sensitive(ex, complaints):
                new_exs.append(ex)
                continue
            replacement = substitute(ex, complaints) if substitute is not None else None
            if replacement is not None and replacement.name != ex.name:
                msg = f"{what} complaint: {ex.name} → {replacement.name} (similar muscles, lighter)"
                new_exs.append(replacement)
            else:
                msg = f"{what} complaint: {ex.name} scaled back (one set fewer, 10 % lighter)"
                new_exs.append(lighter_exercise(ex, 0.9, 1))
            changes.append(Change("R20", s.id, msg))
        out[i] = dataclasses.replace(s, exercises=tuple(new_exs))


def _r20_sensitive(ex: ExercisePrescription, complaints: frozenset[str]) -> bool:
    """Does this exercise load what a stiff hip / tired lower back complains about (R20)?"""
    if R20_HIP_MUSCLES.intersection(ex.muscles):
        return True
    return "lower_back" in complaints and bool(ex.muscles) and ex.muscles[0] == "core"


def adapt_day(
    day: dt.date,
    sessions: Sequence[PlannedSession],
    readiness: Readiness,
    *,
    minutes_available: float | None = None,
    interference: InterferenceSignal | None = None,
    substitute: Substitute | None = None,
) -> AdaptedDay:
    """Adapt ``day``'s sessions (R19–R23) and say why for every change.

    ``sessions`` are the day's original sessions (never an earlier adaptation of
    them), so each cause cuts at most once.
    """
    out = list(sessions)
    changes: list[Change] = []
    if minutes_available is not None:
        _r22_congested(out, minutes_available, changes)
    flags = readiness.flags
    if Flag.SORE_STREAK in flags:
        _r21_sore(out, readiness, changes)
    fatigued = readiness.status in (Status.AMBER, Status.RED) or Flag.RPE_ABOVE_TARGET in flags
    if fatigued and Flag.SORE_STREAK not in flags:
        _r19_fatigue(out, readiness, changes)
    complaints = frozenset(
        c for c, f in (("hip", Flag.STIFF_HIPS), ("lower_back", Flag.TIRED_LOW_BACK)) if f in flags
    )
    if complaints:
        _r20_complaints(out, complaints, substitute, changes)
    # R23: running is eroding while strength load rises — cut strength load.
    if interference is not None and interference.degrading:
        for i, s in enumerate(out):
            if _is_strength(s):
                exs = tuple(lighter_exercise(ex, 0.9, 1) for ex in s.exercises)
                msg = f"{interference.detail}: strength load reduced (one set fewer, 10 % lighter)"
                out[i] = dataclasses.replace(
                    s, exercises=exs, load=_scale_session_load(s, 0.7), why=(*s.why, f"R23: {msg}")
                )
                changes.append(Change("R23", s.id, msg))
    out = [_never_longer(old, new) for old, new in zip(sessions, out, strict=True)]
    return AdaptedDay(day=day, readiness=readiness, sessions=tuple(out), changes=tuple(changes))


def _never_longer(planned: PlannedSession, adapted: PlannedSession) -> PlannedSession:
    """R19/R21/R22: an adapted run is never longer than the planned one, in km or in
    minutes. An easy run at easy pace covers more ground per minute than a quality
    session whose recoveries are walked or jogged (50 min of hills, 8.0 km, made a
    50 min easy run of 8.8 km), so the adapted run is cut back to the planned km."""
    if adapted is planned or adapted.kind is not SessionKind.RUN:
        return adapted
    if planned.distance_km is None or adapted.distance_km is None:
        return adapted
    capped = cap_run_km(
        adapted, planned.distance_km, f"no further than the {planned.distance_km:.1f} km planned"
    )
    if capped.distance_km is not None and capped.distance_km > planned.distance_km:
        capped = dataclasses.replace(capped, distance_km=planned.distance_km)  # rounding
    return capped


@dataclass(frozen=True, slots=True)
class WeekCompliance:
    """Planned vs done strength sessions in one week, and whether it had a red day."""

    start_date: dt.date
    strength_planned: int
    strength_done: int
    red_days: int = 0

    @property
    def ratio(self) -> float:
        return 1.0 if self.strength_planned == 0 else self.strength_done / self.strength_planned


def third_session_unlocked(
    weeks: Sequence[WeekCompliance], *, min_weeks: int = 4, min_ratio: float = 0.9
) -> tuple[bool, str]:
    """R1: a third weekly strength session only after shown consistency.

    Needs the last ``min_weeks`` weeks each with ≥ ``min_ratio`` of planned
    strength sessions done and no red readiness day. Returns the verdict and why.
    """
    recent = sorted(weeks, key=lambda w: w.start_date)[-min_weeks:]
    if len(recent) < min_weeks:
        return (
            False,
            f"R1: only {len(recent)} week(s) of history; {min_weeks} consistent weeks are needed",
        )
    short = [w for w in recent if w.ratio < min_ratio]
    if short:
        w = short[-1]
        return False, (
            f"R1: week of {w.start_date.isoformat()} had {w.strength_done}/"
            f"{w.strength_planned} strength sessions done (< {min_ratio:.0%})"
        )
    red = [w for w in recent if w.red_days]
    if red:
        return False, f"R1: week of {red[-1].start_date.isoformat()} had a red readiness day"
    return (
        True,
        f"R1: {min_weeks} weeks at ≥ {min_ratio:.0%} of planned strength sessions and no red flags",
    )
