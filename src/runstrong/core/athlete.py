"""The athlete profile: who is training, how fit they are, what they aim at, and
their real week (R6).

``parse_profile`` turns a plain mapping (read from a TOML file by the services
layer) into frozen dataclasses and validates it. Every problem raises
``ProfileError`` naming the field and the fix. Checks that need the plan start
date (goal race in the past, too little time) live in ``check_against_start``.
This module never reads files or the clock.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from runstrong.core.errors import InputError, ProfileError
from runstrong.core.exercises import Equipment
from runstrong.core.model import Focus, Sex
from runstrong.core.units import parse_distance, parse_duration

if TYPE_CHECKING:
    from runstrong.core.athlete_extras import Injury, NutritionGoal, TravelPeriod

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday keys of the profile, index 0 = Monday (``date.weekday()``)."""

KM_PER_MI = 1.609344
MIN_PLAN_DAYS = 21
"""A season needs at least three weeks between start and race."""
MAX_PLAN_DAYS = 7 * 52
SPRINT_MAX_M = 1500.0
"""Focus default (R10): goal races up to 1500 m → sprint."""
MIDDLE_MAX_M = 5000.0
"""Focus default (R10): goal races above 1500 m and up to 5 km → middle; longer → endurance."""
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
    """R17 travel: dates whose windows replace the weekday's (``athlete_extras.with_travel``)."""

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


def default_focus(goal_distance_m: float) -> Focus:
    """R10 focus default from the goal distance: ≤ 1500 m sprint, ≤ 5 km middle, else endurance."""
    if goal_distance_m <= SPRINT_MAX_M:
        return Focus.SPRINT
    if goal_distance_m <= MIDDLE_MAX_M:
        return Focus.MIDDLE
    return Focus.ENDURANCE


# ---------------------------------------------------------------------------
# Parsing helpers: each names the field it reads.
# ---------------------------------------------------------------------------


def _get(data: Mapping[str, Any], key: str, where: str, fix: str) -> Any:
    if key not in data or data[key] is None or data[key] == "":
        raise ProfileError(f"missing field '{where}{key}'; {fix}")
    return data[key]


