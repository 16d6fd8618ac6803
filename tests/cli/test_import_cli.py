"""``runstrong import``, ``athlete add/list`` and ``db`` commands end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.cli import run

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"
RUN = DATA / "geo-activity-playground" / "2022-05-29-15-53-35_Laufen_Landal_Park.fit"
CORRUPT = DATA / "derived" / "corrupt" / "header-only.fit"  # no record survives
COURSE = DATA / "geo-activity-playground" / "Berlin_0_9_km.fit"


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)


def test_import_prints_a_summary_and_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["import", str(RUN), str(CORRUPT), str(COURSE), "--workers", "0"]
    assert run(args) == 1  # one file failed: the others are imported, the status says so
    out = capsys.readouterr().out
    assert "Imported 1 activity for 'me' from 3 files" in out
    assert "Duplicates skipped: 0" in out
    assert "Not activities, skipped: 1" in out
    assert "not an activity: FIT course file" in out
    assert "Failed: 1" in out
    assert "no complete record or session before the damage" in out
    assert run(args) == 1
    out = capsys.readouterr().out
    assert "Imported 0 activities" in out
    assert "Duplicates skipped: 1" in out


def test_import_for_a_named_athlete(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["athlete", "add", "ana"]) == 0
    assert run(["athlete", "add", "ben"]) == 0
    assert run(["import", str(RUN), "--athlete", "ben", "--workers", "0"]) == 0
    assert "for 'ben'" in capsys.readouterr().out
    assert run(["import", str(RUN), "--athlete", "cy", "--workers", "0"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        "Error: no athlete named 'cy' (known: 'ana', 'ben'); "
        "add one with: runstrong athlete add NAME"
    )


def test_athlete_list_and_duplicate_name(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["athlete", "list"]) == 0
    assert "No athletes yet" in capsys.readouterr().out
    assert run(["athlete", "add", "ana"]) == 0
    assert run(["athlete", "add", "ana"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: athlete 'ana' already exists: choose another name"
    )
    assert run(["athlete", "list"]) == 0
    assert "ana" in capsys.readouterr().out


def test_db_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["db", "upgrade"]) == 0
    assert "already at revision" in capsys.readouterr().out
    assert run(["db", "current"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_db_upgrade_of_a_new_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", f"sqlite:///{tmp_path / 'new' / 'x.sqlite3'}")
    assert run(["db", "current"]) == 0
    assert "none (empty database)" in capsys.readouterr().out
    assert run(["db", "upgrade"]) == 0
    assert "Database upgraded from empty to" in capsys.readouterr().out


def test_export_then_import_the_export_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["import", str(RUN), "--workers", "0"]) == 0
    assert run(["log", "wellness", "--sleep", "8"]) == 0
    assert run(["export", "--format", "csv", str(tmp_path / "out")]) == 0
    assert "Exported 1 athletes, 1 activities, 1 wellness" in capsys.readouterr().out
    assert run(["export", str(tmp_path / "out")]) == 1
    assert "is not empty" in capsys.readouterr().err
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    assert run(["import", str(tmp_path / "out")]) == 0
    assert "Restored export" in capsys.readouterr().out
    assert run(["log", "show", "--since", "2022-01-01"]) == 0
    assert "sleep 8h" in capsys.readouterr().out
    assert run(["import-export", str(tmp_path / "out")]) == 1
    assert "athlete 'me' already exists in this database" in capsys.readouterr().err


def test_import_exit_status_is_0_when_every_file_is_in(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["import", str(RUN), str(COURSE), "--workers", "0"]) == 0  # a course: skipped
    assert "Failed: 0" in capsys.readouterr().out


def test_import_exit_status_is_2_when_the_database_cannot_be_opened(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert run(["import", str(RUN), "--workers", "0"]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(
        "Error: cannot open database 'postgresql+psycopg://nobody@127.0.0.1:1/none': "
    )
    assert "Traceback" not in captured.err + captured.out


def test_import_exit_status_is_2_when_the_import_itself_breaks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("runstrong.cli.importcmd.import_paths", broken)
    assert run(["import", str(RUN), "--workers", "0"]) == 2
    assert capsys.readouterr().err.strip() == (
        "Error: the import stopped (RuntimeError: disk on fire); activities stored before "
        "this are kept, running it again finishes the rest"
    )


def test_import_prints_which_copy_of_a_workout_was_kept(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Strava's copy of the watch's run lost the heart rate: the watch file replaces it."""
    strava = DATA / "strava-export-sample" / "activities" / "12866632127.fit.gz"
    assert run(["import", str(strava), "--workers", "0"]) == 0
    capsys.readouterr()
    assert run(["import", str(RUN), "--workers", "0"]) == 0
    out = capsys.readouterr().out
    assert "Imported 0 activities" in out
    assert "Stored in place of a poorer copy of the same workout: 1" in out
    assert "Notes: 1" in out
    assert f"{RUN}: stored in place of activity 1 (from {strava})" in " ".join(out.split())
