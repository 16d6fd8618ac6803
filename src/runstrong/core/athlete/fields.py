"""Field readers of the profile parser: each names the field it reads and raises
``ProfileError`` with the allowed form. Pure."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from runstrong.core.athlete.model import KM_PER_MI, WEEKDAYS, TimeWindow
from runstrong.core.errors import InputError, ProfileError
from runstrong.core.exercises import Equipment
from runstrong.core.units import parse_distance, parse_duration


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


def _number_or_text(
    value: Any, name: str, parse: Callable[[str], float], low: float, high: float, kind: str
) -> float:
    """A number within ``low``…``high``, or text that ``parse`` reads (``"10k"``,
    ``"41:30"``); anything else is a ``ProfileError`` saying it is not ``kind``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value, name, low, high)
    if isinstance(value, str):
        try:
            return parse(value)
        except InputError as exc:
            raise ProfileError(f"'{name}': {exc}") from exc
    raise ProfileError(f"'{name}' = {value!r} is not {kind}")


def _distance(value: Any, name: str) -> float:
    return _number_or_text(
        value, name, parse_distance, 100, 250_000, 'a distance; write e.g. "10k" or "half"'
    )


def _duration(value: Any, name: str) -> float:
    return _number_or_text(
        value, name, parse_duration, 1, 86_400 * 2, "a time; write h:mm:ss or mm:ss"
    )


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
    # bounds said in miles as a runner writes them (155.3, not 155.343)
    return _number(mi, f"running.{stem}_mi", low, round(high / KM_PER_MI, 1)) * KM_PER_MI
