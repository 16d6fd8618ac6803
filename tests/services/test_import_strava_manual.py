"""A Strava export's manual entry keeps its distance through the import (issue: stored as
"30:00" with no distance, by `runstrong import` and web uploads alike)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from runstrong.services.athletes import resolve_athlete
from runstrong.services.imports import import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

EXPORT = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "activities"
    / "derived"
    / "exports"
    / "strava_export_sample.zip"
)
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def test_manual_entry_of_a_strava_export_is_stored_with_its_distance(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as s:
        athlete_id = resolve_athlete(s, None, now=NOW).id
    report = import_paths(session_factory, [EXPORT], athlete_id=athlete_id, now=NOW, workers=0)
    assert report.failed == []
    with transaction(session_factory) as s:
        stored = [repo.get_activity(s, i, with_streams=False) for i in report.imported_ids]
    (manual,) = [a.activity for a in stored if a.activity.name == "Manual entry, no file"]
    # activities.csv row 9000000005: Elapsed Time 1800, Distance 5.00 (km; no metre value)
    assert (manual.duration_s, manual.distance_m) == (1800.0, 5000.0)
