"""R22 with R18/R19: ``plan move`` puts nothing onto today once the athlete trained today
or readiness is red, as ``plan skip`` already did (one definition:
``services.coach_replan.closed_today``). The refusal names the date, the reason and what
is allowed."""

from __future__ import annotations

import pytest
from saved_plan import MON, RED
from saved_plan import week_1 as _week_1

from runstrong.cli import run

ALLOWED = (
    "a session moves onto today only while nothing is logged today and readiness is not "
    "red: pick a later day of the week or use runstrong plan skip"
)

pytestmark = [pytest.mark.usefixtures("saved_plan_today"), pytest.mark.sqlite_only]


def test_a_move_onto_today_after_a_logged_session_is_refused(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["log", "lift", "--date", "2026-11-30", "-e", "back squat", "-s", "3x6@55kg",
                "--time", "06:30", "--minutes", "40"]) == 0  # fmt: skip
    capsys.readouterr()
    before = _week_1()
    assert run(["plan", "move", "2026-12-01", "--to", "2026-11-30"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: cannot move 2026-12-01 to 2026-11-30: Easy run would move onto today "
        f"(Mon 30 Nov), but you already trained today (strength logged; R22); {ALLOWED}"
    )
    assert _week_1() == before


def test_a_move_onto_a_red_today_is_refused(plan: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["today", "--date", MON.isoformat(), *RED]) == 0
    capsys.readouterr()
    assert run(["plan", "move", "2026-12-01", "--to", "2026-11-30"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: cannot move 2026-12-01 to 2026-11-30: Easy run would move onto today "
        f"(Mon 30 Nov), but readiness is red today (R19); {ALLOWED}"
    )


def test_a_move_onto_a_later_day_stays_allowed_on_a_red_day(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["today", "--date", MON.isoformat(), *RED]) == 0
    capsys.readouterr()
    assert run(["plan", "move", "2026-12-01", "--to", "2026-12-02"]) == 0
    assert "moved:" in capsys.readouterr().out


def test_a_swap_that_brings_a_lift_onto_a_red_today_is_refused(
    plan: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """Monday's heavy lift moved to Thursday swaps Thursday's lift onto Monday (today)."""
    assert run(["today", "--date", MON.isoformat(), *RED]) == 0
    capsys.readouterr()
    assert run(["plan", "move", "2026-11-30", "--to", "2026-12-03"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: cannot move 2026-11-30 to 2026-12-03: Strength moderate (base) would swap "
        f"back onto today (Mon 30 Nov), but readiness is red today (R19); {ALLOWED}"
    )
