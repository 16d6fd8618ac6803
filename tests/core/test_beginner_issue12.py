"""Issue 12 item 8 (coach QA A1, couch to 5k): a beginner with no race and no VDOT gets a
plan on a stated, conservative VDOT estimate; the week-1 volume note says what week 1
runs. Before: the profile was refused ("missing field 'running.recent_race' or
'running.vdot'"), and with an invented VDOT week 1's note said "week 1 starts at 10 km"
while the week ran 3.7 km."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from planner_profiles import profile

from runstrong.core.athlete import parse_profile
from runstrong.core.planning.build import build_plan

START = dt.date(2026, 12, 7)
A1: dict[str, Any] = {
    "running": {"weekly_km": 5, "longest_run_km": 2, "years_running": 0},
    "strength": {"years_lifting": 0, "equipment": ["gym"]},
    "goal": {"distance": "5k", "date": "2027-02-14"},
    "week": {"tue": ["18:00-19:00"], "thu": ["18:00-19:00"], "sat": ["09:00-10:30"],
             "gym_days": ["tue", "thu"], "long_run_day": "sat", "max_session_min": 60},
}  # fmt: skip


@pytest.mark.parametrize(("weekly_km", "vdot"), [(0, 22.0), (5, 23.5), (20, 28.0), (60, 30.0)])
def test_a_beginner_vdot_is_estimated_from_volume(weekly_km: float, vdot: float) -> None:
    running = {**A1["running"], "weekly_km": weekly_km}
    athlete = parse_profile(profile(**{**A1, "running": running}))
    assert athlete.vdot == pytest.approx(vdot) and athlete.vdot_estimated


def test_a1_plan_says_its_vdot_is_an_estimate() -> None:
    plan = build_plan(parse_profile(profile(**A1)), START)
    assert plan.vdot == 23.5
    assert any(
        n.startswith("VDOT 23.5 estimated: your profile has no race and no VDOT")
        for n in plan.notes
    )


def test_a1_week_1_note_says_what_week_1_runs() -> None:
    plan = build_plan(
        parse_profile(profile(**{**A1, "running": {**A1["running"], "vdot": 28}})), START
    )
    note = next(n for n in plan.notes if n.startswith("Current volume 5 km is low"))
    stated = [float(x) for x in re.findall(r"runs (\d+\.\d) km", note)]
    assert "starts at 10 km" not in note
    assert stated == [pytest.approx(plan.weeks[0].run_km, abs=0.05)]
