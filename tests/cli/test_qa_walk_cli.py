"""QA walk-through (session 6) through the command line: items 6, 10, 13, 18."""

from __future__ import annotations

import pytest

from runstrong.cli import run


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
