"""A lift's intensity read one way everywhere (coach QA, 2026-12-07): the RPE chart
turns reps + RPE into % e1RM for the audit (Q5 heavy-before-race/-quality, R3) and
for the planner's doses and caps, so a race-week 2 × 4 "@ RPE 7" (81 % e1RM) is seen
as heavy, and no lift's RPE contradicts its % e1RM.

Expected values are read from the published chart (tests/data/reference/formulas.json,
Tuchscherer 2008 with RIR = 10 − RPE), never computed by the code under test.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from planner_profiles import profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import (
    ExercisePrescription,
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    SessionKind,
    StrengthCategory,
)
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan
from runstrong.core.rules.catalogue import check_r3
from runstrong.core.science.strength import effective_fraction, rpe_at_most

REF: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "reference" / "formulas.json").read_text("utf-8")
)
CELLS = REF["rpe_chart"]["table_pct_1rm"]


def cell(reps: int, rpe: float) -> float:
    """The published chart's % 1RM (as a fraction) for ``reps`` at ``rpe``."""
    (pct,) = [c["pct_1rm"] for c in CELLS if c["reps"] == reps and c["rpe"] == rpe]
    return float(pct) / 100


# --- the one RPE↔%e1RM table -------------------------------------------------


@pytest.mark.parametrize("c", CELLS, ids=lambda c: f"{c['reps']}@{c['rpe']}")
def test_effective_fraction_is_the_published_chart(c: dict[str, float]) -> None:
    assert effective_fraction(int(c["reps"]), c["rpe"]) == pytest.approx(c["pct_1rm"] / 100)


def test_effective_fraction_below_the_chart_reads_reps_in_reserve() -> None:
    # 4 reps @ RPE 5 leave 5 in reserve: 9 reps to failure, the chart's 9 @ RPE 10
    assert effective_fraction(4, 5.0) == pytest.approx(cell(9, 10.0))
    # RPE under 5 is read as 5 (an upper bound); past the column, its last cell
    assert effective_fraction(4, 3.0) == pytest.approx(cell(9, 10.0))
    assert effective_fraction(12, 7.0) == pytest.approx(cell(10, 6.5))


def test_rpe_at_most_is_the_highest_half_step_under_the_limit() -> None:
    assert rpe_at_most(8, cell(8, 7.0)) == 7.0
    assert rpe_at_most(4, cell(4, 7.0) - 0.01) == 6.5
    assert rpe_at_most(4, 0.60) == 5.0  # the RIR scale's floor


# --- the audit reads RPE-prescribed lifts (item 2) ---------------------------

MON = dt.date(2027, 3, 1)


def _lift(
    day: int, sets: int, reps: int, rpe: float, *, cat: str = "maintenance",
    pct: float | None = None, start: str = "18:00",
) -> PlannedSession:  # fmt: skip
    press = ExercisePrescription("Leg press", ("quads", "glutes"), sets, reps, pct, rpe)
    return PlannedSession(
        id=f"d{day}-lift", date=MON + dt.timedelta(days=day),
        start=dt.time(*map(int, start.split(":"))), kind=SessionKind.STRENGTH, category=cat,
        hard=False, duration_min=60.0, load=200.0, exercises=(press,),
    )  # fmt: skip


def _run(day: int, cat: str, start: str = "18:00", km: float = 8.0) -> PlannedSession:
    return PlannedSession(
        id=f"d{day}-{cat}", date=MON + dt.timedelta(days=day),
        start=dt.time(*map(int, start.split(":"))), kind=SessionKind.RUN, category=cat,
        hard=cat != "easy", duration_min=50.0, load=250.0, distance_km=km,
    )  # fmt: skip


def _plan(*sessions: PlannedSession, race_day: int = 6) -> Plan:
    week = PlanWeek(0, MON, Phase.RACE, False, 18.0, 1, tuple(sessions))
    return Plan("1.0", "T", MON, MON + dt.timedelta(days=race_day), 10_000.0, 50.0, (week,))


def _checks(p: Plan) -> list[str]:
    return [b.message.split(":", 1)[0] for b in audit_plan(p) if b.rule_id == "Q5"]


def test_heavy_before_race_reads_reps_and_rpe() -> None:
    # the QA case: 2 × 4 @ RPE 7 three days before a 10 km race, no lift results
    heavy = _plan(_lift(3, 2, 4, 7.0), _run(6, "race", "09:00", 10.0))
    assert "heavy-before-race" in _checks(heavy)
    light = _plan(_lift(3, 2, 4, 5.0), _run(6, "race", "09:00", 10.0))
    assert "heavy-before-race" not in _checks(light)
    # a given % e1RM is what the lift is
    given = _plan(_lift(3, 2, 4, 7.0, pct=0.70), _run(6, "race", "09:00", 10.0))
    assert "heavy-before-race" not in _checks(given)


