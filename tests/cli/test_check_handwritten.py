"""Issue 12 part 9: ``runstrong check`` audits what it is given.

A hand-written plan carrying only the documented fixed fields is audited, with a
NOTE for every bookkeeping field derived and for percentages read as fractions;
structural garbage is still an error naming the field; exit 1 only for hard
rules (``--strict``: also for quality findings).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from runstrong.cli import run

SQUAT = {"name": "Back squat", "sets": 3, "reps": 5, "pct_e1rm": 87}
HAND_WRITTEN: dict[str, Any] = {
    "weeks": [
        {
            "start_date": "2027-03-01",
            "phase": "race",
            "deload": False,
            "run_km": 18.0,
            "sessions": [
                {"date": "2027-03-01", "start": "18:00", "kind": "strength",
                 "category": "heavy", "hard": False, "duration_min": 60, "load": 300,
                 "exercises": [SQUAT]},
                {"date": "2027-03-02", "start": "07:00", "kind": "run",
                 "category": "intervals", "hard": True, "duration_min": 50,
                 "distance_km": 8.0, "load": 400},
                {"date": "2027-03-07", "start": "09:00", "kind": "run", "category": "race",
                 "hard": True, "duration_min": 50, "distance_km": 10.0, "load": 500},
            ],
        }
    ]
}  # fmt: skip
NOTES = [
    "NOTE format_version: missing; read as 1.0",
    "NOTE athlete: missing; the plan is audited as 'unknown'",
    "NOTE index: missing in 1 week(s); taken from their order",
    "NOTE id: missing in 3 session(s); derived as wNN-day-kind",
    "NOTE start_date: missing; taken from the first week (2027-03-01)",
    "NOTE race_date: missing; taken from the last race session (2027-03-07)",
    "NOTE race_distance_m: missing; taken from the race session (10 km)",
    "NOTE pct_e1rm: 1 value(s) above 1.5 read as percentages",
    "NOTE muscles: missing in 1 exercise(s); taken from the exercise library",
]


def _write(tmp_path: Path, data: dict[str, Any]) -> str:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_plan_with_only_the_fixed_fields_is_audited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", _write(tmp_path, HAND_WRITTEN)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[: len(NOTES)] == NOTES
    assert out[len(NOTES)].startswith(
        "HARD R3   2027-03-01  w01-tue-run, w01-mon-strength: heavy strength on 2027-03-01 "
        "18:00 is 12.0 h from intervals run on 2027-03-02 07:00"
    )
    quality = [line for line in out if line.startswith("QUALITY")]
    assert [line.split()[1] for line in quality] == ["Q5", "Q5"]
    assert "heavy-before-race: w01-mon-strength lifts heavy 6 days before the 10 km race" in (
        quality[0] + quality[1]
    )
    assert out[-1].startswith("plan.json: hard rules broken (1 hard, ")


def test_quality_findings_fail_only_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(HAND_WRITTEN)
    # no R3 break left: the intervals move to the race's eve (a Q5 finding); relabelling
    # the 87 % squat "moderate" would not do, R3 reads what a lift lifts (is_r3_heavy)
    data["weeks"][0]["sessions"][1]["date"] = "2027-03-06"
    path = _write(tmp_path, data)
    assert run(["check", path]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "plan.json: no hard rule broken (0 hard, 2 soft, 2 quality, 2 info)"
    )
    assert run(["check", path, "--strict"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "plan.json: no hard rule broken; quality findings (--strict) "
        "(0 hard, 2 soft, 2 quality, 2 info)"
    )


def test_json_output_carries_the_notes_and_quality_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["check", _write(tmp_path, HAND_WRITTEN), "--json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["notes"] == [n.removeprefix("NOTE ") for n in NOTES]
    assert body["counts"]["quality"] == 2
    assert {f["rule"] for f in body["findings"] if f["severity"] == "quality"} == {"Q5"}


def test_format_version_as_a_number_is_read_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = {**copy.deepcopy(HAND_WRITTEN), "format_version": 1}
    run(["check", _write(tmp_path, data)])
    assert "NOTE format_version: the number 1 read as '1.0'" in capsys.readouterr().out


def test_structural_garbage_is_still_an_error_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(HAND_WRITTEN)
    data["weeks"][0]["sessions"][1]["kind"] = "swim"
    assert run(["check", _write(tmp_path, data)]) == 1
    assert capsys.readouterr().err.startswith(
        "Error: plan.json: weeks[0].sessions[1].kind: 'swim' is not allowed; use run, "
    )
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    assert run(["check", str(tmp_path / "list.json")]) == 1
    assert capsys.readouterr().err == (
        "Error: list.json: (top level): a plan is a JSON object with 'weeks'; "
        "see docs/plan-format.md\n"
    )


def test_a_percentage_between_1_2_and_1_5_is_still_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy.deepcopy(HAND_WRITTEN)
    data["weeks"][0]["sessions"][0]["exercises"][0]["pct_e1rm"] = 1.3
    assert run(["check", _write(tmp_path, data)]) == 1
    err = capsys.readouterr().err
    assert "weeks[0].sessions[0].exercises[0].pct_e1rm: 1.3 is too large" in err
