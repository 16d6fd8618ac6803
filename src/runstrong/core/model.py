"""Core value objects shared by every layer: activities, log entries, plans.

Frozen dataclasses and enums only; no behaviour that needs I/O. Units are in
the field names (``distance_m``, ``duration_s``, ``load_kg``). Datetimes are
always time-zone aware; training days are the athlete's local calendar dates.

Sections (each owned by one part of the code, extend additively):
  1. activities  (importers → storage → analytics)
  2. log entries (hand-logged lifts, runs, wellness)
  3. plans       (planner → exporters, audit, daily coach)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

# ---------------------------------------------------------------------------
# 1. Activities
# ---------------------------------------------------------------------------


class Sport(StrEnum):
    """What an activity was. FIT sports map onto these; anything else is OTHER."""

    RUNNING = "running"
    TRAIL_RUNNING = "trail_running"
    TREADMILL = "treadmill"
    CYCLING = "cycling"
    SWIMMING = "swimming"
    WALKING = "walking"
    HIKING = "hiking"
    STRENGTH = "strength"
    ROWING = "rowing"
    TRANSITION = "transition"
    OTHER = "other"

    @property
    def is_run(self) -> bool:
        return self in (Sport.RUNNING, Sport.TRAIL_RUNNING, Sport.TREADMILL)


@dataclass(frozen=True, slots=True)
class Streams:
    """Per-sample series of one activity, aligned on ``t_s`` (seconds from start).

    Every non-empty series has the same length as ``t_s``; a missing sample is
    ``None``. Empty tuples mean the file carried no such channel.
    """

    t_s: tuple[float, ...] = ()
    lat_deg: tuple[float | None, ...] = ()
    lon_deg: tuple[float | None, ...] = ()
    altitude_m: tuple[float | None, ...] = ()
    distance_m: tuple[float | None, ...] = ()
    speed_m_s: tuple[float | None, ...] = ()
    heart_rate_bpm: tuple[int | None, ...] = ()
    cadence_spm: tuple[int | None, ...] = ()
    power_w: tuple[int | None, ...] = ()


@dataclass(frozen=True, slots=True)
class Lap:
    """One lap (or split) of an activity."""

    start: dt.datetime
    duration_s: float
    distance_m: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_speed_m_s: float | None = None
    avg_cadence_spm: float | None = None
    avg_power_w: float | None = None


@dataclass(frozen=True, slots=True)
class SetEntry:
    """One set of a strength exercise, from a watch file or logged by hand.

    ``load_kg`` is the external load (None for body weight only); ``rpe`` is on
    the 1–10 scale, ``rir`` repetitions in reserve; either may be unknown.
    """

    exercise: str
    reps: int | None
    load_kg: float | None = None
    rpe: float | None = None
    rir: float | None = None
    duration_s: float | None = None
    start: dt.datetime | None = None
    order: int = 0


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded or logged activity, whatever file it came from.

    A multisport recording yields one ``Activity`` per leg; legs share
    ``event_id`` (the source file hash) and are ordered by ``leg_index``.
    """

    sport: Sport
    start: dt.datetime
    duration_s: float
    moving_time_s: float | None = None
    distance_m: float | None = None
    elevation_gain_m: float | None = None
    avg_hr_bpm: float | None = None
    max_hr_bpm: float | None = None
    avg_cadence_spm: float | None = None
    avg_power_w: float | None = None
    calories_kcal: float | None = None
    sub_sport: str | None = None
    name: str | None = None
    description: str | None = None
    device: str | None = None
    source_format: str | None = None
    source_name: str | None = None
    source_hash: str | None = None
    event_id: str | None = None
    leg_index: int = 0
    session_rpe: float | None = None
    damage: str | None = None
    """What was wrong with the file it was read from (a FIT file with a wrong CRC, cut
    short …), None when the file read intact: an intact copy of the workout is kept over it."""
    laps: tuple[Lap, ...] = ()
    sets: tuple[SetEntry, ...] = ()
    streams: Streams = field(default_factory=Streams)

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise ValueError(f"Activity.start must be time-zone aware, got {self.start!r}")


