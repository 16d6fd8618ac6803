"""Lossless export of the training log to JSON or CSV, and restoring it.

An export folder holds ``runstrong-export.json`` (format marker, version,
``json`` or ``csv``, counts) and the data:

* JSON: ``athletes.json``, ``activities.jsonl`` (one activity per line with
  its laps, sets and streams), ``wellness.json``, ``plans.json``,
  ``plan_events.json``;
* CSV: ``athletes.csv``, ``activities.csv``, ``laps.csv``, ``sets.csv``,
  ``streams.csv`` (one row per sample), ``wellness.csv``, ``plans.csv``,
  ``plan_events.csv``. An empty cell is "unknown"; floats are written with
  ``repr`` so they read back bit for bit; ``activities.csv`` lists the stream
  channels each activity has.

Rows refer to each other by ``athlete`` / ``activity`` reference numbers (the
ids in the exporting database). Restoring gives the same data with new ids.
Accounts (users, coach access, calendar tokens) and background jobs are not
exported: they hold password hashes and secrets and belong to one server.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from runstrong.core.errors import InputError, StorageError
from runstrong.core.model import Activity
from runstrong.services import export_codec as codec
from runstrong.services import export_csv
from runstrong.storage import repository as repo

MANIFEST = "runstrong-export.json"
FORMAT_MARKER = "runstrong-export"
FORMAT_VERSION = 1
FORMATS = ("json", "csv")


def is_export_dir(path: Path) -> bool:
    """Whether ``path`` is a folder written by :func:`export`."""
    return path.is_dir() and (path / MANIFEST).is_file()


def _activities(session: Session, athlete_id: int) -> Iterator[tuple[int, Activity, dt.datetime]]:
    for activity_id in repo.activity_ids(session, athlete_id):
        stored = repo.get_activity(session, activity_id, with_streams=True)
        yield stored.id, stored.activity, stored.created_at


def export(session: Session, folder: Path, *, fmt: str, now: dt.datetime) -> dict[str, int]:
    """Write every athlete's log, wellness, plans and plan events to ``folder``; returns counts."""
    if fmt not in FORMATS:
        raise InputError(f"invalid export format {fmt!r}: use json or csv")
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(f"export folder '{folder}' is not empty: give a new or empty folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create export folder '{folder}': {exc.strerror}") from None
    athletes = repo.list_athletes(session)
    writer: codec.ExportWriter = (
        codec.JsonWriter(folder) if fmt == "json" else export_csv.CsvWriter(folder)
    )
    counts = {"athletes": 0, "activities": 0, "wellness": 0, "plans": 0, "plan_events": 0}
    with writer:
        for athlete in athletes:
            writer.athlete(athlete)
            counts["athletes"] += 1
            for ref, activity, created_at in _activities(session, athlete.id):
                writer.activity(athlete.id, ref, activity, created_at)
                counts["activities"] += 1
            for wellness in repo.list_wellness(session, athlete.id):
                writer.wellness(athlete.id, wellness)
                counts["wellness"] += 1
            for plan in repo.list_plans(session, athlete.id):
                writer.plan(plan)
                counts["plans"] += 1
            for event in repo.list_plan_events(session, athlete.id):
                writer.plan_event(event)
                counts["plan_events"] += 1
    manifest = {
        "format": FORMAT_MARKER,
        "version": FORMAT_VERSION,
        "data_format": fmt,
        "exported_at": now.isoformat(),
        "counts": counts,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts


def write_athlete_zip(
    session: Session, athlete_id: int, profile_toml: str | None, target: IO[bytes]
) -> None:
    """One athlete's everything, lossless, as a zip (the web's "export" download):
    ``profile.toml``, ``activities.jsonl`` (with streams, laps, sets), ``wellness.json``,
    ``plans/plan-<id>[-active].json`` and ``plan_events.json``."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("profile.toml", profile_toml or "")
        with archive.open("activities.jsonl", "w") as out:
            text = io.TextIOWrapper(out, encoding="utf-8")
            for stored in repo.list_activities(session, athlete_id, with_streams=True):
                text.write(json.dumps(codec.activity_dict(stored.activity)) + "\n")
            text.flush()
            text.detach()
        wellness = [
            {k: getattr(w, k) for k in w.__slots__} for w in repo.list_wellness(session, athlete_id)
        ]
        archive.writestr("wellness.json", json.dumps(wellness, default=str, indent=1))
        for p in repo.list_plans(session, athlete_id):
            archive.writestr(f"plans/plan-{p.id}{'-active' if p.active else ''}.json", p.plan_json)
        events = [
            {"day": e.day.isoformat(), "kind": e.kind, "payload": e.payload}
            for e in repo.list_plan_events(session, athlete_id)
        ]
        archive.writestr("plan_events.json", json.dumps(events, indent=1))


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"'{folder}' is not a runstrong export ({MANIFEST}: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT_MARKER:
        raise InputError(f"'{folder}' is not a runstrong export (no format marker)")
    if data.get("version") != FORMAT_VERSION:
        raise InputError(
            f"export version {data.get('version')!r} is not supported: use version {FORMAT_VERSION}"
        )
    if data.get("data_format") not in FORMATS:
        raise InputError(f"export data format {data.get('data_format')!r}: use json or csv")
    return data


def restore(session: Session, folder: Path, *, now: dt.datetime) -> dict[str, int]:
    """Load an export into the database; its athletes' names must not exist yet."""
    manifest = _manifest(folder)
    reader = (
        codec.JsonReader(folder)
        if manifest["data_format"] == "json"
        else export_csv.CsvReader(folder)
    )
    counts = {"athletes": 0, "activities": 0, "wellness": 0, "plans": 0, "plan_events": 0}
    athlete_ids: dict[int, int] = {}
    try:
        for ref, name, profile, created_at in reader.athletes():
            if repo.find_athlete(session, name) is not None:
                raise InputError(
                    f"athlete {name!r} already exists in this database: "
                    "restore an export into an empty database"
                )
            athlete_ids[ref] = repo.add_athlete(
                session, name, now=created_at, profile_toml=profile
            ).id
            counts["athletes"] += 1
        for athlete_ref, activity, created_at in reader.activities():
            repo.add_activity(session, _ref(athlete_ids, athlete_ref), activity, now=created_at)
            counts["activities"] += 1
        for athlete_ref, wellness in reader.wellness():
            repo.put_wellness(session, _ref(athlete_ids, athlete_ref), wellness)
            counts["wellness"] += 1
        for athlete_ref, created_at, active, version, text in reader.plans():
            repo.add_plan(
                session,
                _ref(athlete_ids, athlete_ref),
                text,
                format_version=version,
                now=created_at,
                active=active,
                deactivate_others=False,
            )
            counts["plans"] += 1
        for athlete_ref, day, kind, payload, created_at in reader.plan_events():
            repo.add_plan_event(
                session, _ref(athlete_ids, athlete_ref), day, kind, payload, now=created_at
            )
            counts["plan_events"] += 1
    except (KeyError, ValueError, TypeError, csv.Error, OSError) as exc:
        if isinstance(exc, InputError):
            raise
        raise StorageError(f"export '{folder}' is damaged: {type(exc).__name__}: {exc}") from None
    return counts


def _ref(ids: dict[int, int], ref: int) -> int:
    try:
        return ids[ref]
    except KeyError:
        raise InputError(f"export refers to athlete {ref}, which it does not contain") from None
