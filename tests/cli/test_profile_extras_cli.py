"""`runstrong plan new` with the optional profile tables: travel (R17), injury
history and weight goal (DOMAIN G); errors name the field, no traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from runstrong.cli import run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "athlete.toml"
OPTIONAL = re.compile(
    r"^# (\[\[injury\]\]|\[\[travel\]\]|\[nutrition\]|area|status|since|from|to|equipment"
    r"|windows|note|weight_goal_kg|daily_deficit_kcal)(?= )",
    re.M,
)


def _uncommented() -> str:
    """The example profile with its commented optional tables switched on."""
    return OPTIONAL.sub(r"\1", EXAMPLE.read_text(encoding="utf-8"))


def test_example_optional_tables_plan_and_explain(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prof = tmp_path / "athlete.toml"
    prof.write_text(_uncommented(), encoding="utf-8")
    out = tmp_path / "plan.json"
    assert run(["plan", "new", "-p", str(prof), "--start", "2026-11-30", "--no-save",
                "--json", str(out)]) == 0  # fmt: skip
    capsys.readouterr()
    plan = json.loads(out.read_text(encoding="utf-8"))
    assert any(n.startswith("R17: travel 2027-01-04–2027-01-10") for n in plan["notes"])
    assert any("300 kcal daily deficit" in n for n in plan["notes"])
    trip_lifts = [
        s
        for w in plan["weeks"]
        for s in w["sessions"]
        if s["kind"] == "strength" and "2027-01-04" <= s["date"] <= "2027-01-10"
    ]
    assert trip_lifts and all(any("R17: travel" in w for w in s["why"]) for s in trip_lifts)


def test_bad_travel_dates_are_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    text = _uncommented().replace("to = 2027-01-10", "to = 2027-01-03")
    bad.write_text(text.replace("from = 2027-01-04", "from = 2027-01-05"), encoding="utf-8")
    assert run(["plan", "new", "-p", str(bad), "--start", "2026-11-30", "--no-save"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (
        "Error: bad.toml: 'travel[0].to': 2027-01-03 is before from 2027-01-05; "
        "the trip must end on or after the day it starts"
    )
    assert "Traceback" not in err
