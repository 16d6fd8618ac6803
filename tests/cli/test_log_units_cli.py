"""``runstrong log run`` reads and echoes distances in the profile's units: a bare
number is miles for a ``units = "mi"`` athlete (it used to be km, echoed in km), an
explicit unit wins; ``log show`` lists distances and climbs in mi and ft (stored in
metres); a km athlete is unchanged."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from runstrong.cli import app, run
from runstrong.core.model import Activity, Sport
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory, transaction

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)


def _athlete(tmp_path: Path, units: str) -> None:
    profile = tmp_path / "athlete.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('units = "km"', f'units = "{units}"')
    profile.write_text(text, encoding="utf-8")
    assert run(["plan", "new", "--profile", str(profile), "--start", "2026-11-30"]) == 0


@contextlib.contextmanager
def _session(db_url: str) -> Iterator[Session]:
    """One transaction on ``db_url``; the engine is disposed after it, so no pooled
    connection is left for the garbage collector (PostgreSQL warns about those)."""
    engine = make_engine(db_url)
    try:
        with transaction(make_session_factory(engine)) as s:
            yield s
    finally:
        engine.dispose()


def _stored_m(db_url: str) -> list[float]:
    with _session(db_url) as s:
        record = repository.find_athlete(s, "Alex Example")
        assert record is not None
        return [a.activity.distance_m or 0 for a in repository.list_activities(s, record.id)]


@pytest.mark.parametrize(
    ("typed", "echo", "metres"),
    [("6", "6 mi", 9656.064), ("6mi", "6 mi", 9656.064), ("10km", "6.2 mi", 10000.0),
     ("8000m", "5 mi", 8000.0)],
)  # fmt: skip
def test_a_miles_athlete_types_and_reads_miles(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str], typed: str, echo: str,
    metres: float,
) -> None:  # fmt: skip
    _athlete(tmp_path, "mi")
    capsys.readouterr()
    code = run(["log", "run", "--date", "2026-12-01", "--distance", typed, "--duration", "60"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert f": {echo} in 1:00:00." in out
    assert _stored_m(db_url) == [pytest.approx(metres)]


def test_a_km_athlete_still_types_km(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _athlete(tmp_path, "km")
    capsys.readouterr()
    assert run(["log", "run", "--date", "2026-12-01", "--distance", "6", "--duration", "30"]) == 0
    assert ": 6 km in 30:00." in capsys.readouterr().out
    assert _stored_m(db_url) == [pytest.approx(6000.0)]


def test_a_bad_distance_names_the_profiles_unit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _athlete(tmp_path, "mi")
    capsys.readouterr()
    assert run(["log", "run", "--distance", "6x", "--duration", "30"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid distance '6x': use a number of mi (8.5) or one with a unit (8000m, 8k, 5mi)"
    )


def test_log_show_lists_miles_and_feet(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt

    _athlete(tmp_path, "mi")
    with _session(db_url) as s:
        record = repository.find_athlete(s, "Alex Example")
        assert record is not None
        hill = Activity(
            sport=Sport.RUNNING,
            start=dt.datetime(2026, 12, 1, 7, tzinfo=dt.UTC),
            duration_s=3600.0,
            distance_m=16093.44,
            elevation_gain_m=300.0,
            source_format="manual",
            name="Hills",
        )
        repository.add_activity(s, record.id, hill, now=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC))
    capsys.readouterr()
    assert run(["log", "show", "--since", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "Hills, 10 mi, climb 984 ft, 1:00:00" in out  # 300 m / 0.3048 = 984.25 ft


def test_help_says_the_distance_is_in_the_profiles_units() -> None:
    result = CliRunner().invoke(app, ["log", "run", "--help"], env={"COLUMNS": "200"})
    assert "Distance in your profile's units" in result.output
    assert "a unit wins" in result.output
