"""``runstrong exercises list|show``: filters, substitutions, JSON, exact errors."""

from __future__ import annotations

import json

import pytest

from runstrong.cli import run
from runstrong.core.exercises import load_library


def test_list_all(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "list"]) == 0
    out = capsys.readouterr().out
    assert f"{len(load_library())} exercises" in out
    assert "Clamshell" in out


def test_list_filters_by_pattern_and_bodyweight(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "list", "--pattern", "hinge", "--equipment", "none", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(r["pattern"] == "hinge" and r["equipment"] == "none" for r in rows)
    assert "Glute bridge" in {r["name"] for r in rows}


def test_list_with_equipment_and_complaint(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["exercises", "list", "-e", "dumbbell", "-e", "bench", "--avoid", "knee", "--json"]
    assert run(args) == 0
    rows = json.loads(capsys.readouterr().out)
    names = {r["name"] for r in rows}
    assert "Dumbbell bench press" in names
    assert "Back squat" not in names and "Bulgarian split squat" not in names
    assert all("knee" not in r["contraindications"] for r in rows)


def test_list_by_muscle(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "list", "--muscle", "calves", "--json"]) == 0
    assert all("calves" in r["muscles"] for r in json.loads(capsys.readouterr().out))


def test_show_lists_substitutions_with_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "show", "back squat"]) == 0
    out = capsys.readouterr().out
    assert "Back squat  (back_squat)" in out
    assert "Substitutions (R17)" in out
    assert "Wall sit" in out
    assert "lighter" in out


def test_show_json_and_reason_filter(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "show", "RDL", "--reason", "travel", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "romanian_deadlift"
    assert [s["name"] for s in data["substitutions"]] == [
        "Bodyweight single-leg RDL",
        "Glute bridge",
    ]
    assert "no equipment" in data["substitutions"][0]["why"]


def test_show_mobility_drill(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "show", "knee to wall"]) == 0
    assert "Opens:" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["exercises", "show", "bulgarain split squat"],
            "Error: unknown exercise 'bulgarain split squat'; did you mean: Bulgarian split squat",
        ),
        (
            ["exercises", "list", "--pattern", "twist"],
            "Error: unknown pattern 'twist'; allowed: hinge, knee_dominant",
        ),
        (
            ["exercises", "list", "--equipment", "rope"],
            "Error: unknown equipment 'rope'; allowed: none, barbell",
        ),
        (
            ["exercises", "list", "--avoid", "elbow"],
            "Error: unknown complaint 'elbow'; allowed: knee, achilles",
        ),
        (
            ["exercises", "show", "RDL", "--reason", "sore"],
            "Error: unknown substitution reason 'sore'; allowed: lighter, bodyweight, travel",
        ),
    ],
)
def test_errors_exit_1_without_traceback(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(args) == 1
    err = capsys.readouterr().err
    assert " ".join(err.split()).startswith(message)
    assert "Traceback" not in err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["exercises", "--help"]) == 0
    out = capsys.readouterr().out
    assert "list" in out and "show" in out
    assert run(["exercises", "show", "--help"]) == 0
    assert "substitutions" in capsys.readouterr().out


def test_list_equipment_gym_means_everything_as_in_the_profile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # QA: the profile takes equipment = ["gym"], but `exercises list -e gym` was refused.
    assert run(["exercises", "list", "--pattern", "hinge"]) == 0
    everything = capsys.readouterr().out
    assert run(["exercises", "list", "--pattern", "hinge", "-e", "gym"]) == 0
    assert capsys.readouterr().out == everything
