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


# --- Display in the athlete's units ------------------------------------------------
# Plans, logs and the science keep kilometres and seconds per km; the profile's
# ``units`` ("km" or "mi") is only how they are shown. Every view and export formats
# distances and paces through these helpers, and free text the planner wrote in km
# (session titles, notes, reasons) goes through ``localise`` at display time, so a
# stored plan never holds a unit-bound string of another athlete's choice.

DISPLAY_UNITS = ("km", "mi")
"""The values of the profile's ``units`` field."""


def per_unit_km(units: str) -> float:
    """Kilometres in one display unit: 1 for ``km``, 1.609344 for ``mi``."""
    return METRES_PER_MILE / 1000 if units == "mi" else 1.0


def unit_name(units: str) -> str:
    """``km`` or ``mi``: the label of a distance column or value."""
    return "mi" if units == "mi" else "km"


def distance_in(distance_km: float, units: str) -> float:
    """``distance_km`` expressed in the display units."""
    return distance_km / per_unit_km(units)


METRES_PER_FOOT = 0.3048
"""International foot (1959 agreement), in metres."""


def parse_distance_in(text: str, units: str) -> float:
    """A distance a runner types, in metres: a bare number (``8.5``) is in the display
    ``units`` (km, or miles for ``mi``); anything with a unit or a name (``8000m``,
    ``10km``, ``6mi``, ``half``) goes through ``parse_distance`` and wins."""
    raw = text.strip()
    try:
        value = float(raw)
    except ValueError:
        return parse_distance(text)
    if not math.isfinite(value) or value <= 0:
        raise DistanceError(f"invalid distance '{text}': the distance must be greater than zero")
    return value * per_unit_km(units) * 1000


def format_elevation(elevation_m: float, units: str) -> str:
    """``120 m``, or ``394 ft`` for ``mi``: a climb in the display units (stored in metres)."""
    if units == "mi":
        return f"{elevation_m / METRES_PER_FOOT:.0f} ft"
    return f"{elevation_m:.0f} m"


def format_distance(distance_m: float, units: str, digits: int = 1) -> str:
    """``16.0 km`` or ``9.9 mi``: a distance with its unit, ``digits`` decimals."""
    return f"{distance_in(distance_m / 1000, units):.{digits}f} {unit_name(units)}"


def format_distance_bare(distance_m: float, units: str, digits: int = 1) -> str:
    """A distance as a runner writes it in a list: ``digits`` decimals at most, a whole
    number bare (``5 km``, ``5.2 km``, ``12.4 mi``); halves round up (8.05 → 8.1)."""
    return f"{format_distance_value(distance_m, units, digits)} {unit_name(units)}"


def format_distance_value(distance_m: float, units: str, digits: int = 1) -> str:
    """``format_distance_bare`` without the unit, for a table whose header names it
    (``16``, ``8.8``, ``5.4``)."""
    return format_decimal(distance_in(distance_m / 1000, units), digits)


def format_decimal(value: float, digits: int = 1) -> str:
    """A figure in a table as the CLI writes it: ``digits`` decimals at most, a whole
    number bare, halves away from zero (``30`` for 30.0, ``87.3`` for 87.25, ``-2.5``)."""
    scale = 10**digits
    magnitude = round_half_up(abs(value) * scale + 1e-9) / scale
    text = f"{magnitude:.{digits}f}"
    if digits > 0:
        text = text.rstrip("0").removesuffix(".")
    return f"-{text}" if value < 0 and text.strip("0.") else text


_RACE_NAMES_M: dict[float, str] = {
    METRES_PER_MILE: "1 mile",
    2 * METRES_PER_MILE: "2 miles",
    HALF_MARATHON_M: "half marathon",
    MARATHON_M: "marathon",
}


def race_name(distance_m: float) -> str | None:
    """The name a runner gives a race of ``distance_m`` (``half marathon``, ``1 mile``),
    or None for a distance without one (``10 km``)."""
    return _RACE_NAMES_M.get(distance_m)


