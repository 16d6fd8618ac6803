"""The one definition of each notion the rules talk about (issue 11 part 2).

Every part of runstrong that asks "is this a quality run?", "is this a heavy
lift?", "is this an easy run?", "how far apart are these two sessions?" or
"which R2 groups does this exercise train?" asks this module: the scheduler's
costs (``planning.schedule``), the plan build and re-plan (``planning.build``),
the daily coach (``coaching.adaptation``), the plan audit (``rules.audit``) and
the CLI/services. Thresholds are data (module constants named by rule id).

Gap convention (one way, everywhere): a gap is measured **from the end of the
earlier session to the start of the later one**, in local wall-clock minutes
(``date`` ordinal × 1440 + minutes of day + duration). R3's 24 h and Q4's 36 h
are such gaps. Recovery counts from when the effort ends, so a long session
leaves less room after it than a short one at the same start.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from runstrong.core.exercises import R2_GROUPS, Muscle
from runstrong.core.model import (
    ExercisePrescription,
    Phase,
    PlannedSession,
    RunCategory,
    SessionKind,
    StrengthCategory,
)
from runstrong.core.rules.quality import Q7_BACK_TO_BACK_SHARE
from runstrong.core.science import strength

_C = TypeVar("_C", bound=StrEnum)

DAY_MIN = 24 * 60

# --- thresholds (data) -------------------------------------------------------
R3_GAP_MIN = 24 * 60
"""R3 (hard): minutes from the end of a quality run to the start of a heavy lift
(or the other way round)."""

EASY_RUN_CATEGORIES: frozenset[str] = frozenset(
    {RunCategory.EASY.value, RunCategory.RECOVERY.value, RunCategory.STRIDES.value}
)
"""R4/Q4: the run categories that count as easy running."""

KEY_RUN_CATEGORIES: frozenset[str] = frozenset({RunCategory.RACE_PACE.value})
"""Q4/Q5: categories that are not R3-hard but still load like a quality session."""

HEAVY_PCT_E1RM = 0.80
"""Q5: a lift at or above this fraction of e1RM is heavy, whatever its session category."""

R14_MAX_LOAD_STEP = strength.MAX_LOAD_STEP
"""R14: the largest load rise (fraction, % e1RM or kg) from one week's session of an
exercise to its next; the planner keeps to it and the audit judges it."""

LOWER_BODY: frozenset[Muscle] = frozenset(
    {Muscle.HIPS, Muscle.GLUTES, Muscle.HAMSTRINGS, Muscle.QUADS, Muscle.CALVES}
)
"""Q5: the groups that make a heavy lift a heavy lower-body lift."""


# --- runs --------------------------------------------------------------------
def _known_category(s: PlannedSession, kind: SessionKind, categories: type[_C]) -> _C | None:
    if s.kind is not kind:
        return None
    try:
        return categories(s.category)
    except ValueError:
        return None


def run_category(s: PlannedSession) -> RunCategory | None:
    """The run category of a run session (None for other kinds or free text)."""
    return _known_category(s, SessionKind.RUN, RunCategory)


def strength_category(s: PlannedSession) -> StrengthCategory | None:
    """The strength category of a strength session (None for other kinds or free text)."""
    return _known_category(s, SessionKind.STRENGTH, StrengthCategory)


def category_is_quality(category: str, hard_flag: bool) -> bool:
    """R3 sense of a quality (high-intensity) run from its category: intervals,
    threshold, repetitions, hills, time trial, race. The category decides when it
    is a known run category; the ``hard`` flag decides only for free-text
    categories (a flag that disagrees with a known category is audit finding C1)."""
    try:
        return RunCategory(category).is_hard
    except ValueError:
        return hard_flag


def is_quality_run(s: PlannedSession) -> bool:
    """R3/R4/Q4: the one definition of a quality run (see ``category_is_quality``)."""
    return s.kind is SessionKind.RUN and category_is_quality(s.category, s.hard)


def category_is_easy(category: str) -> bool:
    """R4/Q4: easy, recovery or strides."""
    return category in EASY_RUN_CATEGORIES


def is_easy_run(s: PlannedSession) -> bool:
    """R4/Q4: the one definition of an easy run."""
    return s.kind is SessionKind.RUN and category_is_easy(s.category)


def is_long_run(s: PlannedSession) -> bool:
    """Q2: the session is the week's long run (by category)."""
    return s.kind is SessionKind.RUN and s.category == RunCategory.LONG.value


