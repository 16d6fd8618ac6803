"""The default athlete is explicit (issue 15, part 8): the athlete the CLI first acted
on, or the one ``athlete use NAME`` picks; never a web user's athlete by accident;
``log rpe`` refuses another athlete's activity; ``import-export --database``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from runstrong.cli import run
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory, transaction

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def factory(db_url: str, monkeypatch: pytest.MonkeyPatch) -> sessionmaker[Session]:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setenv("COLUMNS", "200")
    engine = make_engine(db_url)
    yield make_session_factory(engine)  # type: ignore[misc]
    engine.dispose()


def _log_run(*extra: str) -> int:
    return run(["log", "run", "--distance", "5", "--duration", "30:00", *extra])


def test_adding_an_athlete_keeps_the_default(
    factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _log_run() == 0  # creates "me", the default
    assert "Logged run 1 of me" in capsys.readouterr().out
    assert run(["athlete", "add", "Sam"]) == 0
    out = capsys.readouterr().out
    assert "Added athlete 'Sam' (id 2)." in out
    assert "The default athlete is still 'me'" in out
    assert _log_run() == 0
    assert "Logged run 2 of me" in capsys.readouterr().out
    assert run(["athlete", "use", "Sam"]) == 0
    assert "Default athlete: 'Sam' (id 2)" in capsys.readouterr().out
    assert _log_run() == 0
    assert "Logged run 3 of Sam" in capsys.readouterr().out
    assert _log_run("--athlete", "me") == 0
    assert "Logged run 4 of me" in capsys.readouterr().out


def test_default_follows_the_athlete_not_creation_order(
    factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    # Two athletes added by name, none used yet: the CLI asks instead of taking the first.
    assert run(["athlete", "add", "ana"]) == 0
    assert run(["athlete", "add", "ben"]) == 0
    capsys.readouterr()
    assert _log_run() == 1
    assert capsys.readouterr().err.strip() == (
        "Error: several athletes ('ana', 'ben') and no default one: name one with "
        "--athlete NAME, or make it the default with: runstrong athlete use NAME"
    )
    assert run(["athlete", "use", "ben"]) == 0
    assert _log_run() == 0
    assert "of ben" in capsys.readouterr().out


def test_a_web_users_athlete_is_never_the_default(
    factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    # The demo athlete of `make run` belongs to a web user; the CLI's own log is "me".
    with transaction(factory) as session:
        user = repository.add_user(session, "demo@example.org", "x", now=NOW, display_name="Demo")
        repository.add_athlete(session, "Demo athlete", now=NOW, owner_user_id=user.id)
    assert _log_run() == 0
    assert "Logged run 1 of me" in capsys.readouterr().out


def test_log_rpe_refuses_another_athletes_activity(
    factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _log_run() == 0  # activity 1, of "me" (the default)
    assert run(["athlete", "add", "Sam"]) == 0
    assert _log_run("--athlete", "Sam") == 0  # activity 2, of Sam
    capsys.readouterr()
    assert run(["log", "rpe", "2", "--rpe", "7"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: activity 2 is in the log of athlete 'Sam', not of 'me'; "
        "to change it, name its athlete: --athlete 'Sam'"
    )
    with transaction(factory) as session:
        assert repository.get_activity(session, 2, with_streams=False).activity.session_rpe is None
    assert run(["log", "rpe", "2", "--rpe", "7", "--athlete", "Sam"]) == 0
    assert "Session RPE of activity 2 of Sam" in capsys.readouterr().out
    assert run(["log", "rpe", "1", "--rpe", "6"]) == 0
    assert "Session RPE of activity 1 of me" in capsys.readouterr().out


def test_import_export_into_another_database(
    factory: sessionmaker[Session],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _log_run() == 0
    backup = tmp_path / "backup"
    assert run(["export", str(backup)]) == 0
    capsys.readouterr()
    # Into the same (not empty) database: refused, naming the database and the option.
    assert run(["import-export", str(backup)]) == 1
    err = capsys.readouterr().err
    assert "athlete 'me' already exists in this database" in err
    assert "is not empty (athletes: 'me'); restore into another one with --database URL" in err
    target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert run(["import-export", str(backup), "--database", target]) == 0
    out = capsys.readouterr().out
    assert f"Restored export {backup} into {target}: 1 athletes, 1 activities" in out
    assert "was not empty" not in out
    engine = make_engine(target)
    with transaction(make_session_factory(engine)) as session:
        assert [a.name for a in repository.list_athletes(session)] == ["me"]
    engine.dispose()
    # A target that holds other athletes: restored beside them, and the output says so.
    other = f"sqlite:///{tmp_path / 'club.sqlite3'}"
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", other)
    assert run(["athlete", "add", "Zed"]) == 0
    capsys.readouterr()
    assert run(["import-export", str(backup)]) == 0
    out = capsys.readouterr().out
    assert f"Restored export {backup} into {other}: 1 athletes" in out
    assert (
        f"Note: {other} was not empty; its athletes ('Zed') stay beside the restored ones." in out
    )


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


def test_plan_show_and_explain_read_the_default_athletes_plan(
    factory: sessionmaker[Session], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Found by following the README: after `athlete use Sam`, `plan show` printed the
    # plan of the athlete who had one (the newest plan of anyone), not Sam's.
    start = ["--start", "2026-11-30"]
    assert run(["plan", "new", "--profile", str(EXAMPLE), *start]) == 0
    assert run(["athlete", "add", "Sam"]) == 0
    assert run(["athlete", "use", "Sam"]) == 0
    capsys.readouterr()
    assert run(["plan", "show", "--week", "1"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: no saved plan yet for 'Sam': run runstrong plan new --profile FILE, "
        "pass --plan FILE, or name another athlete with --athlete NAME"
    )
    assert run(["plan", "explain", "2026-12-06"]) == 1
    assert "no saved plan yet for 'Sam'" in capsys.readouterr().err
    # --athlete names whose plan; the default is left as it is.
    assert run(["plan", "show", "--week", "1", "--athlete", "Alex Example"]) == 0
    assert "Week 1 from 2026-11-30: base" in capsys.readouterr().out
    assert run(["plan", "explain", "2026-12-06", "--athlete", "Alex Example"]) == 0
    assert "Long run" in capsys.readouterr().out
    # `plan skip` (a re-plan) acts on the default athlete too: Sam has no plan to change.
    # (It used to ask which of the two athletes was meant.)
    assert run(["plan", "skip", "2026-12-08"]) == 1
    assert capsys.readouterr().err.startswith("Error: no saved plan yet")
    assert run(["plan", "show", "--plan", "x.json", "--athlete", "Sam"]) == 1
    assert "cannot go with --plan" in capsys.readouterr().err
