"""Sets, reps, load and rest for one strength exercise in a given session context.

Category bands (fraction of e1RM) used by the planner:

* heavy 0.75–0.85, moderate 0.65–0.75, maintenance 0.70–0.82,
  light/dynamic and power lifts 0.40–0.60 with fast concentric intent.

Main lifts are dosed as reps at a target RPE; their %1RM is read from the
RPE chart (Tuchscherer 2008, via ``core.strength.fraction_of_1rm``) and kept
inside the category band. Light and power lifts sit below the chart's range
(RPE < 6.5), so they are dosed directly as a fraction of e1RM.

Phase (R7, R9): base builds strength (3–4 sets × 6–10, RPE 7–8); build
complements running (3 × 4–6, heavier and fewer sets); peak/taper/race keep
the key lifts with 2 sets (R9); transition is light and general. Within a
mesocycle the target rises by half an RPE point per loading week (≈ +2–3 %
load, R14's small steps); a deload week cuts sets by ~40 % and RPE by one.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from runstrong.core.exercises import Exercise, Unit
from runstrong.core.model import ExercisePrescription, Phase, StrengthCategory
from runstrong.core.science import strength

PCT_BANDS: dict[StrengthCategory, tuple[float, float]] = {
    StrengthCategory.HEAVY: (0.75, 0.85),
    StrengthCategory.MODERATE: (0.65, 0.75),
    StrengthCategory.MAINTENANCE: (0.70, 0.82),
    StrengthCategory.LIGHT: (0.40, 0.60),
    StrengthCategory.POWER: (0.40, 0.60),
}
"""Allowed fraction of e1RM for a main lift, per session category."""

MAX_RPE = 8.5
"""R13: main lifts stop at least 1-2 reps short of failure (controlled speed)."""

MAX_RPE_BY_CATEGORY: dict[StrengthCategory, float] = {
    StrengthCategory.HEAVY: MAX_RPE,
    StrengthCategory.MODERATE: 7.5,
    StrengthCategory.MAINTENANCE: 7.5,
}
"""R3/R13: a moderate or maintenance main lift keeps at least 2.5 reps in reserve
(RPE ≤ 7.5, Helms et al. 2016): sets of 8 at RPE 8–8.5 are near-failure work whose
fatigue the label "moderate" would hide from R3; only a heavy session goes to 8.5.
Inside each category the RPE is also held to the top of its ``PCT_BANDS`` band on the
one RPE↔%e1RM table (``strength.rpe_at_most``), so the RPE and the % e1RM agree."""

_CHART_CATEGORIES = (
    StrengthCategory.HEAVY,
    StrengthCategory.MODERATE,
    StrengthCategory.MAINTENANCE,
)
_PEAKING = (Phase.PEAK, Phase.TAPER, Phase.RACE)


@dataclass(frozen=True, slots=True)
class Dose:
    """How one exercise is done: ``reps`` or ``duration_s`` per set, and its load target."""

    sets: int
    reps: int | None
    duration_s: float | None
    rpe: float | None
    pct_e1rm: float | None
    load_kg: float | None
    rest_s: int


# (sets, reps, RPE) of a main lift by category and phase group.
_MAIN: dict[tuple[StrengthCategory, str], tuple[int, int, float]] = {
    (StrengthCategory.HEAVY, "base"): (4, 6, 7.5),
    (StrengthCategory.HEAVY, "build"): (3, 5, 8.0),
    (StrengthCategory.HEAVY, "peak"): (2, 4, 7.5),
    (StrengthCategory.HEAVY, "transition"): (2, 6, 7.0),
    (StrengthCategory.MODERATE, "base"): (3, 8, 7.0),
    (StrengthCategory.MODERATE, "build"): (3, 6, 6.5),
    (StrengthCategory.MODERATE, "peak"): (2, 6, 6.5),
    (StrengthCategory.MODERATE, "transition"): (2, 10, 6.5),
    (StrengthCategory.MAINTENANCE, "base"): (2, 5, 7.0),
    (StrengthCategory.MAINTENANCE, "build"): (2, 5, 7.0),
    (StrengthCategory.MAINTENANCE, "peak"): (2, 4, 7.0),
    (StrengthCategory.MAINTENANCE, "transition"): (2, 6, 6.5),
}
# (sets, reps, fraction of e1RM) of a fast light/power lift.
_FAST: dict[StrengthCategory, tuple[int, int, float]] = {
    StrengthCategory.LIGHT: (3, 5, 0.50),
    StrengthCategory.POWER: (3, 3, 0.50),
}
_REST_MAIN = {
    StrengthCategory.HEAVY: 180,
    StrengthCategory.MODERATE: 120,
    StrengthCategory.MAINTENANCE: 150,
    StrengthCategory.LIGHT: 90,
    StrengthCategory.POWER: 120,
}


def phase_group(phase: Phase) -> str:
    """base / build / peak (peak, taper, race) / transition."""
    if phase in _PEAKING:
        return "peak"
    return phase.value


def _week_step(week_in_block: int, category: StrengthCategory, phase: Phase) -> int:
    # R14: small steps inside a mesocycle; nothing is added while peaking or maintaining.
    if category is StrengthCategory.MAINTENANCE or phase in _PEAKING:
        return 0
    return max(0, min(week_in_block, 4) - 1)


def _deload_sets(sets: int) -> int:
    return max(1, round(sets * 0.6))


def main_dose(
    ex: Exercise,
    category: StrengthCategory,
    phase: Phase,
    week_in_block: int,
    deload: bool,
    e1rm_kg: float | None,
) -> Dose:
    """Dose of a main (heavy-capable) lift; %e1RM and load only when ``e1rm_kg`` is known."""
    rest = _REST_MAIN[category]
    low, high = PCT_BANDS[category]
    step = _week_step(week_in_block, category, phase)
    if category in _CHART_CATEGORIES:
        sets, reps, rpe = _MAIN[(category, phase_group(phase))]
        # R13: never grinding; R3: the label's ceiling; the band's top on the chart
        ceiling = min(MAX_RPE_BY_CATEGORY[category], strength.rpe_at_most(reps, high))
        rpe = min(rpe + 0.5 * step, ceiling)
        if deload:
            sets, rpe = _deload_sets(sets), max(rpe - 1.0, strength.RPE_CHART_MIN)
        pct = strength.effective_fraction(reps, rpe)
        clamped = min(max(pct, low), high)
        if e1rm_kg is None:
            return Dose(sets, reps, None, rpe, None, None, rest)
        if clamped == pct:
            load = strength.load_for(e1rm_kg, reps, rpe)
        else:
            load = strength.round_to_increment(e1rm_kg * clamped)
        return Dose(sets, reps, None, rpe, round(clamped, 3), load, rest)
    sets, reps, frac = _FAST[category]
    frac = min(frac + 0.025 * step, high)
    if deload:
        sets, frac = _deload_sets(sets), low
    if phase_group(phase) in ("peak", "transition"):
        sets = min(sets, 2)
    if e1rm_kg is None:
        return Dose(sets, reps, None, 5.0, None, None, rest)
    load = strength.round_to_increment(e1rm_kg * frac)
    return Dose(sets, reps, None, 5.0, round(frac, 3), load, rest)


def accessory_dose(ex: Exercise, category: StrengthCategory, phase: Phase, deload: bool) -> Dose:
    """Dose of a supporting exercise: body weight or light load at a target RPE."""
    group = phase_group(phase)
    sets = 3 if group == "base" and category is not StrengthCategory.LIGHT else 2
    if category is StrengthCategory.MAINTENANCE or group in ("peak", "transition"):
        sets = 2
    rpe = {"base": 7.0, "build": 7.0, "peak": 6.5, "transition": 5.5}[group]
    if deload:
        sets, rpe = _deload_sets(sets), rpe - 1.0
    if ex.unit is Unit.SECONDS:
        hold = 30.0 if group != "base" else 40.0
        return Dose(sets, None, hold, rpe, None, None, 60)
    reps = {"base": 10, "build": 8, "peak": 8, "transition": 12}[group]
    if ex.pattern.value in ("calf_ankle", "foot"):
        reps += 4
    return Dose(sets, reps, None, rpe, None, None, 60 if ex.unilateral else 75)


def plyometric_dose(phase: Phase, deload: bool) -> Dose:
    """R5: low volume — a few sets of 5 contacts with full recovery."""
    sets = 2 if deload or phase_group(phase) != "build" else 3
    return Dose(sets, 5, None, None, None, None, 90)


def mobility_dose(ex: Exercise) -> Dose:
    """One mobility drill: 1–2 easy sets, never loaded."""
    if ex.unit is Unit.SECONDS:
        return Dose(2, None, 30.0, None, None, None, 15)
    return Dose(1, 8, None, None, None, None, 15)


def set_seconds(ex: Exercise, dose: Dose) -> float:
    """Work time of one set: ~4 s a rep or the hold; both sides if unilateral."""
    work = dose.duration_s if dose.duration_s is not None else 4.0 * (dose.reps or 0)
    return work * (2 if ex.unilateral else 1)


def dose_seconds(ex: Exercise, dose: Dose, *, main: bool = False) -> float:
    """Whole exercise: sets × (work + rest) + set-up (+ warm-up sets for a main lift)."""
    setup = 180.0 if main else 45.0
    return setup + dose.sets * (set_seconds(ex, dose) + dose.rest_s)


def cap_intensity(
    ex: ExercisePrescription, pct_cap: float, rpe_cap: float, sets_cap: int
) -> ExercisePrescription:
    """Q5/R3: ``ex`` at most ``sets_cap`` sets, RPE ``rpe_cap`` and ``pct_cap`` of e1RM,
    its RPE and % e1RM kept in step on the one RPE↔%e1RM table
    (``strength.effective_fraction``, as the audit reads them: ``predicates.
    effective_pct_e1rm``): the RPE falls to the highest one whose reps stay under
    ``pct_cap`` (not under RPE 5, the RIR scale's floor), and a known % e1RM (and its
    load) falls to what that RPE means. 2 × 4 @ RPE 7 (81 %) capped at 75 % and RPE 5
    → 2 × 4 @ RPE 5 at 75 %. Holds and plyometrics keep their RPE (no chart reading)."""
    rpe = ex.rpe if ex.rpe is None else min(ex.rpe, rpe_cap)
    charted = rpe is not None and ex.reps is not None and ex.reps >= 1 and not ex.plyometric
    if charted and rpe is not None and ex.reps is not None:
        rpe = min(rpe, strength.rpe_at_most(ex.reps, pct_cap))
    pct, load = ex.pct_e1rm, ex.load_kg
    if pct is not None:
        top = pct_cap
        if charted and rpe is not None and ex.reps is not None:
            top = min(top, strength.effective_fraction(ex.reps, rpe))
        if pct > top:
            load = None if load is None else round(load * top / pct, 1)
            pct = round(top, 3)
    return dataclasses.replace(ex, sets=min(ex.sets, sets_cap), pct_e1rm=pct, load_kg=load, rpe=rpe)
