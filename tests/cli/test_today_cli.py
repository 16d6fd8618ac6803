"""``runstrong today`` and ``runstrong plan skip|move`` end to end."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from runstrong.cli import plan_changes as plan_changes_cli
from runstrong.cli import run
from runstrong.cli import today as today_cli
from runstrong.cli.db import open_database
from runstrong.services.athletes import resolve_athlete
from runstrong.storage import repository as repo
from runstrong.storage.db import transaction

ROOT = Path(__file__).resolve().parents[2]
PROFILE = ROOT / "examples" / "athlete.toml"


@pytest.fixture(autouse=True)
def _database(db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", db_url)
    monkeypatch.setattr(today_cli, "interactive", lambda: False)
    monkeypatch.setattr(plan_changes_cli, "today_local", lambda: dt.date(2026, 11, 25))


def test_today_adapts_with_rule_ids_and_fuel(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["today", "--date", "2026-11-30", "--sleep", "8", "--soreness", "2", "--hips", "4"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Readiness: amber" in out
    assert "stiff hips (4/5)" in out
    assert "R20: hip complaint:" in out
    assert "R19: readiness amber: load lowered 5%" in out
    assert "Fuel (R24" in out and "carbohydrate" in out


def test_today_json_and_congested_day(plan: None, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["today", "--date", "2026-12-03", "--minutes", "60", "--json"])
    body = json.loads(capsys.readouterr().out)
    assert code == 0
    assert body["day"] == "2026-12-03"
    # No check-in that day: readiness is "unknown" for that day, not for 0001-01-01.
    assert body["readiness"]["status"] == "unknown"
    assert body["readiness"]["day"] == "2026-12-03"
    rules = [c["rule_id"] for c in body["changes"]]
    assert "R22" in rules
    assert [s["kind"] for s in body["sessions"]] == ["run", "mobility"]
    assert body["nutrition"]["carbohydrate_g"][0] > 0


def test_today_json_without_plan_or_checkin_names_the_day(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["today", "--date", "2026-12-03", "--json"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert body["readiness"]["day"] == "2026-12-03"


def test_today_asks_the_checkin_on_a_terminal(
    plan: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today_cli, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("7.5\n4\n2\n4\n4\n\n\n"))
    assert run(["today", "--date", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "Morning check-in" in out
    assert "sore (4/5)" in out


def test_today_bad_answer_and_bad_date(
    plan: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["today", "--date", "30/11/2026"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid date '30/11/2026': use YYYY-MM-DD, today, yesterday or tomorrow"
    )
    monkeypatch.setattr(today_cli, "interactive", lambda: True)
    monkeypatch.setattr("sys.stdin", io.StringIO("30\n"))
    assert run(["today", "--date", "2026-11-30"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: invalid answer '30' to 'Sleep last night (hours)': use 0 to 24"
    )


@pytest.mark.parametrize("save", ["--save", "--no-save"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--legs", "9"], "Error: invalid leg feel 9: use a whole number from 1 to 5"),
        (["--sleep", "30"], "Error: invalid sleep hours 30: use a number from 0 to 24"),
        (["--soreness", "0"], "Error: invalid soreness 0: use a whole number from 1 to 5"),
    ],
)
def test_today_check_in_flags_out_of_range_are_refused_and_not_stored(
    plan: None, capsys: pytest.CaptureFixture[str], args: list[str], message: str, save: str
) -> None:
    # QA: `today --no-save --legs 9` printed "Readiness: green 200/100" (no range check).
    assert run(["today", "--date", "2026-11-30", save, *args]) == 1
    assert capsys.readouterr().err.strip() == message
    with transaction(open_database()) as session:
        athlete = resolve_athlete(session, None, now=dt.datetime.now(dt.UTC))
        assert repo.get_wellness(session, athlete.id, dt.date(2026, 11, 30)) is None


def test_today_no_save_without_check_in_stays_unknown(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    # QA: `today --no-save` with no check-in said "green (no warning signs in today's
    # check-in)" while plain `today` said "unknown (no check-in for today ...)".
    for args in (["--no-save"], []):
        assert run(["today", "--date", "2026-11-30", *args]) == 0
        assert "Readiness: unknown (no check-in for today" in capsys.readouterr().out


def test_a_race_day_without_an_activity_is_not_re_planned_away(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # QA: with a Wednesday start the goal race (Sun 2027-04-11) is mid-week; `today` on
    # the Monday after, with no race logged, treated it as missed and R22 re-planned the
    # week without it: `plan explain 2027-04-11` then said "rest day, nothing planned".
    assert run(["plan", "new", "--profile", str(PROFILE), "--start", "2026-11-25"]) == 0
    assert run(["today", "--date", "2027-04-12"]) == 0
    assert "missed race run" not in capsys.readouterr().out
    assert run(["plan", "explain", "2027-04-11"]) == 0
    assert "Race: half marathon (21.1 km)" in capsys.readouterr().out


def test_today_without_plan(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["today", "--date", "2026-11-30", "--sleep", "8"]) == 0
    out = capsys.readouterr().out
    assert "Readiness: partial 100/100 (partial check-in: 1 of 8 items answered" in out
    assert run(["today", "--date", "2026-11-30", "--stress", "2", "--soreness", "1"]) == 0
    out = capsys.readouterr().out
    assert "Readiness: green" in out
    assert "Note: no plan yet: build one with runstrong plan new --profile FILE" in out


def test_plan_skip_replans_the_week(plan: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["plan", "skip", "2026-12-02"]) == 0
    out = capsys.readouterr().out
    assert "Week 1 now:" in out
    assert "Wed 02 Dec" not in out.split("Week 1 now:")[1]
    assert "Saved as plan version 2 for Alex Example." in out
    assert run(["plan", "skip", "2026-12-02", "--session", "nope"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: no session 'nope' on 2026-12-02 (there: none)"
    )


def test_plan_move_swaps_and_refuses_rule_breaks(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["plan", "move", "2026-12-01", "--to", "2026-12-05"]) == 0
    out = capsys.readouterr().out
    assert "moved: " in out and "Tue 01 Dec → Sat 05 Dec" in out
    assert run(["plan", "move", "2026-12-02", "--to", "2026-12-20"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: cannot move 2026-12-02 to 2026-12-20: a session moves within its plan week; "
        "use runstrong plan skip for other weeks"
    )
    assert run(["plan", "move", "2026-11-30", "--to", "2026-12-01"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: moving 2026-11-30 to 2026-12-01 would break R")
    assert run(["plan", "move", "2026-11-20", "--to", "2026-11-30"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: cannot move 2026-11-20 to 2026-11-30: days before today (2026-11-25) are "
        "history; use runstrong plan skip for a missed day"
    )


def test_help_texts(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["today", "--help"]) == 0
    assert "--sleep-quality" in capsys.readouterr().out
    assert run(["plan", "skip", "--help"]) == 0
    assert "Skip a day" in capsys.readouterr().out


def test_first_log_then_plan_is_one_athlete(capsys: pytest.CaptureFixture[str]) -> None:
    """QA: a check-in before the first plan created "me"; the plan then went to a second
    athlete and `today` said there was no plan. The profile now adopts "me"."""
    assert run(["log", "wellness", "--date", "2026-11-24", "--sleep", "7"]) == 0
    assert run(["plan", "new", "--profile", str(PROFILE), "--start", "2026-11-30"]) == 0
    capsys.readouterr()
    assert run(["athlete", "list"]) == 0
    listing = capsys.readouterr().out
    assert "Alex Example" in listing and " me " not in listing
    assert run(["today", "--date", "2026-11-30", "--no-save"]) == 0
    assert "no plan" not in capsys.readouterr().out.lower()


def test_checkin_flags_have_the_same_names_in_today_and_log(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """QA: `today --legs` but `log wellness --leg-feel`; both names now work in both."""
    assert run(["log", "wellness", "--date", "2026-11-24", "--legs", "2", "--hips", "4"]) == 0
    assert run(["today", "--date", "2026-12-01", "--leg-feel", "4", "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "Readiness" in out


def _plan_week_1() -> dict[str, dict[str, object]]:
    with transaction(open_database()) as s:
        record = repo.find_athlete(s, "Alex Example")
        assert record is not None
        stored = repo.active_plan(s, record.id)
        assert stored is not None
        body = json.loads(stored.plan_json)
    return {x["id"]: x for x in body["weeks"][0]["sessions"]}


def test_today_and_plan_show_say_what_was_done(
    plan: None, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same matcher as the Calendar: Monday's lift logged at its planned minutes is
    done as planned, Tuesday's run at 2 km is done differently, Wednesday's run is
    missed and Thursday's is not logged yet."""
    week = _plan_week_1()
    lift = week["w01-mon-strength"]
    assert run(["log", "lift", "--date", "2026-11-30", "-e", "back squat", "-s", "3x5@60kg",
                "--session-rpe", "7", "--minutes", f"{lift['duration_min']:.0f}"]) == 0  # fmt: skip
    assert run(["log", "run", "--date", "2026-12-01", "--distance", "2", "--duration", "15:00",
                "--rpe", "4"]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["today", "--date", "2026-12-03", "--no-save"]) == 0
    out = capsys.readouterr().out
    lines = [x.strip() for x in out.split("This week:")[1].strip().splitlines()]
    run_planned = week["w01-tue-run"]
    assert lines[:4] == [
        f"Mon 30 Nov  strength {lift['title']}: done as planned: {lift['duration_min']:.0f} min",
        f"Tue 01 Dec  run      {run_planned['title']}: done differently: 2 km in 15 min "
        f"(planned {run_planned['distance_km']:.1f} km in {run_planned['duration_min']:.0f} min)",
        "Wed 02 Dec  run      Threshold: 2 × 1600 m: missed",  # stored "… 2 × 1.6 km"
        f"Thu 03 Dec  run      {week['w01-thu-run']['title']}: not logged yet",
    ]
    monkeypatch.setattr("runstrong.cli.plan.today_local", lambda: dt.date(2026, 12, 3))
    assert run(["plan", "show", "--week", "1"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "done as planned" in shown and "done differently" in shown and "missed" in shown
    assert run(["plan", "show"]) == 0
    # Thursday (today) is not due yet: Mon done, Tue done differently, Wed missed.
    assert "2/3 done, 1 missed" in capsys.readouterr().out
    thu = week["w01-thu-run"]
    assert run(["log", "run", "--date", "2026-12-04", "--distance", f"{thu['distance_km']}",
                "--duration", f"{thu['duration_min']:.0f}", "--rpe", "4"]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["today", "--date", "2026-12-04", "--no-save"]) == 0
    out = capsys.readouterr().out
    assert (
        f"Thu 03 Dec  run      {thu['title']}: moved: done Fri 04 Dec, "
        f"{thu['distance_km']:.1f} km in {thu['duration_min']:.0f} min"
    ) in out
