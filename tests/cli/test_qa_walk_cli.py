"""QA walk-through (session 6) through the command line: items 6, 10, 13, 18."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runstrong.cli import run

pytestmark = pytest.mark.sqlite_only  # a shell's text: see tests/conftest.py

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)


def test_leg_press_takes_600_kg_a_squat_does_not(capsys: pytest.CaptureFixture[str]) -> None:
    """Item 6: ``log lift -e "Leg press" -s 3x8@600kg`` was refused as a deadlift typo."""
    assert run(["log", "lift", "-e", "Leg press", "-s", "3x8@600kg"]) == 0
    assert "Logged strength session" in capsys.readouterr().out
    assert run(["log", "lift", "-e", "Back squat", "-s", "3x8@600kg"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid load 600 kg: use a number from 0 to 500 kg (the heaviest deadlift "
        "ever lifted is 501 kg; sled and leg-press exercises allow up to 1100 kg)"
    )
    assert run(["log", "lift", "-e", "Leg press", "-s", "3x8@1200kg"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid load 1200 kg: use a number from 0 to 1100 kg (the heaviest leg "
        "press on record is about 1043 kg)"
    )


def test_init_refuses_an_unknown_time_zone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 13: ``--timezone Mars/Base`` was written; only ``plan new --ics`` failed."""
    path = tmp_path / "me.toml"
    assert run(["athlete", "init", "--yes", "--out", str(path), "--timezone", "Mars/Base"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: 'timezone' = 'Mars/Base' is not a time zone; use an IANA name such as "
        "Europe/Berlin or UTC"
    )
    assert not path.exists()


def test_init_refuses_km_and_miles_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 13: ``--weekly-km 40 --weekly-mi 25`` kept only the miles, without a word."""
    path = tmp_path / "me.toml"
    args = ["athlete", "init", "--yes", "--out", str(path), "--weekly-km", "40"]
    assert run([*args, "--weekly-mi", "25"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --weekly-km 40 and --weekly-mi 25: give the distance in km or in miles, not both"
    )
    assert not path.exists()


def test_a_misspelt_profile_key_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 13: ``long_run_dya = "sat"`` under [week] was skipped without a word."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert 'long_run_day = "sun"' in text
    path = tmp_path / "athlete.toml"
    path.write_text(
        text.replace('long_run_day = "sun"', 'long_run_day = "sun"\nlong_run_dya = "sat"')
    )
    assert run(["plan", "new", "-p", str(path), "--start", "2026-11-30", "--no-save"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: athlete.toml: 'week.long_run_dya' is not a field of the [week] table; did "
        "you mean 'long_run_day'? allowed: mon, tue, wed, thu, fri, sat, sun, gym_days, gym, "
        "long_run_day, max_session_min, two_a_days"
    )


WHOLE_WITH_ZERO = re.compile(r"\b\d+\.0+ ?(?:km|mi)\b|\| \d+\.0 \||│ \d+\.0 +│")
"""A distance written "8.0 mi", "30.0 km" or a table cell "| 8.0 |": a whole number
with ".0", which docs/user-guide.md's rounding table rules out."""


@pytest.mark.parametrize("units", ["km", "mi"])
def test_whole_distances_print_without_point_zero(
    tmp_path: Path, units: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 10: ``plan show`` "base, 30.0 km", "long run 12.0 km"; plan.md "Long run |
    8.0" and "long run 8.0 mi" while the ICS said "8 mi"."""
    profile = tmp_path / "athlete.toml"
    profile.write_text(EXAMPLE.read_text().replace('units = "km"', f'units = "{units}"'))
    md, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    args = ["plan", "new", "-p", str(profile), "--start", "2026-11-30", "--md", str(md)]
    assert run([*args, "--ics", str(ics)]) == 0
    texts = {"new": capsys.readouterr().out, "md": md.read_text(), "ics": ics.read_text()}
    for week in range(1, 8):
        assert run(["plan", "show", "--week", str(week)]) == 0
        texts[f"week {week}"] = capsys.readouterr().out
    found = {name: WHOLE_WITH_ZERO.findall(text)[:3] for name, text in texts.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_race_efforts_keep_their_race_name_in_miles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Item 11: "about 5 km effort" became "about 3.1 mi effort" for a miles athlete."""
    profile = tmp_path / "athlete.toml"
    text = EXAMPLE.read_text().replace('units = "km"', 'units = "mi"')
    assert 'injuries = ["achilles"]' in text  # an Achilles complaint replaces the hills
    profile.write_text(text.replace('injuries = ["achilles"]', "injuries = []"))
    md, ics = tmp_path / "plan.md", tmp_path / "plan.ics"
    args = ["plan", "new", "-p", str(profile), "--start", "2026-11-30", "--md", str(md)]
    assert run([*args, "--ics", str(ics)]) == 0
    capsys.readouterr()
    texts = {"md": md.read_text(), "ics": ics.read_text().replace("\n ", "")}
    assert {name: "hard uphill (about 5K effort)" in text for name, text in texts.items()} == {
        "md": True,
        "ics": True,
    }
    assert [name for name, text in texts.items() if "mi effort" in text] == []


def test_log_show_since_takes_list_filter_days(capsys: pytest.CaptureFixture[str]) -> None:
    """Item 18: ``log show --since 2027-01-01`` was refused ("to <today>") though the
    user guide says list filters take days to 2100-12-31; a day ahead lists nothing."""
    assert run(["log", "lift", "-e", "Back squat", "-s", "3x5@60kg"]) == 0
    capsys.readouterr()
    assert run(["log", "show", "--since", "2100-12-31"]) == 0
    assert capsys.readouterr().out.strip().endswith("since 2100-12-31.")
    assert run(["log", "show", "--since", "2101-01-01"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: --since 2101-01-01 is out of range: use a date from 1900-01-01 to 2100-12-31"
    )
