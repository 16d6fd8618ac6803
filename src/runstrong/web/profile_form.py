"""The onboarding/profile form ⇄ the athlete profile mapping (the profile TOML's fields).

Form field names are the profile's dotted paths (``running.weekly_km``,
``week.mon``…), so a ``ProfileError`` naming ``'week.long_run_day'`` is shown
next to that field (``field_of_error``). This module only converts: the form's
strings become the profile mapping, which ``core.athlete.parse_profile`` (the one
profile parser, also behind ``parse_profile_text`` for files and stored profiles)
validates, so the web, the CLI and profile files accept exactly the same things.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import zoneinfo
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import tomli_w

from runstrong.core.athlete import WEEKDAYS, Athlete, check_goal_date, parse_profile
from runstrong.core.errors import ProfileError
from runstrong.core.exercises import Complaint, Equipment
from runstrong.services.coach_cache import parsed_profile
from runstrong.services.profile import implausible_results, load_stored_profile

if TYPE_CHECKING:
    from runstrong.services.plan_store import BuildFailure

EQUIPMENT_CHOICES: tuple[str, ...] = tuple(e.value for e in Equipment if e.value != "none")
INJURY_CHOICES: tuple[str, ...] = tuple(c.value for c in Complaint)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LIFT_ROWS = 3

TEXT_FIELDS = (
    "name",
    "sex",
    "birth_year",
    "body_mass_kg",
    "units",
    "timezone",
    "focus",
    "running.weekly_km",
    "running.longest_run_km",
    "running.years_running",
    "running.vdot",
    "running.recent_race.distance",
    "running.recent_race.time",
    "running.recent_race.date",
    "strength.years_lifting",
    "goal.name",
    "goal.distance",
    "goal.date",
    "goal.target_time",
    "week.long_run_day",
    "week.max_session_min",
    *(f"week.{d}" for d in WEEKDAYS),
)
ALL_FIELDS = (*TEXT_FIELDS, "strength.equipment", "week.gym_days", "injuries", "week.two_a_days")

_INT_FIELDS = {"birth_year", "week.max_session_min"}
_FLOAT_FIELDS = {
    "body_mass_kg",
    "running.weekly_km",
    "running.longest_run_km",
    "running.years_running",
    "running.vdot",
    "strength.years_lifting",
}


_TIME_FIELDS = {"running.recent_race.time", "goal.target_time"}
_CLOCK = re.compile(r"^(?:\d{1,2}:)?[0-5]?\d:[0-5]\d$")


def _time_error(raw: str) -> str | None:
    """The message for a race time not written h:mm:ss or mm:ss (None when it is).

    The profile parser also reads decimal seconds ("48.30" = 48.3 s), which in a
    form is always a typo for 48:30, so the form insists on colons."""
    if _CLOCK.match(raw):
        return None
    hint = raw.replace(".", ":").replace(",", ":")
    example = hint if _CLOCK.match(hint) else "48:30"
    return f"{raw!r} is not a time; use h:mm:ss or mm:ss, e.g. {example}."


def _timezone_error(raw: str) -> str | None:
    try:
        zoneinfo.ZoneInfo(raw)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return f"{raw!r} is not a time zone; use an IANA name such as Europe/Berlin or UTC."
    return None


class ProfileFormError(Exception):
    """Field errors of the profile form (field name → message)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


def _number(raw: str, name: str, errors: dict[str, str]) -> float | int | None:
    text = raw.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        errors[name] = f"{raw!r} is not a number."
        return None
    return int(value) if name in _INT_FIELDS and value.is_integer() else value


def _set(target: dict[str, Any], dotted: str, value: Any) -> None:
    parts = dotted.split(".")
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    target[parts[-1]] = value


