"""Zip archives: Strava/Garmin exports and hostile archives (each limit has a test)."""

from __future__ import annotations

import pickle
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from importer_samples import ACTIVITIES, sample
from zip_forge import plain_zip

from runstrong.core.model import Sport
from runstrong.importers import (
    ArchiveLimits,
    Source,
    SourceError,
    iter_sources,
    parse_source,
)
from runstrong.importers._problems import FormatProblem
from runstrong.importers.archive import iter_archive
from runstrong.importers.detect import gunzip
from runstrong.importers.strava import manual_hash, parse_activities_csv

RUN = sample("python-fitparse/garmin-fenix-5-run.fit")


def _walk(data: bytes, limits: ArchiveLimits | None = None) -> list[Source | SourceError]:
    return list(iter_archive(data, "a.zip", limits or ArchiveLimits()))


def test_strava_export_applies_csv_metadata() -> None:
    items = list(iter_sources([ACTIVITIES / "derived/exports/strava_export_sample.zip"]))
    assert all(isinstance(i, Source) for i in items)
    sources = [i for i in items if isinstance(i, Source)]
    assert [s.name.rpartition(":")[2] for s in sources] == [
        "activities/12866632127.fit.gz",
        "activities/9000000001.gpx",
        "activities/9000000002.fit.gz",
        "activities/9000000003.tcx.gz",
        "activities/9000000004.fit.gz",
        "activities.csv#9000000005",  # manual entry: no file
    ]
    results = [parse_source(s) for s in sources]
    acts = [r.activities[0] for r in results]
    assert [a.name for a in acts] == [
        "Laufen Landal Park",
        "Evening Run (Strava app GPX)",
        "Lunch Run (FR110)",
        "Garmin Connect TCX",
        "Gym (strength, FR965)",
        "Manual entry, no file",
    ]
    # The Strava-app GPX has no <type>; the CSV says Run.
    assert acts[1].sport is Sport.RUNNING
    assert acts[3].sport is Sport.CYCLING  # "Ride"
    assert acts[4].sport is Sport.STRENGTH and len(acts[4].sets) == 14
    assert sources[0].hint_meta["strava_activity_id"] == "12070555079"
    manual = acts[5]
    assert manual.sport is Sport.RUNNING
    assert manual.start.isoformat() == "2025-10-21T19:00:00+00:00"
    assert manual.duration_s == 1800
    # Only the display Distance column ("5.00") is filled; the file's other rows with both
    # columns (3.32 beside 3322.95 m) say it is in kilometres.
    assert manual.distance_m == 5000.0
    assert manual.streams.t_s == ()
    assert manual.source_format == "strava-csv"
    assert manual.source_hash == manual_hash("9000000005")


def test_strava_csv_columns_by_name_first_duplicate_wins() -> None:
    text = (ACTIVITIES / "strava-export-sample/activities.csv").read_text(encoding="utf-8")
    index = parse_activities_csv(text)
    assert index.manual == []
    assert index.files == {
        "activities/12866632127.fit.gz": {
            "strava_activity_id": "12070555079",
            "strava_activity_date": "May 29, 2022, 3:53:35 PM",
            "name": "Laufen Landal Park",
            "type": "Run",
        }
    }


def test_garmin_export_walks_nested_zip_and_links_summaries() -> None:
    items = list(iter_sources([ACTIVITIES / "derived/exports/garmin_connect_export_sample.zip"]))
    sources = [i for i in items if isinstance(i, Source)]
    assert len(sources) == 5 and len(items) == 5
    assert all("UploadedFiles_0-_Part1.zip:runner@example.com_" in s.name for s in sources)
    results = [parse_source(s) for s in sources]
    names = [r.activities[0].name if r.activities else r.skipped_reason for r in results]
    assert names == [
        "Strength",
        "Indoor Cycling",
        "Laufen",
        "Walk",
        "not an activity: FIT monitoring_b file",
    ]
    assert sources[0].hint_meta["garmin_activity_id"] == "20748058539"