def is_race(s: PlannedSession) -> bool:
    return s.kind is SessionKind.RUN and s.category == RunCategory.RACE.value


Q4_TAPER_LONG_SHARE = 0.25
"""Q4: a taper week's long run still counts as quality while it is at least this share
of the week (a long run of a third of the week the day after intervals is no easy day)."""


def long_run_is_quality(phase: Phase, long_km: float, week_km: float) -> bool:
    """Q4: the one definition of when the long run counts as a quality run for spacing
    (scheduler and audit): in build and peak, and in a taper week while it is at least
    ``Q4_TAPER_LONG_SHARE`` of the week's running."""
    if phase in (Phase.BUILD, Phase.PEAK):
        return True
    return phase is Phase.TAPER and week_km > 0 and long_km >= Q4_TAPER_LONG_SHARE * week_km


def week_long_is_quality(phase: Phase, sessions: Iterable[PlannedSession]) -> bool:
    """Q4: ``long_run_is_quality`` for a week as planned (its long run and its runs)."""
    runs = [s for s in sessions if s.kind is SessionKind.RUN]
    long_km = max((s.distance_km or 0.0 for s in runs if is_long_run(s)), default=0.0)
    return long_run_is_quality(phase, long_km, sum(s.distance_km or 0.0 for s in runs))


def category_is_key(category: str, hard_flag: bool, *, long_counts: bool) -> bool:
    """Q4/R0: the one definition of a key run, for the scheduler (``Demand.quality``,
    through ``planning.context.is_quality``) and the audit (``is_key_run``): a quality
    run (R3), race-pace work, and the long run when ``long_counts``
    (``long_run_is_quality``: build and peak, a long taper long run)."""
    if category == RunCategory.LONG.value:
        return long_counts
    return category_is_quality(category, hard_flag) or category in KEY_RUN_CATEGORIES


def is_key_run(s: PlannedSession, *, long_counts: bool) -> bool:
    """Q4: a run that needs recovery around it (``category_is_key``)."""
    return s.kind is SessionKind.RUN and category_is_key(
        s.category, s.hard, long_counts=long_counts
    )


def category_off_race_eve(category: str) -> bool:
    """Q5 (decision, issue 12 item 6): an easy category that still runs fast, kept off a
    race's eve, which holds at most a plain easy run (strides go 2-3 days out). Quality
    runs are kept off it as key runs (``is_key_run``). The planner
    (``race_week.strides_off_eve``) and the audit (``race-eve-quality``) both ask it."""
    return category == RunCategory.STRIDES.value


def category_keeps_heavy_off(category: str, hard_flag: bool, *, long_counts: bool) -> bool:
    """R3/R0 (issue 12 item 5): a run no heavy lift may end within 24 h before: a
    quality run (R3 proper, which also holds after it) and the long run while it is a
    key run (``long_counts``, Q4 counts it as quality): heavy legs the evening before a
    build week's 50 km long run eat into the run that matters most (R0). Race pace keeps
    R0's lighter day-before preference. The scheduler (``Demand.r3_before``) and the
    audit (``catalogue.check_r3``) both ask it."""
    return category_is_quality(category, hard_flag) or (
        long_counts and category == RunCategory.LONG.value
    )


