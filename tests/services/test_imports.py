"""Bulk import: counts, idempotence, cross-source dedup, interruption, storage of every sample."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from runstrong.importers import parse_bytes
from runstrong.services.athletes import resolve_athlete
from runstrong.services.imports import ImportProgress, estimate_file_count, import_paths
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)

RUN = DATA / "geo-activity-playground" / "2022-05-29-15-53-35_Laufen_Landal_Park.fit"
STRAVA_COPY = DATA / "strava-export-sample" / "activities" / "12866632127.fit.gz"
STRENGTH = DATA / "fit-analyzer" / "20748058539_ACTIVITY.fit"
MULTISPORT = DATA / "python-fitparse" / "sample_mulitple_header.fit"
MONITORING = DATA / "python-fitparse" / "MonitoringFile.fit"
CORRUPT = DATA / "derived" / "corrupt" / "header-only.fit"  # no record survives
GPX = DATA / "Athlytics" / "example.gpx"


def _athlete(factory: sessionmaker[Session]) -> int:
    with transaction(factory) as s:
        return resolve_athlete(s, None, now=NOW).id


def test_report_counts_each_outcome(session_factory: sessionmaker[Session]) -> None:
    athlete_id = _athlete(session_factory)
    paths = [RUN, STRENGTH, MULTISPORT, MONITORING, CORRUPT, GPX, DATA / "missing.fit"]
    report = import_paths(session_factory, paths, athlete_id=athlete_id, now=NOW, workers=0)
    legs = len(parse_bytes(MULTISPORT.read_bytes(), MULTISPORT.name))
    assert report.files == 7
    assert report.imported == 3 + legs
    assert report.duplicates == 0
    assert [p.name for p in report.not_activities] == [str(MONITORING)]
    assert {p.name: p.reason for p in report.failed} == {
        str(CORRUPT): (
            "truncated: header declares 121823 data bytes + 2 CRC bytes, only 0 bytes "
            "follow the header; no complete record or session before the damage"
        ),
        str(DATA / "missing.fit"): "no such file or folder",
    }
    with transaction(session_factory) as s:
        assert repo.count_activities(s, athlete_id) == report.imported


# Two byte-identical copies of one session chained in one file (the second with a bad
# CRC, imported since damaged files keep what was read): one leg is stored, the other is
# the same workout, and a re-import counts only the stored leg as a duplicate.
TWIN_LEGS = DATA / "python-fitparse" / "activity-activity-filecrc.fit"


def test_second_import_adds_nothing(session_factory: sessionmaker[Session]) -> None:
    athlete_id = _athlete(session_factory)
    files = sorted(p for p in DATA.rglob("*") if p.is_file() and p != TWIN_LEGS)
    first = import_paths(session_factory, files, athlete_id=athlete_id, now=NOW, workers=0)
    second = import_paths(session_factory, files, athlete_id=athlete_id, now=NOW, workers=0)
    assert first.imported > 50
    assert second.imported == 0
    # Every copy is a duplicate now, also those a richer copy replaced in the first run.
    assert second.duplicates == first.imported + first.duplicates + first.replaced
    with transaction(session_factory) as s:
        assert repo.count_activities(s, athlete_id) == first.imported


def test_same_activity_from_two_sources_is_stored_once(
    session_factory: sessionmaker[Session],
) -> None:
    # The Strava export member is a re-encoding of the device file: other bytes, same workout.
    assert RUN.read_bytes() != STRAVA_COPY.read_bytes()
    athlete_id = _athlete(session_factory)
    report = import_paths(
        session_factory, [RUN, STRAVA_COPY], athlete_id=athlete_id, now=NOW, workers=0
    )
    assert (report.imported, report.duplicates) == (1, 0 + 1)


def test_athletes_are_kept_apart(session_factory: sessionmaker[Session]) -> None:
    with transaction(session_factory) as s:
        ana = repo.add_athlete(s, "ana", now=NOW).id
        ben = repo.add_athlete(s, "ben", now=NOW).id
    for athlete_id in (ana, ben):
        report = import_paths(session_factory, [RUN], athlete_id=athlete_id, now=NOW, workers=0)
        assert report.imported == 1


def test_process_pool_gives_the_same_result(session_factory: sessionmaker[Session]) -> None:
    athlete_id = _athlete(session_factory)
    paths = [RUN, STRENGTH, MULTISPORT, MONITORING, CORRUPT]
    report = import_paths(session_factory, paths, athlete_id=athlete_id, now=NOW, workers=2)
    assert report.files == 5
    assert len(report.failed) == 1
    assert len(report.not_activities) == 1
    with transaction(session_factory) as s:
        stored = repo.list_activities(s, athlete_id, with_streams=True)
    strength = [a.activity for a in stored if a.activity.sets]
    assert len(strength) == 1
    assert strength[0].sets == parse_bytes(STRENGTH.read_bytes(), STRENGTH.name)[0].sets


def test_interrupted_import_is_consistent_and_a_rerun_finishes(
    session_factory: sessionmaker[Session],
) -> None:
    athlete_id = _athlete(session_factory)
    paths = [RUN, STRENGTH, MULTISPORT, GPX]

    def stop_after_two(progress: ImportProgress) -> None:
        if progress.files_done == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_paths(
            session_factory,
            paths,
            athlete_id=athlete_id,
            now=NOW,
            workers=0,
            batch_size=1,
            on_progress=stop_after_two,
        )
    with transaction(session_factory) as s:
        partial = repo.list_activities(s, athlete_id, with_streams=True)
    assert len(partial) == 2
    parsed = [a for p in paths[:2] for a in parse_bytes(p.read_bytes(), str(p))]
    # each committed activity is complete: laps, sets and streams came with it
    assert sorted((s.activity for s in partial), key=lambda a: a.start) == sorted(
        parsed, key=lambda a: a.start
    )
    rerun = import_paths(session_factory, paths, athlete_id=athlete_id, now=NOW, workers=0)
    assert rerun.duplicates == 2
    clean = import_paths(session_factory, paths, athlete_id=athlete_id, now=NOW, workers=0)
    assert clean.imported == 0
    with transaction(session_factory) as s:
        assert repo.count_activities(s, athlete_id) == 2 + rerun.imported


def _corpus_activity_files() -> list[str]:
    corpus = tomllib.loads((DATA.parent / "corpus.toml").read_text(encoding="utf-8"))
    return [f["path"] for f in corpus["file"] if f["outcome"] == "activities"]


@pytest.mark.parametrize("relpath", _corpus_activity_files())
def test_every_sample_is_stored_exactly(
    relpath: str, session_factory: sessionmaker[Session]
) -> None:
    path = DATA / relpath
    if path.suffix == ".zip":
        pytest.skip("archives are covered by the import tests above")
    expected = parse_bytes(path.read_bytes(), str(path))
    athlete_id = _athlete(session_factory)
    report = import_paths(session_factory, [path], athlete_id=athlete_id, now=NOW, workers=0)
    assert report.failed == []
    with transaction(session_factory) as s:
        stored = [a.activity for a in repo.list_activities(s, athlete_id, with_streams=True)]
    assert report.duplicates == 0
    key = lambda a: (a.start, a.leg_index)  # noqa: E731
    assert sorted(stored, key=key) == sorted(expected, key=key)


def test_file_count_estimate() -> None:
    assert estimate_file_count([RUN, GPX]) == 2
    assert estimate_file_count([DATA / "strava-export-sample"]) == 1


def test_export_names_fill_in_the_device_file(session_factory: sessionmaker[Session]) -> None:
    """The watch file has no name; the Strava export's copy of it has one from activities.csv."""
    export = DATA / "derived" / "exports" / "strava_export_sample.zip"
    athlete_id = _athlete(session_factory)
    first = import_paths(session_factory, [RUN], athlete_id=athlete_id, now=NOW, workers=0)
    second = import_paths(session_factory, [export], athlete_id=athlete_id, now=NOW, workers=0)
    assert first.imported == 1
    assert second.duplicates == 1
    with transaction(session_factory) as s:
        stored = repo.get_activity(s, first.imported_ids[0]).activity
    assert stored.name == "Laufen Landal Park"
    assert stored.source_name == str(RUN)