def test_heavy_before_quality_reads_reps_and_rpe() -> None:
    p = _plan(_lift(0, 3, 5, 8.5, start="18:00"), _run(1, "intervals", "07:00"), race_day=20)
    assert "heavy-before-quality" in _checks(p)


def test_r3_follows_what_a_session_lifts_not_its_label() -> None:
    # "moderate" on paper, 3 × 5 @ RPE 8.5 (83.7 % e1RM) in fact, hills 22 h later
    heavy = [_lift(0, 3, 5, 8.5, cat="moderate"), _run(1, "hills", "17:00")]
    assert [b.rule_id for b in check_r3(heavy)] == ["R3"]
    moderate = [_lift(0, 3, 8, 7.0, cat="moderate"), _run(1, "hills", "17:00")]
    assert check_r3(moderate) == []


# --- the planner: doses and caps in step with the chart (items 1 and 3) ------

A1 = {  # the QA's a1: 40 km a week, 3 years, 10 km in 16 weeks, 5 days, gym mon/thu
    "running.weekly_km": 40,
    "running.longest_run_km": 14,
    "running.years_running": 3,
    "running.recent_race": {"distance": "10k", "time": "45:00"},
    "goal": {"distance": "10k", "date": "2027-03-28"},
    "week": {
        "mon": ["18:00-19:30"], "tue": ["18:00-19:30"], "thu": ["18:00-19:30"],
        "sat": ["08:00-10:00"], "sun": ["08:00-11:00"], "gym_days": ["mon", "thu"],
        "long_run_day": "sun", "max_session_min": 120, "two_a_days": False,
    },
}  # fmt: skip
START = dt.date(2026, 12, 7)


def _lifts(plan: Plan) -> list[tuple[PlannedSession, ExercisePrescription]]:
    return [
        (s, e)
        for s in plan.sessions()
        if s.kind is SessionKind.STRENGTH
        for e in s.exercises
        if e.reps is not None and e.rpe is not None and not e.plyometric
    ]


def _chart(e: ExercisePrescription) -> float | None:
    """The published cell of a lift (None off the chart: reps > 10 or RPE < 6.5)."""
    rows = [c for c in CELLS if c["reps"] == e.reps and c["rpe"] == e.rpe]
    return rows[0]["pct_1rm"] / 100 if rows else None


def test_race_week_lifts_leave_five_reps_in_reserve() -> None:
    plan = build_plan(parse_profile(profile(**A1)), START)
    race = plan.race_date
    last = [(s, e) for s, e in _lifts(plan) if 0 < (race - s.date).days <= 10]
    assert last
    for s, e in last:
        assert e.sets <= 2 and e.rpe is not None and e.rpe <= 5.0, (s.id, e)
        if e.reps is not None and e.reps <= 5:
            # 4 reps @ RPE 5 = 9 reps to failure on the chart: under Q5's 80 %
            assert cell(e.reps + 5, 10.0) < 0.80
    assert not [b for b in audit_plan(plan) if b.rule_id in ("Q5", "R3") and b.severity.value
                in ("quality", "hard")]  # fmt: skip


def test_with_lift_results_the_load_and_the_rpe_agree() -> None:
    results = [{"lift": "Trap-bar deadlift", "load_kg": 100, "reps": 5},
               {"lift": "Leg press", "load_kg": 150, "reps": 8},
               {"lift": "Back squat", "load_kg": 70, "reps": 5}]  # fmt: skip
    strength = {"years_lifting": 2, "equipment": ["gym"], "results": results}
    plan = build_plan(parse_profile(profile(**A1, strength=strength)), START)
    # main lifts (light and power lifts are dosed by % alone, their RPE nominal)
    charted = [(s, e) for s, e in _lifts(plan) if e.pct_e1rm and e.pct_e1rm >= 0.65]
    assert charted
    for s, e in charted:
        assert e.rpe is not None and e.reps is not None
        # the RPE says at least as much as the load: never a 70 % load "@ RPE 7" for 4
        # (81 %); at the RIR floor (RPE 5) the chart reads reps + 5 to failure
        said = _chart(e) if e.rpe >= 6.5 else cell(e.reps + 5, 10.0) if e.reps <= 5 else None
        if said is not None:
            assert e.pct_e1rm <= said + 0.002, (s.id, e)
            assert e.pct_e1rm >= said - 0.06, (s.id, e)


def test_a_moderate_session_stays_moderate() -> None:
    # R3/R13: in the QA's plans a "moderate" session reached 3 × 8 @ RPE 8 (base week 3)
    plan = build_plan(parse_profile(profile(**A1)), START)
    moderate = [e for s, e in _lifts(plan) if s.category == StrengthCategory.MODERATE.value]
    assert moderate
    assert max(e.rpe or 0.0 for e in moderate) <= 7.5
