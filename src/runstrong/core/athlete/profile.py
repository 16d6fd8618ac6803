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
import tomllib
from collections.abc import Mapping
from typing import Any

from runstrong.core.athlete.fields import (
    _choice,
    _date,
    _distance,
    _duration,
    _equipment,
    _get,
    _list,
    _number,
    _section,
    _volume,
    _weekday,
    _windows,
)
from runstrong.core.athlete.keys import check_keys
from runstrong.core.athlete.model import (
    MAX_PLAN_DAYS,
    MIN_PLAN_DAYS,
    WEEKDAYS,
    Athlete,
    Race,
    RaceResult,
    Slot,
    StrengthResult,
    TimeWindow,
    WeekAvailability,
    beginner_vdot,
    default_focus,
    with_travel,
)
from runstrong.core.athlete.sections import parse_injuries, parse_nutrition, parse_travel
from runstrong.core.errors import ProfileError
from runstrong.core.model import Focus, Sex


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


TERRAINS = ("road", "trail", "mountain")
"""Q7: the course types a race may have (``goal.terrain``)."""
MAX_GAIN_M = 10_000.0
"""Q7: the most climb a race may have (``goal.elevation_gain_m``)."""


def _parse_race(raw: Any, name: str, need_target: bool = False) -> Race:
    if not isinstance(raw, Mapping):
        raise ProfileError(f"'{name}' must be a table with distance and date")
    distance = _distance(
        _get(raw, "distance", f"{name}.", 'write e.g. distance = "half"'), f"{name}.distance"
    )
    date = _date(_get(raw, "date", f"{name}.", "write the race date as YYYY-MM-DD"), f"{name}.date")
    target = raw.get("target_time")
    target_s = _duration(target, f"{name}.target_time") if target not in (None, "") else None
    terrain = _choice(raw.get("terrain", "road"), f"{name}.terrain", TERRAINS)
    gain = _number(raw.get("elevation_gain_m", 0), f"{name}.elevation_gain_m", 0, MAX_GAIN_M)
    return Race(distance, date, target_s, str(raw.get("name", "")), terrain, gain)


def parse_profile_text(text: str, source: str = "profile") -> Athlete:
    """Parse profile TOML text into a validated ``Athlete``: the one parser that the CLI,
    the web form, stored profiles and the daily coach all use. Errors name ``source``."""
    return load_profile_text(text, source)[1]