def test_reimport_does_not_parse_known_files(
    session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch
) -> None:
    from runstrong.services.imports import parse

    athlete_id = _athlete(session_factory)
    paths = [RUN, MULTISPORT]
    first = import_paths(session_factory, paths, athlete_id=athlete_id, now=NOW, workers=0)

    def fail(source: object) -> object:
        raise AssertionError(f"parsed again: {source}")

    monkeypatch.setattr(parse, "parse_source", fail)
    again = import_paths(session_factory, paths, athlete_id=athlete_id, now=NOW, workers=0)
    assert (again.imported, again.duplicates) == (0, first.imported)


def test_trail_run_from_an_export_matches_the_watch_run(
    session_factory: sessionmaker[Session],
) -> None:
    """A Strava "Trail Run" and the watch's "running" file are one workout."""
    from dataclasses import replace as dc_replace

    from runstrong.core.model import Sport
    from runstrong.storage import repository as storage

    watch = parse_bytes(RUN.read_bytes(), str(RUN))[0]
    athlete_id = _athlete(session_factory)
    import_paths(session_factory, [RUN], athlete_id=athlete_id, now=NOW, workers=0)
    trail = dc_replace(
        watch,
        sport=Sport.TRAIL_RUNNING,
        source_hash="other-file",
        start=watch.start + dt.timedelta(seconds=3),
    )
    # Another sport is the same workout only when as long and as far (a sport may be a
    # guess, e.g. a GPX without <type>); a ride twice as long is another workout.
    same_length = dc_replace(trail, sport=Sport.CYCLING, source_hash="third-file")
    ride = dc_replace(same_length, duration_s=2 * watch.duration_s)
    from runstrong.services.imports.dedup import Deduper

    with transaction(session_factory) as s:
        dedup = Deduper(s, athlete_id)
        assert dedup.same_workout(s, trail) is not None
        assert dedup.same_workout(s, same_length) is not None
        assert dedup.same_workout(s, ride) is None
        assert storage.count_activities(s, athlete_id) == 1