def mapping_from_form(form: Mapping[str, str]) -> dict[str, Any]:
    """Build the profile mapping from posted form fields (multi-values joined by newlines)."""
    errors: dict[str, str] = {}
    data: dict[str, Any] = {"week": {}}
    for name in TEXT_FIELDS:
        raw = form.get(name, "").strip()
        if name.startswith("week.") and name[5:] in WEEKDAYS:
            windows = [w.strip() for w in re.split(r"[,;\n]+", raw) if w.strip()]
            _set(data, name, windows)
            continue
        if not raw:
            continue
        problem = None
        if name in _TIME_FIELDS:
            problem = _time_error(raw)
        elif name == "timezone":
            problem = _timezone_error(raw)
        if problem is not None:
            errors[name] = problem
            continue
        if name in _INT_FIELDS or name in _FLOAT_FIELDS:
            value = _number(raw, name, errors)
            if value is not None:
                _set(data, name, value)
            continue
        if name.endswith(".date"):
            try:
                _set(data, name, dt.date.fromisoformat(raw))
            except ValueError:
                errors[name] = f"{raw!r} is not a date; use YYYY-MM-DD."
            continue
        _set(data, name, raw)
    data.setdefault("running", {})
    _volume_unit(form, data["running"], errors)
    data.setdefault("strength", {})
    data["strength"]["equipment"] = _multi(form, "strength.equipment", EQUIPMENT_CHOICES)
    data["week"]["gym_days"] = _multi(form, "week.gym_days", WEEKDAYS)
    data["injuries"] = _multi(form, "injuries", INJURY_CHOICES)
    data["week"]["two_a_days"] = form.get("week.two_a_days", "") in {"on", "true", "1"}
    results = []
    for i in range(LIFT_ROWS):
        lift = form.get(f"lift.{i}.name", "").strip()
        load = form.get(f"lift.{i}.load_kg", "").strip()
        reps = form.get(f"lift.{i}.reps", "").strip()
        if not (lift or load or reps):
            continue
        row: dict[str, Any] = {"lift": lift}
        for key, raw in (("load_kg", load), ("reps", reps)):
            value = _number(raw, f"lift.{i}.{key}", errors)
            if value is not None:
                row[key] = int(value) if key == "reps" and float(value).is_integer() else value
        results.append(row)
    if results:
        data["strength"]["results"] = results
    if not data["running"].get("recent_race"):
        data["running"].pop("recent_race", None)
    if errors:
        raise ProfileFormError(errors)
    return data


VOLUME_UNIT = "running.volume_unit"
"""The form's choice of unit for the weekly volume and the longest run (the CLI's
``--weekly-mi``): with "mi" the numbers are stored as typed, as ``weekly_mi`` and
``longest_run_mi``, so 25 mi stays 25 mi (not 40.2 km shown back as 24.9 mi)."""


def _volume_unit(form: Mapping[str, str], running: dict[str, Any], errors: dict[str, str]) -> None:
    unit = form.get(VOLUME_UNIT, "").strip() or "km"
    if unit not in ("km", "mi"):
        errors[VOLUME_UNIT] = f"{unit!r} is not a unit; use km or mi."
        return
    for stem in ("weekly", "longest_run"):
        if unit == "mi" and f"{stem}_km" in running:
            running[f"{stem}_mi"] = running.pop(f"{stem}_km")


