"""Issue 12 (planner), a coach's read of a first 10 km: a runner of 0.3 years and
12 km a week, who has never lifted, three windows (tue/thu 60 min with the gym, sat
90 min). Before: hill repeats from week 1 (the novice tier had no 10 km plan), a
heavy lift in week 1, a 2 km "Easy 1.1 km + 6 strides" token run on thu, and a
transition week of one 1.5 km "Long run" beside two lifts; ``runstrong check``
reported none of it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
from planner_profiles import profile

from runstrong.core.athlete import parse_profile
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    RunCategory,
    SessionKind,
    Severity,
    StrengthCategory,
)
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan, undeclared

START = dt.date(2026, 12, 7)
HARD_RUNS = {c.value for c in RunCategory if c.is_hard} | {RunCategory.RACE_PACE.value}
FIRST_10K: dict[str, Any] = {
    "running": {"weekly_km": 12, "longest_run_km": 5, "years_running": 0.3,
                "recent_race": {"distance": "5k", "time": "36:00"}},
    "strength": {"years_lifting": 0, "equipment": ["gym"]},
    "goal": {"distance": "10k", "date": "2027-04-25"},
    "week": {"tue": ["18:00-19:00"], "thu": ["18:00-19:00"], "sat": ["09:00-10:30"],
             "gym_days": ["tue", "thu"], "long_run_day": "sat", "max_session_min": 120,
             "two_a_days": False},
}  # fmt: skip


def _profile() -> dict[str, Any]:
    data = profile(**FIRST_10K)
    for day in ("mon", "wed", "fri", "sun"):
        data["week"].pop(day, None)
    return data


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(parse_profile(_profile()), START)


def _runs(plan: Plan) -> list[PlannedSession]:
    return [s for w in plan.weeks for s in w.sessions if s.kind is SessionKind.RUN]


def test_a_first_10k_runner_gets_no_quality_running(plan: Plan) -> None:
    """Q4: a novice (Higdon's Novice 10K: easy runs only) runs no hills, threshold,
    intervals or race-pace runs; the race is the only hard run."""
    hard = [(s.id, s.category) for s in _runs(plan) if s.category in HARD_RUNS]
    assert hard == [("w20-sun-run", RunCategory.RACE.value)]


def test_a_non_lifter_lifts_no_heavy_session_before_base_strength(plan: Plan) -> None:
    """R7/R14: six weeks of moderate (base) loads before the first heavy session."""
    early = [
        s.category for w in plan.weeks[:6] for s in w.sessions if s.kind is SessionKind.STRENGTH
    ]
    assert early and StrengthCategory.HEAVY.value not in early
    assert any(w.notes and "R7/R14: base strength first" in " ".join(w.notes)
               for w in plan.weeks[:1])  # fmt: skip


def test_every_run_day_holds_a_real_run(plan: Plan) -> None:
    """Q6: no run but the race is under 3 km (the lift beside it gives way)."""
    short = [(s.id, s.distance_km) for s in _runs(plan)
             if s.category != "race" and (s.distance_km or 0) < 2.95]  # fmt: skip
    assert short == []


def test_the_transition_keeps_easy_running(plan: Plan) -> None:
    """R7: the week after the race runs two or three short easy runs (40-60 % of the
    12 km the athlete ran before the plan), no 'long run', lifts light."""
    week = plan.weeks[-1]
    assert week.phase is Phase.TRANSITION
    runs = [s for s in week.sessions if s.kind is SessionKind.RUN]
    lifts = [s.category for s in week.sessions if s.kind is SessionKind.STRENGTH]
    assert 2 <= len(runs) <= 3
    assert all(s.category != RunCategory.LONG.value and "Long" not in s.title for s in runs)
    assert 0.4 * 12 <= week.run_km <= 0.6 * 12
    assert set(lifts) == {StrengthCategory.LIGHT.value}


def test_the_plan_passes_its_own_audit(plan: Plan) -> None:
    athlete = parse_profile(_profile())
    # every hard, soft and quality finding, less those the plan declares itself
    found = [b.message for b in undeclared(plan, audit_plan(plan, athlete=athlete))
             if b.severity is not Severity.INFO]  # fmt: skip
    assert found == []


def _with_session(plan: Plan, week: int, sid: str, **changes: Any) -> Plan:
    w = plan.weeks[week]
    sessions = tuple(dataclasses.replace(s, **changes) if s.id == sid else s for s in w.sessions)
    weeks = list(plan.weeks)
    weeks[week] = dataclasses.replace(w, sessions=sessions)
    return dataclasses.replace(plan, weeks=tuple(weeks))


def _quality(plan: Plan, check: str) -> list[str]:
    athlete = parse_profile(_profile())
    return [b.message for b in audit_plan(plan, athlete=athlete)
            if b.severity is Severity.QUALITY and b.message.startswith(check)]  # fmt: skip


def test_check_flags_quality_running_for_a_novice(plan: Plan) -> None:
    easy = next(s for s in plan.weeks[0].sessions if s.kind is SessionKind.RUN)
    bad = _with_session(plan, 0, easy.id, category=RunCategory.HILLS.value, hard=True)
    found = _quality(bad, "novice-quality")
    assert len(found) == 1 and easy.id in found[0]


def test_check_flags_a_token_run(plan: Plan) -> None:
    easy = next(s for s in plan.weeks[0].sessions if s.kind is SessionKind.RUN)
    bad = _with_session(plan, 0, easy.id, distance_km=2.0)
    found = _quality(bad, "short-run")
    assert len(found) == 1 and easy.id in found[0] and "2 km" in found[0]


def test_check_flags_a_heavy_lift_for_a_non_lifter(plan: Plan) -> None:
    lift = next(s for s in plan.weeks[0].sessions if s.kind is SessionKind.STRENGTH)
    bad = _with_session(plan, 0, lift.id, category=StrengthCategory.HEAVY.value)
    found = _r7_soft(bad)
    assert len(found) == 1 and lift.id in found[0] and "0 years of lifting" in found[0]
    # from week 7 (base strength established, R5's six weeks) a heavy session is allowed
    later = next(s for s in plan.weeks[6].sessions if s.kind is SessionKind.STRENGTH)
    fine = _with_session(plan, 6, later.id, category=StrengthCategory.HEAVY.value)
    assert _r7_soft(fine) == []


def _r7_soft(plan: Plan) -> list[str]:
    athlete = parse_profile(_profile())
    return [b.message for b in audit_plan(plan, athlete=athlete)
            if b.severity is Severity.SOFT and b.rule_id == "R7"]  # fmt: skip


def test_the_taper_and_deloads_keep_their_lifts_beside_runs(plan: Plan) -> None:
    """Q6: a lift sized to leave the run a short run's room (3 km) joins it; before, a
    short taper run sized the lift to fill the 60-minute window and the run went
    (taper: one 3.2 km run and two lifts alone; deloads: a lift alone on thu)."""
    for w in plan.weeks[:-2]:  # the race week's lift has no run before the race
        run_days = {s.date for s in w.sessions if s.kind is SessionKind.RUN}
        alone = [s.id for s in w.sessions
                 if s.kind is SessionKind.STRENGTH and s.date not in run_days]  # fmt: skip
        assert alone == [], w.index


@pytest.mark.parametrize(
    ("years", "km", "race_m", "novice"),
    [
        (0.3, 12, 10_000, True),  # Higdon's Novice 10K: 7.5 mi (12.1 km) in week 1
        (0.3, 15.1, 10_000, True),  # within 25 % of its entry
        (0.3, 15.2, 10_000, False),
        (2.0, 12, 10_000, False),
        (1.0, 12, 5_000, True),  # Couch to 5K
        (1.0, 12, 3_000, False),  # no novice plan up to 3 km
        (1.0, 30, 42_195, True),  # Higdon's Novice 1 marathon
        (1.0, 30, 50_000, False),
    ],
)
def test_the_novice_tier_covers_first_races(
    years: float, km: float, race_m: float, novice: bool
) -> None:
    from runstrong.core.rules.quality import is_novice

    assert is_novice(years, km, race_m) is novice


@pytest.mark.parametrize(
    "index",
    [
        0,  # 76.7 km a week, a one-day first week: a 1.6 km "Long run"
        27,  # 8.6 km a week, a 100 km goal: quality + long run + a 2.1 km strides run
        84,  # a Q7 back-to-back pair cut the week's strides run to 2.8 km
        370,  # 5.8 km a week: 2.5, 2.5 and a 2.8 km "Long run"
        526,  # a week the ramp cut kept threshold and long run and a 2.8 km strides run
    ],
)
def test_random_athletes_get_no_token_runs(index: int) -> None:
    """Q6 (seed-12 athletes of the plan-quality benchmark): no run but a race is under
    3 km, and the plan has no other unexplained quality finding (no loading week without
    a long run, no lift alone on a run day); before, each of these plans had one."""
    from quality_athletes import athlete_and_plan, unexplained

    athlete, plan_ = athlete_and_plan(12, index)
    short = [(s.id, s.distance_km) for s in _runs(plan_)
             if s.category != "race" and (s.distance_km or 0) < 2.95]  # fmt: skip
    assert short == []
    assert unexplained(plan_, athlete) == {}


@pytest.mark.parametrize(
    ("goal", "named", "not_named"),
    [
        ("10k", "Novice 10K", ("half", "marathon", "couch-to-5k")),
        ("5k", "Couch to 5K", ("half", "marathon", "10K")),
        ("half", "Novice 1 half marathon", ("couch", "10K", "Novice 1 marathon")),
    ],
)
def test_the_novice_note_names_the_goals_plan(
    goal: str, named: str, not_named: tuple[str, ...]
) -> None:
    # QA review 2026-12-07: a 10 km beginner (QA a1) read "novice tier (couch-to-5k, first
    # half or marathon)": the note names the novice plan of the goal's own distance.
    data = {**FIRST_10K, "goal": {"distance": goal, "date": "2027-04-25"}}
    plan = build_plan(parse_profile(profile(**data)), START)
    (note,) = [n for n in plan.notes if n.startswith("Q4: novice tier")]
    assert named in note
    assert not [word for word in not_named if word.lower() in note.lower()], note
