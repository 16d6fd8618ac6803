"""Optional parts of the athlete profile: travel weeks, injury history, weight goal.

* ``[[travel]]`` (DOMAIN G, R17): dates away from the gym. Strength on those
  days uses only the equipment taken along (default body weight: a hotel room),
  and any training window counts as a strength window, because the session is
  done in the room. ``windows`` replaces the usual windows of every travel day.
* ``injuries`` / ``[[injury]]`` (DOMAIN G injury history): complaints with a
  status, ``current`` (avoid what aggravates it) or ``returning`` (phase it back
  in, see ``core.planning.injury_runs``), and an optional ``since`` date.
* ``[nutrition]`` (DOMAIN G, R24): a weight goal and a planned daily deficit;
  the planner and the daily coach warn when that deficit leaves the day's load
  under-fuelled (``core.nutrition.daily_targets``).

Pure: ``profile.parse_profile`` calls the parsers below with the TOML mapping.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from runstrong.core.athlete.fields import _choice, _date, _equipment_named, _list, _number, _windows
from runstrong.core.athlete.model import (
    INJURY_STATUSES,
    MAX_TRAVEL_DAYS,
    Injury,
    NutritionGoal,
    Slot,
    TravelPeriod,
)
from runstrong.core.errors import ProfileError
from runstrong.core.exercises import Complaint


def parse_travel(data: Mapping[str, Any]) -> tuple[TravelPeriod, ...]:
    """``[[travel]]`` tables: ``from``, ``to``, ``equipment`` (default [] = body weight),
    ``windows`` and ``note``."""
    out: list[TravelPeriod] = []
    for i, raw in enumerate(_list(data.get("travel", []), "travel")):
        where = f"travel[{i}]"
        if not isinstance(raw, Mapping):
            raise ProfileError(f"'{where}' must be a table with from and to dates")
        for key in raw:
            if key not in ("from", "to", "equipment", "windows", "note"):
                raise ProfileError(
                    f"'{where}.{key}' is not a travel field; use from, to, equipment, windows, note"
                )
        for key in ("from", "to"):
            if raw.get(key) is None:
                raise ProfileError(f"missing field '{where}.{key}'; write it as YYYY-MM-DD")
        start = _date(raw["from"], f"{where}.from")
        end = _date(raw["to"], f"{where}.to")
        if end < start:
            raise ProfileError(
                f"'{where}.to': {end} is before from {start}; "
                "the trip must end on or after the day it starts"
            )
        if (end - start).days + 1 > MAX_TRAVEL_DAYS:
            raise ProfileError(
                f"'{where}': {(end - start).days + 1} days is longer than {MAX_TRAVEL_DAYS}; "
                "split the trip or change your [week] instead"
            )
        equipment = _equipment_named(
            _list(raw.get("equipment", []), f"{where}.equipment"), f"{where}.equipment"
        )
        windows: tuple[Slot, ...] | None = None
        if raw.get("windows") is not None:
            windows = tuple(
                Slot(w, True, True) for w in _windows(raw["windows"], f"{where}.windows")
            )
        out.append(TravelPeriod(start, end, equipment, windows, str(raw.get("note", "")).strip()))
    ordered = sorted(enumerate(out), key=lambda p: p[1].start)
    for (_, a), (j, b) in itertools.pairwise(ordered):
        if b.start <= a.end:
            raise ProfileError(
                f"'travel[{j}].from': {b.start} falls inside the trip {a.start}–{a.end}; "
                "merge the two trips or move the dates"
            )
    return tuple(out)


def parse_injuries(data: Mapping[str, Any]) -> tuple[Injury, ...]:
    """The plain list ``injuries = ["knee"]`` (all current) and/or ``[[injury]]``
    tables with ``area``, ``status`` ("current" or "returning") and ``since``."""
    areas = [c.value for c in Complaint]
    plain = [_choice(i, "injuries", areas) for i in _list(data.get("injuries", []), "injuries")]
    out = [Injury(area) for area in dict.fromkeys(plain)]
    for i, raw in enumerate(_list(data.get("injury", []), "injury")):
        where = f"injury[{i}]"
        if not isinstance(raw, Mapping):
            raise ProfileError(f"'{where}' must be a table with area and status")
        for key in raw:
            if key not in ("area", "status", "since"):
                raise ProfileError(
                    f"'{where}.{key}' is not an injury field; use area, status, since"
                )
        if raw.get("area") is None:
            raise ProfileError(f"missing field '{where}.area'; write e.g. area = \"achilles\"")
        area = _choice(raw["area"], f"{where}.area", areas)
        if any(known.area == area for known in out):
            raise ProfileError(
                f"'{where}.area' = {area!r} is listed twice (injuries or another [[injury]]); "
                "keep one entry per area"
            )
        status = _choice(raw.get("status", "current"), f"{where}.status", list(INJURY_STATUSES))
        since = _date(raw["since"], f"{where}.since") if raw.get("since") is not None else None
        out.append(Injury(area, status, since))
    return tuple(out)


def parse_nutrition(data: Mapping[str, Any]) -> NutritionGoal:
    """``[nutrition]``: optional ``weight_goal_kg`` (30–250) and ``daily_deficit_kcal`` (0–1500)."""
    raw = data.get("nutrition", {})
    if not isinstance(raw, Mapping):
        raise ProfileError("'nutrition' must be a table ([nutrition]) with weight_goal_kg")
    for key in raw:
        if key not in ("weight_goal_kg", "daily_deficit_kcal"):
            raise ProfileError(
                f"'nutrition.{key}' is not a nutrition field; "
                "use weight_goal_kg or daily_deficit_kcal"
            )
    goal = raw.get("weight_goal_kg")
    deficit = raw.get("daily_deficit_kcal")
    return NutritionGoal(
        _number(goal, "nutrition.weight_goal_kg", 30, 250) if goal is not None else None,
        _number(deficit, "nutrition.daily_deficit_kcal", 0, 1500) if deficit is not None else None,
    )
