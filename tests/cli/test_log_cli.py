"""``runstrong log lift|run|wellness|rpe|show`` end to end."""

from __future__ import annotations

import io

import pytest

from runstrong.cli import log as log_cli
from runstrong.cli import run


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)


def test_lift_with_flags_then_show(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["log", "lift", "--exercise", "Romanian deadlift", "--set", "3x8@60kg"]
    assert run([*args, "--set", "1x6@65kg", "--rpe", "8", "--minutes", "45"]) == 0
    assert "Logged strength session 1" in capsys.readouterr().out
    assert run(["log", "lift", "-e", "hip thrust", "-s", "3x10@80kg", "--session-rpe", "7"]) == 0
    assert "Added to strength session 1" in capsys.readouterr().out
    assert run(["log", "show"]) == 0
    out = capsys.readouterr().out
    assert "Romanian deadlift 4 sets up to 65 kg" in out
    assert "Hip thrust 3 sets up to 80 kg" in out


def test_invalid_rpe_names_value_and_range(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["log", "lift", "-e", "squat", "-s", "3x5@100kg", "--rpe", "11"])
    assert code == 1
    assert capsys.readouterr().err.strip() == "Error: invalid RPE 11: use a number from 1 to 10"


def test_missing_flag_without_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log_cli, "interactive", lambda: False)
    assert run(["log", "lift", "--set", "3x5"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: missing --exercise: give it on the command line"
    )


def test_prompts_fill_missing_values(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(log_cli, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("Goblet squat\n3x10@20kg, 1x8@24kg\n30\n7\n"))
    assert run(["log", "lift"]) == 0
    out = capsys.readouterr().out
    assert "4 sets of Goblet squat" in out
    assert run(["log", "show"]) == 0
    out = capsys.readouterr().out
    assert "30:00" in out
    assert "│ 7 " in out


def test_run_rpe_and_wellness(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["log", "run", "--distance", "10", "--duration", "50:00", "--rpe", "4"]) == 0
    assert "Logged run 1" in capsys.readouterr().out
    assert run(["log", "rpe", "1", "--rpe", "6"]) == 0
    assert "set to 6" in capsys.readouterr().out
    assert run(["log", "rpe", "99", "--rpe", "6"]) == 1
    assert capsys.readouterr().err.strip() == "Error: no activity with id 99"
    assert run(["log", "wellness", "--sleep", "7.5", "--stress", "2", "--hip-stiffness", "3"]) == 0
    assert run(["log", "wellness", "--stress", "4"]) == 0
    out = capsys.readouterr().out
    assert "sleep 7.5h, stress 4, hip stiffness 3" in out
    assert run(["log", "wellness", "--clear", "hip-stiffness", "--clear", "sleep"]) == 0
    assert capsys.readouterr().out.strip().endswith(": stress 4")
    assert run(["log", "wellness", "--clear", "pulse"]) == 1
    assert "unknown wellness field 'pulse'" in capsys.readouterr().err
    assert run(["log", "wellness", "--mood", "9"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid mood 9: use a whole number from 1 to 5"
    )


def test_bad_date_and_duration(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["log", "run", "--distance", "5", "--duration", "abc"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid duration 'abc': use minutes (45), MM:SS (42:30) or H:MM:SS (1:05:00)"
    )
    assert run(["log", "wellness", "--sleep", "7", "--date", "2026-02-30"]) == 1
    assert "invalid date '2026-02-30'" in capsys.readouterr().err


def test_show_empty(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["log", "show", "--since", "2026-01-01"]) == 0
    assert "Nothing logged for me since 2026-01-01." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("distance", "shown"), [("8k", "8 km"), ("8.5", "8.5 km"), ("5mi", "8 km")]
)
def test_run_distance_takes_units_as_the_readme_shows(
    capsys: pytest.CaptureFixture[str], distance: str, shown: str
) -> None:
    # QA: README's `log run --distance 8k` was a usage error (the option took a bare float).
    assert run(["log", "run", "--distance", distance, "--duration", "42:00"]) == 0
    assert f": {shown} in 42:00." in capsys.readouterr().out


def test_run_distance_typo_names_the_value(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["log", "run", "--distance", "8x", "--duration", "42:00"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid distance '8x': use a number of km (8.5) or one with a unit (8000m, 8k, 5mi)"
    )


def test_run_faster_than_the_world_record_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    # QA: `log run --distance 8 --duration 2:00` (2 minutes, MM:SS) was stored as a real run.
    assert run(["log", "run", "--distance", "8", "--duration", "2:00"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: distance 8 km in duration 2:00 is faster than the world record for the "
        "distance: for 8 km use a duration of 20:42 or more, or check the distance"
    )
    assert run(["log", "run", "--distance", "8", "--duration", "2:00:00"]) == 0


def test_impossible_runs_and_loads_are_refused_beyond_the_record_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # QA: 800 km in one minute (beyond the 100 km end of the record table) and a 600 kg
    # set were stored; nothing of either may be.
    assert run(["log", "run", "--distance", "800k", "--duration", "1:00"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: distance 800 km in duration 1:00 is faster than the world record for the "
        "distance: for 800 km use a duration of 48:44:40 or more, or check the distance"
    )
    assert run(["log", "lift", "-e", "Back squat", "--set", "3x8@600kg"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid load 600 kg: use a number from 0 to 500 kg (the heaviest deadlift "
        "ever lifted is 501 kg; sled and leg-press exercises allow up to 1100 kg)"
    )
    assert run(["log", "run", "--distance", "800m", "--duration", "1:30"]) == 1
    assert "for 0.8 km use a duration of 1:41 or more" in capsys.readouterr().err
    assert run(["log", "show"]) == 0
    assert "Nothing logged" in capsys.readouterr().out


def test_log_match_corrects_the_planned_session(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    profile = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
    assert run(["plan", "new", "--profile", str(profile), "--start", "2026-11-30"]) == 0
    assert run(["log", "run", "--date", "2026-12-01", "--distance", "8km", "--duration", "45"]) == 0
    capsys.readouterr()
    assert run(["log", "match", "1", "w01-thu-run"]) == 0
    assert capsys.readouterr().out.strip().endswith("now fulfils planned session w01-thu-run.")
    assert run(["log", "match", "1", "--none"]) == 0
    assert capsys.readouterr().out.strip().endswith("now fulfils no planned session.")
    assert run(["log", "match", "1", "w99-mon-run"]) == 1
    assert "Error: session 'w99-mon-run' is not in the current plan" in capsys.readouterr().err
    assert run(["log", "match", "1"]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "Error: give a planned session id (e.g. w03-tue-run) or --none, not both"
    # QA: a strength session was accepted as the fulfilment of a planned run.
    lift = ["log", "lift", "--date", "2026-12-01", "-e", "Back squat", "--set", "3x5@60kg"]
    assert run(lift) == 0
    capsys.readouterr()
    assert run(["log", "match", "2", "w01-thu-run"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: activity 2 is a strength session and cannot fulfil the run w01-thu-run: "
        "match it to a planned strength session, or use --none"
    )
