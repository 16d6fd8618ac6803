"""Readers and writers of the export formats (see ``services.export`` for the layout).

One field table per record type drives both formats, so JSON and CSV carry
exactly the same fields. CSV cells: empty = None; a real empty string is
written as a single backslash, and a string starting with a backslash gets one
more in front, so text survives a round trip exactly.
"""

from __future__ import annotations

import datetime as dt
import json
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from runstrong.core.model import Activity, Lap, SetEntry, Sport, Streams, Wellness
from runstrong.storage.records import AthleteRecord, StoredPlan, StoredPlanEvent

# Field tables: (name, kind) with kind in str, float, int, bool, datetime, date, sport, json.
ACTIVITY_FIELDS: tuple[tuple[str, str], ...] = (
    ("sport", "sport"),
    ("start", "datetime"),
    ("duration_s", "float"),
    ("moving_time_s", "float"),
    ("distance_m", "float"),
    ("elevation_gain_m", "float"),
    ("avg_hr_bpm", "float"),
    ("max_hr_bpm", "float"),
    ("avg_cadence_spm", "float"),
    ("avg_power_w", "float"),
    ("calories_kcal", "float"),
    ("sub_sport", "str"),
    ("name", "str"),
    ("description", "str"),
    ("device", "str"),
    ("source_format", "str"),
    ("source_name", "str"),
    ("source_hash", "str"),
    ("event_id", "str"),
    ("leg_index", "int"),
    ("session_rpe", "float"),
    ("damage", "str"),
)
OPTIONAL_FIELDS = frozenset({"damage"})
"""Activity fields added after export version 1 was first written: an export without
them still loads (each is None)."""
LAP_FIELDS: tuple[tuple[str, str], ...] = (
    ("start", "datetime"),
    ("duration_s", "float"),
    ("distance_m", "float"),
    ("avg_hr_bpm", "float"),
    ("max_hr_bpm", "float"),
    ("avg_speed_m_s", "float"),
    ("avg_cadence_spm", "float"),
    ("avg_power_w", "float"),
)
SET_FIELDS: tuple[tuple[str, str], ...] = (
    ("exercise", "str"),
    ("reps", "int"),
    ("load_kg", "float"),
    ("rpe", "float"),
    ("rir", "float"),
    ("duration_s", "float"),
    ("start", "datetime"),
    ("order", "int"),
)
STREAM_FIELDS: tuple[tuple[str, str], ...] = (
    ("t_s", "float"),
    ("lat_deg", "float"),
    ("lon_deg", "float"),
    ("altitude_m", "float"),
    ("distance_m", "float"),
    ("speed_m_s", "float"),
    ("heart_rate_bpm", "int"),
    ("cadence_spm", "int"),
    ("power_w", "int"),
)
WELLNESS_FIELDS: tuple[tuple[str, str], ...] = (
    ("day", "date"),
    ("sleep_h", "float"),
    ("sleep_quality", "int"),
    ("stress", "int"),
    ("soreness", "int"),
    ("leg_feel", "int"),
    ("hip_stiffness", "int"),
    ("low_back_fatigue", "int"),
    ("mood", "int"),
    ("body_mass_kg", "float"),
    ("resting_hr_bpm", "float"),
    ("hrv_ms", "float"),
    ("nutrition_notes", "str"),
    ("hydration_notes", "str"),
    ("notes", "str"),
)


ATHLETE_FIELDS: tuple[tuple[str, str], ...] = (
    ("ref", "int"),
    ("name", "str"),
    ("profile_toml", "str"),
    ("created_at", "datetime"),
)
PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("athlete", "int"),
    ("created_at", "datetime"),
    ("active", "bool"),
    ("format_version", "str"),
    ("plan_json", "str"),
)
PLAN_EVENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("athlete", "int"),
    ("day", "date"),
    ("kind", "str"),
    ("payload", "json"),
    ("created_at", "datetime"),
)


_ATTRIBUTE = {"ref": "id", "athlete": "athlete_id"}
"""Column -> attribute of a stored record where the names differ: an athlete's id is
the ``ref`` its other records point to with ``athlete``."""