def format_race_distance(distance_m: float, units: str) -> str:
    """A race's distance for a header, as a runner writes it: ``half marathon (21.1 km)``,
    ``marathon (26.2 mi)``, ``1 mile``, ``10 km``, ``10 km (6.2 mi)``, ``800 m``."""
    name = _RACE_NAMES_M.get(distance_m)
    if distance_m < 2000 or (name and "mile" in name):
        return name or format_step_distance(distance_m, units)
    plain = format_distance_bare(distance_m, units, 1)
    if name:
        return f"{name} ({plain})"
    if units == "mi" and distance_m % 1000 == 0:
        return f"{distance_m / 1000:g} km ({plain})"
    return plain


def format_step_distance(distance_m: float, units: str, rep: bool = True) -> str:
    """A distance as a runner writes a step. A rep (``rep``: work, recovery, strides)
    under 2 km is in metres to the 10 m (``400 m``, ``1600 m``, the same in either units:
    US runners run "400s" too, and yards are never used); anything else has one decimal
    in the display units, a whole number bare (``10.9 km``, ``6.8 mi``, ``10 km``,
    a cool-down of ``1.5 km`` or ``0.9 mi``)."""
    if rep and distance_m < 2000:
        return f"{round_half_up(distance_m / 10) * 10} m"
    return format_distance_bare(distance_m, units, 1)


def round_half_up(value: float) -> int:
    """``value`` rounded to the nearest whole number, halves up (58.5 → 59), as a runner
    rounds; Python's ``round`` sends halves to the even number (58.5 → 58)."""
    return math.floor(value + 0.5)


def format_minutes(duration_s: float) -> str:
    """A session's or a long step's time as a runner writes it: whole minutes, halves up
    (``47 min``, ``59 min`` for 58.5 min)."""
    return f"{round_half_up(duration_s / 60)} min"


def format_step_duration(duration_s: float) -> str:
    """A time-based step: under 2 min in seconds (``90 s``, ``20 s``), from 2 to under
    5 min as ``m:ss`` (``3:00``, ``2:30``), from 5 min in whole minutes (``20 min``)."""
    if duration_s < 120:
        return f"{round_half_up(duration_s)} s"
    if duration_s < 300:
        return format_duration(duration_s)
    return format_minutes(duration_s)


def format_load(load: float) -> str:
    """A session-RPE training load (arbitrary units, Foster et al. 2001: RPE × minutes)
    as a whole number, halves up: ``405.3`` → ``405``."""
    return str(round_half_up(load))


def format_pace_in(pace_s_per_km: float, units: str) -> str:
    """``4:30/km`` or ``7:15/mi``: a pace in the display units."""
    return f"{format_pace(pace_s_per_km * per_unit_km(units))}/{unit_name(units)}"


def format_pace_range(pace_s_per_km: tuple[float, float], units: str) -> str:
    """``4:30–4:40/km`` or ``7:15–7:31/mi`` (fast first, as ``pace_s_per_km`` is)."""
    fast, slow = (format_pace(p * per_unit_km(units)) for p in pace_s_per_km)
    return f"{fast}–{slow}/{unit_name(units)}"


_NUMBER = r"\d+(?:\.\d+)?"
_KM_TEXT = re.compile(rf"(?<![\w.:])({_NUMBER})(?:(\s?[–-]\s?)({_NUMBER}))?\s?km\b(?!-)")
_PACE_TEXT = re.compile(r"(?<![\w:])(\d+:\d{2})(?:([–-])(\d+:\d{2}))?(\s?)/km\b")


_REP_BEFORE = re.compile(r"(×|[a-z]:|\bWork|\bRecovery|\bStrides)\s*$")
"""What stands before a repetition's distance in planner text (``5 × 1.6 km``,
``Work 1.00 km``, a workout title's block ``Race-pace blocks: 1 km``): a rep under
2 km is shown in metres in either units."""


