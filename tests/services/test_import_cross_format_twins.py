"""One workout recorded as GPX and as TCX is stored once, whatever sport each file names
(issue: Athlytics' example.gpx and example.tcx, the same 0:20 workout with HR 122, were
stored twice, as "other" and "running")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from runstrong.services.athletes import resolve_athlete
from runstrong.services.imports import import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

ATHLYTICS = Path(__file__).resolve().parents[1] / "data" / "activities" / "Athlytics"
GPX = ATHLYTICS / "example.gpx"  # no <type>; 3 points, 0:20, HR 120-124
TCX = ATHLYTICS / "example.tcx"  # Sport="Running"; same points, 30 m, power too
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)


def _athlete(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as s:
        return resolve_athlete(s, None, now=NOW).id


def _stored_sports(factory: sessionmaker[Session], athlete_id: int) -> list[str]:
    with transaction(factory) as s:
        return [
            repo.get_activity(s, i, with_streams=False).activity.sport.value
            for i in repo.activity_ids(s, athlete_id)
        ]


def test_gpx_and_tcx_of_one_workout_are_stored_once(
    session_factory: sessionmaker[Session],
) -> None:
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [GPX, TCX], athlete_id=athlete_id, now=NOW, workers=0)
    # The TCX has more data (power, laps): it replaces the GPX stored first.
    assert (report.imported, report.replaced, report.duplicates) == (1, 1, 0)
    assert _stored_sports(session_factory, athlete_id) == ["running"]


def test_a_twin_of_another_sport_with_the_same_length_is_the_same_workout(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    # The GPX names a type runstrong does not know: it stays "other", the TCX is a run.
    odd = tmp_path / "odd.gpx"
    odd.write_bytes(GPX.read_bytes().replace(b"<trkseg>", b"<type>parkour</type><trkseg>", 1))
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [odd, TCX], athlete_id=athlete_id, now=NOW, workers=0)
    assert (report.imported, report.replaced, report.duplicates) == (1, 1, 0)
    assert _stored_sports(session_factory, athlete_id) == ["running"]


def test_a_different_length_activity_of_another_sport_is_not_a_twin(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    # Same start, but this "other" track goes on for ten minutes: not the 0:20 run.
    longer = tmp_path / "longer.gpx"
    extra = (
        b'<trkpt lat="1.310000" lon="103.810000"><time>2025-01-01T00:10:20Z</time></trkpt></trkseg>'
    )
    data = GPX.read_bytes().replace(b"<trkseg>", b"<type>parkour</type><trkseg>", 1)
    longer.write_bytes(data.replace(b"</trkseg>", extra, 1))
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [longer, TCX], athlete_id=athlete_id, now=NOW, workers=0)
    assert (report.imported, report.duplicates) == (2, 0)
    assert sorted(_stored_sports(session_factory, athlete_id)) == ["other", "running"]
