"""Read a plan for auditing: fill what can be derived, say so, then load it strictly.

``runstrong check`` audits what it is given (issue 12 part 9). A plan written by
hand or converted from another program often carries only the fixed fields of
the format (``date``, ``start``, ``kind``, ``category``, ``hard``,
``duration_min``, ``distance_km``, ``load``, ``steps``/``exercises``;
``start_date``, ``phase``, ``deload``, ``run_km``). The bookkeeping fields
(``id``, ``index``, ``athlete``, ``start_date``, ``race_date``,
``race_distance_m``, ``format_version``) are derived here, each with a note;
``pct_e1rm`` written as a percentage (above 1.5) is read as one, with a note;
exercise ``muscles`` missing are taken from the exercise library, with a note.
What is left is validated by ``plan_json.load_plan``, so structural garbage is
still an error naming the field. Other readers (stored plans, ``plan show``)
stay strict and use ``load_plan`` directly.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeGuard

from runstrong.core.errors import PlanFormatError
from runstrong.core.exercises import load_library
from runstrong.core.model import Plan
from runstrong.exporters.plan_json import FORMAT_VERSION, load_plan

PERCENT_ABOVE = 1.5
"""A ``pct_e1rm`` above this is a percentage (87 → 0.87)."""


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _objects(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _sessions(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for w in _objects(data.get("weeks")) for s in _objects(w.get("sessions"))]


def _fill_format_and_athlete(data: dict[str, Any], notes: list[str]) -> None:
    version = data.get("format_version")
    if "format_version" not in data:
        data["format_version"] = FORMAT_VERSION
        notes.append(f"format_version: missing; read as {FORMAT_VERSION}")
    elif _number(version):
        text = f"{version:.1f}" if isinstance(version, int) else str(version)
        data["format_version"] = text
        notes.append(f"format_version: the number {version} read as {text!r}")
    if "athlete" not in data:
        data["athlete"] = "unknown"
        notes.append("athlete: missing; the plan is audited as 'unknown'")


def _fill_weeks(data: dict[str, Any], notes: list[str]) -> None:
    missing_index = missing_id = 0
    used = {s["id"] for s in _sessions(data) if isinstance(s.get("id"), str)}
    for i, week in enumerate(_objects(data.get("weeks"))):
        if "index" not in week:
            week["index"] = i
            missing_index += 1
        for s in _objects(week.get("sessions")):
            if "id" in s:
                continue
            day = _date(s.get("date"))
            base = f"w{i + 1:02d}-{day:%a}-{s.get('kind')}".lower() if day else f"w{i + 1:02d}-s"
            sid, n = base, 1
            while sid in used:
                n += 1
                sid = f"{base}-{n}"
            used.add(sid)
            s["id"] = sid
            missing_id += 1
    if missing_index:
        notes.append(f"index: missing in {missing_index} week(s); taken from their order")
    if missing_id:
        notes.append(f"id: missing in {missing_id} session(s); derived as wNN-day-kind")


def _fill_dates(data: dict[str, Any], notes: list[str]) -> None:
    weeks = _objects(data.get("weeks"))
    starts = [d for d in (_date(w.get("start_date")) for w in weeks) if d]
    if "start_date" not in data and starts:
        data["start_date"] = min(starts).isoformat()
        notes.append(f"start_date: missing; taken from the first week ({min(starts)})")
    races = [
        (d, s)
        for s in _sessions(data)
        if s.get("kind") == "run" and s.get("category") == "race"
        for d in (_date(s.get("date")),)
        if d is not None
    ]
    if "race_date" not in data and races:
        day = max(d for d, _ in races)
        data["race_date"] = day.isoformat()
        notes.append(f"race_date: missing; taken from the last race session ({day})")
    if "race_distance_m" not in data:
        want = _date(data.get("race_date"))
        km = next((s.get("distance_km") for d, s in races if d == want), None)
        if _number(km) and float(km) > 0:
            data["race_distance_m"] = float(km) * 1000
            notes.append(f"race_distance_m: missing; taken from the race session ({km:g} km)")


def _fill_exercises(data: dict[str, Any], notes: list[str]) -> None:
    lib = load_library()
    percent = looked_up = 0
    for s in _sessions(data):
        for block in ("exercises", "mobility"):
            for ex in _objects(s.get(block)):
                pct = ex.get("pct_e1rm")
                if _number(pct) and float(pct) > PERCENT_ABOVE:
                    ex["pct_e1rm"] = float(pct) / 100
                    percent += 1
                if "muscles" not in ex and isinstance(ex.get("name"), str):
                    found = lib.lookup(ex["name"])
                    ex["muscles"] = [m.value for m in found.muscles] if found else []
                    looked_up += 1
    if percent:
        notes.append(f"pct_e1rm: {percent} value(s) above {PERCENT_ABOVE} read as percentages")
    if looked_up:
        notes.append(
            f"muscles: missing in {looked_up} exercise(s); taken from the exercise library"
        )


def load_plan_for_audit(text: str, source: str = "<plan>") -> tuple[Plan, list[str]]:
    """The plan in ``text`` with its derivable gaps filled, and one note per kind of
    gap filled. Raises ``PlanFormatError`` naming the file and the bad field when
    what is left is not a plan."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFormatError(
            f"{source}: not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise PlanFormatError(
            f"{source}: (top level): a plan is a JSON object with 'weeks'; see docs/plan-format.md"
        )
    notes: list[str] = []
    _fill_format_and_athlete(data, notes)
    _fill_weeks(data, notes)
    _fill_dates(data, notes)
    _fill_exercises(data, notes)
    return load_plan(json.dumps(data), source=source), notes