def _is_rep(m: re.Match[str]) -> bool:
    """True when the distance matched by ``m`` is a repetition's (``_REP_BEFORE``); a
    session's size (``Easy 1.0 km + 6 strides``, ``a 1.6 km strides session``) is not."""
    return _REP_BEFORE.search(m.string[max(0, m.start() - 12) : m.start()]) is not None


def _whole(number: str) -> str:
    """``30.0`` → ``30``: a whole number is written without its zero decimals."""
    whole, dot, decimals = number.partition(".")
    return whole if dot and set(decimals) <= {"0"} else number


_ZERO_DECIMALS = re.compile(r"\d+\.0+(?!\d)")


def _miles(number: str) -> str:
    decimals = max(1, len(number.partition(".")[2]))
    return _whole(f"{float(number) * 1000 / METRES_PER_MILE:.{decimals}f}")


def _km_match(m: re.Match[str]) -> str:
    low, dash, high = m.group(1), m.group(2), m.group(3)
    if high is None and float(low) < 2 and _is_rep(m):
        return f"{round(float(low) * 100) * 10:.0f} m"
    if high is None:
        return f"{_miles(low)} mi"
    return f"{_miles(low)}{dash}{_miles(high)} mi"


def _clock_s(text: str) -> float:
    minutes, seconds = text.split(":")
    return int(minutes) * 60 + int(seconds)


def _pace_match(m: re.Match[str]) -> str:
    paces = [
        format_pace(_clock_s(p) * METRES_PER_MILE / 1000)
        for p in (m.group(1), m.group(3))
        if p is not None
    ]
    return (m.group(2) or "").join(paces) + m.group(4) + "/mi"


def localise(text: str, units: str) -> str:
    """``text`` the planner wrote in km, shown in the display units: with ``mi``,
    ``16.0 km`` → ``9.9 mi`` (decimals kept, a whole number without them: ``12.9 km``
    → ``8 mi``, and with ``km`` ``30.0 km`` → ``30 km``), ``10–12 km`` →
    ``6.2–7.5 mi``, a repetition under 2 km → metres (``5 × 1.6 km`` → ``5 × 1600 m``;
    a session's size stays in miles: ``a 1.6 km session`` → ``a 1.0 mi session``), and
    paces ``4:30/km`` / ``4:30–4:40/km`` → per mile. Race names such as ``10k``, field
    names such as ``run_km`` and ITRA's ``km-effort`` (a unit of its own) are left
    alone; with ``km`` only a whole number's ``.0`` goes."""
    if units != "mi":
        return _KM_TEXT.sub(lambda m: _ZERO_DECIMALS.sub(lambda n: _whole(n[0]), m[0]), text)
    return _KM_TEXT.sub(_km_match, _PACE_TEXT.sub(_pace_match, text))


def _rounded_km_match(m: re.Match[str], units: str) -> str:
    low, dash, high = m.group(1), m.group(2), m.group(3)
    if high is None:
        return format_step_distance(float(low) * 1000, units, rep=_is_rep(m))
    low_text = format_distance_bare(float(low) * 1000, units).rsplit(" ", 1)[0]
    return f"{low_text}{dash}{format_distance_bare(float(high) * 1000, units)}"


def round_km_text(text: str, units: str) -> str:
    """A title the planner wrote in km with its distances rounded as a runner writes them
    and in the display units: ``Long run 16.0 km`` → ``Long run 16 km`` (``9.9 mi``),
    ``Race pace 5.63 km`` → ``Race pace 5.6 km``, a repetition under 2 km in metres
    (``2 × 1.6 km`` → ``2 × 1600 m``) but a session's size in the display units
    (``Easy 1.0 km + 6 strides`` → ``Easy 1 km`` / ``Easy 0.6 mi``); paces go per mile
    for ``mi`` as in ``localise``."""
    paced = _PACE_TEXT.sub(_pace_match, text) if units == "mi" else text
    return _KM_TEXT.sub(lambda m: _rounded_km_match(m, units), paced)
