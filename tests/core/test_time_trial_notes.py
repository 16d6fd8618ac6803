"""DOMAIN G: a week's time-trial note describes what the week holds.

Coach QA (session 7) item 3: "Time trial opens the build: it re-estimates your training
paces" was printed in weeks with no time trial (a6 W5; a7 W6, beside "Q4: time_trial made
easy this week"). A week that claims a time trial holds one; a week whose time trial was
made easy says so and where it went.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from functools import cache
from pathlib import Path

import pytest

from runstrong.core.model import Phase, Plan, PlanWeek, RunCategory
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.periodization import TT_NOTE
from runstrong.core.planning.time_trial import time_trial_notes
from runstrong.services.profile import read_profile

DATA = Path(__file__).resolve().parents[1] / "data" / "coachqa"


@cache
def _plan(name: str) -> Plan:
    return build_plan(read_profile(DATA / f"{name}.toml"), dt.date(2026, 12, 7))


def _has_tt(week: PlanWeek) -> bool:
    return any(s.category == RunCategory.TIME_TRIAL.value for s in week.sessions)


@pytest.mark.parametrize("name", ["qa7_a6", "qa7_a7", "qa7_a4", "a2", "a3", "a7", "a8"])
def test_a_week_that_claims_a_time_trial_holds_one(name: str) -> None:
    for week in _plan(name).weeks:
        claims = [n for n in week.notes if "re-estimates your training paces" in n]
        assert not claims or _has_tt(week), (week.index + 1, claims)


def test_a_time_trial_no_later_week_holds_says_how_to_update_paces() -> None:
    start = dt.date(2027, 1, 4)
    lost = PlanWeek(
        index=4, start_date=start, phase=Phase.BUILD, deload=False, run_km=30.0, mesocycle=1,
        sessions=(), notes=("Q1: 30.0 km", TT_NOTE, "Q4: time_trial made easy this week: …"),
    )  # fmt: skip
    after = dataclasses.replace(lost, index=5, start_date=start + dt.timedelta(days=7), notes=())
    first, second = time_trial_notes([lost, after])
    assert first.notes[0] == "Q1: 30.0 km"
    assert first.notes[1].startswith("No time trial this week (made easy, see the Q4 note), and")
    assert "runstrong paces" in first.notes[1]
    assert second == after


# qa7_a7 kept its time trial once the volume ramp (session 9) reshaped its weeks;
# qa9_a8 loses its week-6 trial to the windows instead.
@pytest.mark.parametrize("name", ["qa7_a6", "qa9_a8"])
def test_a_time_trial_made_easy_is_said_and_where_it_went(name: str) -> None:
    plan = _plan(name)
    dropped = [
        w for w in plan.weeks if any(n.startswith("No time trial this week") for n in w.notes)
    ]
    assert dropped, "the QA plans lost their time trial to the windows"
    for week in dropped:
        assert not _has_tt(week)
        (note,) = [n for n in week.notes if n.startswith("No time trial this week")]
        later = [w for w in plan.weeks if w.index > week.index and _has_tt(w)]
        if later:
            assert f"moved to week {later[0].index + 1}" in note
            moved = [
                n
                for n in later[0].notes
                if n.startswith("Time trial moved here from") and f"week {week.index + 1}" in n
            ]
            assert moved, later[0].notes
        else:
            assert "runstrong paces" in note


@pytest.mark.parametrize("name", ["qa8_a6", "qa7_a7", "qa7_a6", "a2"])
def test_only_the_time_trial_gives_a_time_trial_as_its_reason(name: str) -> None:
    # QA review 2026-12-07 item 8: `plan explain 2027-03-16` (qa8_a6, week 15) gave every
    # run, easy ones included, "Time trial moved here" beside "time_trial made easy".
    plan = _plan(name)
    for week in plan.weeks:
        for s in week.sessions:
            claims = [y for y in s.why if y.startswith("Time trial ")]
            if s.category == RunCategory.TIME_TRIAL.value:
                stated = [n for n in week.notes if n.startswith("Time trial ")]
                assert claims == stated and len(stated) == 1, (week.index + 1, s.why)
            else:
                assert not claims, (week.index + 1, s.date, s.category, claims)


@pytest.mark.parametrize(("name", "number"), [("qa7_a6", 5), ("qa9_a8", 6)])
def test_a_week_whose_time_trial_moved_gives_no_session_one(name: str, number: int) -> None:
    # The QA case (qa8_a6 week 15) no longer loses its trial since lifts yield to runs
    # (R0/Q6); these two weeks still do, and every run of them claimed "Time trial moved".
    week = _plan(name).weeks[number - 1]
    assert not _has_tt(week)
    assert any(n.startswith("No time trial this week") for n in week.notes)
    for s in week.sessions:
        assert not [y for y in s.why if "time trial" in y.lower()], (s.date, s.why)
