"""Q7 (issue 12 part 6, coach review of a 50 km trail plan): a trail season trains on
hills in build and peak, its race-specific work is by effort and time on climbs
(never at a road race pace), its long runs carry climbing, hiking and descents in
proportion to the race's climb, and the audit reports a plan that does not."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    RunStep,
    SessionKind,
    StepKind,
)
from runstrong.core.planning.build import build_plan
from runstrong.core.prescription.run_trail import Course, race_effort_steps, trail_long_steps
from runstrong.core.rules.audit.engine import audit_plan

# A5 of the coach review (60 km a week, a 50 km trail race with 2500 m of climb)
A5T: dict[str, Any] = {
    "goal.distance": "50k", "goal.date": "2027-05-02", "goal.target_time": None,
    "goal.terrain": "trail", "goal.elevation_gain_m": 2500,
    "running.weekly_km": 60, "running.longest_run_km": 25, "running.years_running": 4,
    "running.recent_race": {"distance": "half", "time": "1:40:00"},
    "strength.years_lifting": 0, "strength.equipment": ["dumbbells", "bands"],
    "week": {"tue": ["06:00-07:30"], "wed": ["06:00-07:30"], "thu": ["06:00-07:30"],
             "sat": ["06:00-11:00"], "sun": ["07:00-10:00"], "gym_days": ["tue", "thu"],
             "long_run_day": "sat", "max_session_min": 300, "two_a_days": False},
}  # fmt: skip
START_A5 = START.replace(day=7, month=12)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(parse_profile(profile(**A5T)), START_A5)


def _runs(week: PlanWeek) -> list[PlannedSession]:
    return [s for s in week.sessions if s.kind is SessionKind.RUN]


def _climbs(s: PlannedSession) -> bool:
    return s.category == "hills" or any("climb" in st.note for st in s.steps)


def test_q7_every_build_and_peak_week_of_a_trail_season_trains_on_hills(plan: Plan) -> None:
    # Before: peak weeks 15 and 17 had race-pace blocks and no hill run, though their
    # notes said "hill repeats replace intervals".
    weeks = [w for w in plan.weeks if w.phase in (Phase.BUILD, Phase.PEAK)]
    assert len([w for w in weeks if w.phase is Phase.PEAK]) >= 2
    flat = [w.index + 1 for w in weeks if not [s for s in _runs(w) if s.category != "long"
                                                  and _climbs(s)]]  # fmt: skip
    assert flat == []


def test_q7_trail_race_work_is_by_effort_never_at_a_road_race_pace(plan: Plan) -> None:
    # Before: 2 × 3 km at 4:53–4:59/km "goal race pace" for a race dosed at ~8:18/km,
    # and long runs that finished with 6 km "at marathon pace".
    before_race = [s for s in plan.sessions() if s.date < plan.race_date]
    paced = [
        (s.id, st.note)
        for s in before_race
        if s.kind is SessionKind.RUN
        for st in s.steps
        if st.pace_s_per_km is not None
        and ("race pace" in st.note or "marathon pace" in st.note or s.category == "race_pace")
    ]
    assert paced == []
    peak_work = [s for w in plan.weeks if w.phase is Phase.PEAK and not w.deload
                 for s in _runs(w) if s.category == "race_pace"]  # fmt: skip
    assert peak_work and all(s.title.startswith("Race-effort climbs") for s in peak_work)


def test_q7_trail_long_runs_climb_hike_and_descend_by_time(plan: Plan) -> None:
    longs = [s for w in plan.weeks if w.phase in (Phase.BUILD, Phase.PEAK)
             for s in _runs(w) if s.category == "long"]  # fmt: skip
    assert longs
    for s in longs:
        assert all(st.pace_s_per_km is None and st.duration_s for st in s.steps), s.id
        total = sum((st.duration_s or 0) * st.repeat for st in s.steps)
        assert total == pytest.approx(s.duration_min * 60)
        notes = [st.note for st in s.steps]
        assert any("hike" in n for n in notes) and any("run down" in n for n in notes)
        assert not any("marathon pace" in n for n in notes)


def test_q7_long_run_climbing_follows_the_races_climb_per_km() -> None:
    # 50 km + 2500 m: 25 of 75 km-effort is climb (ITRA), a third of the run climbs;
    # 50 m per km is 10 m over the 40 m/km hiking line: a fifth of each climb hiked.
    steps = trail_long_steps(Course(50.0, 2500.0), 210)
    work = [st for st in steps if st.kind is StepKind.WORK]
    climb = sum((st.duration_s or 0) * st.repeat for st in work)
    hike = sum((st.duration_s or 0) * st.repeat for st in work if "hike" in st.note)
    assert climb == pytest.approx(70 * 60, abs=60)
    assert hike == pytest.approx(14 * 60, abs=60)
    assert sum((st.duration_s or 0) * st.repeat for st in steps) == pytest.approx(210 * 60)
    flat_steps = trail_long_steps(Course(50.0, 1500.0), 210)  # 30 m/km: no hiking
    assert not any("hike" in st.note for st in flat_steps)
    race_week, title = race_effort_steps(Course(50.0, 2500.0), 65, climbs=False)
    assert title == "Race-effort blocks (3 × 10:00)"
    assert not any("climb" in st.note for st in race_week)


def _flat_peak(plan: Plan) -> Plan:
    """The plan as it was: peak weeks with road race-pace blocks and marathon-pace
    finishes, the week note "hill repeats replace intervals" still on every run."""
    paced = RunStep(StepKind.WORK, distance_m=3000, pace_s_per_km=(293.0, 299.0), repeat=2,
                    note="goal race pace, relaxed")  # fmt: skip
    finish = RunStep(StepKind.STEADY, distance_m=6000, pace_s_per_km=(291.0, 301.0),
                     note="finish at marathon pace")  # fmt: skip
    note = "Q7: hill repeats replace intervals: uphill strength"

    def old(s: PlannedSession) -> PlannedSession:
        if s.kind is not SessionKind.RUN or s.category not in ("race_pace", "hills", "long"):
            return s
        if s.category == "long":
            easy = RunStep(StepKind.STEADY, distance_m=31500, note="long run: easy")
            return dataclasses.replace(s, steps=(easy, finish), why=(*s.why, note))
        return dataclasses.replace(s, category="race_pace", title="Race-pace blocks: 2 × 3 km",
                                   steps=(paced,), why=(*s.why, note))  # fmt: skip

    weeks = tuple(
        dataclasses.replace(w, sessions=tuple(old(s) for s in w.sessions))
        if w.phase is Phase.PEAK
        else w
        for w in plan.weeks
    )
    return dataclasses.replace(plan, weeks=weeks)


def _q7(plan: Plan) -> list[tuple[str, str]]:
    athlete = parse_profile(profile(**A5T))
    return [
        (b.severity.value, b.message.split(":", 1)[0])
        for b in audit_plan(plan, athlete=athlete)
        if b.rule_id == "Q7"
    ]


def test_q7_audit_reports_a_flat_peak_and_road_pace_race_work(plan: Plan) -> None:
    assert _q7(plan) == []
    assert _q7(_flat_peak(plan)) == [("quality", "hill-work"), ("quality", "road-pace")]


def test_q7_a_400_m_trail_race_with_climb_is_planned() -> None:
    # Found by a sample of random trail athletes: 400 m + 30 m of climb is 0.7 km-effort,
    # under the VDOT model's 1 km, and `plan new` ended in a DistanceError traceback.
    changes = {"goal.distance": "400m", "goal.terrain": "trail", "goal.elevation_gain_m": 30,
               "goal.target_time": None}  # fmt: skip
    plan = build_plan(parse_profile(profile(**changes)), START)
    race = [s for s in plan.sessions() if s.category == "race" and s.date == plan.race_date]
    assert len(race) == 1 and race[0].title.startswith("Race 400m trail (+30 m)")
