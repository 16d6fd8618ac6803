"""Damaged watch files import what was read, and the import report says so (issue: a
FIT file with a wrong CRC or a cut last record was dropped whole)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from runstrong.services.athletes import resolve_athlete
from runstrong.services.imports import import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
NICK = DATA / "python-fitparse" / "nick.fit"  # a ride whose last record is cut
EOF_FILE = DATA / "python-fitparse" / "activity-unexpected-eof.fit"  # one byte short
STRAVA_APP = DATA / "python-fitparse" / "strava-android-app-201.10-b1218918.fit"
HEADER_ONLY = DATA / "derived" / "corrupt" / "header-only.fit"


def test_damaged_files_are_imported_with_a_note_naming_the_damage(
    session_factory: sessionmaker[Session],
) -> None:
    with transaction(session_factory) as s:
        athlete_id = resolve_athlete(s, None, now=NOW).id
    paths = [NICK, EOF_FILE, STRAVA_APP, HEADER_ONLY]
    report = import_paths(session_factory, paths, athlete_id=athlete_id, now=NOW, workers=0)
    assert report.imported == 3
    assert [p.name for p in report.failed] == [str(HEADER_ONLY)]
    notes = {p.name: p.reason for p in report.notes if p.reason.startswith("damaged")}
    assert notes[str(NICK)] == (
        "damaged FIT file (file CRC mismatch (file corrupt or modified); data message at "
        "byte 403437 truncated (the data ends at byte 403454)): "
        "imported the 14,391 complete records read"
    )
    assert [p.reason for p in report.notes if p.name == str(NICK)][1:] == [
        "4 heart rate samples out of range dropped (0 bpm; allowed 25 to 250 bpm)"
    ]
    assert notes[str(EOF_FILE)].startswith("damaged FIT file (truncated: header declares 757")
    assert notes[str(STRAVA_APP)].endswith("imported the 473 complete records read")
    with transaction(session_factory) as s:
        assert repo.count_activities(s, athlete_id) == 3