def load_profile_text(text: str, source: str = "profile") -> tuple[dict[str, Any], Athlete]:
    """The profile TOML as a mapping (what a form is filled from) and as an ``Athlete``;
    ``ProfileError`` prefixed with ``source`` on bad TOML or a bad field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{source}: not valid TOML: {exc}") from None
    try:
        return data, parse_profile(data)
    except ProfileError as exc:
        raise ProfileError(f"{source}: {exc}") from None


def parse_profile(data: Mapping[str, Any]) -> Athlete:
    """Validate a profile mapping (as read from TOML) into an ``Athlete``.

    Raises ``ProfileError`` naming the first bad field and how to fix it (sections
    are read in the order of the file: person, running, strength, races, week).
    See docs/athlete-profile.md for every field.
    """
    if not isinstance(data, Mapping):
        raise ProfileError("the profile must be a TOML table of fields")
    check_keys(data)
    person = _parse_person(data)
    running = _parse_running(data)
    strength = _parse_strength(data)
    goal, tune_ups = _parse_races(data, running["recent_race"])
    focus, from_goal = _parse_focus(data, goal)
    travel = parse_travel(data)
    week = with_travel(_parse_week(data), travel)
    history = parse_injuries(data)
    return Athlete(
        **person,
        **running,
        **strength,
        focus=focus,
        focus_from_goal=from_goal,
        goal=goal,
        tune_ups=tune_ups,
        week=week,
        injuries=tuple(i.area for i in history),
        consistency_ok=_flag(data, "consistency_ok"),
        travel=travel,
        injury_history=history,
        nutrition=parse_nutrition(data),
    )


def _parse_person(data: Mapping[str, Any]) -> dict[str, Any]:
    """Name, sex, age, body mass, display units and time zone (``Athlete`` fields)."""
    name = str(_get(data, "name", "", 'add name = "Your Name"')).strip()
    sex = _choice(
        _get(data, "sex", "", 'add sex = "female" or "male"'), "sex", [s.value for s in Sex]
    )
    birth_year = _number(
        _get(data, "birth_year", "", "add birth_year = 1990"), "birth_year", 1900, 2020
    )
    body_mass = _number(
        _get(data, "body_mass_kg", "", "add body_mass_kg = 65.0"), "body_mass_kg", 30, 250
    )
    return {
        "name": name or "athlete",
        "sex": Sex(sex),
        "birth_year": int(birth_year),
        "body_mass_kg": body_mass,
        "units": _choice(data.get("units", "km"), "units", ["km", "mi"]),
        "timezone": str(data.get("timezone", "UTC")),
    }


def _parse_running(data: Mapping[str, Any]) -> dict[str, Any]:
    """The ``[running]`` table: volume, experience and a recent race or a VDOT."""
    running = _section(data, "running", "add a [running] table")
    weekly_km = _volume(running, "weekly", 0, 250)
    longest_km = _volume(running, "longest_run", 0, 100)
    years_running = _number(running.get("years_running", 0), "running.years_running", 0, 80)
    vdot_raw = running.get("vdot")
    vdot = _number(vdot_raw, "running.vdot", 20, 90) if vdot_raw is not None else None
    recent = _parse_recent_race(running.get("recent_race"))
    estimated = recent is None and vdot is None
    if estimated:  # a beginner with no race: a conservative estimate, said in the plan
        vdot = round(beginner_vdot(weekly_km), 1)
    if longest_km > 0 and weekly_km > 0 and longest_km > weekly_km * 1.0 + 42.2:
        raise ProfileError(
            f"'running.longest_run_km' = {longest_km:g} is far above the weekly volume "
            f"{weekly_km:g} km; check both values"
        )
    return {
        "weekly_km": weekly_km,
        "longest_run_km": longest_km,
        "years_running": years_running,
        "vdot": vdot,
        "vdot_estimated": estimated,
        "recent_race": recent,
    }


def _parse_recent_race(rr: Any) -> RaceResult | None:
    if rr is None:
        return None
    where = "running.recent_race"
    if not isinstance(rr, Mapping):
        raise ProfileError(f"'{where}' must be a table with distance, time and date")
    distance = _get(rr, "distance", f"{where}.", 'write e.g. distance = "10k"')
    distance_m = _distance(distance, f"{where}.distance")
    time = _get(rr, "time", f"{where}.", 'write e.g. time = "45:30"')
    return RaceResult(
        distance_m,
        _duration(time, f"{where}.time"),
        _date(rr["date"], f"{where}.date") if rr.get("date") is not None else None,
    )


def _parse_strength(data: Mapping[str, Any]) -> dict[str, Any]:
    """The ``[strength]`` table: experience, equipment and known lift results."""
    strength = _section(data, "strength", "add a [strength] table")
    years_lifting = _number(strength.get("years_lifting", 0), "strength.years_lifting", 0, 80)
    equipment = _equipment(_list(strength.get("equipment", []), "strength.equipment"))
    raw_results = _list(strength.get("results", []), "strength.results")
    return {
        "years_lifting": years_lifting,
        "equipment": equipment,
        "strength_results": tuple(_parse_lift(raw, i) for i, raw in enumerate(raw_results)),
    }


def _parse_lift(raw: Any, i: int) -> StrengthResult:
    where = f"strength.results[{i}]"
    if not isinstance(raw, Mapping):
        raise ProfileError(f"'{where}' must be a table with lift, load_kg and reps")
    lift = str(_get(raw, "lift", f"{where}.", 'write e.g. lift = "back squat"'))
    load = _get(raw, "load_kg", f"{where}.", "write e.g. load_kg = 80")
    load_kg = _number(load, f"{where}.load_kg", 1, 500)
    reps = _get(raw, "reps", f"{where}.", "write e.g. reps = 5")
    return StrengthResult(lift.strip().lower(), load_kg, int(_number(reps, f"{where}.reps", 1, 30)))


def _parse_races(
    data: Mapping[str, Any], recent: RaceResult | None
) -> tuple[Race, tuple[Race, ...]]:
    """The goal race and the tune-ups before it (each at least 7 days before the goal)."""
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
    return goal, tune_ups


def _parse_focus(data: Mapping[str, Any], goal: Race) -> tuple[Focus, bool]:
    """R10: the focus given, else the goal distance's default (and whether it was)."""
    focus_raw = data.get("focus")
    if focus_raw is None:
        return default_focus(goal.distance_m), True
    return Focus(_choice(focus_raw, "focus", [f.value for f in Focus])), False


def _flag(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ProfileError(f"'{key}' must be true or false, got {value!r}")
    return value


def check_goal_date(goal_date: dt.date, start: dt.date) -> None:
    """The goal race is on or after the plan start (``start`` is today for a profile saved
    without a plan build: the web's Settings and onboarding both check it here)."""
    if goal_date < start:
        raise ProfileError(
            f"'goal.date' = {goal_date} is before the plan start {start}; set a future race date",
            cli_hint=" or an earlier --start",
        )


def check_against_start(athlete: Athlete, start: dt.date) -> None:
    """Checks that need the plan's start date: the goal race must be 3–52 weeks ahead
    and every tune-up after the start."""
    check_goal_date(athlete.goal.date, start)
    days = (athlete.goal.date - start).days
    if days < MIN_PLAN_DAYS:
        raise ProfileError(
            f"'goal.date' = {athlete.goal.date} is only {days} days after the plan start {start}; "
            f"a season needs at least {MIN_PLAN_DAYS} days"
        )
    if days > MAX_PLAN_DAYS:
        raise ProfileError(
            f"'goal.date' = {athlete.goal.date} is {days} days after the plan start {start}; "
            f"plans cover at most {MAX_PLAN_DAYS} days: set an earlier race date",
            cli_hint=" or start later with --start",
        )
    for i, race in enumerate(athlete.tune_ups):
        if race.date < start:
            raise ProfileError(
                f"'tune_up[{i}].date' = {race.date} is before the plan start {start}; remove it"
            )
