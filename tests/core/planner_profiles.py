"""Profile builders shared by the planner tests (plain dicts, as read from TOML)."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

START = dt.date(2026, 11, 30)  # a Monday

BASE: dict[str, Any] = {
    "name": "Test Runner",
    "sex": "female",
    "birth_year": 1992,
    "body_mass_kg": 60.0,
    "running": {
        "weekly_km": 30,
        "longest_run_km": 12,
        "years_running": 5,
        "recent_race": {"distance": "10k", "time": "50:00", "date": "2026-10-04"},
    },
    "strength": {"years_lifting": 2, "equipment": ["gym"]},
    "goal": {"distance": "half", "date": "2027-05-09", "target_time": "1:50:00"},
    "week": {
        "mon": ["06:30-08:00", "18:00-19:30"],
        "tue": ["18:00-19:30"],
        "wed": ["06:30-08:00"],
        "thu": ["18:00-19:30"],
        "sat": ["08:00-10:30"],
        "sun": ["08:00-11:00"],
        "gym_days": ["mon", "thu"],
        "long_run_day": "sun",
        "max_session_min": 150,
        "two_a_days": True,
    },
}


def profile(**changes: Any) -> dict[str, Any]:
    """A copy of BASE with dotted-path changes: profile(**{"week.sat": []})."""
    data = copy.deepcopy(BASE)
    for path, value in changes.items():
        keys = path.split(".")
        node = data
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(keys[-1], None)
        else:
            node[keys[-1]] = value
    return data