def record_values(record: Any, table: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """The values of ``table``'s columns read off a record (an activity, lap, set,
    check-in, or a stored athlete, plan or plan event)."""
    return {name: getattr(record, _ATTRIBUTE.get(name, name)) for name, _ in table}


def _to_json(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind in ("datetime", "date"):
        return value.isoformat()
    if kind == "sport":
        return value.value
    return value


def _from_json(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    if kind == "sport":
        return Sport(value)
    if kind == "float":
        return float(value)
    if kind == "int":
        return int(value)
    return value


def to_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "str":
        text = str(value)
        return "\\" if text == "" else ("\\" + text if text.startswith("\\") else text)
    if kind == "float":
        return repr(float(value))
    if kind == "bool":
        return "true" if value else "false"
    if kind == "json":
        return json.dumps(value, sort_keys=True)
    return str(_to_json(value, kind))


def from_cell(cell: str, kind: str) -> Any:
    if cell == "":
        return None
    if kind == "str":
        return cell[1:] if cell.startswith("\\") else cell
    if kind == "bool":
        return cell == "true"
    if kind == "json":
        return json.loads(cell)
    return _from_json(cell, kind)


def record_dict(obj: Any, table: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """A record as a JSON-ready dict following ``table`` (read as by ``record_values``)."""
    values = record_values(obj, table)
    return {name: _to_json(values[name], kind) for name, kind in table}


def record_kwargs(data: dict[str, Any], table: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    """Constructor arguments from a JSON dict following ``table``."""
    return {name: _from_json(data.get(name), kind) for name, kind in table}


def activity_dict(activity: Activity) -> dict[str, Any]:
    """One activity with laps, sets and present stream channels, JSON-ready."""
    data = record_dict(activity, ACTIVITY_FIELDS)
    data["laps"] = [record_dict(lap, LAP_FIELDS) for lap in activity.laps]
    data["sets"] = [record_dict(s, SET_FIELDS) for s in activity.sets]
    data["streams"] = {
        name: list(getattr(activity.streams, name))
        for name, _ in STREAM_FIELDS
        if getattr(activity.streams, name)
    }
    return data


def activity_from_dict(data: dict[str, Any]) -> Activity:
    """Inverse of :func:`activity_dict`."""
    streams = {
        name: tuple(_from_json(v, kind) for v in data["streams"][name])
        for name, kind in STREAM_FIELDS
        if name in data["streams"]
    }
    return Activity(
        **record_kwargs(data, ACTIVITY_FIELDS),
        laps=tuple(Lap(**record_kwargs(lap, LAP_FIELDS)) for lap in data["laps"]),
        sets=tuple(SetEntry(**record_kwargs(s, SET_FIELDS)) for s in data["sets"]),
        streams=Streams(**streams),
    )


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


class ExportWriter(ABC):
    """What ``services.export.export`` writes a folder through, one method a record type:
    ``open`` makes the files on entering the ``with``, ``close`` finishes them on leaving
    it (``complete`` is False when the export failed)."""

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(complete=exc_type is None)

    @abstractmethod
    def open(self) -> None: ...

    @abstractmethod
    def close(self, *, complete: bool) -> None: ...

    @abstractmethod
    def athlete(self, a: AthleteRecord) -> None: ...

    @abstractmethod
    def activity(
        self, athlete: int, ref: int, activity: Activity, created_at: dt.datetime
    ) -> None: ...

    @abstractmethod
    def wellness(self, athlete: int, w: Wellness) -> None: ...

    @abstractmethod
    def plan(self, p: StoredPlan) -> None: ...

    @abstractmethod
    def plan_event(self, e: StoredPlanEvent) -> None: ...


class JsonWriter(ExportWriter):
    """Writes the JSON layout; activities stream to ``activities.jsonl`` one per line."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.lists: dict[str, list[dict[str, Any]]] = {
            "athletes": [],
            "wellness": [],
            "plans": [],
            "plan_events": [],
        }
        self._activities: IO[str] | None = None

    def open(self) -> None:
        self._activities = (self.folder / "activities.jsonl").open("w", encoding="utf-8")

    def close(self, *, complete: bool) -> None:
        assert self._activities is not None
        self._activities.close()
        if complete:
            for name, rows in self.lists.items():
                text = json.dumps(rows, indent=1, ensure_ascii=False)
                (self.folder / f"{name}.json").write_text(text + "\n", encoding="utf-8")

    def athlete(self, a: AthleteRecord) -> None:
        self.lists["athletes"].append(record_dict(a, ATHLETE_FIELDS))

    def activity(self, athlete: int, ref: int, activity: Activity, created_at: dt.datetime) -> None:
        assert self._activities is not None
        row = {"athlete": athlete, "ref": ref, "created_at": created_at.isoformat()}
        row.update(activity_dict(activity))
        self._activities.write(json.dumps(row, ensure_ascii=False) + "\n")

    def wellness(self, athlete: int, w: Wellness) -> None:
        self.lists["wellness"].append({"athlete": athlete, **record_dict(w, WELLNESS_FIELDS)})

    def plan(self, p: StoredPlan) -> None:
        self.lists["plans"].append(record_dict(p, PLAN_FIELDS))

    def plan_event(self, e: StoredPlanEvent) -> None:
        self.lists["plan_events"].append(record_dict(e, PLAN_EVENT_FIELDS))


def _load(folder: Path, name: str) -> list[dict[str, Any]]:
    data = json.loads((folder / name).read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{name} must hold a list")
    return data


class JsonReader:
    """Reads the JSON layout."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def athletes(self) -> Iterator[tuple[int, str, str | None, dt.datetime]]:
        for a in _load(self.folder, "athletes.json"):
            yield a["ref"], a["name"], a["profile_toml"], dt.datetime.fromisoformat(a["created_at"])

    def activities(self) -> Iterator[tuple[int, Activity, dt.datetime]]:
        with (self.folder / "activities.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    created = dt.datetime.fromisoformat(row["created_at"])
                    yield row["athlete"], activity_from_dict(row), created

    def wellness(self) -> Iterator[tuple[int, Wellness]]:
        for w in _load(self.folder, "wellness.json"):
            yield w["athlete"], Wellness(**record_kwargs(w, WELLNESS_FIELDS))

    def plans(self) -> Iterator[tuple[int, dt.datetime, bool, str, str]]:
        for p in _load(self.folder, "plans.json"):
            created = dt.datetime.fromisoformat(p["created_at"])
            yield p["athlete"], created, bool(p["active"]), p["format_version"], p["plan_json"]

    def plan_events(self) -> Iterator[tuple[int, dt.date, str, dict[str, Any], dt.datetime]]:
        for e in _load(self.folder, "plan_events.json"):
            yield (
                e["athlete"],
                dt.date.fromisoformat(e["day"]),
                e["kind"],
                e["payload"],
                dt.datetime.fromisoformat(e["created_at"]),
            )
