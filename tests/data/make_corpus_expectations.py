"""Regenerate tests/data/corpus.toml: expected outcomes for every sample activity file.

Run once after adding files to tests/data/activities/:

    .venv/bin/python tests/data/make_corpus_expectations.py

The expectations come from *independent* readings, not from runstrong's importers:
FIT files through fitdecode with ``check_crc=WARN`` (a damaged file keeps the messages
read before the error, as runstrong's import does; the damage is the expected
warning, or the error when nothing usable was read), GPX/TCX
through the standard library's ElementTree on these trusted fixtures, with the
haversine distance. tests/importers/test_corpus.py asserts runstrong agrees.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import math
import warnings
import zlib
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import fitdecode
import tomli_w

HERE = Path(__file__).resolve().parent
ROOT = HERE / "activities"
SUFFIXES = (".fit", ".gpx", ".tcx", ".gz")

# fitdecode exception → substring runstrong's warning (or error) must contain.
FIT_ERRORS = {
    "FitCRCError": "CRC mismatch",
    "FitEOFError": "truncated",
    "FitHeaderError": "not a FIT file",
}
# Files where fitdecode names the damage in other words than runstrong.
ERROR_OVERRIDES = {
    # fitdecode's FitParseError "local message 11 not defined @ 7471"
    "python-fitparse/strava-android-app-201.10-b1218918.fit": (
        "local message 11 used before its definition (byte 7471)"
    ),
}

# FIT profile sport/sub_sport names → runstrong Sport values (docs/file-formats.md).
FIT_SPORTS = {
    "running": "running",
    "cycling": "cycling",
    "e_biking": "cycling",
    "transition": "transition",
    "swimming": "swimming",
    "walking": "walking",
    "rowing": "rowing",
    "hiking": "hiking",
}
TEXT_SPORTS = {"running": "running", "run": "running", "biking": "cycling", "cycling": "cycling"}


def fit_sport(sport: object, sub: object) -> str:
    if sport == "running" and sub in ("treadmill", "indoor_running"):
        return "treadmill"
    if sport == "running" and sub == "trail":
        return "trail_running"
    if sport in ("training", "fitness_equipment") and sub == "strength_training":
        return "strength"
    if sport == "fitness_equipment":
        return {
            "indoor_rowing": "rowing",
            "treadmill": "treadmill",
            "indoor_cycling": "cycling",
        }.get(str(sub), "other")
    return FIT_SPORTS.get(str(sport), "other")


def read_fit(data: bytes, rel: str) -> dict[str, Any]:
    if not data:
        return {"outcome": "error", "error": "empty file"}
    sessions: list[dict[str, Any]] = []
    records: list[tuple[dt.datetime, float | None]] = []
    meta: dict[str, Any] = {}
    damage: str | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            n_records, n_sets = _read_fit_frames(data, sessions, records, meta)
        except fitdecode.FitError as exc:
            name = type(exc).__name__
            damage = ERROR_OVERRIDES.get(rel) or FIT_ERRORS.get(name, name)
            n_records, n_sets = meta["n_records"], meta["n_sets"]
    if damage is None and any("CRC" in str(w.message) for w in caught):
        damage = "CRC mismatch"
    file_type, sport_msg = meta.get("file_type"), meta.get("sport_msg")
    if file_type is not None and file_type != "activity":
        return {"outcome": "skipped", "reason": f"not an activity: FIT {file_type} file"}
    if damage is not None and not n_records and not sessions:
        return {"outcome": "error", "error": damage}
    extra = {} if damage is None else {"warning": damage, "records": n_records}
    return {**_fit_outcome(sessions, records, sport_msg, n_sets), **extra}


def _read_fit_frames(
    data: bytes,
    sessions: list[dict[str, Any]],
    records: list[tuple[dt.datetime, float | None]],
    meta: dict[str, Any],
) -> tuple[int, int]:
    """Read every frame fitdecode can; ``meta`` keeps the counts when it raises.

    A chained file whose later segment repeats records or sessions word for word (the
    same activity written twice) holds each once, as runstrong reads it.
    """
    meta.update(n_records=0, n_sets=0, headers=0)
    seen: set[str] = set()
    try:
        _read_frames(data, sessions, records, meta, seen)
    finally:
        if meta["headers"] > 1:  # chained: what a segment repeats counts once
            meta["n_records"] -= meta.pop("repeated_records", 0)
            sessions[:] = [s for i, s in enumerate(sessions) if i not in meta["repeated_sessions"]]
    return meta["n_records"], meta["n_sets"]


def _read_frames(
    data: bytes,
    sessions: list[dict[str, Any]],
    records: list[tuple[dt.datetime, float | None]],
    meta: dict[str, Any],
    seen: set[str],
) -> None:
    meta["repeated_sessions"] = set()
    with fitdecode.FitReader(
        io.BytesIO(data),
        check_crc=fitdecode.CrcCheck.WARN,
        error_handling=fitdecode.ErrorHandling.RAISE,
    ) as fit:
        for frame in fit:
            if frame.frame_type == fitdecode.FIT_FRAME_HEADER:
                meta["headers"] += 1
            if frame.frame_type != fitdecode.FIT_FRAME_DATA:
                continue
            key = repr([frame.name, *((f.name, f.value) for f in frame.fields)])
            repeated = key in seen
            seen.add(key)
            if repeated and frame.name == "record":
                meta["repeated_records"] = meta.get("repeated_records", 0) + 1
            if repeated and frame.name == "session":
                meta["repeated_sessions"].add(len(sessions))
            if frame.name == "file_id" and "file_type" not in meta:
                meta["file_type"] = frame.get_value("type", fallback=None)
            elif frame.name == "session":
                sessions.append({f.name: f.value for f in frame.fields})
            elif frame.name == "record":
                meta["n_records"] += 1
                ts = frame.get_value("timestamp", fallback=None)
                if isinstance(ts, dt.datetime):
                    records.append((ts, frame.get_value("distance", fallback=None)))
            elif frame.name == "sport" and "sport_msg" not in meta:
                meta["sport_msg"] = (
                    frame.get_value("sport", fallback=None),
                    frame.get_value("sub_sport", fallback=None),
                )
            elif frame.name == "set" and frame.get_value("set_type", fallback=None) == "active":
                meta["n_sets"] += 1


def _fit_outcome(
    sessions: list[dict[str, Any]],
    records: list[tuple[dt.datetime, float | None]],
    sport_msg: tuple[object, object] | None,
    n_sets: int,
) -> dict[str, Any]:
    if not sessions:
        if not records:
            return {"outcome": "error", "error": "no sessions"}
        records.sort(key=lambda r: r[0])
        sport, sub = sport_msg or (None, None)
        dists = [d for _, d in records if d is not None]
        return {
            "outcome": "activities",
            "activities": 1,
            "sports": [fit_sport(sport, sub)],
            "duration_s": [(records[-1][0] - records[0][0]).total_seconds()],
            "distance_m": [dists[-1] if dists else -1.0],
            "n_sets": n_sets,
        }
    sessions.sort(key=lambda s: s.get("start_time") or s.get("timestamp"))
    return {
        "outcome": "activities",
        "activities": len(sessions),
        "sports": [fit_sport(s.get("sport"), s.get("sub_sport")) for s in sessions],
        "duration_s": [float(s.get("total_elapsed_time") or 0.0) for s in sessions],
        "distance_m": [
            float(s["total_distance"]) if s.get("total_distance") is not None else -1.0
            for s in sessions
        ],
        "n_sets": n_sets,
    }


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _find(elem: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in elem.iter() if _local(c.tag) == name]


def _time(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.strip())
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _hav(a: tuple[float, float], b: tuple[float, float]) -> float:
    r = 6_371_008.8
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    )
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def read_gpx(root: ET.Element) -> dict[str, Any]:
    times: list[dt.datetime] = []
    distance = 0.0
    moving_s = 0.0
    untimed = 0
    try:
        for seg in _find(root, "trkseg"):
            prev = None
            seg_times: list[dt.datetime] = []
            for pt in (c for c in seg if _local(c.tag) == "trkpt"):
                t = next((c.text for c in pt if _local(c.tag) == "time" and c.text), None)
                if t is None:
                    untimed += 1
                    continue
                seg_times.append(_time(t))
                times.append(seg_times[-1])
                pos = (float(pt.get("lat", "")), float(pt.get("lon", "")))
                if prev is not None:
                    distance += _hav(prev, pos)
                prev = pos
            if seg_times:
                moving_s += (max(seg_times) - min(seg_times)).total_seconds()
    except ValueError:
        return {"outcome": "error", "error": "bad number"}
    if not times:
        has_points = _find(root, "trkpt") or _find(root, "rtept")
        return {
            "outcome": "error",
            "error": "has no timestamps" if has_points else "no track points",
        }
    if untimed > len(times):  # mostly untimed: a route, not a recording
        return {"outcome": "error", "error": "has no timestamps"}
    trks = _find(root, "trk")
    trk_type = next(
        (c.text.strip() for c in (trks[0] if trks else []) if _local(c.tag) == "type" and c.text),
        None,
    )
    sport = TEXT_SPORTS.get((trk_type or "").strip().lower(), "other")
    if trk_type is None:  # no <type>: a run unless faster than 6 m/s over >= 60 s moving
        sport = "cycling" if moving_s >= 60 and distance / moving_s > 6.0 else "running"
    return {
        "outcome": "activities",
        "activities": 1,
        "sports": [sport],
        "duration_s": [(max(times) - min(times)).total_seconds()],
        "distance_m": [distance],
        "n_sets": 0,
    }


def read_tcx(root: ET.Element) -> dict[str, Any]:
    acts = [a for a in _find(root, "Activity") if a.get("Sport") is not None]
    if not acts:
        if _find(root, "Courses"):
            return {"outcome": "skipped", "reason": "not an activity: TCX course file"}
        return {"outcome": "error", "error": "no activities"}
    out: dict[str, Any] = {
        "outcome": "activities",
        "activities": len(acts),
        "sports": [],
        "duration_s": [],
        "distance_m": [],
        "n_sets": 0,
    }
    try:
        for act in acts:
            laps = [c for c in act if _local(c.tag) == "Lap"]
            start = _time(next(c.text for c in act if _local(c.tag) == "Id" and c.text))
            ends = [start]
            dist = 0.0
            for lap in laps:
                fields = {_local(c.tag): c.text for c in lap}
                ends.append(
                    _time(lap.get("StartTime", ""))
                    + dt.timedelta(seconds=float(fields.get("TotalTimeSeconds") or 0))
                )
                dist += float(fields.get("DistanceMeters") or 0)
                for tp in _find(lap, "Trackpoint"):
                    for c in tp:
                        if _local(c.tag) == "Time" and c.text:
                            ends.append(_time(c.text))
                    for c in _find(tp, "LatitudeDegrees"):
                        float(c.text or "")
            out["sports"].append(TEXT_SPORTS.get((act.get("Sport") or "").lower(), "other"))
            out["duration_s"].append((max(ends) - start).total_seconds())
            out["distance_m"].append(dist)
    except ValueError:
        return {"outcome": "error", "error": "bad number"}
    return out


def expectation(path: Path) -> dict[str, Any]:
    rel = path.relative_to(ROOT).as_posix()
    data = path.read_bytes()
    gz = data[:2] == b"\x1f\x8b"
    if gz:
        try:
            data = gzip.decompress(data)
        except (EOFError, OSError, zlib.error):
            return {"path": rel, "format": "fit.gz", "outcome": "error", "error": "gzip"}
    suffix = ".gz" if gz else ""
    if data[8:12] == b".FIT" or not data:
        return {"path": rel, "format": "fit" + suffix, **read_fit(data, rel)}
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        fmt = "gpx" if b"<gpx" in data[:2000] else "tcx"
        return {"path": rel, "format": fmt + suffix, "outcome": "error", "error": "malformed"}
    fmt = "gpx" if _local(root.tag) == "gpx" else "tcx"
    reader = read_gpx if fmt == "gpx" else read_tcx
    return {"path": rel, "format": fmt + suffix, **reader(root)}


def main() -> None:
    files = sorted(p for p in ROOT.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
    entries = [expectation(p) for p in files]
    header = (
        "# Expected import outcome of every sample in tests/data/activities/.\n"
        "# GENERATED by tests/data/make_corpus_expectations.py (fitdecode, CRC warn, for FIT,\n"
        "# stdlib XML + haversine for GPX/TCX); do not edit by hand. distance_m = -1: absent.\n\n"
    )
    (HERE / "corpus.toml").write_text(header + tomli_w.dumps({"file": entries}), encoding="utf-8")
    print(f"wrote {len(entries)} entries to {HERE / 'corpus.toml'}")


if __name__ == "__main__":
    main()
