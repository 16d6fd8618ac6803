"""``athlete init``'s longest session fits the goal race's long run (QA review 2026-12-07
item 11): a marathoner who never set ``--max-session-min`` got 120 min, which quietly
capped the long runs at 18-19 km against a 29.5 km target (Q2). Explicit values stay."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from pathlib import Path

import pytest

from runstrong.cli import run
from runstrong.core.model import RunCategory
from runstrong.core.planning.build import build_plan
from runstrong.services.profile import read_profile


def _init(path: Path, *extra: str) -> int:
    # QA athlete a2: a 1:50 half, 45 km a week, 3 years of running, a marathon in April.
    return run([
        "athlete", "init", "--yes", "--out", str(path), "--name", "m45",
        "--weekly-km", "45", "--longest-run-km", "18", "--years-running", "3",
        "--race-distance", "half", "--race-time", "1:50:00", "--years-lifting", "1",
        "--goal-date", "2027-04-25", "--timezone", "UTC",
        "--mon", "", "--tue", "18:00-19:30", "--wed", "", "--thu", "18:00-19:30",
        "--fri", "", "--sat", "08:00-10:00", "--sun", "07:00-10:30", "--gym-days", "tue,thu",
        "--long-run-day", "sun", *extra,
    ])  # fmt: skip


def _week(path: Path) -> dict[str, object]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["week"]


def test_a_marathoners_default_fits_the_marathon_long_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m45.toml"
    assert _init(path, "--goal-distance", "marathon") == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    minutes = _week(path)["max_session_min"]
    # Q2: 29.5 km (70 % of the race) at an easy 6:30-7:00/km is 192-207 min (VDOT ~40).
    assert isinstance(minutes, int) and 190 <= minutes <= 240
    assert f"Longest session: {minutes} min" in out and "marathon" in out
    plan = build_plan(read_profile(path), dt.date(2026, 12, 7))
    longest = max(
        s.distance_km for w in plan.weeks for s in w.sessions if s.category == RunCategory.LONG
    )
    assert longest >= 28.0  # before: 19.3 km, the 120-minute cap


def test_an_explicit_value_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "m45.toml"
    assert _init(path, "--goal-distance", "marathon", "--max-session-min", "120") == 0
    assert _week(path)["max_session_min"] == 120


def test_a_10k_keeps_two_hours(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tenk.toml"
    assert _init(path, "--goal-distance", "10k") == 0
    assert _week(path)["max_session_min"] == 120
    assert "Longest session" not in capsys.readouterr().out


def test_the_question_offers_the_goals_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Asked (no --yes), the answer left empty takes the shown, goal-derived default.
    path = tmp_path / "m45.toml"
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" * 40))
    args = ["athlete", "init", "--out", str(path), "--goal-distance", "marathon",
            "--race-distance", "half", "--race-time", "1:50:00", "--weekly-km", "45",
            "--years-running", "3", "--goal-date", "2027-04-25", "--timezone", "UTC"]  # fmt: skip
    assert run(args) == 0, capsys.readouterr().err
    asked = capsys.readouterr().out
    minutes = _week(path)["max_session_min"]
    assert isinstance(minutes, int) and minutes > 120
    assert f"Max session min [{minutes}]" in asked
