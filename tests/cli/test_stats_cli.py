"""``runstrong stats load|progress|habits|compliance`` end to end."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from runstrong import services
from runstrong.cli import run
from runstrong.cli import stats as stats_cli

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

TODAY = dt.date(2026, 3, 20)


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setattr(stats_cli, "today_local", lambda: TODAY)


@pytest.fixture
def log(capsys: pytest.CaptureFixture[str]) -> None:
    for day in ("2026-03-02", "2026-03-09", "2026-03-16"):
        assert run(["log", "lift", "--date", day, "-e", "back squat", "-s", "3x5@100kg",
                    "--session-rpe", "7", "--minutes", "45"]) == 0  # fmt: skip
        assert run(["log", "run", "--date", day, "--distance", "5", "--duration", "25:00",
                    "--rpe", "5"]) == 0  # fmt: skip
    capsys.readouterr()


def test_load_table_json_and_charts(
    log: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert run(["stats", "load", "--since", "2026-03-01"]) == 0
    out = capsys.readouterr().out
    assert "2026-03-16" in out and "TRIMP" not in out.replace("TRIMP ×", "")
    # Every load is in the one currency; a run scored from heart rate is not "TRIMP".
    assert (
        " ".join(out.split()).count(
            "Load is in session-RPE units (RPE × minutes); activities: 6 rated (session RPE), "
            "0 from heart rate (TRIMP × your calibration, in session-RPE units), "
            "0 unrated (RPE 4 assumed)."
        )
        == 1
    )
    assert run(["stats", "load", "--json", "--since", "2026-03-01"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["start"] == "2026-03-01"
    first = next(d for d in body["days"] if d["day"] == "2026-03-02")
    assert first["run"] == pytest.approx(125.0)
    assert first["leg"] == pytest.approx(315.0)
    png, svg = tmp_path / "pmc.png", tmp_path / "pmc.svg"
    assert run(["stats", "load", "--png", str(png), "--svg", str(svg)]) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in svg.read_bytes()
    weekly = tmp_path / "weeks.svg"
    assert run(["stats", "load", "--chart", "volume", "--svg", str(weekly)]) == 0
    assert b"<svg" in weekly.read_bytes() and weekly.read_bytes() != svg.read_bytes()
    capsys.readouterr()
    assert run(["stats", "load", "--chart", "pie"]) == 1
    assert capsys.readouterr().err.strip() == "Error: invalid --chart 'pie': use pmc or volume"


def test_progress_shows_e1rm(log: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(["stats", "progress", "--png", str(tmp_path / "e1rm.png")]) == 0
    out = capsys.readouterr().out
    assert "Back squat" in out and "112.5" in out
    assert "PB 5 km: 25:00 on 2026-03-02" in out
    assert "Prediction 10k:" in out


def test_habits_count_rpe_runs_without_a_plan(
    log: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """No plan and no heart rate: the three runs typed with an RPE are still sessions,
    scored against the athlete's usual speed at that RPE (they used to count as 0);
    three are too few for a finding (R25)."""
    assert run(["stats", "habits"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Performance: % faster than your usual speed at the same session RPE (runs without a"
        " plan or heart rate) (3 sessions scored; 6 logged).",
        "- leg lifting load the day before: not enough data: 3 of 10 sessions needed",
        "These are associations in your own log, not causes: a link can come from something"
        " else that changed at the same time.",
    ]


def test_compliance_needs_a_plan(log: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["stats", "compliance"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: no saved plan yet: run runstrong plan new --profile FILE to build one"
    )


def test_bad_options(log: None, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(["stats", "load", "--png", str(tmp_path / "x.svg")]) == 1
    assert capsys.readouterr().err.strip() == (
        f"Error: --png file '{tmp_path / 'x.svg'}' must end in .png"
    )
    assert run(["stats", "load", "--since", "2027-01-01"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --since 2027-01-01 is after the last day 2026-03-20: give an earlier date"
    )
    assert run(["stats", "load", "--since", "March"]) == 1
    assert capsys.readouterr().err.strip() == "Error: invalid --since 'March': use YYYY-MM-DD"
    # QA: the first day of the calendar overflowed (since - 1 day) into a traceback.
    for command in ("load", "progress", "habits"):
        assert run(["stats", command, "--since", "0001-01-01"]) == 1
        assert capsys.readouterr().err.strip() == (
            "Error: --since 0001-01-01 is out of range: use a date from 1900-01-01 to 2100-12-31"
        )


def test_no_athlete_yet(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["stats", "load"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: no athlete yet: add one with: runstrong athlete add NAME"
    )


def test_load_since_shows_every_week_from_that_day(
    log: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA: --since ("First day shown") was cut to the last 12 weeks in the table.
    assert run(["stats", "load", "--since", "2025-10-01"]) == 0
    out = capsys.readouterr().out
    assert "2025-09-29" in out and "2026-03-16" in out
    assert run(["stats", "load"]) == 0
    assert "2025-12-22" not in capsys.readouterr().out


def test_charts_without_matplotlib_say_how_to_install_it(
    log: None, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """matplotlib is the optional ``charts`` extra: without it a chart is a one-line error."""
    monkeypatch.delitem(sys.modules, "runstrong.services.charts", raising=False)
    monkeypatch.delattr(services, "charts", raising=False)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import now fails as if not installed
    monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
    png = tmp_path / "pmc.png"
    assert run(["stats", "load", "--png", str(png)]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --png and --svg charts need matplotlib, which is not installed: "
        "pip install 'runstrong[charts]' (make dev installs it)"
    )
    assert not png.exists()
    assert run(["stats", "load"]) == 0  # the table needs no matplotlib


def test_a_first_run_gives_no_workload_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    """A new user's first 30-min jog read as ACWR 4.00 (the 28 days before the log
    counted as rest); the ratio waits until the log spans 28 days."""
    assert run(["log", "run", "--date", "2026-03-20", "--distance", "5",
                "--duration", "30:00", "--rpe", "4"]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["stats", "load"]) == 0
    out = capsys.readouterr().out
    assert "ACWR needs 28 days of log; you have 1" in out
    assert "form +0 (yesterday's fitness − fatigue)" in out
    assert run(["stats", "load", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["acwr"][-1] is None


def test_compliance_on_a_plans_first_day_says_what_it_counts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the first day of a plan, compliance printed two empty tables and "Done 0 of 0
    planned sessions" without saying why."""
    example = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
    monkeypatch.setattr(stats_cli, "today_local", lambda: dt.date(2026, 11, 30))
    assert run(["plan", "new", "--profile", str(example), "--start", "2026-11-30"]) == 0
    capsys.readouterr()
    assert run(["stats", "compliance"]) == 0
    assert capsys.readouterr().out.strip() == (
        "No planned session to count yet: compliance counts the days from 2026-11-30 before "
        "today (2026-11-30); a day counts once it is over."
    )


def _cells(out: str, first: str) -> list[str]:
    """The cells of the table row whose first cell is ``first``."""
    row = next(line for line in out.splitlines() if line.startswith(f"│ {first} "))
    return [cell.strip() for cell in row.strip("│").split("│")]


def test_stats_tables_write_whole_numbers_bare(
    log: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA: the weekly table read "5.0" km (and the lifts "+0.0 %") where every other
    table of the CLI writes a whole number bare (``plan show``: "5")."""
    assert run(["stats", "load", "--since", "2026-03-01"]) == 0
    assert _cells(capsys.readouterr().out, "2026-03-16")[1] == "5"
    assert run(["stats", "progress"]) == 0
    assert _cells(capsys.readouterr().out, "Back squat")[2:] == ["112.5", "+0 %"]
