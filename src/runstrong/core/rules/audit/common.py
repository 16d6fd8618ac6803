"""Shared pieces of the plan audit: limits, vocabularies and small helpers.

The vocabularies map the free-text names a plan file may use (exercise names,
muscle names) onto the groups the rules talk about. They are deliberately
generous with synonyms so a hand-written plan is judged on what it means.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runstrong.core.model import (
    ExercisePrescription,
    PlannedSession,
    RunCategory,
    SessionKind,
    StrengthCategory,
)


@dataclass(frozen=True, slots=True)
class AuditLimits:
    """Tunable limits of the audit (defaults are the documented rule values)."""

    ramp_cap: float = 0.10
    """R11: largest week-on-week rise of run_km (fraction)."""
    ramp_floor_km: float = 3.0
    """R11: a rise this small (km) is allowed at any volume."""
    ramp_tolerance_km: float = 0.3
    """R11: slack for session distances rounded to 0.1 km."""
    acwr_min_chronic_km: float = 10.0
    """R11: below this chronic weekly mean the ACWR is not judged."""
    acwr_high: float = 1.3
    """R11: upper edge of the acute:chronic band (Gabbett 2016)."""
    chronic_weeks: int = 4
    """R11: weeks in the chronic load window."""
    max_loading_weeks: int = 3
    """R8: loading weeks allowed before a deload."""
    consistency_weeks: int = 4
    """R1: weeks before a third strength session may appear."""
    max_plyo_contacts: int = 100
    """R5: ground contacts (sets × reps) per session."""
    load_step: float = 0.05
    """R14: largest load rise between two sessions of one exercise (fraction)."""
    km_tolerance: float = 0.1
    """C2: allowed difference between run_km and the sum of the runs."""
    separation_h: float = 24.0
    """R3: hours between the end of one and the start of the other."""


# R2: the seven groups every week must train, and the names that count for each.
MUSCLE_GROUPS: dict[str, frozenset[str]] = {
    "hips": frozenset(
        {
            "hips",
            "hip",
            "hip flexors",
            "hip flexor",
            "adductors",
            "abductors",
            "hip abductors",
            "hip adductors",
            "glute med",
            "gluteus medius",
            "pelvis",
            "hip stability",
        }
    ),
    "glutes": frozenset(
        {"glutes", "glute", "gluteus maximus", "glute max", "gluteus medius", "glute med"}
    ),
    "hamstrings": frozenset({"hamstrings", "hamstring", "posterior chain"}),
    "quads": frozenset({"quads", "quad", "quadriceps"}),
    "calves": frozenset(
        {"calves", "calf", "soleus", "gastrocnemius", "achilles", "lower leg", "ankles", "ankle"}
    ),
    "core": frozenset(
        {
            "core",
            "abs",
            "abdominals",
            "obliques",
            "trunk",
            "lower back",
            "erectors",
            "spinal erectors",
            "anti-rotation",
            "anti-extension",
            "lumbar",
        }
    ),
    "upper body": frozenset(
        {
            "upper body",
            "upper back",
            "lats",
            "back",
            "chest",
            "pecs",
            "shoulders",
            "deltoids",
            "triceps",
            "biceps",
            "arms",
            "grip",
            "forearms",
            "traps",
            "rhomboids",
            "rotator cuff",
        }
    ),
}

# R5: names that mark an exercise as plyometric when its flag is not set.
PLYO_WORDS: tuple[str, ...] = (
    "jump",
    "bound",
    "hop",
    "plyo",
    "pogo",
    "depth drop",
    "skater",
    "a-skip",
    "b-skip",
)

# R12: trunk-flexion exercises (loaded spinal flexion) to keep off heavy days.
TRUNK_FLEXION_WORDS: tuple[str, ...] = (
    "crunch",
    "sit-up",
    "sit up",
    "situp",
    "v-up",
    "v up",
    "jackknife",
    "toes to bar",
    "toes-to-bar",
    "toe to bar",
    "russian twist",
    "hanging leg raise",
    "knee raise",
    "ab machine",
    "decline sit",
    "ghd",
)

# R16: the three mobility areas every strength session must end with.
MOBILITY_AREAS: dict[str, tuple[str, ...]] = {
    "ankle dorsiflexion": ("ankle", "dorsiflexion", "soleus", "calf stretch", "calves"),
    "hip flexors": ("hip flexor", "psoas", "couch stretch", "kneeling lunge stretch"),
    "thoracic spine": ("thoracic", "t-spine", "open book", "upper back rotation"),
}


def normalise(text: str) -> str:
    """Lower case, ``_`` as space, single spaces."""
    return " ".join(text.lower().replace("_", " ").split())


def muscle_groups(ex: ExercisePrescription) -> set[str]:
    """The R2 groups an exercise trains, from its ``muscles`` names."""
    names = {normalise(m) for m in ex.muscles}
    return {group for group, words in MUSCLE_GROUPS.items() if names & words}


def is_plyometric(ex: ExercisePrescription) -> bool:
    """R5: flagged plyometric, or named like a jump/bound/hop drill."""
    name = normalise(ex.name)
    return ex.plyometric or any(word in name for word in PLYO_WORDS)


def is_trunk_flexion(ex: ExercisePrescription) -> bool:
    """R12: a crunch-type exercise."""
    name = normalise(ex.name)
    return any(word in name for word in TRUNK_FLEXION_WORDS)


def contacts(ex: ExercisePrescription) -> int:
    """R5: ground contacts of a plyometric exercise (sets × reps; 0 for holds)."""
    return ex.sets * (ex.reps or 0)


def start_min(s: PlannedSession) -> int:
    """Local minutes since 0001-01-01 00:00 at the session start."""
    return s.date.toordinal() * 1440 + s.start.hour * 60 + s.start.minute


def end_min(s: PlannedSession) -> int:
    """Local minutes at the planned end (start + duration)."""
    return start_min(s) + round(s.duration_min)


def run_category(s: PlannedSession) -> RunCategory | None:
    """The run category of a run session (None for other kinds or unknown text)."""
    if s.kind is not SessionKind.RUN:
        return None
    try:
        return RunCategory(s.category)
    except ValueError:
        return None


def strength_category(s: PlannedSession) -> StrengthCategory | None:
    """The strength category of a strength session (None otherwise)."""
    if s.kind is not SessionKind.STRENGTH:
        return None
    try:
        return StrengthCategory(s.category)
    except ValueError:
        return None


def is_hard_run(s: PlannedSession) -> bool:
    """R3: a high-intensity run, by category or by its ``hard`` flag."""
    cat = run_category(s)
    return s.kind is SessionKind.RUN and (s.hard or (cat is not None and cat.is_hard))


def is_heavy_lift(s: PlannedSession) -> bool:
    """R3/R5/R12: a heavy strength session."""
    cat = strength_category(s)
    return cat is not None and cat.is_heavy


def day_name(day: dt.date) -> str:
    """``Mon 2027-03-01``."""
    return f"{day:%a} {day.isoformat()}"
