"""The daily coach through ``runstrong today`` and ``plan skip`` on the plan's first
day (QA walk, session 6, items 2, 3, 4, 14 and 15): cuts never compound after a
skip or a move, a skip says what it did and moves only key sessions, activities
before the plan fulfil nothing, a congested day keeps what was logged, and R14's
lines read right."""

from __future__ import annotations

import pytest
from saved_plan import MON, RED
from saved_plan import week_1 as _week_1

from runstrong.cli import run

AMBER = ["--sleep", "7", "--sleep-quality", "3", "--soreness", "4", "--legs", "3"]

pytestmark = [pytest.mark.usefixtures("saved_plan_today"), pytest.mark.sqlite_only]


def _today(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert run(["today", "--date", MON.isoformat(), *args]) == 0
    return capsys.readouterr().out


def _r19_line(out: str) -> str:
    return next(x.strip() for x in out.splitlines() if x.strip().startswith("R19:"))


# --- item 2: adaptations apply to the plan as planned ---------------------------------


def test_a_skip_after_a_red_day_does_not_cut_the_lift_again(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _r19_line(_today(capsys, *RED))
    assert "16 → 11 sets" in first
    assert run(["plan", "skip", "2026-12-05"]) == 0
    capsys.readouterr()
    assert _r19_line(_today(capsys)) == first


def test_a_move_onto_an_adapted_day_does_not_cut_the_lift_again(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """An amber day: a red one takes no moved session (``tests/cli/test_move_onto_today.py``)."""
    before = _today(capsys, *AMBER)
    first = _r19_line(before)
    assert "readiness amber: load lowered 5%" in first
    squat = next(x.strip() for x in before.splitlines() if "Back squat:" in x)
    assert run(["plan", "move", "2026-12-01", "--to", "2026-11-30"]) == 0
    capsys.readouterr()
    out = _today(capsys)
    assert _r19_line(out) == first
    assert next(x.strip() for x in out.splitlines() if "Back squat:" in x) == squat


# --- item 3: plan skip says what it did, moves only key sessions ----------------------


def test_skip_drops_the_easy_run_of_the_day_and_says_so(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    before = {s["id"]: s for s in _week_1()}
    assert run(["plan", "skip", "2026-12-05"]) == 0
    out = capsys.readouterr().out
    changes = out.split("Week 1 now:")[0].strip().splitlines()
    assert changes == [
        "dropped: Easy run with strides: 4 × 100 m of Sat 05 Dec (skipped; R22: easy volume "
        "is not crammed into other days)"
    ]
    after = {s["id"]: s for s in _week_1()}
    assert "w01-sat-run" not in after
    # every other session stays where it was: only the day's easy run changed
    for sid, s in after.items():
        assert s["date"] == before[sid]["date"], sid
    assert [x for x in changes if x.startswith("moved:")] == []


def test_skip_moves_nothing_onto_a_red_day_where_a_lift_is_logged(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _today(capsys, *RED)
    assert run(["log", "lift", "--date", "2026-11-30", "-e", "back squat", "-s", "3x6@55kg",
                "--time", "06:30", "--minutes", "40"]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["plan", "skip", "2026-12-03"]) == 0
    out = capsys.readouterr().out
    monday = [s["id"] for s in _week_1() if s["date"] == "2026-11-30"]
    assert monday == ["w01-mon-strength"]
    changes = out.split("Week 1 now:")[0].strip().splitlines()
    assert not [x for x in changes if x.endswith("→ Mon 30 Nov")]
    assert changes[-1] == (
        "nothing moves onto today (Mon 30 Nov): you already trained today (strength logged; R22)"
    )


# --- item 4: activities before the plan's first day fulfil nothing -------------------


def test_a_run_before_the_plan_does_not_count_as_a_week_1_session(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["log", "run", "--date", "2026-11-29", "--distance", "4.7",
                "--duration", "30:00", "--rpe", "4"]) == 0  # fmt: skip
    capsys.readouterr()
    assert run(["today", "--date", "2026-12-01", "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "done Sun 29 Nov" not in out
    assert "Tue 01 Dec  run      Easy run: not logged yet" in out


def test_r14_ignores_a_lift_from_before_the_plan(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["log", "lift", "--date", "2026-11-29", "-e", "back squat",
                "-s", "2x6@80kg/rpe9"]) == 0  # fmt: skip
    capsys.readouterr()
    out = _today(capsys)
    assert "R14" not in out
    assert "Back squat: 4 × 6 @ 60 kg" in out


# --- item 14: a congested day keeps what was logged, --minutes 0 is clean -------------


def test_minutes_keep_a_lift_already_logged_today(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["log", "lift", "--date", "2026-11-30", "-e", "back squat", "-s", "4x6@60kg",
                "--time", "06:30", "--minutes", "57"]) == 0  # fmt: skip
    capsys.readouterr()
    out = _today(capsys, "--minutes", "30")
    assert "Mon 30 Nov  strength Strength heavy (base): done" in out
    assert "R22" not in out


def test_zero_minutes_mean_no_session_cleanly(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["today", "--date", "2026-12-01", "--minutes", "0"]) == 0
    out = capsys.readouterr().out
    assert "0.0–0.0 L" not in out
    assert "session fluid none: normal drinking" in out
    tue = [s for s in _week_1() if s["date"] == "2026-12-01"]
    # the easy run and the mobility: no session, no kilometres
    assert [(s["kind"], s["distance_km"], s["duration_min"]) for s in tue] == [
        ("rest", None, 0.0),
        ("rest", None, 0.0),
    ]


# --- item 15: R14's lines ---------------------------------------------------------------


def test_r14_judges_the_planned_sets_and_states_no_body_weight_load(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rdl = next(e for e in _week_1()[0]["exercises"] if e["name"] == "Romanian deadlift")
    kg = rdl["load_kg"]
    assert (rdl["sets"], rdl["reps"], rdl["rpe"]) == (3, 8, 7.0)
    assert run(["log", "lift", "--date", "2026-11-30", "-e", "Romanian deadlift",
                "-s", f"3x8@{kg:g}kg/rir2", "-s", f"1x6@{kg + 2.5:g}kg"]) == 0  # fmt: skip
    assert run(["log", "lift", "--date", "2026-11-30", "-e", "Dead bug", "-s", "3x10"]) == 0
    capsys.readouterr()
    out = _today(capsys)
    lines = [x.strip() for x in out.split("Plan:")[1].splitlines() if x.strip()]
    assert (
        f"R14: Romanian deadlift: RPE 8 was above the target 7 by 1 or less; hold 3 × 8 at "
        f"{kg:g} kg"
    ) in lines
    assert (
        "R14: Dead bug: no RPE logged for the last session; hold 3 × 10 (progress only "
        "after a session completed at or below its target RPE)"
    ) in lines
    assert " 0 kg" not in out
    assert all(x.count("R14") == 1 for x in lines if x.startswith("R14"))


def test_a_skipped_day_stays_free_when_the_week_is_re_planned_again(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """The day a skip made unavailable takes no session a later skip (or the coach's
    R22 re-plan of a missed day) moves."""
    assert run(["plan", "skip", "2026-12-05"]) == 0
    assert run(["plan", "skip", "2026-12-02"]) == 0
    capsys.readouterr()
    assert [s["id"] for s in _week_1() if s["date"] == "2026-12-05"] == []
    assert run(["today", "--date", "2026-12-01"]) == 0  # Monday's lift missed: R22
    capsys.readouterr()
    assert [s["id"] for s in _week_1() if s["date"] == "2026-12-05"] == []
