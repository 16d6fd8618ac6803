"""The athlete as the planner sees them: their real week (R6), races, results,
travel (R17), injury history and nutrition goal, as frozen dataclasses.

Pure data: no parsing here (``profile.py`` is the one parser), no files, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from runstrong.core.model import Focus, Sex

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday keys of the profile, index 0 = Monday (``date.weekday()``)."""

KM_PER_MI = 1.609344
MIN_PLAN_DAYS = 21
"""A season needs at least three weeks between start and race."""
MAX_PLAN_DAYS = 7 * 52
SPRINT_MAX_M = 400.0
"""Focus default (R10): goal races up to 400 m → sprint."""
MIDDLE_MAX_M = 3000.0
"""Focus default (R10): goal races above 400 m and under 3 km (800 m, 1500 m, the mile)
→ middle, whose build holds threshold running; 3 km and longer → endurance."""
MASTERS_AGE = 40


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A window of local time on one weekday in which the athlete can train."""

    start: dt.time
    end: dt.time

    @property
    def start_min(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_min(self) -> int:
        return self.end.hour * 60 + self.end.minute

    @property
    def minutes(self) -> int:
        return self.end_min - self.start_min

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class Slot:
    """One usable window of a weekday: whether runs and/or strength may go there."""

    window: TimeWindow
    run_ok: bool
    gym_ok: bool


@dataclass(frozen=True, slots=True)
class WeekAvailability:
    """The athlete's repeating week (R6). ``slots[d]`` lists day ``d``'s windows
    (0 = Monday) in time order, each flagged for runs and/or strength."""

    slots: tuple[tuple[Slot, ...], ...]
    long_run_day: int
    max_session_min: int = 120
    two_a_days: bool = False
    dated: tuple[tuple[dt.date, tuple[Slot, ...]], ...] = ()
    """R17 travel: dates whose windows replace the weekday's (``with_travel``)."""

    def slots_on(self, day: dt.date) -> tuple[Slot, ...]:
        """The windows of one calendar date: a travel day's own, else its weekday's."""
        for date, slots in self.dated:
            if date == day:
                return slots
        return self.slots[day.weekday()]

    def run_days(self) -> tuple[int, ...]:
        return tuple(d for d in range(7) if any(s.run_ok for s in self.slots[d]))

    def gym_days(self) -> tuple[int, ...]:
        return tuple(d for d in range(7) if any(s.gym_ok for s in self.slots[d]))

    def longest_run_window_min(self) -> int:
        return max((s.window.minutes for day in self.slots for s in day if s.run_ok), default=0)


@dataclass(frozen=True, slots=True)
class RaceResult:
    distance_m: float
    time_s: float
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class StrengthResult:
    """A known strength result: ``reps`` done with ``load_kg`` (for e1RM)."""

    lift: str
    load_kg: float
    reps: int


@dataclass(frozen=True, slots=True)
class Race:
    """A race on the calendar: the goal race or a tune-up."""

    distance_m: float
    date: dt.date
    target_time_s: float | None = None
    name: str = ""
    terrain: str = "road"
    """Q7: ``road``, ``trail`` or ``mountain``."""
    elevation_gain_m: float = 0.0
    """Q7: total climb of the course in metres."""

    @property
    def off_road(self) -> bool:
        """Q7: a race planned by effort and time (trail, mountain, or a hilly course)."""
        return self.terrain != "road" or self.elevation_gain_m >= 10 * self.distance_m / 1000


