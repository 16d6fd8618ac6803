"""Which copy of a same-workout duplicate is kept: the same one whatever the order or timing.

The device's FIT file of a run and Strava's re-encoding of it (tests/data, see
ATTRIBUTION.md) are one workout; Strava's copy lost the heart rate. The device
file must be the one kept, whether it is imported first, second, or at the
same moment as the other copy from another process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from runstrong.importers import parse_bytes
from runstrong.services.imports import ImportProgress, ImportReport, import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import make_engine, make_session_factory, transaction
from runstrong.storage.records import StoredActivity

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
DEVICE = DATA / "geo-activity-playground" / "2022-05-29-15-53-35_Laufen_Landal_Park.fit"
STRAVA = DATA / "strava-export-sample" / "activities" / "12866632127.fit.gz"
NOT_AN_ACTIVITY = DATA / "python-fitparse" / "MonitoringFile.fit"
GPX = DATA / "Athlytics" / "example.gpx"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _athlete(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as s:
        return repo.add_athlete(s, "ana", now=NOW).id


def _stored(factory: sessionmaker[Session], athlete_id: int) -> list[StoredActivity]:
    with transaction(factory) as s:
        return repo.list_activities(s, athlete_id, with_streams=True)


def test_the_files_differ_as_the_rule_needs() -> None:
    """Preconditions, read straight from the files: one workout, only the device has HR."""
    device = parse_bytes(DEVICE.read_bytes(), str(DEVICE))[0]
    strava = parse_bytes(STRAVA.read_bytes(), str(STRAVA))[0]
    assert abs((device.start - strava.start).total_seconds()) <= 5
    assert any(v is not None for v in device.streams.heart_rate_bpm)
    assert not any(v is not None for v in strava.streams.heart_rate_bpm)


@pytest.mark.parametrize(
    "order", [(DEVICE, STRAVA), (STRAVA, DEVICE)], ids=["device-first", "strava-first"]
)
def test_the_richer_copy_is_kept_in_either_order(
    order: tuple[Path, Path], session_factory: sessionmaker[Session]
) -> None:
    athlete_id = _athlete(session_factory)
    first, second = order
    one = import_paths(session_factory, [first], athlete_id=athlete_id, now=NOW, workers=0)
    two = import_paths(session_factory, [second], athlete_id=athlete_id, now=NOW, workers=0)
    [kept] = _stored(session_factory, athlete_id)
    assert kept.activity.source_hash == hashlib.sha256(DEVICE.read_bytes()).hexdigest()
    assert kept.activity.source_name == str(DEVICE)
    assert any(v is not None for v in kept.activity.streams.heart_rate_bpm)
    assert len(kept.activity.laps) == 4
    assert one.imported == 1
    [note] = two.notes
    if first == DEVICE:
        assert (two.imported, two.duplicates, two.replaced) == (0, 1, 0)
        assert note.name == str(STRAVA)
        assert note.reason == (
            "duplicate, not stored: the same running workout, starting 0 s apart as "
            f"activity {kept.id} (from {DEVICE}); kept that copy (heart rate, cadence, GPS, "
            "laps; 326 samples) over this file (cadence, GPS, laps; 326 samples): "
            "it has more data"
        )
    else:
        assert (two.imported, two.duplicates, two.replaced) == (0, 0, 1)
        assert note.name == str(DEVICE)
        assert f"stored in place of activity {kept.id} (from {STRAVA})" in note.reason
        assert note.reason.endswith("it has more data; that copy is now the duplicate")


def test_a_tie_keeps_the_smaller_file_hash(
    tmp_path: Path, session_factory: sessionmaker[Session]
) -> None:
    """Two copies with the same data (a GPX and the same GPX with a comment added)."""
    copy = tmp_path / "copy.gpx"
    copy.write_bytes(GPX.read_bytes() + b"<!-- exported again -->\n")
    expected = min(_sha256(GPX), _sha256(copy))
    for order in ([GPX, copy], [copy, GPX]):
        athlete_id = _athlete(session_factory) if order[0] == GPX else _second(session_factory)
        for path in order:
            import_paths(session_factory, [path], athlete_id=athlete_id, now=NOW, workers=0)
        [kept] = _stored(session_factory, athlete_id)
        assert kept.activity.source_hash == expected


def _second(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as s:
        return repo.add_athlete(s, "ben", now=NOW).id


@pytest.mark.parametrize(
    "running_first", [DEVICE, STRAVA], ids=["device-running", "strava-running"]
)
def test_a_copy_committed_by_another_import_meanwhile_is_seen(
    running_first: Path, session_factory: sessionmaker[Session]
) -> None:
    """An import that started before the other copy was committed still keeps one copy:
    the check runs on committed data at write time, not on what the import read first."""
    athlete_id = _athlete(session_factory)
    other = STRAVA if running_first == DEVICE else DEVICE
    meanwhile: list[ImportReport] = []

    def import_the_other_copy(progress: ImportProgress) -> None:
        if progress.files_done == 1:  # between the two files of the running import
            meanwhile.append(
                import_paths(session_factory, [other], athlete_id=athlete_id, now=NOW, workers=0)
            )

    running = import_paths(
        session_factory, [NOT_AN_ACTIVITY, running_first], athlete_id=athlete_id, now=NOW,
        workers=0, on_progress=import_the_other_copy,
    )  # fmt: skip
    assert meanwhile[0].imported == 1
    [kept] = _stored(session_factory, athlete_id)
    assert kept.activity.source_name == str(DEVICE)
    assert (running.imported, running.duplicates + running.replaced) == (0, 1)


CHILD = """
import datetime as dt, json, sys, time
from pathlib import Path
from runstrong.services.imports import import_paths
from runstrong.storage.db import make_engine, make_session_factory

