"""Issue 12 item 6 (coach QA A1, A4): focus defaults and one R5 definition.

Before: a 1500 m goal was "sprint" (12 weeks without threshold running), a
couch-to-5k goal "middle", and a non-lifter got plyometrics from week 4 while
`check` called the same plyometrics a soft R5 break."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner_profiles import profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import Focus, Plan, RunCategory, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan

START = dt.date(2026, 12, 7)
A1: dict[str, Any] = {  # coach QA A1, couch to 5k (with a VDOT: item 8 lets it go)
    "running": {"weekly_km": 5, "longest_run_km": 2, "years_running": 0, "vdot": 28},
    "strength": {"years_lifting": 0, "equipment": ["gym"]},
    "goal": {"distance": "5k", "date": "2027-02-14"},
    "week": {"tue": ["18:00-19:00"], "thu": ["18:00-19:00"], "sat": ["09:00-10:30"],
             "gym_days": ["tue", "thu"], "long_run_day": "sat", "max_session_min": 60},
}  # fmt: skip
A4: dict[str, Any] = {  # coach QA A4, 1500 m
    "running": {"weekly_km": 50, "longest_run_km": 14, "years_running": 6,
                "recent_race": {"distance": "1500m", "time": "4:25"}},
    "strength": {"years_lifting": 2, "equipment": ["gym"]},
    "goal": {"distance": "1500m", "date": "2027-02-28"},
    "week": {**{d: ["17:00-19:00"] for d in ("mon", "tue", "wed", "thu")},
             "fri": ["07:00-08:00"], "sat": ["09:00-11:00"], "sun": ["09:00-11:00"],
             "gym_days": ["mon", "wed", "fri"], "long_run_day": "sun"},
}  # fmt: skip


def _plan(data: dict[str, Any]) -> tuple[Plan, Any]:
    athlete = parse_profile(profile(**data))
    return build_plan(athlete, START), athlete


def _plyo_weeks(plan: Plan) -> list[int]:
    return sorted({
        i + 1 for i, w in enumerate(plan.weeks) for s in w.sessions
        if any(e.plyometric for e in (*s.exercises, *s.mobility))
    })  # fmt: skip


def test_a4_a_1500_m_runner_is_middle_and_runs_threshold() -> None:
    plan, athlete = _plan(A4)
    assert athlete.focus is Focus.MIDDLE
    assert any(s.category == RunCategory.THRESHOLD.value for s in plan.sessions())


def test_a1_a_couch_to_5k_beginner_is_endurance_without_plyometrics_or_power() -> None:
    plan, athlete = _plan(A1)
    assert athlete.focus is Focus.ENDURANCE
    assert _plyo_weeks(plan) == []
    assert not [s for s in plan.sessions() if s.kind is SessionKind.STRENGTH
                and s.category == "power"]  # fmt: skip


def test_a_novice_lifter_middle_distance_plan_and_its_audit_agree_on_r5() -> None:
    # A4 with no lifting history: plyometrics come, but only after six base weeks, and
    # the audit finds no R5 break in the plan the planner made.
    plan, athlete = _plan({**A4, "strength": {"years_lifting": 0, "equipment": ["gym"]}})
    weeks = _plyo_weeks(plan)
    assert weeks and min(weeks) == 7
    assert [b.message for b in audit_plan(plan, athlete=athlete) if b.rule_id == "R5"] == []