@dataclass(frozen=True, slots=True)
class Athlete:
    """A validated athlete profile. Volumes are kilometres whatever ``units`` says
    (``units`` is only the display preference)."""

    name: str
    sex: Sex
    birth_year: int
    body_mass_kg: float
    weekly_km: float
    longest_run_km: float
    years_running: float
    years_lifting: float
    focus: Focus
    goal: Race
    week: WeekAvailability
    recent_race: RaceResult | None = None
    vdot: float | None = None
    vdot_estimated: bool = False
    """True when ``vdot`` is ``beginner_vdot``'s estimate (no race and no VDOT given)."""
    focus_from_goal: bool = False
    strength_results: tuple[StrengthResult, ...] = ()
    equipment: tuple[str, ...] = ()
    tune_ups: tuple[Race, ...] = ()
    injuries: tuple[str, ...] = ()
    units: str = "km"
    timezone: str = "UTC"
    consistency_ok: bool = False
    notes: tuple[str, ...] = field(default=())
    travel: tuple[TravelPeriod, ...] = ()
    injury_history: tuple[Injury, ...] = ()
    """Every complaint with its status; ``injuries`` lists their areas (all statuses)."""
    nutrition: NutritionGoal | None = None

    def travel_on(self, day: dt.date) -> TravelPeriod | None:
        """R17: the trip that covers ``day``, if any."""
        return next((t for t in self.travel if t.covers(day)), None)

    def age_on(self, day: dt.date) -> int:
        """Age in whole years on ``day`` (birth date taken as 1 July of the birth year)."""
        return day.year - self.birth_year - (1 if (day.month, day.day) < (7, 1) else 0)

    def is_masters(self, day: dt.date) -> bool:
        return self.age_on(day) >= MASTERS_AGE


BEGINNER_VDOT_BASE = 22.0
BEGINNER_VDOT_PER_KM = 0.3
BEGINNER_VDOT_MAX = 30.0


def beginner_vdot(weekly_km: float) -> float:
    """A conservative VDOT for an athlete with no race and no VDOT (a couch-to-5k
    beginner): 22 (a 5 km in about 39:30, near a couch-to-5k graduate's first 5 km),
    plus 0.3 a weekly km, at most 30 (Daniels' first published row, a 30:40 5 km).
    A heuristic, not a measurement: slower paces are the safe error for a beginner,
    and the plan's notes ask for a time trial or race to replace it."""
    return min(BEGINNER_VDOT_MAX, BEGINNER_VDOT_BASE + BEGINNER_VDOT_PER_KM * max(weekly_km, 0.0))


def default_focus(goal_distance_m: float) -> Focus:
    """R10 focus default from the goal distance: ≤ 400 m sprint, 800 m to the mile middle
    (< 3 km), 3 km and longer endurance."""
    if goal_distance_m <= SPRINT_MAX_M:
        return Focus.SPRINT
    if goal_distance_m < MIDDLE_MAX_M:
        return Focus.MIDDLE
    return Focus.ENDURANCE


INJURY_STATUSES = ("current", "returning")
MAX_TRAVEL_DAYS = 120
"""A longer stay away is a new home week, not travel: edit ``[week]`` instead."""


@dataclass(frozen=True, slots=True)
class TravelPeriod:
    """Days away from home (``start``..``end`` inclusive) with the equipment taken
    along (empty = body weight only) and optional windows replacing the usual ones."""

    start: dt.date
    end: dt.date
    equipment: tuple[str, ...] = ()
    windows: tuple[Slot, ...] | None = None
    note: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def label(self) -> str:
        kit = ", ".join(self.equipment) if self.equipment else "body weight only"
        text = f"travel {self.start}–{self.end} ({kit})"
        return f"{text}: {self.note}" if self.note else text


@dataclass(frozen=True, slots=True)
class Injury:
    """One complaint of the injury history: ``area`` is a ``Complaint`` value."""

    area: str
    status: str = "current"
    since: dt.date | None = None


@dataclass(frozen=True, slots=True)
class NutritionGoal:
    """DOMAIN G: a weight goal never overrides fuelling; the deficit is checked daily."""

    weight_goal_kg: float | None = None
    daily_deficit_kcal: float | None = None


def with_travel(week: WeekAvailability, travel: Sequence[TravelPeriod]) -> WeekAvailability:
    """R6 + R17: the week with each travel day's windows, all of them usable for
    strength (the session is done in the room). A day without windows stays empty."""
    dated: list[tuple[dt.date, tuple[Slot, ...]]] = []
    for trip in travel:
        day = trip.start
        while day <= trip.end:
            usual = week.slots[day.weekday()]
            slots = (
                trip.windows
                if trip.windows is not None
                else tuple(Slot(s.window, True, True) for s in usual if s.run_ok)
                + tuple(s for s in usual if not s.run_ok)
            )
            dated.append((day, tuple(sorted(slots, key=lambda s: s.window.start_min))))
            day += dt.timedelta(days=1)
    if not dated:
        return week
    return WeekAvailability(
        week.slots, week.long_run_day, week.max_session_min, week.two_a_days, tuple(dated)
    )