url, athlete, here, mine, theirs, *paths = sys.argv[1:]

def both_ready(progress):
    # After the first file (not an activity, so no lock is held): wait for the other
    # import to get as far, so both have read the log before either writes.
    if progress.files_done == 1:
        Path(here, mine).touch()
        for _ in range(3000):
            if Path(here, theirs).exists():
                break
            time.sleep(0.01)

factory = make_session_factory(make_engine(url))
now = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
report = import_paths(factory, [Path(p) for p in paths], athlete_id=int(athlete), now=now,
                      workers=0, on_progress=both_ready)
print(json.dumps({"imported": report.imported, "duplicates": report.duplicates,
                  "replaced": report.replaced, "failed": [p.reason for p in report.failed],
                  "notes": [[n.name, n.reason] for n in report.notes]}))
"""


def test_two_processes_importing_the_two_copies_at_once_keep_the_richer(
    db_url: str, tmp_path: Path
) -> None:
    engine = make_engine(db_url)
    try:
        _race_twice(make_session_factory(engine), db_url, tmp_path)
    finally:
        engine.dispose()


def _race_twice(factory: sessionmaker[Session], db_url: str, tmp_path: Path) -> None:
    for round_ in range(2):
        with transaction(factory) as s:
            athlete_id = repo.add_athlete(s, f"runner {round_}", now=NOW).id
        here = tmp_path / f"round{round_}"
        here.mkdir()
        children = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    CHILD,
                    db_url,
                    str(athlete_id),
                    str(here),
                    mine,
                    theirs,
                    str(NOT_AN_ACTIVITY),
                    str(path),
                ],
                stdout=subprocess.PIPE,
                env={**os.environ, "PYTHONWARNINGS": "ignore"},
            )
            for mine, theirs, path in (("a", "b", DEVICE), ("b", "a", STRAVA))
        ]
        reports = [json.loads(child.communicate(timeout=120)[0]) for child in children]
        assert [r["failed"] for r in reports] == [[], []]
        [kept] = _stored(factory, athlete_id)
        assert kept.activity.source_name == str(DEVICE)
        assert any(v is not None for v in kept.activity.streams.heart_rate_bpm)
        assert sum(r["imported"] for r in reports) == 1
        assert sum(r["duplicates"] + r["replaced"] for r in reports) == 1
        [(name, reason)] = [n for r in reports for n in r["notes"]]
        if name == str(STRAVA):
            assert f"(from {DEVICE}); kept that copy" in reason
        else:
            assert name == str(DEVICE)
            assert f"stored in place of activity {kept.id} (from {STRAVA})" in reason