# ---------------------------------------------------------------------------
# 2. Log entries (by hand)
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Wellness:
    """One day's readiness check-in (R18, R25). Scales are 1 (worst/none) to 5 (best/most)
    as documented per field; every item is optional."""

    day: dt.date
    sleep_h: float | None = None
    sleep_quality: int | None = None  # 1 poor … 5 excellent
    stress: int | None = None  # 1 none … 5 very high
    soreness: int | None = None  # 1 none … 5 very sore
    leg_feel: int | None = None  # 1 dead … 5 fresh
    hip_stiffness: int | None = None  # 1 none … 5 very stiff
    low_back_fatigue: int | None = None  # 1 none … 5 very tired
    mood: int | None = None  # 1 low … 5 great
    body_mass_kg: float | None = None
    resting_hr_bpm: float | None = None
    hrv_ms: float | None = None
    nutrition_notes: str | None = None
    hydration_notes: str | None = None
    notes: str | None = None


# ---------------------------------------------------------------------------
# 3. Plans
# ---------------------------------------------------------------------------


class SessionKind(StrEnum):
    """Top-level kind of a planned session (fixed names of the plan format)."""

    RUN = "run"
    STRENGTH = "strength"
    MOBILITY = "mobility"
    CROSS = "cross"
    REST = "rest"


class RunCategory(StrEnum):
    """Run categories of the plan format. ``is_hard`` is the R3 sense of hard."""

    EASY = "easy"
    RECOVERY = "recovery"
    LONG = "long"
    THRESHOLD = "threshold"
    INTERVALS = "intervals"
    REPETITIONS = "repetitions"
    HILLS = "hills"
    STRIDES = "strides"
    RACE_PACE = "race_pace"
    TIME_TRIAL = "time_trial"
    RACE = "race"

    @property
    def is_hard(self) -> bool:
        """High-intensity runs in the sense of R3."""
        return self in _HARD_RUNS


_HARD_RUNS = frozenset(
    {
        RunCategory.THRESHOLD,
        RunCategory.INTERVALS,
        RunCategory.REPETITIONS,
        RunCategory.HILLS,
        RunCategory.TIME_TRIAL,
        RunCategory.RACE,
    }
)


class StrengthCategory(StrEnum):
    """Strength session categories of the plan format."""

    HEAVY = "heavy"
    MODERATE = "moderate"
    LIGHT = "light"
    POWER = "power"
    MAINTENANCE = "maintenance"

    @property
    def is_heavy(self) -> bool:
        """Heavy lifting in the sense of R3/R5."""
        return self is StrengthCategory.HEAVY


class Phase(StrEnum):
    """Macrocycle phases (R7)."""

    BASE = "base"
    BUILD = "build"
    PEAK = "peak"
    TAPER = "taper"
    RACE = "race"
    TRANSITION = "transition"


class Focus(StrEnum):
    """Athlete focus profile (R10)."""

    SPRINT = "sprint"
    MIDDLE = "middle"
    ENDURANCE = "endurance"


class Sex(StrEnum):
    """The athlete's sex, where a formula depends on it."""

    FEMALE = "female"
    MALE = "male"


class StepKind(StrEnum):
    """Kinds of structured run steps."""

    WARMUP = "warmup"
    WORK = "work"
    RECOVERY = "recovery"
    COOLDOWN = "cooldown"
    STEADY = "steady"
    STRIDES = "strides"


@dataclass(frozen=True, slots=True)
class RunStep:
    """One step of a structured run. A block repeated ``repeat`` times is a
    WORK step followed by a RECOVERY step, both carrying the same ``repeat``.

    ``pace_s_per_km`` is a (fast, slow) range; ``hr_bpm`` a (low, high) range.
    Exactly one of ``duration_s`` / ``distance_m`` is normally set.
    """

    kind: StepKind
    duration_s: float | None = None
    distance_m: float | None = None
    pace_s_per_km: tuple[float, float] | None = None
    hr_bpm: tuple[int, int] | None = None
    repeat: int = 1
    note: str = ""