def _section(data: Mapping[str, Any], key: str, fix: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ProfileError(f"'{key}' must be a table ([{key}]); {fix}")
    return value


def _number(value: Any, name: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProfileError(f"'{name}' must be a number between {low:g} and {high:g}, got {value!r}")
    if not low <= float(value) <= high:
        raise ProfileError(f"'{name}' = {value!r} is out of range; allowed {low:g} to {high:g}")
    return float(value)


def _date(value: Any, name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ProfileError(f"'{name}' = {value!r} is not a date; write it as YYYY-MM-DD")


def _distance(value: Any, name: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value, name, 100, 250_000)
    if isinstance(value, str):
        try:
            return parse_distance(value)
        except InputError as exc:
            raise ProfileError(f"'{name}': {exc}") from exc
    raise ProfileError(f'\'{name}\' = {value!r} is not a distance; write e.g. "10k" or "half"')


def _duration(value: Any, name: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value, name, 1, 86_400 * 2)
    if isinstance(value, str):
        try:
            return parse_duration(value)
        except InputError as exc:
            raise ProfileError(f"'{name}': {exc}") from exc
    raise ProfileError(f"'{name}' = {value!r} is not a time; write h:mm:ss or mm:ss")


def _choice(value: Any, name: str, allowed: Sequence[str]) -> str:
    text = str(value).strip().lower()
    if text not in allowed:
        raise ProfileError(f"'{name}' = {value!r} is not allowed; use one of {', '.join(allowed)}")
    return text


def _weekday(value: Any, name: str) -> int:
    text = str(value).strip().lower()[:3]
    if text not in WEEKDAYS:
        raise ProfileError(
            f"'{name}' = {value!r} is not a weekday; use one of {', '.join(WEEKDAYS)}"
        )
    return WEEKDAYS.index(text)


_WINDOW = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_window(text: Any, name: str) -> TimeWindow:
    """Parse ``"HH:MM-HH:MM"`` (same day, end after start)."""
    match = _WINDOW.match(str(text)) if isinstance(text, str) else None
    if match is None:
        raise ProfileError(
            f"'{name}': {text!r} is not a time window; write HH:MM-HH:MM like \"06:00-07:30\""
        )
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or h2 > 24 or m1 > 59 or m2 > 59 or (h2 == 24 and m2 != 0):
        raise ProfileError(f"'{name}': {text!r} has an impossible clock time")
    end = dt.time(23, 59) if h2 == 24 else dt.time(h2, m2)
    window = TimeWindow(dt.time(h1, m1), end)
    if window.minutes < 15:
        raise ProfileError(
            f"'{name}': window {text!r} must end at least 15 minutes after it starts"
        )
    return window


def _windows(value: Any, name: str) -> tuple[TimeWindow, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple):
        raise ProfileError(f"'{name}' must be a list of windows like [\"06:00-07:30\"]")
    windows = sorted((parse_window(item, name) for item in items), key=lambda w: w.start_min)
    for a, b in itertools.pairwise(windows):
        if b.start_min < a.end_min:
            raise ProfileError(f"'{name}': windows {a} and {b} overlap; merge them into one")
    return tuple(windows)


def _parse_week(data: Mapping[str, Any]) -> WeekAvailability:
    week = _section(data, "week", 'add a [week] table with windows like mon = ["06:00-07:30"]')
    run_windows = [_windows(week.get(day, []), f"week.{day}") for day in WEEKDAYS]
    if sum(1 for w in run_windows if w) < 2:
        raise ProfileError(
            "'week': fewer than 2 days have time windows; list windows for at least 2 weekdays, "
            'e.g. tue = ["18:00-19:30"]'
        )
    gym_days_raw = week.get("gym_days")
    gym_table = week.get("gym")
    if gym_days_raw is not None and gym_table is not None:
        raise ProfileError("'week': give either week.gym_days or a [week.gym] table, not both")
    gym_windows: list[tuple[TimeWindow, ...]] = [() for _ in WEEKDAYS]
    if gym_days_raw is not None:
        if not isinstance(gym_days_raw, list):
            raise ProfileError('\'week.gym_days\' must be a list of weekdays like ["mon", "thu"]')
        for raw in gym_days_raw:
            day = _weekday(raw, "week.gym_days")
            if not run_windows[day]:
                raise ProfileError(
                    f"'week.gym_days': {WEEKDAYS[day]} has no time windows; "
                    f"add week.{WEEKDAYS[day]} windows or remove it from gym_days"
                )
            gym_windows[day] = run_windows[day]
    elif gym_table is not None:
        if not isinstance(gym_table, Mapping):
            raise ProfileError("'week.gym' must be a table like [week.gym] mon = [\"18:00-19:00\"]")
        for key in gym_table:
            if str(key).lower() not in WEEKDAYS:
                raise ProfileError(
                    f"'week.gym.{key}' is not a weekday; use one of {', '.join(WEEKDAYS)}"
                )
        gym_windows = [_windows(gym_table.get(day, []), f"week.gym.{day}") for day in WEEKDAYS]
    else:
        gym_windows = list(run_windows)  # home gym: strength fits in any window
    slots: list[tuple[Slot, ...]] = []
    for day, (runs, gyms) in enumerate(zip(run_windows, gym_windows, strict=True)):
        merged: list[Slot] = [Slot(w, True, w in gyms) for w in runs]
        for g in gyms:
            if g in runs:
                continue
            for r in runs:
                if g.start_min < r.end_min and r.start_min < g.end_min:
                    raise ProfileError(
                        f"'week.gym.{WEEKDAYS[day]}': gym window {g} overlaps running window {r}; "
                        "make it identical to the running window or separate from it"
                    )
            merged.append(Slot(g, False, True))
        slots.append(tuple(sorted(merged, key=lambda s: s.window.start_min)))
    if not any(s.gym_ok for day in slots for s in day):
        raise ProfileError("'week': no gym windows; list week.gym_days or [week.gym] windows")
    long_day = _weekday(
        _get(week, "long_run_day", "week.", 'add long_run_day = "sun" (a day with windows)'),
        "week.long_run_day",
    )
    if not any(s.run_ok for s in slots[long_day]):
        usable = ", ".join(WEEKDAYS[d] for d in range(7) if run_windows[d])
        raise ProfileError(
            f"'week.long_run_day' = {WEEKDAYS[long_day]!r} has no time windows; "
            f"choose one of {usable} or add week.{WEEKDAYS[long_day]} windows"
        )
    max_min = int(_number(week.get("max_session_min", 120), "week.max_session_min", 20, 360))
    two = week.get("two_a_days", False)
    if not isinstance(two, bool):
        raise ProfileError(f"'week.two_a_days' must be true or false, got {two!r}")
    return WeekAvailability(tuple(slots), long_day, max_min, two)


def _parse_race(raw: Any, name: str, need_target: bool = False) -> Race:
    if not isinstance(raw, Mapping):
        raise ProfileError(f"'{name}' must be a table with distance and date")
    distance = _distance(
        _get(raw, "distance", f"{name}.", 'write e.g. distance = "half"'), f"{name}.distance"
    )
    date = _date(_get(raw, "date", f"{name}.", "write the race date as YYYY-MM-DD"), f"{name}.date")
    target = raw.get("target_time")
    target_s = _duration(target, f"{name}.target_time") if target not in (None, "") else None
    return Race(distance, date, target_s, str(raw.get("name", "")))


def parse_profile(data: Mapping[str, Any]) -> Athlete:
    """Validate a profile mapping (as read from TOML) into an ``Athlete``.

    Raises ``ProfileError`` naming the first bad field and how to fix it.
    See docs/athlete-profile.md for every field.
    """
    if not isinstance(data, Mapping):
        raise ProfileError("the profile must be a TOML table of fields")
    name = str(_get(data, "name", "", 'add name = "Your Name"')).strip()
    sex = Sex(
        _choice(
            _get(data, "sex", "", 'add sex = "female" or "male"'), "sex", [s.value for s in Sex]
        )
    )
    birth_year = int(
        _number(_get(data, "birth_year", "", "add birth_year = 1990"), "birth_year", 1900, 2020)
    )
    body_mass = _number(
        _get(data, "body_mass_kg", "", "add body_mass_kg = 65.0"), "body_mass_kg", 30, 250
    )
    units = _choice(data.get("units", "km"), "units", ["km", "mi"])

    running = _section(data, "running", "add a [running] table")
    weekly_km = _volume(running, "weekly", 0, 250)
    longest_km = _volume(running, "longest_run", 0, 100)
    years_running = _number(running.get("years_running", 0), "running.years_running", 0, 80)
    vdot_raw = running.get("vdot")
    vdot = _number(vdot_raw, "running.vdot", 20, 90) if vdot_raw is not None else None
    recent: RaceResult | None = None
    if running.get("recent_race") is not None:
        rr = running["recent_race"]
        if not isinstance(rr, Mapping):
            raise ProfileError("'running.recent_race' must be a table with distance, time and date")
        recent = RaceResult(
            _distance(
                _get(rr, "distance", "running.recent_race.", 'write e.g. distance = "10k"'),
                "running.recent_race.distance",
            ),
            _duration(
                _get(rr, "time", "running.recent_race.", 'write e.g. time = "45:30"'),
                "running.recent_race.time",
            ),
            _date(rr["date"], "running.recent_race.date") if rr.get("date") is not None else None,
        )
    if recent is None and vdot is None:
        raise ProfileError(
            "missing field 'running.recent_race' or 'running.vdot'; add a recent race "
            '(distance = "10k", time = "45:30", date = 2026-10-04) or vdot = 45'
        )
    if longest_km > 0 and weekly_km > 0 and longest_km > weekly_km * 1.0 + 42.2:
        raise ProfileError(
            f"'running.longest_run_km' = {longest_km:g} is far above the weekly volume "
            f"{weekly_km:g} km; check both values"
        )

    strength = _section(data, "strength", "add a [strength] table")
    years_lifting = _number(strength.get("years_lifting", 0), "strength.years_lifting", 0, 80)
    equipment = _equipment(_list(strength.get("equipment", []), "strength.equipment"))
    results: list[StrengthResult] = []
    for i, raw in enumerate(_list(strength.get("results", []), "strength.results")):
        where = f"strength.results[{i}]"
        if not isinstance(raw, Mapping):
            raise ProfileError(f"'{where}' must be a table with lift, load_kg and reps")
        results.append(
            StrengthResult(
                str(_get(raw, "lift", f"{where}.", 'write e.g. lift = "back squat"'))
                .strip()
                .lower(),
                _number(
                    _get(raw, "load_kg", f"{where}.", "write e.g. load_kg = 80"),
                    f"{where}.load_kg",
                    1,
                    500,
                ),
                int(
                    _number(
                        _get(raw, "reps", f"{where}.", "write e.g. reps = 5"),
                        f"{where}.reps",
                        1,
                        30,
                    )
                ),
            )
        )

    goal = _parse_race(
        _get(data, "goal", "", 'add a [goal] table: distance = "half", date = 2027-04-11'), "goal"
    )
    tune_ups = tuple(
        _parse_race(raw, f"tune_up[{i}]")
        for i, raw in enumerate(_list(data.get("tune_up", []), "tune_up"))
    )
    for i, race in enumerate(tune_ups):
        if race.date >= goal.date:
            raise ProfileError(
                f"'tune_up[{i}].date' = {race.date} is not before the goal race on {goal.date}; "
                "move the tune-up earlier or drop it"
            )
        if (goal.date - race.date).days < 7:
            raise ProfileError(
                f"'tune_up[{i}].date' = {race.date} is within a week of the goal race; "
                "tune-ups need at least 7 days before it"
            )
    if recent is not None and recent.date is not None and recent.date > goal.date:
        raise ProfileError(
            f"'running.recent_race.date' = {recent.date} is after the goal race {goal.date}; "
            "check the dates"
        )

    focus_raw = data.get("focus")
    if focus_raw is None:
        focus, from_goal = default_focus(goal.distance_m), True
    else:
        focus = Focus(_choice(focus_raw, "focus", [f.value for f in Focus]))
        from_goal = False
    from runstrong.core.athlete_extras import (  # here: that module imports this one
        parse_injuries,
        parse_nutrition,
        parse_travel,
        with_travel,
    )

    travel = parse_travel(data)
    week = with_travel(_parse_week(data), travel)
    history = parse_injuries(data)
    injuries = tuple(i.area for i in history)
    consistency = data.get("consistency_ok", False)
    if not isinstance(consistency, bool):
        raise ProfileError(f"'consistency_ok' must be true or false, got {consistency!r}")
    return Athlete(
        name=name or "athlete",
        sex=sex,
        birth_year=birth_year,
        body_mass_kg=body_mass,
        weekly_km=weekly_km,
        longest_run_km=longest_km,
        years_running=years_running,
        years_lifting=years_lifting,
        focus=focus,
        goal=goal,
        week=week,
        recent_race=recent,
        vdot=vdot,
        focus_from_goal=from_goal,
        strength_results=tuple(results),
        equipment=equipment,
        tune_ups=tune_ups,
        injuries=injuries,
        units=units,
        timezone=str(data.get("timezone", "UTC")),
        consistency_ok=consistency,
        travel=travel,
        injury_history=history,
        nutrition=parse_nutrition(data),
    )


def _equipment(items: list[Any]) -> tuple[str, ...]:
    """Equipment names of the exercise library; "gym" means all of it, [] body weight only."""
    return _equipment_named(items, "strength.equipment")


def _equipment_named(items: list[Any], name: str) -> tuple[str, ...]:
    """``_equipment`` for the field ``name`` (also used by ``[[travel]]``)."""
    allowed = [e.value for e in Equipment]
    out: list[str] = []
    for item in items:
        text = str(item).strip().lower().replace(" ", "_").replace("-", "_")
        if text == "gym":
            out.extend(allowed)
            continue
        if text.endswith("s") and text[:-1] in allowed:
            text = text[:-1]  # "dumbbells" → "dumbbell"
        out.append(_choice(text, name, ["gym", *allowed]))
    return tuple(dict.fromkeys(out))


def _list(value: Any, name: str) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise ProfileError(f"'{name}' must be a list, got {value!r}")
    return list(value)


def _volume(running: Mapping[str, Any], stem: str, low: float, high: float) -> float:
    """Read ``<stem>_km`` or ``<stem>_mi`` (exactly one) and return kilometres."""
    km, mi = running.get(f"{stem}_km"), running.get(f"{stem}_mi")
    if km is not None and mi is not None:
        raise ProfileError(f"'running': give {stem}_km or {stem}_mi, not both")
    if km is None and mi is None:
        raise ProfileError(
            f"missing field 'running.{stem}_km'; add it (or running.{stem}_mi), e.g. {stem}_km = 30"
        )
    if km is not None:
        return _number(km, f"running.{stem}_km", low, high)
    return _number(mi, f"running.{stem}_mi", low, high / KM_PER_MI) * KM_PER_MI


def check_against_start(athlete: Athlete, start: dt.date) -> None:
    """Checks that need the plan's start date: the goal race must be 3–52 weeks ahead
    and every tune-up after the start."""
    days = (athlete.goal.date - start).days
    if days < 0:
        raise ProfileError(
            f"'goal.date' = {athlete.goal.date} is before the plan start {start}; "
            "set a future race date or an earlier --start"
        )
    if days < MIN_PLAN_DAYS:
        raise ProfileError(
            f"'goal.date' = {athlete.goal.date} is only {days} days after the plan start {start}; "
            f"a season needs at least {MIN_PLAN_DAYS} days"
        )
    if days > MAX_PLAN_DAYS:
        raise ProfileError(
            f"'goal.date' = {athlete.goal.date} is {days} days after the plan start {start}; "
            f"plans cover at most {MAX_PLAN_DAYS} days: start later with --start"
        )
    for i, race in enumerate(athlete.tune_ups):
        if race.date < start:
            raise ProfileError(
                f"'tune_up[{i}].date' = {race.date} is before the plan start {start}; remove it"
            )
