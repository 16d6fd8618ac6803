"""``runstrong check``: exit codes, output lines, JSON output, friendly errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runstrong.cli import run

PLANS = Path(__file__).resolve().parents[1] / "data" / "plans"


def test_good_plan_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(PLANS / "good.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "good.json: no hard rule broken (0 hard, 0 soft, 0 quality, 1 info)"


def test_hard_break_exits_1_and_names_rule_sessions_severity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["check", str(PLANS / "bad-r3-heavy-before-intervals.json")]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "HARD R3   2027-03-02  w1-wed-run, w1-mon-strength: heavy strength on 2027-03-02 18:00 "
        "is 23.0 h from intervals run on 2027-03-03 18:00; at least 24 h needed"
    )
    assert lines[-1] == (
        "bad-r3-heavy-before-intervals.json: hard rules broken (1 hard, 0 soft, 0 quality, 1 info)"
    )


def test_soft_break_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(PLANS / "bad-r2-no-upper-body.json")]) == 0
    assert "SOFT R2 " in capsys.readouterr().out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", str(PLANS / "bad-c1-hard-flag.json"), "--json"]) == 1
    body = json.loads(capsys.readouterr().out)
    assert body["ok"] is False
    assert body["counts"] == {"hard": 1, "soft": 0, "quality": 0, "info": 1}
    assert body["findings"][0] == {
        "rule": "C1",
        "severity": "hard",
        "sessions": ["w2-wed-run"],
        "date": "2027-03-10",
        "message": "w2-wed-run is marked hard=false but category intervals means hard=true",
        "declared": False,
    }


def test_declared_break_is_marked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((PLANS / "bad-r3-heavy-before-intervals.json").read_text(encoding="utf-8"))
    data["broken_rules"] = [
        {"rule": "R3", "severity": "hard", "sessions": ["w1-mon-strength"], "message": "no day"}
    ]
    path = tmp_path / "declared.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(["check", str(path)]) == 1
    assert capsys.readouterr().out.splitlines()[0].endswith("(declared by the plan)")


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "nope.json"
    assert run(["check", str(path)]) == 1
    assert capsys.readouterr().err.strip() == f"Error: plan file '{path}' does not exist"


def test_malformed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads((PLANS / "good.json").read_text(encoding="utf-8"))
    data["weeks"][2]["sessions"][0]["kind"] = "swim"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(["check", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == (
        "Error: plan.json: weeks[2].sessions[0].kind: 'swim' is not allowed; "
        "use run, strength, mobility, cross or rest"
    )


def test_not_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    path.write_text('{"weeks": [}', encoding="utf-8")
    assert run(["check", str(path)]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: plan.json: not valid JSON: Expecting value at line 1 column 12"
    )


def test_bad_profile_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    profile = tmp_path / "athlete.toml"
    profile.write_text("name = [", encoding="utf-8")
    assert run(["check", str(PLANS / "good.json"), "--profile", str(profile)]) == 1
    assert capsys.readouterr().err.startswith("Error: athlete.toml: not valid TOML: ")


def test_help_and_usage(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["check", "--help"]) == 0
    assert "Audit a plan file" in capsys.readouterr().out
    assert run(["check"]) == 2


def test_profile_enables_r6(capsys: pytest.CaptureFixture[str]) -> None:
    root = PLANS.parents[2]
    code = run(
        ["check", str(PLANS / "good.json"), "--profile", str(root / "examples/athlete.toml")]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 1  # the example athlete's windows do not fit this hand-written plan
    assert any(line.startswith("HARD R6 ") for line in out)
    assert not any(line.startswith("INFO R6 ") for line in out)
    assert (
        "HARD R6   2027-03-02  w1-tue-run: easy run on 2027-03-02 07:00 (28 min) is "
        in "\n".join(out)
    )


def test_plan_from_stdin(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    text = (PLANS / "bad-c1-hard-flag.json").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    assert run(["check", "-"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == (
        "<stdin>: hard rules broken (1 hard, 0 soft, 0 quality, 1 info)"
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("{"))
    assert run(["check", "-"]) == 1
    assert capsys.readouterr().err.startswith("Error: <stdin>: not valid JSON: ")


def test_profile_that_fits_the_plan(capsys: pytest.CaptureFixture[str]) -> None:
    profile = str(PLANS / "athlete-good.toml")
    assert run(["check", str(PLANS / "good.json"), "--profile", profile]) == 0
    assert capsys.readouterr().out == (
        "good.json: no hard rule broken (0 hard, 0 soft, 0 quality, 0 info)\n"
    )
    assert run(["check", str(PLANS / "bad-r6-outside-window.json"), "-p", profile]) == 1
    assert capsys.readouterr().out.startswith("HARD R6   2027-03-16  w3-tue-run: ")


def test_quality_findings_read_in_the_profiles_units(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue #12: a runner in miles on three days read "runs 24.1 km, below the current
    # 30 km; state what the windows hold … (the plan states the limit: Q1: 41.8 km …)".
    text = (Path(__file__).resolve().parents[2] / "examples" / "athlete.toml").read_text()
    text = text.replace('units = "km"', 'units = "mi"').replace("weekly_km = 35", "weekly_km = 30")
    week = text[text.index("[week]") : text.index("# Optional tables")]
    three = (
        '[week]\nmon = []\ntue = ["18:00-19:30"]\nwed = []\nthu = ["18:00-19:30"]\nfri = []\n'
        'sat = []\nsun = ["08:00-11:00"]\ngym_days = ["tue", "thu"]\nlong_run_day = "sun"\n'
        "max_session_min = 120\ntwo_a_days = true\n\n"
    )
    profile = tmp_path / "three.toml"
    profile.write_text(text.replace(week, three))
    plan = tmp_path / "plan.json"
    args = ["--profile", str(profile), "--start", "2026-12-07", "--json", str(plan)]
    assert run(["plan", "new", "--no-save", *args]) == 0
    capsys.readouterr()
    assert run(["check", str(plan), "--profile", str(profile)]) == 0
    lines = [x for x in capsys.readouterr().out.splitlines() if "loading-below-current" in x]
    assert lines
    for line in lines:
        assert " km" not in line
        assert "below the current 18.6 mi a week (the plan states the limit: Q1" in line