def is_back_to_back(run: PlannedSession, long: PlannedSession) -> bool:
    """Q7/Q4 (issue 12 item 5): ``run`` is the second run of a back-to-back pair with the
    long run ``long``: a run other than the long run, on the day before or after it,
    lasting at least ``Q7_BACK_TO_BACK_SHARE`` of it (the audit's Q7 check). Q4 spaces
    quality runs from its end too."""
    return (
        run.kind is SessionKind.RUN
        and run.id != long.id
        and not is_long_run(run)
        and abs((run.date - long.date).days) == 1
        and run.duration_min >= Q7_BACK_TO_BACK_SHARE * long.duration_min - 1e-9
    )


Q2_MEDIUM_LONG_SHARE = 0.6
"""Q2 (issue 12 item 5): an easy run of at least 60 % of the long run is a medium-long
run (Pfitzinger & Douglas, *Advanced Marathoning*: 60-75 % of the long run, mid-week);
the scheduler would rather not put it on the long run's eve (a soft preference,
``Q2-medium-long-eve``; from 75 % it is long-ish, ``Q2-long-eve``)."""


def is_medium_long(run_km: float, long_km: float) -> bool:
    """Q2: ``run_km`` is a medium-long run for a long run of ``long_km``."""
    return long_km > 0 and run_km >= Q2_MEDIUM_LONG_SHARE * long_km - 0.05


# --- strength ----------------------------------------------------------------
R5_BASE_YEARS_LIFTING = 1.0
"""R5: a year or more of regular lifting counts as base strength established."""
R5_BASE_WEEKS = 6
"""R5: a lifter with less than a year builds base strength for the plan's first six
weeks (NSCA's guidance: plyometrics after a period of resistance training; the
beginner's range of 80–100 contacts comes after it) before any plyometrics."""


def base_strength_established(years_lifting: float, week_index: int) -> bool:
    """R5/R7: the one definition of "base strength is established" in week
    ``week_index`` (0 = the plan's first week) for an athlete with ``years_lifting``
    of lifting: a year of lifting, or the plan's first ``R5_BASE_WEEKS`` weeks done."""
    return years_lifting >= R5_BASE_YEARS_LIFTING or week_index >= R5_BASE_WEEKS


def plyometrics_allowed(years_lifting: float, week_index: int) -> bool:
    """R5: plyometrics only once base strength is established: used by the planner's
    outline (``periodization``) and the plan audit (``check_r5_plyometrics``)."""
    return base_strength_established(years_lifting, week_index)


def heavy_lifting_allowed(years_lifting: float, week_index: int) -> bool:
    """R7/R14: a heavy session (≥ 80 % e1RM: 6 reps at RPE 7.5) only once base strength
    is established. A lifter under a year (a runner who has never lifted) starts with
    R7's base work, more sets at lower intensity for form and balance (moderate
    sessions), and R14's small steps: a first session near 80 % e1RM is a jump from
    nothing, not a step (NSCA's novice guidance: 8-12 reps at 60-70 % 1RM). Used by
    the planner (``phases.week_strength``) and the audit's ``novice-heavy-lift``."""
    return base_strength_established(years_lifting, week_index)


def category_is_heavy(category: str) -> bool:
    """R3/R5/R12: a heavy strength session, by category (``StrengthCategory.is_heavy``;
    free-text categories are not heavy)."""
    try:
        return StrengthCategory(category).is_heavy
    except ValueError:
        return False


def is_heavy_lift(s: PlannedSession) -> bool:
    """R3/R5/R12: the one definition of a heavy strength session (category heavy)."""
    return s.kind is SessionKind.STRENGTH and category_is_heavy(s.category)


def is_power_lift(s: PlannedSession) -> bool:
    return s.kind is SessionKind.STRENGTH and s.category == StrengthCategory.POWER.value


