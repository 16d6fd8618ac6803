"""Issue 15 item 6 in the CLI: the QA session ("Threshold: 4.29 km", 57.9 min, load
405.3, a 1470 m cool-down) reads as a runner writes it in ``plan show --week``,
``plan explain`` and ``today``, and ``log show`` lists a run with one decimal, for a
km and a miles athlete. Expected texts are worked out by hand in
``tests/rounding_cases.py``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rounding_cases import FACTS, STEPS, TITLE, with_qa_session
from runstrong.cli import run
from runstrong.cli import today as today_cli
from runstrong.exporters.plan_json import dump_plan, load_plan
from runstrong.services.plan_store import current_plan, store_plan
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory, transaction

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
UNITS = ["km", "mi"]


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setattr(today_cli, "interactive", lambda: False)


def _plan_file(tmp_path: Path) -> Path:
    plan = load_plan((PLANS / "good.json").read_text(encoding="utf-8"))
    path = tmp_path / "plan.json"
    path.write_text(dump_plan(with_qa_session(plan, "w1-wed-run")[0]), encoding="utf-8")
    return path


def _cells(text: str, needle: str) -> list[str]:
    line = next(x for x in text.splitlines() if needle in x)
    return [c.strip() for c in line.split("│")[1:-1]]


@pytest.mark.parametrize(
    ("units", "row"),
    [("km", ["wed 03 Mar", "18:00", "run", "Threshold: 4.3 km", "58", "8.8", "405"]),
     ("mi", ["wed 03 Mar", "18:00", "run", "Threshold: 2.7 mi", "58", "5.4", "405"])],
)  # fmt: skip
def test_plan_show_week_is_rounded(
    units: str, row: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan_file(tmp_path)
    assert run(["plan", "show", "--plan", str(plan), "--week", "1", "--units", units]) == 0
    assert _cells(capsys.readouterr().out, "Threshold") == row


@pytest.mark.parametrize("units", UNITS)
def test_plan_explain_is_rounded(
    units: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan_file(tmp_path)
    assert run(["plan", "explain", "2027-03-03", "--plan", str(plan), "--units", units]) == 0
    lines = capsys.readouterr().out.splitlines()
    start = next(i for i, x in enumerate(lines) if TITLE[units] in x)
    assert lines[start].startswith(f"2027-03-03 18:00 {TITLE[units]} — week 1")
    assert [x.strip() for x in lines[start + 1 : start + 5]] == [FACTS[units], *STEPS[units]]


def _athlete_with_qa_session(tmp_path: Path, db_url: str, units: str) -> None:
    """The example athlete in ``units`` with a plan whose Wednesday 2 December quality
    run is the QA session."""
    profile = tmp_path / "athlete.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('units = "km"', f'units = "{units}"')
    profile.write_text(text, encoding="utf-8")
    assert run(["plan", "new", "--profile", str(profile), "--start", "2026-11-30"]) == 0
    engine = make_engine(db_url)
    try:
        with transaction(make_session_factory(engine)) as s:
            record = repository.find_athlete(s, "Alex Example")
            assert record is not None
            plan = current_plan(s, record.id)
            assert plan is not None
            wed = next(x for x in plan.sessions() if x.date == dt.date(2026, 12, 2) and x.steps)
            store_plan(s, record.id, with_qa_session(plan, wed.id)[0], now=dt.datetime.now(dt.UTC))
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("units", "line"),
    [("km", "06:30  run      Threshold: 4.3 km  58 min, 8.8 km"),
     ("mi", "06:30  run      Threshold: 2.7 mi  58 min, 5.4 mi")],
)  # fmt: skip
def test_today_is_rounded(
    units: str, line: str, tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _athlete_with_qa_session(tmp_path, db_url, units)
    capsys.readouterr()
    assert run(["today", "--date", "2026-12-02", "--no-save"]) == 0
    assert line in [x.strip() for x in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize(
    ("units", "typed", "echo", "listed"),
    [("km", "8000m", "8 km in 40:00", "8 km, 40:00"),  # was "8.00 km"
     ("mi", "8000m", "5 mi in 40:00", "5 mi, 40:00"),  # 4.971 mi, was "4.97 mi"
     ("mi", "5mi", "5 mi in 40:00", "5 mi, 40:00"),  # was "5.00 mi"
     ("km", "10.94km", "10.9 km in 40:00", "10.9 km, 40:00")],
)  # fmt: skip
def test_log_show_is_rounded(
    units: str,
    typed: str,
    echo: str,
    listed: str,
    tmp_path: Path,
    db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _athlete_with_qa_session(tmp_path, db_url, units)
    assert run(["log", "run", "--distance", typed, "--duration", "40:00", "--rpe", "4",
                "--date", "2026-12-01"]) == 0  # fmt: skip
    assert f": {echo}." in capsys.readouterr().out
    assert run(["log", "show", "--since", "2026-11-30"]) == 0
    assert _cells(capsys.readouterr().out, "2026-12-01")[3] == f"Run (logged), {listed}"


@pytest.mark.parametrize(
    ("units", "line"),
    [("km", "Wed 02 Dec 06:30  run      Threshold: 4.3 km  58 min, 8.8 km"),
     ("mi", "Wed 02 Dec 06:30  run      Threshold: 2.7 mi  58 min, 5.4 mi")],
)  # fmt: skip
def test_plan_skip_lists_the_week_rounded(
    units: str,
    line: str,
    tmp_path: Path,
    db_url: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from runstrong.cli import plan_changes

    monkeypatch.setattr(plan_changes, "today_local", lambda: dt.date(2026, 11, 30))
    _athlete_with_qa_session(tmp_path, db_url, units)
    capsys.readouterr()
    assert run(["plan", "skip", "2026-12-03"]) == 0
    assert line in [x.strip() for x in capsys.readouterr().out.splitlines()]
