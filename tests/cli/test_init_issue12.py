"""Issue 12 (coach QA A4b, A1): `athlete init` takes an 800 m goal time or result, and a
beginner with no race and no VDOT."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from runstrong.cli import run
from runstrong.core.athlete import parse_profile

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setattr("runstrong.cli.athlete.today_local", lambda: dt.date(2026, 12, 7))


def _init(path: Path, *flags: str) -> int:
    return run(["athlete", "init", "--out", str(path), "--yes", "--timezone", "UTC",
                "--goal-date", "2027-03-07", *flags])  # fmt: skip


def test_init_takes_an_800_m_goal_time(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: "Error: --goal-time 2:02: distance 800m is outside the model's range: ..."
    path = tmp_path / "a4b.toml"
    code = _init(path, "--race-distance", "1500m", "--race-time", "4:30",
                 "--goal-distance", "800m", "--goal-time", "2:02")  # fmt: skip
    assert code == 0, capsys.readouterr().err
    athlete = parse_profile(tomllib.loads(path.read_text(encoding="utf-8")))
    assert athlete.goal.target_time_s == 122


def test_init_takes_an_800_m_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: "Error: --race-time 2:08: distance 800m is outside the model's range: ..."
    path = tmp_path / "a4b.toml"
    code = _init(path, "--race-distance", "800m", "--race-time", "2:08", "--goal-distance", "800m")
    assert code == 0, capsys.readouterr().err


def test_init_refuses_an_800_m_faster_than_the_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a4b.toml"
    assert (
        _init(path, "--race-distance", "800m", "--race-time", "1:39", "--goal-distance", "800m")
        == 1
    )
    assert capsys.readouterr().err.strip() == (
        "Error: --race-time 1:39: implausible result: 800m in 1:39 is faster than the world "
        "record 1:40.91 (David Rudisha, 2012); check the distance and time"
    )


def test_init_takes_a_beginner_with_no_race_and_no_vdot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Coach QA A1. Before: "Error: missing field 'running.recent_race' or 'running.vdot'; ..."
    path = tmp_path / "a1.toml"
    code = _init(path, "--weekly-km", "5", "--longest-run-km", "2", "--years-running", "0",
                 "--race-distance", "", "--race-time", "", "--goal-distance", "5k")  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.startswith(
        "No race and no VDOT: plans estimate a beginner's VDOT 23.5 from your weekly volume"
    )
    athlete = parse_profile(tomllib.loads(path.read_text(encoding="utf-8")))
    assert athlete.vdot == 23.5 and athlete.vdot_estimated