def _multi(form: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> list[str]:
    raw = form.get(name, "")
    chosen = [v.strip() for v in raw.split("\n") if v.strip()]
    return [v for v in allowed if v in chosen]


_QUOTED = re.compile(r"'([a-z_]+(?:\.[a-z_]+|\[\d+\](?:\.[a-z_]+)?)*)'")


def failure_field(failure: BuildFailure) -> str:
    """The form field to fix for a failed plan build ('form' when none)."""
    if failure.path is not None:
        return failure.path
    return "form" if failure.unexpected else field_of_error(failure.reason)


def field_of_error(message: str) -> str:
    """The form field a ``ProfileError`` message is about ('form' when none matches)."""
    match = _QUOTED.search(message)
    if match is None:
        return "form"
    path = match.group(1)
    lift = re.match(r"strength\.results\[(\d+)\]\.?(\w*)", path)
    if lift:
        key = {"lift": "name", "load_kg": "load_kg", "reps": "reps"}.get(lift.group(2), "name")
        return f"lift.{lift.group(1)}.{key}"
    if path.startswith("week.gym"):
        return "week.gym_days"
    if path.startswith("running.longest_run"):
        return "running.longest_run_km"
    if path.startswith("running.weekly"):
        return "running.weekly_km"
    candidates = [f for f in ALL_FIELDS if path == f or path.startswith(f + ".")]
    if candidates:
        return max(candidates, key=len)
    prefixed = [f for f in ALL_FIELDS if f.startswith(path + ".")]
    if prefixed:
        return prefixed[0]
    return "form"


def validate_form(form: Mapping[str, str], today: dt.date) -> tuple[dict[str, Any], Athlete]:
    """Form → (profile mapping, validated athlete); ``ProfileFormError`` on any problem.
    Onboarding and Settings both validate here: a goal race before ``today`` is refused
    by the planner's own check (``check_goal_date``), not saved to fail at the next build."""
    data = mapping_from_form(form)
    try:
        athlete = parse_profile(data)
        check_goal_date(athlete.goal.date, today)
    except ProfileError as exc:
        message = str(exc)
        raise ProfileFormError({field_of_error(message): message[0].upper() + message[1:]}) from exc
    _check_results(athlete)
    return data, athlete


def _check_results(athlete: Athlete) -> None:
    """A race time or target faster than the world record is a field error here, where it
    was typed, rather than a plan that cannot be built later (the planner's own check)."""
    problems = implausible_results(athlete)
    if problems:
        name, message = next(iter(problems.items()))
        raise ProfileFormError({name: message[0].upper() + message[1:]})


def to_toml(data: Mapping[str, Any]) -> str:
    """The profile mapping as TOML text (what ``athletes.profile_toml`` stores)."""
    return tomli_w.dumps(dict(data))


def stored_form(profile_toml: str | None, name: str) -> tuple[dict[str, Any], str | None]:
    """The Settings form's values for a stored profile, and the problem when it is broken
    (the form is then filled from what the TOML holds, so the field can be fixed)."""
    try:
        loaded = load_stored_profile(profile_toml)
    except ProfileError as exc:
        try:
            data: Mapping[str, Any] = tomllib.loads(profile_toml or "")
        except tomllib.TOMLDecodeError:
            data = {"name": name}
        return form_from_mapping(data), str(exc)
    return (form_from_mapping(loaded[0]) if loaded else {"name": name}), None


def display_profile(athlete: object) -> Athlete | None:
    """The athlete's profile for display (units, time zone, fuel), parsed through the
    daily coach's cache (``services.coach_cache.parsed_profile``, by the profile's text),
    so a page and the coach it shows parse it once between them (issue 11 part 7).
    ``athlete`` is a row with ``profile_toml`` and ``name`` (None, or an object without
    a profile: None). A broken profile gives None here, so pages still render with
    default units; the pages that act on the profile (Today, Plan, Settings) report it
    as broken, naming the field."""
    text = getattr(athlete, "profile_toml", None)
    if not isinstance(text, str) or not text:
        return None
    try:
        return parsed_profile(text, str(getattr(athlete, "name", "")))
    except ProfileError:
        return None


def form_from_mapping(data: Mapping[str, Any]) -> dict[str, Any]:
    """Form values (for pre-filling) from a profile mapping; lists stay lists."""
    values: dict[str, Any] = {}

    def get(dotted: str) -> Any:
        node: Any = data
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return None
            node = node[part]
        return node

    for name in TEXT_FIELDS:
        value = get(name)
        if value is None:
            continue
        if isinstance(value, list):
            values[name] = ", ".join(str(v) for v in value)
        else:
            values[name] = str(value)
    values[VOLUME_UNIT] = "km"
    for stem in ("weekly", "longest_run"):
        if get(f"running.{stem}_mi") is not None:
            values[f"running.{stem}_km"] = str(get(f"running.{stem}_mi"))
            values[VOLUME_UNIT] = "mi"
    values["strength.equipment"] = list(get("strength.equipment") or [])
    values["week.gym_days"] = list(get("week.gym_days") or [])
    values["injuries"] = list(get("injuries") or [])
    values["week.two_a_days"] = bool(get("week.two_a_days"))
    for i, row in enumerate(get("strength.results") or []):
        if i < LIFT_ROWS and isinstance(row, Mapping):
            values[f"lift.{i}.name"] = str(row.get("lift", ""))
            values[f"lift.{i}.load_kg"] = str(row.get("load_kg", ""))
            values[f"lift.{i}.reps"] = str(row.get("reps", ""))
    return values


def default_form_values(today: dt.date) -> dict[str, Any]:
    """A sensible starting point for a new runner (every value can be changed)."""
    race = today + dt.timedelta(weeks=16)
    return {
        "sex": "female",
        "units": "km",
        "timezone": "UTC",
        "running.recent_race.distance": "10k",
        "goal.distance": "half",
        "goal.date": race.isoformat(),
        # Six training days: room for four or five runs and two lifts without two-a-days,
        # which is what a runner doing 30–50 km a week needs (R6: the plan fits the week).
        "week.mon": "18:00-19:30",
        "week.tue": "18:00-19:30",
        "week.wed": "06:30-07:30",
        "week.thu": "18:00-19:30",
        "week.sat": "08:00-10:00",
        "week.sun": "08:00-11:00",
        "week.long_run_day": "sun",
        "week.max_session_min": "120",
        "week.gym_days": ["mon", "thu"],
        "strength.equipment": ["barbell", "dumbbell", "bench", "box", "band"],
        "injuries": [],
        "week.two_a_days": False,
    }
