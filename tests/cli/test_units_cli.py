"""Issue 12 part 8: a ``units = "mi"`` athlete sees miles and paces per mile in every
CLI view and export (``plan new`` overview, ``plan show``, ``plan show --week``,
``plan explain``, ``today``, Markdown, iCalendar); a km athlete's output is unchanged."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from runstrong.cli import plan_changes as plan_changes_cli
from runstrong.cli import run
from runstrong.cli import today as today_cli

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
KM = re.compile(r"\d\s?km\b|/km\b|\bkm\b")
"""A distance or pace in km, or a km column; race names such as ``10k`` do not match."""


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setattr(today_cli, "interactive", lambda: False)
    monkeypatch.setattr(plan_changes_cli, "today_local", lambda: dt.date(2026, 11, 30))


def _km_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if KM.search(line)]


def _new_plan(tmp_path: Path, units: str, capsys: pytest.CaptureFixture[str]) -> str:
    profile = tmp_path / "athlete.toml"
    text = EXAMPLE.read_text(encoding="utf-8").replace('units = "km"', f'units = "{units}"')
    profile.write_text(text, encoding="utf-8")
    code = run([
        "plan", "new", "--profile", str(profile), "--start", "2026-11-30",
        "--md", str(tmp_path / "plan.md"), "--ics", str(tmp_path / "plan.ics"),
        "--fit-dir", str(tmp_path / "fit"),
    ])  # fmt: skip
    assert code == 0
    return capsys.readouterr().out


def _views(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    views: dict[str, str] = {}
    commands = {
        "show": ["plan", "show"],
        "explain long run": ["plan", "explain", "2026-12-06"],
        "explain quality": ["plan", "explain", "2026-12-02"],
        "explain race": ["plan", "explain", "2027-04-11"],
        "today": ["today", "--date", "2026-12-06", "--no-save"],
    }
    commands |= {f"week {n}": ["plan", "show", "--week", str(n)] for n in range(1, 21)}
    for name, args in commands.items():
        code = run(args)
        captured = capsys.readouterr()
        if name.startswith("week") and code == 1:
            break  # past the plan's last week
        assert code == 0, captured.err
        views[name] = captured.out
    return views


def test_a_miles_athlete_sees_no_km_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    views = {"new": _new_plan(tmp_path, "mi", capsys), **_views(capsys)}
    views["markdown"] = (tmp_path / "plan.md").read_text(encoding="utf-8")
    views["ics"] = (tmp_path / "plan.ics").read_text(encoding="utf-8").replace("\n ", "")
    assert run(["plan", "skip", "2026-12-03"]) == 0
    views["skip"] = capsys.readouterr().out
    fit = {p.name: p.read_bytes() for p in (tmp_path / "fit").glob("*.fit")}
    assert fit and not [n for n, b in fit.items() if re.search(rb"\d km|/km", b)]
    assert any(re.search(rb"\d:\d\d/mi", b) for b in fit.values())
    for name, text in views.items():
        assert _km_lines(text) == [], name
    assert "→ half marathon (13.1 mi) on 2027-04-11" in views["new"]
    assert re.search(r"base, \d+\.\d mi\n", views["week 1"]) and "┃ mi " in views["week 1"]
    assert re.search(r"long run \d+\.\d mi\.", views["week 1"])
    assert re.search(r"run · long, \d+ min, \d+(?:\.\d)? mi", views["explain long run"])
    assert re.search(r"Race: half marathon \(13\.1 mi\) on Sun 2027-04-11", views["markdown"])
    assert re.search(r"\| Run mi \|", views["markdown"])
    assert re.search(r"@ \d+:\d\d–\d+:\d\d/mi", views["markdown"])
    assert re.search(r"SUMMARY:Threshold: \d+(?:\.\d)? mi\r?\n", views["ics"])
    assert re.search(r"DESCRIPTION:.*\d+:\d\d–\d+:\d\d/mi", views["ics"])
    assert re.search(r"\d+:\d\d–\d+:\d\d/mi", views["explain quality"])
    assert "mi" in views["today"].split("Readiness")[1]
    assert re.search(r"run .* \d+ min, \d+(?:\.\d)? mi", views["skip"])


def test_a_km_athlete_keeps_km(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = _new_plan(tmp_path, "km", capsys)
    assert "→ half marathon (21.1 km) on 2027-04-11" in new
    assert run(["plan", "show", "--week", "1"]) == 0
    week = capsys.readouterr().out
    assert re.search(r"long run \d+(\.\d)? km\.", week) and not re.search(r"\d mi\b", week)
    markdown = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert "| Run km |" in markdown and re.search(r"\d+:\d\d–\d+:\d\d/km", markdown)
    assert not re.search(r"\d mi\b|/mi\b", markdown)


def test_a_miles_athletes_stats_load_is_in_miles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _new_plan(tmp_path, "mi", capsys)  # saves the miles profile as the athlete
    assert run(["log", "run", "--distance", "5mi", "--duration", "40:00", "--rpe", "4",
                "--date", "2026-12-01"]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["stats", "load", "--since", "2026-11-30"]) == 0
    text = capsys.readouterr().out
    assert "run mi" in text and "run km" not in text
    row = next(line for line in text.splitlines() if "2026-11-30" in line)
    assert row.split("│")[2].strip() == "5", row  # 8.05 km shown as 5 mi (a whole number bare)
