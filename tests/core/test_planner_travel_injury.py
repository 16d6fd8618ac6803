"""Planner: travel weeks (R17), injury history for run types (DOMAIN G), weight goal
versus fuelling (DOMAIN G, R24)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.exercises import load_library
from runstrong.core.model import Plan, RunCategory, SessionKind, Severity
from runstrong.core.planning.build import build_plan
from runstrong.core.planning.injury_runs import AVOID, AVOID_WEEKS, REDUCED_WEEKS
from runstrong.core.rules.audit.engine import audit_plan, is_declared
from runstrong.core.rules.catalogue import check_r2

TRIP = (dt.date(2027, 1, 4), dt.date(2027, 1, 10))  # plan week 6 (START is a Monday)
# A middle-distance 5 km athlete (hills through base); 5 km defaults to endurance (issue 12).
FIVE_K = {"goal.distance": "5k", "goal.date": "2027-04-25", "goal.target_time": None,
          "focus": "middle"}  # fmt: skip


def undeclared_hard(plan: Plan, data: dict[str, Any]) -> list[str]:
    athlete = parse_profile(data)
    races = {s.id for s in plan.sessions() if s.category == "race"}
    return [
        b.message
        for b in audit_plan(plan, athlete=athlete)
        if b.severity is Severity.HARD
        and not is_declared(b, plan.broken_rules)
        and not (b.rule_id == "R6" and set(b.session_ids) <= races)
    ]


def test_travel_week_has_only_body_weight_exercises_and_still_covers_r2() -> None:
    data = profile(travel=[{"from": TRIP[0].isoformat(), "to": TRIP[1].isoformat()}])
    plan = build_plan(parse_profile(data), START)
    lib = load_library()
    week = next(w for w in plan.weeks if w.start_date == TRIP[0])
    lifts = [s for s in week.sessions if s.kind is SessionKind.STRENGTH]
    assert lifts
    for s in lifts:
        assert all(lib.get(e.name).bodyweight for e in s.exercises), s.title
        assert any(w.startswith("R17: travel 2027-01-04–2027-01-10") for w in s.why)
    for s in week.sessions:  # daily mobility too
        assert all(lib.get(e.name).bodyweight for e in s.mobility)
    assert check_r2(week.sessions) == []
    assert undeclared_hard(plan, data) == []
    # the weeks around it keep the gym
    before = plan.weeks[week.index - 1]
    assert any(
        not lib.get(e.name).bodyweight
        for s in before.sessions
        if s.kind is SessionKind.STRENGTH
        for e in s.exercises
    )
    assert any("R17: travel" in n for n in plan.notes)


def test_travel_windows_replace_the_usual_ones_and_any_window_suits_strength() -> None:
    # At home strength only fits the Saturday gym window; on the trip any window is a room.
    week = {
        "tue": ["18:00-19:30"],
        "wed": ["06:30-08:00"],
        "thu": ["18:00-19:30"],
        "sun": ["08:00-11:00"],
        "gym": {"sat": ["14:00-15:30"]},
        "long_run_day": "sun",
        "max_session_min": 150,
    }
    data = profile(
        week=week,
        travel=[{"from": "2027-01-05", "to": "2027-01-08", "windows": ["06:00-07:15"]}],
    )
    plan = build_plan(parse_profile(data), START)
    trip_days = {dt.date(2027, 1, 5) + dt.timedelta(days=i) for i in range(4)}
    on_trip = [s for s in plan.sessions() if s.date in trip_days]
    assert on_trip
    for s in on_trip:
        start = s.start.hour * 60 + s.start.minute
        assert start >= 6 * 60 and start + s.duration_min <= 7 * 60 + 15, s.id
    assert undeclared_hard(plan, data) == []


def _categories(plan: Plan, index: int) -> list[str]:
    return [s.category for s in plan.weeks[index].sessions if s.kind is SessionKind.RUN]


def test_current_achilles_complaint_avoids_hills_repetitions_and_jumps() -> None:
    base = profile(**{**FIVE_K, "goal.distance": "1500m", "strength.years_lifting": 3})
    plain = build_plan(parse_profile(base), START)
    assert {"hills", "repetitions", "strides"} <= {s.category for s in plain.sessions()}
    data = profile(
        **{**FIVE_K, "goal.distance": "1500m", "strength.years_lifting": 3},
        injury=[{"area": "achilles", "status": "current"}],
    )
    plan = build_plan(parse_profile(data), START)
    lib = load_library()
    cats = {s.category for s in plan.sessions()}
    assert not cats & {"hills", "repetitions"}
    assert any(lib.get(e.name).plyometric for s in plain.sessions() for e in s.exercises)
    assert not any(lib.get(e.name).plyometric for s in plan.sessions() for e in s.exercises)
    swapped = [w for s in plan.sessions() for w in s.why if w.startswith("Injury history:")]
    assert "Injury history: threshold instead of hills (current achilles complaint)." in swapped
    assert (
        "Injury history: intervals instead of repetitions (current achilles complaint)." in swapped
    )
    assert undeclared_hard(plan, data) == []


def test_current_hamstring_complaint_avoids_repetitions_and_strides() -> None:
    changes = {**FIVE_K, "goal.distance": "1500m"}
    plan = build_plan(parse_profile(profile(**changes, injuries=["hamstring"])), START)
    assert not {s.category for s in plan.sessions()} & {"repetitions", "strides"}
    assert "hills" in {s.category for s in plan.sessions()}  # uphill running stays
    notes = {w for s in plan.sessions() for w in s.why}
    assert "Injury history: no strides this week (current hamstring complaint)." in notes
    assert (
        "Injury history: intervals instead of repetitions (current hamstring complaint)." in notes
    )
    assert undeclared_hard(plan, profile(**changes, injuries=["hamstring"])) == []


def test_returning_achilles_phases_hills_back_in() -> None:
    plain = build_plan(parse_profile(profile(**FIVE_K)), START)
    data = profile(**FIVE_K, injury=[{"area": "achilles", "status": "returning", "since": START}])
    plan = build_plan(parse_profile(data), START)
    for i in range(AVOID_WEEKS):  # weeks 1–4: avoided, as for a current complaint
        assert "hills" in _categories(plain, i)
        assert "hills" not in _categories(plan, i)
        assert "threshold" in _categories(plan, i)
    for i in range(AVOID_WEEKS, AVOID_WEEKS + REDUCED_WEEKS):  # weeks 5–6: one, reduced
        hills = [s for s in plan.weeks[i].sessions if s.category == "hills"]
        before = [s for s in plain.weeks[i].sessions if s.category == "hills"]
        assert len(hills) == 1 and len(before) == 1
        assert (hills[0].distance_km or 0) < (before[0].distance_km or 0)
        assert any(
            w == "Injury history: hills phased back in at 60% of its usual size "
            f"(returning achilles complaint, week {i + 1} back)."
            for w in hills[0].why
        )
    i = AVOID_WEEKS + REDUCED_WEEKS  # week 7: normal
    assert sorted(_categories(plan, i)) == sorted(_categories(plain, i))
    assert undeclared_hard(plan, data) == []


def test_avoid_table_covers_every_complaint_and_never_threshold() -> None:
    from runstrong.core.exercises import Complaint

    assert set(AVOID) == {c.value for c in Complaint}
    assert all(RunCategory.THRESHOLD not in cats for cats in AVOID.values())
    assert AVOID["hamstring"] >= {RunCategory.REPETITIONS, RunCategory.STRIDES}


@pytest.mark.parametrize("deficit", [None, 700])
def test_weight_goal_deficit_warns_on_days_the_load_needs_fuel(deficit: int | None) -> None:
    nutrition: dict[str, Any] = {"weight_goal_kg": 57}
    if deficit is not None:
        nutrition["daily_deficit_kcal"] = deficit
    plan = build_plan(parse_profile(profile(nutrition=nutrition)), START)
    warnings = [n for n in plan.notes if n.startswith("Warning: weight goal")]
    if deficit is None:
        assert warnings == []
        assert any("no daily deficit set" in n for n in plan.notes)
    else:
        assert len(warnings) == 1
        assert "700 kcal daily deficit under-fuels" in warnings[0]
        assert "weight goals never override fuelling" in warnings[0]


def test_a_missed_lift_moved_onto_a_travel_day_gets_body_weight_substitutes() -> None:
    from runstrong.core.planning.build import WeekChanges, replan_week

    # Home lifts are on Monday and Thursday (gym_days); the trip covers Wednesday of week 9
    # (runs are placed first now, Q6: a trip on Tuesday would take that week's first lift).
    # Q1 (issue 12 item 1): the climb holds week 3 at the current 30 km, whose Wednesday
    # is the hill session (no heavy lift beside it, R3); week 9 runs 38 km with an easy
    # Wednesday, as week 3 did when the ramp took every rise R11 allowed.
    trip = (dt.date(2027, 1, 27), dt.date(2027, 1, 27))
    data = profile(travel=[{"from": trip[0].isoformat(), "to": trip[1].isoformat()}])
    athlete = parse_profile(data)
    plan = build_plan(athlete, START)
    week = plan.weeks[8]
    monday = next(
        s for s in week.sessions if s.kind is SessionKind.STRENGTH and s.date == week.start_date
    )
    lib = load_library()
    assert not all(lib.get(e.name).bodyweight for e in monday.exercises)  # a gym session
    new = replan_week(plan, 8, WeekChanges(missed=frozenset({monday.id})), trip[0], athlete=athlete)
    moved = [
        s
        for s in new.weeks[8].sessions
        if s.kind is SessionKind.STRENGTH and trip[0] <= s.date <= trip[1]
    ]
    assert len(moved) == 1
    assert all(lib.get(e.name).bodyweight for e in (*moved[0].exercises, *moved[0].mobility))
    assert any(w.startswith("R17: moved onto travel 2027-01-27") for w in moved[0].why)
    assert all(e.rpe is not None and e.load_kg is None for e in moved[0].exercises)