def effective_pct_e1rm(ex: ExercisePrescription) -> float | None:
    """Q5/R3: the intensity of an exercise as a fraction of e1RM: its ``pct_e1rm`` when
    the plan gives one, else read from its reps and RPE on the one RPE↔%e1RM table
    (``science.strength.effective_fraction``, Tuchscherer 2008 with RIR = 10 − RPE,
    an upper bound). None for holds, plyometrics and sets without an RPE. The planner's
    caps (``prescription.strength_dose.cap_intensity``) read the same table."""
    if ex.pct_e1rm is not None:
        return ex.pct_e1rm
    if ex.plyometric or ex.reps is None or ex.reps < 1 or ex.rpe is None:
        return None
    return strength.effective_fraction(ex.reps, ex.rpe)


def heavy_exercise(ex: ExercisePrescription) -> bool:
    """Q5: an exercise at or above 80 % e1RM (``effective_pct_e1rm``: given, or read from
    reps and RPE, so 2 × 4 @ RPE 7, 81 %, is heavy whether or not a lift result is known)."""
    pct = effective_pct_e1rm(ex)
    return pct is not None and pct >= HEAVY_PCT_E1RM - 1e-9


def is_heavy_lower(s: PlannedSession) -> bool:
    """Q5/R3: the one definition of a heavy lower-body session: a strength session with
    a lower-body exercise at ≥ 80 % e1RM (``heavy_exercise``, whatever the session's
    label), or a heavy-category session that trains the lower body."""
    if s.kind is not SessionKind.STRENGTH:
        return False
    lower = [e for e in s.exercises if groups_trained(e) & LOWER_BODY]
    if any(heavy_exercise(e) for e in lower):
        return True
    return is_heavy_lift(s) and bool(lower)


def is_r3_heavy(s: PlannedSession) -> bool:
    """R3: the one definition of a heavy strength session for hard-day separation: a
    heavy-category session, or one that is heavy lower-body by what it lifts
    (``is_heavy_lower``: a leg lift at ≥ 80 % e1RM, read from reps and RPE when no
    % e1RM is given), whatever its label. The audit (``catalogue.check_r3``) and the
    planner's caps (``planning.lift_caps.pre_quality_caps``) ask it."""
    return is_heavy_lift(s) or is_heavy_lower(s)


def r14_key(ex: ExercisePrescription, session_category: str) -> tuple[str, str]:
    """R14: what makes two occurrences of an exercise one progression: the exercise and
    its session's category (``r14_follows`` says which occurrences are compared)."""
    return (normalise(ex.name), session_category)


def r14_follows(ref_mesocycle: int, ref_week: int, mesocycle: int, week: int) -> bool:
    """R14: whether an occurrence (``mesocycle``, ``week``) is compared with an earlier
    one of the same key. Weeks count loading weeks only (deloads are skipped). Inside a
    mesocycle every later occurrence is; across a change of mesocycle (base to build,
    peak to taper) the occurrence of the week just before is, so that a new block
    cannot open more than one step above where the last one ended."""
    return ref_mesocycle == mesocycle or ref_week == week - 1


def category_is_high(kind: SessionKind, category: str, hard_flag: bool) -> bool:
    """Q4: a session that makes a high day of a 400 m–1500 m week (the high-low week of
    sprint and middle-distance coaching): a quality run (races included) or race-pace
    work, a heavy or power lift. The scheduler's cost ``Q4-high-low`` and the audit's
    ``high-low`` check both ask it."""
    if kind is SessionKind.RUN:
        return category_is_quality(category, hard_flag) or category in KEY_RUN_CATEGORIES
    if kind is SessionKind.STRENGTH:
        return category_is_heavy(category) or category == StrengthCategory.POWER.value
    return False


def is_high_session(s: PlannedSession) -> bool:
    """Q4: ``category_is_high`` for a planned session."""
    return category_is_high(s.kind, s.category, s.hard)


# --- gaps --------------------------------------------------------------------
def abs_min(day: dt.date, start: dt.time) -> int:
    """Local minutes since day 1 of the proleptic calendar."""
    return day.toordinal() * DAY_MIN + start.hour * 60 + start.minute


