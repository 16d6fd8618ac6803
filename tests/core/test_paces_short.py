"""Issue 12 item 5 (coach QA A4b): 400 m and 800 m goals and results.

Daniels' tables start at 1500 m; below it runstrong bridges with Cameron's model
(vectors in tests/data/reference/formulas.json) and says the numbers are
extrapolated. Before: an 800 m raced at R (mile) pace, 3:00-3:06/km (2:24-2:29) for
a 4:30 1500 m runner, and a 2:02 goal or an 800 m result was refused ("outside the
model's range: use 1000m to 100km")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.errors import ImplausibleResultError
from runstrong.core.planning.build import build_plan
from runstrong.core.science.paces import goal_check, race_time_s, vdot_from_race

REFERENCE = json.loads(
    (Path(__file__).parents[1] / "data" / "reference" / "formulas.json").read_text("utf-8")
)
DISTANCES = REFERENCE["vdot"]["distances_m"]


def a(d: float) -> float:
    """Cameron's a(d), written out here (formulas.json) rather than taken from the code."""
    return 13.49681 - 0.000030363 * d + 835.7114 / d**0.7905


@pytest.mark.parametrize("case", REFERENCE["cameron"], ids=lambda c: f"{c['from']}-{c['to']}")
def test_cameron_matches_the_reference_vectors(case: dict[str, Any]) -> None:
    from runstrong.core.science.cameron import cameron_time_s  # new in issue 12

    got = cameron_time_s(case["from_time_s"], DISTANCES[case["from"]], DISTANCES[case["to"]])
    assert got == pytest.approx(case["predicted_s"], abs=0.01)


def test_a_4_30_1500_m_runner_is_worth_about_2_10_for_800_m() -> None:
    vdot = vdot_from_race(1500, 270)
    expected = 270 / 1500 * a(1500) / a(800) * 800  # 130.3 s
    assert race_time_s(vdot, 800) == pytest.approx(expected, abs=0.05)
    assert race_time_s(vdot, 800) == pytest.approx(130.3, abs=0.1)


def test_an_800_m_result_gives_the_vdot_of_its_1500_m_equivalent() -> None:
    # VDOT 60's published 1500 m is 4:35 (275 s): its Cameron 800 m is that row again.
    eight = 275 / 1500 * a(1500) / a(800) * 800
    assert vdot_from_race(800, eight) == pytest.approx(60.0, abs=0.3)
    assert vdot_from_race(400, 275 / 1500 * a(1500) / a(400) * 400) == pytest.approx(60, abs=0.3)


def test_an_800_m_faster_than_the_record_is_refused() -> None:
    with pytest.raises(ImplausibleResultError) as info:
        vdot_from_race(800, 100.0)
    assert str(info.value) == (
        "implausible result: 800m in 1:40 is faster than the world record 1:40.91 "
        "(David Rudisha, 2012); check the distance and time"
    )


def test_a_2_02_goal_is_judged_against_the_1500_m_vdot() -> None:
    check = goal_check(vdot_from_race(1500, 270), 800, 122, 13)
    assert not check.achievable
    assert check.required_vdot == pytest.approx(66.0, abs=0.1)


A4B: dict[str, Any] = {
    "running.weekly_km": 40, "running.longest_run_km": 12, "running.years_running": 4,
    "running.recent_race": {"distance": "1500m", "time": "4:30"},
    "strength.years_lifting": 1, "goal.distance": "800m", "goal.date": "2027-03-07",
    "goal.target_time": None,
}  # fmt: skip


def _race_and_race_pace(changes: dict[str, Any]) -> tuple[list[float], list[str]]:
    plan = build_plan(parse_profile(profile(**{**A4B, **changes})), START)
    paces = [
        sum(step.pace_s_per_km) / 2
        for s in plan.sessions()
        if s.category in ("race", "race_pace")
        for step in s.steps
        if step.kind.value == "work" and step.pace_s_per_km is not None
    ]
    return paces, list(plan.notes)


def test_a4b_races_800_m_at_its_extrapolated_pace_and_says_so() -> None:
    # Before: 180-186 s/km (R pace), and no word that 800 m is outside the tables.
    paces, notes = _race_and_race_pace({})
    assert paces and all(p == pytest.approx(270 / 1500 * a(1500) / a(800) * 1000, abs=0.5)
                         for p in paces)  # fmt: skip
    assert any(n.startswith("Goal: 800m is below Daniels' VDOT tables") for n in notes)


def test_a4b_with_a_target_races_at_the_target_and_checks_it() -> None:
    paces, notes = _race_and_race_pace({"goal.target_time": "2:05"})
    assert paces and all(p == pytest.approx(125 / 0.8, abs=0.5) for p in paces)
    assert any(n.startswith("Goal: target 2:05 needs VDOT") for n in notes)


def test_an_800_m_recent_race_builds_a_plan() -> None:
    paces, _ = _race_and_race_pace({"running.recent_race": {"distance": "800m", "time": "2:08"}})
    assert paces and all(p == pytest.approx(160.0, abs=0.5) for p in paces)
