"""Shared pieces of the plan audit: limits, vocabularies and small helpers.

The vocabularies map the free-text exercise names a plan file may use onto
what the rules talk about (jumps, crunches, mobility areas). Muscle names and
the session predicates (quality run, heavy lift, easy run, gaps) are not here:
they are defined once in ``rules.predicates``. Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runstrong.core.athlete import Athlete
from runstrong.core.model import (
    ExercisePrescription,
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    SessionKind,
)
from runstrong.core.rules.predicates import (
    R14_MAX_LOAD_STEP,
    is_back_to_back,
    is_long_run,
    normalise,
)
from runstrong.core.rules.quality import sized_phrases
from runstrong.core.rules.ramp import R11_LIMITS, RampLimits
from runstrong.core.units import format_distance_bare


def km_text(distance_km: float) -> str:
    """A distance in a finding as the rest of the app writes it: one decimal at most,
    a whole number bare (``29.9 km``, ``16 km``). ``:g`` kept six significant digits
    (``29.9338 km``), and the CLI's miles then showed four decimals (``18.6000 mi``)."""
    return format_distance_bare(distance_km * 1000, "km")


@dataclass(frozen=True, slots=True)
class WindowHolds:
    """R6/Q1: what the athlete's windows hold in a week, as the planner counts it
    (``planning.build.window_holds``: the season's weekly capacity, the lifts that join
    runs taking their minutes). The audit never imports the planner: a caller that has
    the profile passes the figure in, and a note that claims the windows' limit excuses
    a finding only when its km is this figure (``audit.stated``); without it such a note
    excuses nothing."""

    week_km: float | None = None


@dataclass(frozen=True, slots=True)
class AuditLimits:
    """Tunable limits of the audit (defaults are the documented rule values)."""

    ramp: RampLimits = R11_LIMITS
    """R11: the one rule's thresholds (``rules.ramp``), the planner's too."""
    max_loading_weeks: int = 3
    """R8: loading weeks allowed before a deload."""
    consistency_weeks: int = 4
    """R1: weeks before a third strength session may appear."""
    max_plyo_contacts: int = 100
    """R5: ground contacts (sets × reps) per session."""
    load_step: float = R14_MAX_LOAD_STEP
    """R14: largest load rise between two sessions of one exercise (fraction)."""
    windows: WindowHolds | None = None
    """R6/Q1: what the windows hold, to check the notes that state it (``stated``)."""


LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)


def runs(week: PlanWeek) -> list[PlannedSession]:
    return [s for s in week.sessions if s.kind is SessionKind.RUN]


def full_loading(plan: Plan, week: PlanWeek) -> bool:
    """A loading week (base/build/peak, not deload) that lies wholly in the plan."""
    return week.phase in LOADING and not week.deload and week.start_date >= plan.start_date


def peak_km(plan: Plan) -> float:
    return max((w.run_km for w in plan.weeks if w.phase in LOADING), default=0.0)


def has_back_to_back(week: PlanWeek) -> bool:
    """Q7: a long run with a run on the day before or after lasting at least
    ``Q7_BACK_TO_BACK_SHARE`` of it (``rules.predicates.is_back_to_back``)."""
    week_runs = runs(week)
    longs = [s for s in week_runs if is_long_run(s)]
    return any(is_back_to_back(other, long) for long in longs for other in week_runs)


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


def day_name(day: dt.date) -> str:
    """``Mon 2027-03-01``."""
    return f"{day:%a} {day.isoformat()}"


def sized_as_windows(
    note: str, holds: WindowHolds | None, athlete: Athlete | None, race_m: float
) -> str:
    """Q1/Q2: a note that says two run days hold the windows' figure at sensible session
    sizes (``rules.quality.sized_phrases``: the long run at its race band's high end)
    read as the windows' note it stands for, when the athlete has two run days and the
    figure is the planner's (``holds``); else as it is (so it excuses nothing new)."""
    if holds is None or holds.week_km is None or athlete is None:
        return note
    if len(athlete.week.run_days()) != 2:
        return note
    for windows, sizes in sized_phrases(holds.week_km, race_m):
        note = note.replace(sizes, windows)
    return note