@dataclass(frozen=True, slots=True)
class ExercisePrescription:
    """One exercise of a strength or mobility session.

    Load is either ``pct_e1rm`` (fraction 0–1 of the estimated 1RM, when a result
    is known) or a target ``rpe``; ``load_kg`` is filled in when an e1RM exists.
    ``reps`` may be a count or, for holds, ``duration_s`` per set.
    """

    name: str
    muscles: tuple[str, ...]
    sets: int
    reps: int | None
    pct_e1rm: float | None = None
    rpe: float | None = None
    load_kg: float | None = None
    duration_s: float | None = None
    rest_s: int = 90
    intent: str = ""
    substitutions: tuple[str, ...] = ()
    # R5: jumps, bounds, hops (ground contacts = sets × reps).
    plyometric: bool = False
    # R13: exercises sharing a non-empty label are done back to back.
    superset: str = ""


@dataclass(frozen=True, slots=True)
class PlannedSession:
    """One planned session on a calendar day (fixed names of the plan format).

    ``category`` is a ``RunCategory`` value for runs, a ``StrengthCategory``
    value for strength, and free text (e.g. "daily", "recovery") otherwise.
    ``rules`` lists the R-ids that placed or shaped it; ``why`` explains it.
    """

    id: str
    date: dt.date
    start: dt.time
    kind: SessionKind
    category: str
    hard: bool
    duration_min: float
    load: float
    title: str = ""
    distance_km: float | None = None
    steps: tuple[RunStep, ...] = ()
    exercises: tuple[ExercisePrescription, ...] = ()
    mobility: tuple[ExercisePrescription, ...] = ()
    rules: tuple[str, ...] = ()
    why: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanWeek:
    """One week of a plan; ``start_date`` is its first day (the plan's week start)."""

    index: int
    start_date: dt.date
    phase: Phase
    deload: bool
    run_km: float
    mesocycle: int
    sessions: tuple[PlannedSession, ...] = ()
    notes: tuple[str, ...] = ()


class Severity(StrEnum):
    """How bad a rule break is. ``HARD`` breaks make ``runstrong check`` exit 1;
    ``QUALITY`` marks plan-quality findings (Q1–Q7: good training, not safety)."""

    HARD = "hard"
    SOFT = "soft"
    QUALITY = "quality"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class RuleBreak:
    """A rule the plan had to break (or that an audit found broken)."""

    rule_id: str
    severity: Severity
    session_ids: tuple[str, ...]
    message: str
    date: dt.date | None = None

    @classmethod
    def of_session(
        cls, rule_id: str, severity: Severity, session: PlannedSession, message: str
    ) -> RuleBreak:
        """A finding about one session: it names the session and falls on its day."""
        return cls(rule_id, severity, (session.id,), message, session.date)

    @classmethod
    def of_week(
        cls,
        rule_id: str,
        severity: Severity,
        week: PlanWeek,
        message: str,
        ids: tuple[str, ...] = (),
    ) -> RuleBreak:
        """A finding about a week (naming the sessions ``ids``): it falls on its first day."""
        return cls(rule_id, severity, ids, message, week.start_date)


@dataclass(frozen=True, slots=True)
class Plan:
    """A whole season: weeks of sessions from the start date to the race, plus
    the transition after it, and the rules it had to break."""

    format_version: str
    athlete: str
    start_date: dt.date
    race_date: dt.date
    race_distance_m: float
    vdot: float | None
    weeks: tuple[PlanWeek, ...]
    broken_rules: tuple[RuleBreak, ...] = ()
    target_time_s: float | None = None
    notes: tuple[str, ...] = ()
    units: str = "km"
    """The athlete's display units ("km" or "mi"), so a plan file shows as they asked."""

    def sessions(self) -> tuple[PlannedSession, ...]:
        """All sessions of the plan in calendar order."""
        return tuple(s for w in self.weeks for s in w.sessions)
