"""Parsing and range checks of hand-logged values (pure; the CLI and web share them).

Every error names the bad value and the allowed range, e.g.
``invalid RPE 11: use a number from 1 to 10``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from runstrong.core.errors import DurationError, InputError
from runstrong.core.model import Activity, Sport
from runstrong.core.science.plausibility import (
    check_day,
    check_load_kg,
    check_no_distance,
    check_query_day,
    check_run_pace,
)

LB_TO_KG = 0.45359237
"""International avoirdupois pound (exact, by definition since 1959)."""

SET_SYNTAX = "SETSxREPS[@LOAD(kg|lb)][/rpeN|/rirN], e.g. 3x8@60kg or 1x5@100kg/rpe9"
_SET_RE = re.compile(
    r"^\s*(?P<sets>\d+)\s*[x×]\s*(?P<reps>\d+)(?P<secs>s)?"
    r"(?:\s*@\s*(?P<load>\d+(?:[.,]\d+)?)\s*(?P<unit>kg|lb|lbs)?)?"
    r"(?:\s*/\s*(?P<kind>rpe|rir)\s*(?P<effort>\d+(?:[.,]\d+)?))?\s*$",
    re.IGNORECASE,
)


def _fmt(value: float) -> str:
    return f"{value:g}"


def check_range(value: float, what: str, low: float, high: float, unit: str = "") -> float:
    """``value`` if ``low ≤ value ≤ high``, else ``InputError`` naming the range."""
    suffix = f" {unit}" if unit else ""
    if not math.isfinite(value) or not low <= value <= high:
        raise InputError(
            f"invalid {what} {_fmt(value)}{suffix}: use a number from {_fmt(low)} to {_fmt(high)}"
        )
    return value


def check_scale(value: int, what: str, low: int = 1, high: int = 5) -> int:
    """A whole-number rating on a ``low``–``high`` scale."""
    if not low <= value <= high:
        raise InputError(f"invalid {what} {value}: use a whole number from {low} to {high}")
    return value


def check_rpe(value: float) -> float:
    """Borg CR-10 session/set RPE (Foster et al. 2001): 1 to 10."""
    return check_range(value, "RPE", 1, 10)


def check_rir(value: float) -> float:
    """Repetitions in reserve (Zourdos et al. 2016 RIR scale): 0 to 10."""
    return check_range(value, "RIR", 0, 10)


@dataclass(frozen=True, slots=True)
class SetSpec:
    """``count`` identical sets of ``reps`` reps (or ``duration_s`` holds) at ``load_kg``."""

    count: int
    reps: int | None
    load_kg: float | None = None
    rpe: float | None = None
    rir: float | None = None
    duration_s: float | None = None


def parse_set(text: str) -> SetSpec:
    """Parse ``3x8@60kg``, ``1x6@135lb/rpe9``, ``3x10`` (body weight), ``3x30s`` (holds)."""
    match = _SET_RE.match(text)
    if match is None:
        raise InputError(f"invalid set {text!r}: use {SET_SYNTAX}")
    count = int(match["sets"])
    amount = int(match["reps"])
    if not 1 <= count <= 50:
        raise InputError(f"invalid set count {count} in {text!r}: use 1 to 50 sets")
    if not 1 <= amount <= (3600 if match["secs"] else 1000):
        raise InputError(f"invalid reps {amount} in {text!r}: use 1 to 1000 reps (or 1s to 3600s)")
    load_kg: float | None = None
    if match["load"] is not None:
        load = float(match["load"].replace(",", "."))
        unit = (match["unit"] or "kg").lower()
        load_kg = check_load_kg(load * LB_TO_KG if unit.startswith("lb") else load)
    rpe = rir = None
    if match["kind"] is not None:
        effort = float(match["effort"].replace(",", "."))
        if match["kind"].lower() == "rpe":
            rpe = check_rpe(effort)
        else:
            rir = check_rir(effort)
    if match["secs"]:
        return SetSpec(count, None, load_kg, rpe, rir, float(amount))
    return SetSpec(count, amount, load_kg, rpe, rir)


def parse_duration_s(text: str) -> float:
    """Minutes (``45``, ``42.5``), ``MM:SS`` or ``H:MM:SS`` → seconds (more than 0, up to 24 h)."""
    raw = text.strip()
    try:
        if ":" in raw:
            parts = [float(p) for p in raw.split(":")]
            if len(parts) > 3 or any(p < 0 for p in parts) or any(p >= 60 for p in parts[1:]):
                raise ValueError
            seconds = 0.0
            for part in parts:
                seconds = seconds * 60 + part
        else:
            seconds = float(raw) * 60
    except ValueError:
        raise DurationError(
            f"invalid duration {text!r}: use minutes (45), MM:SS (42:30) or H:MM:SS (1:05:00)"
        ) from None
    if not 0 < seconds <= 24 * 3600:
        raise DurationError(f"invalid duration {text!r}: use more than 0 and at most 24 hours")
    return seconds


def parse_query_day(text: str, name: str, today: dt.date) -> dt.date:
    """A list filter's day (``log show --since``): ``YYYY-MM-DD``, ``today`` or
    ``yesterday``, from 1900-01-01 to 2100-12-31 as every list filter takes
    (``check_query_day``). Unlike a logged day it may be after today: the list is
    then empty, which is what a look ahead shows."""
    word = text.strip().lower()
    if word in ("today", "yesterday"):
        return parse_day(word, today)
    try:
        day = dt.date.fromisoformat(word)
    except ValueError:
        raise InputError(
            f"invalid {name} {text!r}: use YYYY-MM-DD, today or yesterday", field=name
        ) from None
    return check_query_day(day, name)


def parse_day(text: str | None, today: dt.date) -> dt.date:
    """``YYYY-MM-DD``, ``today`` or ``yesterday``; default today; from 1900 to today."""
    if text is None or text.strip().lower() == "today":
        return today
    if text.strip().lower() == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"invalid date {text!r}: use YYYY-MM-DD, today or yesterday") from None
    return check_day(day, today)


def check_activity(activity: Activity, *, tz: dt.tzinfo, now: dt.datetime, units: str) -> None:
    """The plausibility checks every activity typed by hand passes before it is stored,
    the same for ``runstrong log``, the web's log form and the API (imported files are not
    checked here: the importers keep what the watch recorded):

    - its start falls on a day from 1900 to today in the athlete's zone ``tz`` (as
      ``parse_day`` allows the CLI's ``--date``),
    - a run of 400 m or more is not faster than the world records (``check_run_pace``),
    - no set carries more than its exercise allows (``max_load_kg``: 500 kg, 1100 kg on
      a sled or leg press),
    - a strength session carries no distance (R25: the log's run volume counts runs).

    ``InputError`` names the field, the value (distances in the display ``units``) and
    what is allowed."""
    today = now.astimezone(tz).date()
    try:
        start_day = activity.start.astimezone(tz).date()
    except OverflowError:  # 9999-12-31T23:00-05:00 has no UTC twin
        start_day = activity.start.date()
    check_day(start_day, today, "start")
    if activity.sport is Sport.STRENGTH:
        check_no_distance(activity.sport.value, activity.distance_m, units)
    if activity.sport.is_run and activity.distance_m and activity.duration_s > 0:
        check_run_pace(activity.distance_m, activity.duration_s, units)
    for entry in activity.sets:
        if entry.load_kg is not None:
            check_load_kg(entry.load_kg, f"load of {entry.exercise}", entry.exercise)
