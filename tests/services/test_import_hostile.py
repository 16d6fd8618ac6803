"""One bad file never stops the others, on SQLite and PostgreSQL alike (issue 14, part 3).

Each test builds its hostile file from a real sample in tests/data and was
first seen failing on the old code (a crash that stored nothing, or, on
PostgreSQL, text the database refused).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.model import Activity, Sport, Streams
from runstrong.services.athletes import resolve_athlete
from runstrong.services.imports import ImportProblem, import_paths
from runstrong.services.imports.clean import pack
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
GPX = DATA / "togeojson" / "run_gpxtpx.gpx"
TCX = DATA / "python-tcxparser" / "test.tcx"
FIT = DATA / "geo-activity-playground" / "2022-05-29-15-53-35_Laufen_Landal_Park.fit"
GARMIN = DATA / "derived" / "exports" / "garmin_connect_export_sample.zip"
STRAVA = DATA / "derived" / "exports" / "strava_export_sample.zip"
HUGE = b"99999999999999999999"


def _athlete(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as s:
        return resolve_athlete(s, None, now=NOW).id


def _names(factory: sessionmaker[Session], athlete_id: int) -> list[str | None]:
    with transaction(factory) as s:
        return [a.activity.name for a in repo.list_activities(s, athlete_id)]


def _rezip(source: Path, edit: dict[str, bytes]) -> bytes:
    """``source`` with the named members replaced (and new ones added)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, edit.pop(info.filename, None) or old.read(info))
        for name, data in edit.items():
            new.writestr(name, data)
    return buf.getvalue()


def test_an_overflowing_heart_rate_drops_the_sample_and_the_folder_is_imported(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    bad = GPX.read_bytes().replace(b"<gpxtpx:hr>111</gpxtpx:hr>", b"<gpxtpx:hr>" + HUGE + b"<", 1)
    bad = bad.replace(HUGE + b"<", HUGE + b"</gpxtpx:hr>", 1)
    (tmp_path / "bad.gpx").write_bytes(bad)
    (tmp_path / "good.tcx").write_bytes(TCX.read_bytes())
    (tmp_path / "good.fit").write_bytes(FIT.read_bytes())
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [tmp_path], athlete_id=athlete_id, now=NOW, workers=0)
    assert report.failed == []
    assert report.imported == 3
    assert report.notes == [
        ImportProblem(
            str(tmp_path / "bad.gpx"),
            # No human's heart rate: dropped by the importer before the storage check
            # (which still guards what a column cannot hold).
            "1 heart rate sample out of range dropped (1e+20 bpm; allowed 25 to 250 bpm)",
        )
    ]
    with transaction(session_factory) as s:
        stored = repo.list_activities(s, athlete_id, with_streams=True)
    hr = next(a.activity for a in stored if a.activity.source_format == "gpx").streams
    assert hr.heart_rate_bpm[:2] == (None, 111)


def test_a_sample_no_column_holds_is_stored_as_missing() -> None:
    """The storage check behind the importers' plausibility limits (an integer beyond
    32 bits in a channel no importer bounds, or from a caller that skipped them)."""
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    streams = Streams(t_s=(0.0, 1.0), power_w=(2**40, 250))
    notes: list[str] = []
    activity, _ = pack(Activity(Sport.RUNNING, start, 1.0, streams=streams), notes)
    assert activity.streams.power_w == (None, 250)
    assert notes == [
        "1 power_w samples out of range set to missing "
        "(allowed: integers from -2147483647 to 2147483647)"
    ]


def test_a_nan_start_in_garmin_summaries_is_reported_and_the_rest_imported(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with zipfile.ZipFile(GARMIN) as zf:
        member = next(n for n in zf.namelist() if n.endswith("summarizedActivities.json"))
        summaries = zf.read(member)
    broken = summaries.replace(b'"startTimeGmt": 1760982246000', b'"startTimeGmt": NaN', 1)
    assert broken != summaries
    export = tmp_path / "garmin.zip"
    export.write_bytes(_rezip(GARMIN, {member: broken}))
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [export, GPX], athlete_id=athlete_id, now=NOW, workers=0)
    assert report.failed == [
        ImportProblem(
            f"{export}:{member}",
            "1 activity summaries ignored: startTimeGmt nan is not a time "
            "(allowed: milliseconds since 1970, before 2100)",
        )
    ]
    assert report.imported == 5  # 4 activities of the export (1 file is monitoring) + the GPX
    names = _names(session_factory, athlete_id)
    assert "Indoor Cycling" in names and "Laufen" in names  # still linked to their summaries


def test_long_text_is_shortened_to_its_column_with_a_note(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    long_name = "Long run " + "x" * 591  # 600 characters: the column holds 500
    # A day later than the export's copy of this track (its 9000000001.gpx), so it is not
    # that workout's duplicate: a typeless GPX is a run, like the export's copy.
    gpx = (
        GPX.read_bytes()
        .replace(
            b"<name>Greeting SF with a dumb, dumb route</name>",
            f"<name>{long_name}</name>".encode(),
        )
        .replace(b"2015-01-19T", b"2015-01-20T")
    )
    member = "/".join(["d" * 99] * 11) + "/run.tcx"  # a 1,107-character member path
    archive = tmp_path / "deep.zip"
    archive.write_bytes(_rezip(STRAVA, {member: TCX.read_bytes()}))
    (tmp_path / "long.gpx").write_bytes(gpx)
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [tmp_path], athlete_id=athlete_id, now=NOW, workers=0)
    assert report.failed == []
    long_source = f"{archive}:{member}"
    assert (
        ImportProblem(
            str(tmp_path / "long.gpx"),
            "name shortened from 600 to 500 characters (the longest stored)",
        )
        in report.notes
    )
    assert (
        ImportProblem(
            long_source,
            f"source_name shortened from {len(long_source)} to 1000 characters "
            "(the longest stored)",
        )
        in report.notes
    )
    with transaction(session_factory) as s:
        stored = [a.activity for a in repo.list_activities(s, athlete_id)]
    assert long_name[:500] in [a.name for a in stored]
    assert long_source[:1000] in [a.source_name for a in stored]


def test_strava_csv_names_lose_nul_and_are_shortened(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with zipfile.ZipFile(STRAVA) as zf:
        csv = zf.read("activities.csv").decode()
    name = "Manual entry, no file"
    assert name in csv
    hostile = "Tempo\x00 run\x1b[31m " + "y" * 600
    export = tmp_path / "strava.zip"
    export.write_bytes(_rezip(STRAVA, {"activities.csv": csv.replace(name, hostile).encode()}))
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [export], athlete_id=athlete_id, now=NOW, workers=0)
    assert report.failed == []
    manual = f"{export}:activities.csv#9000000005"
    assert [n.reason for n in report.notes if n.name == manual] == [
        "name: 2 control characters removed (NUL, escape codes …)",
        "name shortened from 614 to 500 characters (the longest stored)",
    ]
    assert ("Tempo run[31m " + "y" * 600)[:500] in _names(session_factory, athlete_id)


def test_control_characters_of_a_member_name_are_escaped_in_the_report(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    archive = tmp_path / "names.zip"
    archive.write_bytes(_rezip(STRAVA, {"\x1b[2Jwipe.fit": b"not a FIT file"}))
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [archive], athlete_id=athlete_id, now=NOW, workers=0)
    assert report.failed == [
        ImportProblem(
            f"{archive}:\\x1b[2Jwipe.fit", "unrecognised content: not a FIT, GPX or TCX file"
        )
    ]
    assert report.failed[0].name.endswith(":\\x1b[2Jwipe.fit")