def test_path_traversal_and_absolute_members_are_refused() -> None:
    items = _walk(
        plain_zip({"../evil.fit": RUN, "/abs.fit": RUN, "a\\..\\b.fit": RUN, "ok.fit": RUN})
    )
    assert items[:3] == [
        SourceError("a.zip:../evil.fit", "member path with '..' refused (path traversal)"),
        SourceError("a.zip:/abs.fit", "absolute member path refused"),
        SourceError("a.zip:a\\..\\b.fit", "member path with '..' refused (path traversal)"),
    ]
    assert isinstance(items[3], Source) and items[3].name == "a.zip:ok.fit"


def test_nothing_is_written_to_disk(tmp_path: Path) -> None:
    archive = tmp_path / "x.zip"
    archive.write_bytes(plain_zip({"../escape.fit": RUN, "sub/ok.fit": RUN}))
    before = sorted(tmp_path.rglob("*"))
    items = list(iter_sources([archive]))
    assert [type(i).__name__ for i in items] == ["SourceError", "Source"]
    assert sorted(tmp_path.rglob("*")) == before
    assert not (tmp_path.parent / "escape.fit").exists()


def test_entry_count_cap() -> None:
    data = plain_zip({f"{i}.fit": RUN for i in range(5)})
    assert _walk(data, ArchiveLimits(max_entries=4)) == [
        SourceError("a.zip", "archive has 5 entries, more than the limit of 4")
    ]


def test_total_uncompressed_size_cap() -> None:
    data = plain_zip({f"{i}.fit": RUN for i in range(3)})
    limit = 2 * len(RUN)
    assert _walk(data, ArchiveLimits(max_total_bytes=limit)) == [
        SourceError(
            "a.zip",
            f"archive expands to {3 * len(RUN)} bytes, more than the {limit} bytes left of "
            f"the limit of {limit} uncompressed bytes for one import",
        )
    ]


def test_per_file_size_cap() -> None:
    items = _walk(
        plain_zip({"big.gpx": b"<gpx>" + b" " * 5000}), ArchiveLimits(max_member_bytes=1000)
    )
    assert items == [
        SourceError(
            "a.zip:big.gpx",
            "member is 5005 bytes uncompressed, more than the per-file limit of 1000",
        )
    ]


def test_compression_ratio_cap_stops_zip_bombs() -> None:
    bomb = plain_zip({"bomb.fit": b"\0" * (4 * 1024 * 1024)})
    assert len(bomb) < 10_000
    (item,) = _walk(bomb)
    assert isinstance(item, SourceError)
    assert item.name == "a.zip:bomb.fit"
    assert item.reason.startswith("compression ratio ")
    assert item.reason.endswith(":1 exceeds the limit of 200:1 (possible zip bomb)")


def test_nested_zip_depth_cap() -> None:
    inner = plain_zip({"run.fit": RUN})
    middle = plain_zip({"inner.zip": inner})
    outer = plain_zip({"middle.zip": middle})
    assert _walk(outer, ArchiveLimits(max_depth=2)) == [
        SourceError("a.zip:middle.zip:inner.zip", "nested archive deeper than 2 levels")
    ]
    (ok,) = _walk(outer, ArchiveLimits(max_depth=3))
    assert isinstance(ok, Source) and ok.name == "a.zip:middle.zip:inner.zip:run.fit"


def test_corrupt_member_is_reported() -> None:
    data = bytearray(plain_zip({"run.fit": RUN}, zipfile.ZIP_STORED))
    data[100] ^= 0xFF  # inside the stored member: zip CRC no longer matches
    (item,) = _walk(bytes(data))
    assert isinstance(item, SourceError)
    assert item.reason.startswith("unreadable member (Bad CRC-32")


def test_not_a_zip() -> None:
    (item,) = _walk(b"PK\x03\x04 garbage")
    assert isinstance(item, SourceError) and item.reason.startswith("not a readable zip archive")


def test_gzip_bomb_is_capped() -> None:
    import gzip

    with pytest.raises(FormatProblem, match="larger than the limit of 1000 bytes"):
        gunzip(gzip.compress(b"\0" * 100_000), 1000)