def gap_min(a: PlannedSession, b: PlannedSession) -> float:
    """Minutes from the end of the earlier session to the start of the later one
    (negative when they overlap). The one gap convention (module docstring)."""
    first, second = (a, b) if abs_min(a.date, a.start) <= abs_min(b.date, b.start) else (b, a)
    return abs_min(second.date, second.start) - (
        abs_min(first.date, first.start) + first.duration_min
    )


ONE_SESSION_GAP_MIN = 15
"""Q6/R4: a lift that starts within this many minutes after a run's end is one session
with it (run first, lift after)."""


def lift_joins_run(run_start_min: int, run_duration_min: float, lift_start_min: int) -> bool:
    """Q6/R4: the one definition of "one session": the lift starts at or after the run's
    end and at most ``ONE_SESSION_GAP_MIN`` minutes later (minutes on one clock, e.g.
    minutes of the day). The scheduler's costs (``planning.schedule_costs``) and the
    audit's R4 order (``rules.catalogue``) both ask it: such a pair is not two sessions
    out of R4's order, and it shares one training window."""
    gap = lift_start_min - (run_start_min + run_duration_min)
    return 0 <= gap <= ONE_SESSION_GAP_MIN


def is_one_session(run: PlannedSession, lift: PlannedSession) -> bool:
    """Q6/R4: ``lift_joins_run`` for a planned run and lift (any dates)."""
    return lift_joins_run(
        abs_min(run.date, run.start), run.duration_min, abs_min(lift.date, lift.start)
    )


def r3_too_close(gap: float) -> bool:
    """R3: a quality run and a heavy lift whose end-to-start gap is under 24 h."""
    return gap < R3_GAP_MIN


# --- muscles (R2) ------------------------------------------------------------
_ALIASES: dict[str, frozenset[Muscle]] = {}


def _alias(group: Muscle, *names: str) -> None:
    for name in (group.value.replace("_", " "), *names):
        _ALIASES[name] = _ALIASES.get(name, frozenset()) | {group}


_alias(Muscle.HIPS, "hip", "hip flexors", "hip flexor", "adductors", "abductors",
       "hip abductors", "hip adductors", "glute med", "gluteus medius", "pelvis",
       "hip stability")  # fmt: skip
_alias(Muscle.GLUTES, "glute", "gluteus maximus", "glute max", "gluteus medius", "glute med")
_alias(Muscle.HAMSTRINGS, "hamstring", "posterior chain")
_alias(Muscle.QUADS, "quad", "quadriceps")
_alias(Muscle.CALVES, "calf", "soleus", "gastrocnemius", "achilles", "lower leg", "ankles",
       "ankle")  # fmt: skip
_alias(Muscle.CORE, "abs", "abdominals", "obliques", "trunk", "lower back", "erectors",
       "spinal erectors", "anti-rotation", "anti-extension", "lumbar")  # fmt: skip
_alias(Muscle.UPPER_BODY, "upper back", "lats", "back", "chest", "pecs", "shoulders",
       "deltoids", "triceps", "biceps", "arms", "grip", "forearms", "traps", "rhomboids",
       "rotator cuff")  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, ``_`` as space, single spaces."""
    return " ".join(text.lower().replace("_", " ").split())


def groups_trained(ex: ExercisePrescription) -> frozenset[Muscle]:
    """R2: the library's muscle groups (``core.exercises.Muscle``) an exercise
    trains, from its ``muscles`` names (library names and common synonyms)."""
    out: frozenset[Muscle] = frozenset()
    for name in ex.muscles:
        out |= _ALIASES.get(normalise(name), frozenset())
    return out


def r2_missing(sessions: list[PlannedSession]) -> list[Muscle]:
    """R2: the coverage groups (``core.exercises.R2_GROUPS``) no strength session of
    ``sessions`` trains, in the library's order."""
    covered: set[Muscle] = set()
    for s in sessions:
        if s.kind is SessionKind.STRENGTH:
            for ex in s.exercises:
                covered |= groups_trained(ex)
    return [m for m in Muscle if m in R2_GROUPS and m not in covered]
