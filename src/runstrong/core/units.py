"""Parse and format the distances, durations and paces a runner types.

Pure helpers shared by the pace calculator, the athlete profile parser and the
CLI. Distances come back in metres, durations in seconds; nothing here knows
about VDOT. Errors are ``DistanceError`` / ``DurationError`` whose messages name
the bad value and what is allowed (tests assert the exact text).
"""

from __future__ import annotations

import math
import re

from runstrong.core.errors import DistanceError, DurationError

METRES_PER_MILE = 1609.344
"""International mile (1959 agreement), in metres."""

MARATHON_M = 42195.0
HALF_MARATHON_M = 21097.5

STANDARD_DISTANCES_M: dict[str, float] = {
    "1500m": 1500.0,
    "mile": METRES_PER_MILE,
    "3000m": 3000.0,
    "2mile": 2 * METRES_PER_MILE,
    "5k": 5000.0,
    "10k": 10000.0,
    "15k": 15000.0,
    "half_marathon": HALF_MARATHON_M,
    "marathon": MARATHON_M,
}
"""The race distances of Daniels' VDOT table, keyed by the names the JSON output uses."""

_NAMED_DISTANCES_M: dict[str, float] = {
    "mile": METRES_PER_MILE,
    "1mile": METRES_PER_MILE,
    "2mile": 2 * METRES_PER_MILE,
    "2miles": 2 * METRES_PER_MILE,
    "half": HALF_MARATHON_M,
    "halfmarathon": HALF_MARATHON_M,
    "hm": HALF_MARATHON_M,
    "marathon": MARATHON_M,
    "fullmarathon": MARATHON_M,
}

_UNIT_FACTORS_M: dict[str, float] = {
    "m": 1.0,
    "k": 1000.0,
    "km": 1000.0,
    "mi": METRES_PER_MILE,
    "mile": METRES_PER_MILE,
    "miles": METRES_PER_MILE,
}

_NUMBER_WITH_UNIT = re.compile(r"^(\d+(?:\.\d+)?|\.\d+)\s*(m|k|km|mi|miles?)$")
DISTANCE_HELP = (
    "use 1500m, mile, 3000m, 2mile, 5k, 10k, 15k, half, marathon, "
    "or a number with m/k/km/mi (e.g. 8000m, 8k)"
)
DURATION_HELP = "use h:mm:ss, mm:ss or seconds (e.g. 1:35:00, 20:00, 1200)"

_LABELS = {
    "1500m": "1500m",
    "mile": "mile",
    "3000m": "3000m",
    "2mile": "2 miles",
    "5k": "5k",
    "10k": "10k",
    "15k": "15k",
    "half_marathon": "half marathon",
    "marathon": "marathon",
}


def parse_distance(text: str) -> float:
    """Return the distance named by ``text`` in metres.

    Accepts the table names (``1500m``, ``mile``, ``3000m``, ``2mile``, ``5k``,
    ``10k``, ``15k``, ``half``/``half_marathon``/``hm``, ``marathon``) and any
    positive number with a unit: ``m``, ``k``/``km``, ``mi``/``mile(s)``
    (``8000m``, ``8.5km``, ``10 miles``). Case, surrounding spaces and
    ``_``/``-`` inside names are ignored. A mile is 1609.344 m.
    """
    raw = text.strip().lower()
    compact = re.sub(r"[\s_\-]+", "", raw)
    if compact in _NAMED_DISTANCES_M:
        return _NAMED_DISTANCES_M[compact]
    match = _NUMBER_WITH_UNIT.match(raw)
    if match is None:
        raise DistanceError(f"invalid distance '{text}': {DISTANCE_HELP}")
    distance_m = float(match.group(1)) * _UNIT_FACTORS_M[match.group(2)]
    if distance_m <= 0:
        raise DistanceError(f"invalid distance '{text}': the distance must be greater than zero")
    return distance_m


def parse_duration(text: str) -> float:
    """Return the duration written in ``text`` in seconds.

    Accepts ``h:mm:ss``, ``mm:ss`` (minutes may exceed 59) or plain seconds; the
    last field may carry decimals (``3:43.13``). Fields after the first must be
    below 60. The duration must be greater than zero.
    """
    raw = text.strip()
    parts = raw.split(":")
    if not raw or len(parts) > 3:
        raise DurationError(f"invalid time '{text}': {DURATION_HELP}")
    for part in parts[:-1]:
        if not part.isdigit():
            raise DurationError(f"invalid time '{text}': {DURATION_HELP}")
    if re.fullmatch(r"\d+(?:\.\d+)?", parts[-1]) is None:
        raise DurationError(f"invalid time '{text}': {DURATION_HELP}")
    values = [float(part) for part in parts]
    names = ("minutes", "seconds") if len(values) == 3 else ("seconds",)
    for value, name in zip(values[1:], names, strict=False):
        if value >= 60:
            raise DurationError(f"invalid time '{text}': {name} must be below 60")
    duration_s = 0.0
    for value in values:
        duration_s = duration_s * 60 + value
    if duration_s <= 0:
        raise DurationError(f"invalid time '{text}': the time must be greater than zero")
    return duration_s


def format_duration(duration_s: float, decimals: int = 0) -> str:
    """Format seconds as ``h:mm:ss`` (an hour or more) or ``m:ss``.

    Rounds to ``decimals`` places of a second (0 by default) before splitting,
    so 59.6 s formats as ``1:00``.
    """
    if not math.isfinite(duration_s) or duration_s < 0:
        raise DurationError(f"invalid duration {duration_s!r}: must be a finite number >= 0")
    scale = 10**decimals
    total = round(duration_s * scale)
    whole, fraction = divmod(total, scale)
    hours, rest = divmod(whole, 3600)
    minutes, seconds = divmod(rest, 60)
    tail = f".{fraction:0{decimals}d}" if decimals > 0 else ""
    if hours:
        return f"{hours}:{minutes:02d}:{seconds:02d}{tail}"
    return f"{minutes}:{seconds:02d}{tail}"


def format_pace(pace_s_per_unit: float) -> str:
    """Format a pace (seconds per km or per mile) as ``m:ss``, rounded to the second."""
    return format_duration(pace_s_per_unit)


def distance_label(distance_m: float) -> str:
    """A short human label: the table name for a standard distance, else e.g. ``8000m``."""
    for key, value in STANDARD_DISTANCES_M.items():
        if math.isclose(distance_m, value, rel_tol=0, abs_tol=1e-6):
            return _LABELS[key]
    if distance_m >= 1000 and math.isclose(distance_m % 1000, 0, abs_tol=1e-6):
        return f"{distance_m / 1000:g}k"
    return f"{distance_m:g}m"