def test_folder_walk_and_missing_path(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "run.FIT").write_bytes(RUN)
    (tmp_path / "a.gpx.gz").write_bytes(b"\x1f\x8b")
    (tmp_path / "notes.txt").write_text("not an activity")
    items = list(iter_sources([tmp_path, tmp_path / "missing.fit"]))
    assert [i.name for i in items] == [
        str(tmp_path / "a.gpx.gz"),
        str(tmp_path / "b" / "run.FIT"),
        str(tmp_path / "missing.fit"),
    ]
    assert items[2] == SourceError(str(tmp_path / "missing.fit"), "no such file or folder")
    assert (
        parse_source(items[0]).error
        == "truncated gzip stream (ends before the end-of-stream marker)"
    )  # type: ignore[arg-type]


def test_results_are_picklable_for_process_pools() -> None:
    source = Source("run.fit", RUN, {"name": "x"})
    result = parse_source(source)
    assert pickle.loads(pickle.dumps(result)) == result
    with ProcessPoolExecutor(max_workers=1) as pool:
        (remote,) = pool.map(parse_source, [source])
    assert remote == result


def test_plain_file_over_the_per_file_cap(tmp_path: Path) -> None:
    big = tmp_path / "big.fit"
    big.write_bytes(RUN)
    assert list(iter_sources([big], ArchiveLimits(max_member_bytes=100))) == [
        SourceError(str(big), f"file is {len(RUN)} bytes, more than the per-file limit of 100")
    ]


def test_manual_rows_use_the_metre_distance_column() -> None:
    text = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
        "Filename,Elapsed Time,Moving Time,Distance\n"
        '7,"Jan 2, 2024, 6:05:00 AM",Treadmill,Run,2400,8.00,,2400.0,2300.0,8046.7\n'
        '8,"not a date",Broken,Run,60,1.00,,,,\n'
    )
    index = parse_activities_csv(text)
    assert index.files == {}
    ok = parse_source(Source("a.zip:activities.csv#7", b"", index.manual[0]))
    (act,) = ok.activities
    assert (act.distance_m, act.duration_s, act.moving_time_s) == (8046.7, 2400.0, 2300.0)
    assert act.start.isoformat() == "2024-01-02T06:05:00+00:00"
    bad = parse_source(Source("a.zip:activities.csv#8", b"", index.manual[1]))
    assert bad.error == (
        "manual activity has an unreadable date 'not a date' "
        "(expected like 'May 29, 2022, 3:53:35 PM')"
    )


_HEADER = (
    "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,"
    "Filename,Elapsed Time,Moving Time,Distance\n"
)


def _manual_distance(text: str) -> float | None:
    (row,) = parse_activities_csv(text).manual
    (act,) = parse_source(Source("a.zip:activities.csv#9", b"", row)).activities
    return act.distance_m


def test_manual_row_without_metres_reads_the_display_column_in_kilometres() -> None:
    """Issue: a manual entry with only the display distance lost it ("30:00", no km)."""
    text = _HEADER + '9,"Oct 21, 2025, 7:00:00 PM",Manual,Run,1800,5.00,,1800,,\n'
    assert _manual_distance(text) == 5000.0


def test_display_unit_is_taken_from_rows_with_both_columns() -> None:
    # An athlete with imperial preferences: 3.11 (mi) beside 5004.9 m on the file's rows.
    text = (
        _HEADER
        + '1,"Oct 20, 2025, 7:00:00 PM",Run,Run,1800,3.11,activities/1.fit,1800,1790,5004.9\n'
        + '2,"Oct 19, 2025, 7:00:00 PM",Run,Run,3600,6.21,activities/2.fit,3600,3590,9994.2\n'
        + '9,"Oct 21, 2025, 7:00:00 PM",Manual,Run,1800,5.00,,1800,,\n'
    )
    assert _manual_distance(text) == 8046.7  # 5.00 international miles


def test_a_lone_distance_column_of_unknown_unit_is_not_used() -> None:
    # Strava-like files with one Distance column (Athlytics' synthetic one is in metres).
    text = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Distance,Filename\n"
        '9,"Oct 21, 2025, 7:00:00 PM",Manual,Run,1800,5000,\n'
    )
    assert _manual_distance(text) is None


def test_oversized_csv_field_keeps_the_rows_before_it() -> None:
    text = (
        "Activity ID,Activity Name,Filename\n"
        "1,Before,activities/1.fit\n"
        f'2,"{"x" * 200_000}",activities/2.fit\n'
    )
    index = parse_activities_csv(text)
    assert list(index.files) == ["activities/1.fit"]
