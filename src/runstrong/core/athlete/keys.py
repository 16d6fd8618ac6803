"""The keys a profile may hold, table by table, and the check that refuses any other.

A misspelt key (``long_run_dya = "sat"``) used to be skipped without a word, so the
athlete's choice silently fell back to a default. ``check_keys`` names the unknown
key, its table and the keys allowed there, with the closest one first (``difflib``).
Part of the one profile parser (``profile.parse_profile`` calls it first). Pure.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

from runstrong.core.athlete.model import WEEKDAYS
from runstrong.core.errors import ProfileError

RACE_KEYS = ("distance", "date", "target_time", "name", "terrain", "elevation_gain_m")

ALLOWED_KEYS: Mapping[str, tuple[str, ...]] = {
    "": (
        "name", "sex", "birth_year", "body_mass_kg", "units", "timezone", "focus",
        "injuries", "consistency_ok", "running", "strength", "goal", "tune_up", "week",
        "injury", "travel", "nutrition",
    ),
    "running": (
        "weekly_km", "weekly_mi", "longest_run_km", "longest_run_mi", "years_running",
        "vdot", "recent_race",
    ),
    "running.recent_race": ("distance", "time", "date"),
    "strength": ("years_lifting", "equipment", "results"),
    "strength.results": ("lift", "load_kg", "reps"),
    "goal": RACE_KEYS,
    "tune_up": RACE_KEYS,
    "week": (*WEEKDAYS, "gym_days", "gym", "long_run_day", "max_session_min", "two_a_days"),
    "week.gym": WEEKDAYS,
}  # fmt: skip
"""Every table of docs/athlete-profile.md and its keys (``[[travel]]``, ``[[injury]]``
and ``[nutrition]`` check their own keys in ``sections``). Arrays of tables are listed
by their name (``tune_up``, ``strength.results``)."""


def _unknown(key: object, table: str, allowed: tuple[str, ...]) -> ProfileError:
    name = f"{table}.{key}" if table else str(key)
    where = f"the [{table}] table" if table else "the top level"
    close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return ProfileError(f"'{name}' is not a field of {where}; {hint}allowed: {', '.join(allowed)}")


def check_keys(data: Mapping[str, Any], table: str = "") -> None:
    """``ProfileError`` for the first key of ``data`` (the table ``table``, "" for the
    top level) that the profile does not know, then the same check in its sub-tables."""
    allowed = ALLOWED_KEYS[table]
    for key, value in data.items():
        if key not in allowed:
            raise _unknown(key, table, allowed)
        inner = f"{table}.{key}" if table else str(key)
        if inner not in ALLOWED_KEYS:
            continue
        tables = value if isinstance(value, list) else [value]
        for item in tables:
            if isinstance(item, Mapping):  # a wrong type is the field readers' to name
                check_keys(item, inner)
