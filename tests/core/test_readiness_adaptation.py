"""Readiness (R18) and today's adaptations (R19–R23), with their rule ids."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runstrong.core.coaching.adaptation import (
    KeyRunOutcome,
    WeekCompliance,
    adapt_day,
    detect_interference,
    third_session_unlocked,
)
from runstrong.core.coaching.readiness import Flag, RpeRecord, Status, assess, sore_streak
from runstrong.core.model import (
    ExercisePrescription,
    PlannedSession,
    RunStep,
    SessionKind,
    StepKind,
    Wellness,
)

DAY = dt.date(2026, 3, 10)


def _lift(category: str = "heavy", minutes: float = 50) -> PlannedSession:
    return PlannedSession(
        id="s-lift",
        date=DAY,
        start=dt.time(18, 0),
        kind=SessionKind.STRENGTH,
        category=category,
        hard=False,
        duration_min=minutes,
        load=minutes * 7,
        title="Heavy lower body",
        exercises=(
            ExercisePrescription(
                "Romanian deadlift",
                ("hamstrings", "glutes", "hips"),
                4,
                6,
                pct_e1rm=0.8,
                load_kg=80.0,
            ),
            ExercisePrescription("Standing calf raise", ("calves",), 3, 10, rpe=8.0),
            ExercisePrescription("Push-up", ("upper_body", "core"), 3, 10, rpe=7.0),
        ),
    )


def _intervals(minutes: float = 60) -> PlannedSession:
    return PlannedSession(
        id="s-run",
        date=DAY,
        start=dt.time(7, 0),
        kind=SessionKind.RUN,
        category="intervals",
        hard=True,
        duration_min=minutes,
        distance_km=11.0,
        load=minutes * 7,
        title="5 × 1000 m at I pace",
        steps=(
            RunStep(StepKind.WARMUP, duration_s=900, pace_s_per_km=(330.0, 360.0)),
            RunStep(StepKind.WORK, distance_m=1000, pace_s_per_km=(235.0, 240.0), repeat=5),
            RunStep(StepKind.RECOVERY, duration_s=180, repeat=5),
            RunStep(StepKind.COOLDOWN, duration_s=600, pace_s_per_km=(330.0, 360.0)),
        ),
    )


GOOD = Wellness(
    day=DAY,
    sleep_h=8,
    sleep_quality=4,
    stress=2,
    soreness=1,
    leg_feel=4,
    hip_stiffness=1,
    low_back_fatigue=1,
    mood=4,
)


def test_green_day_changes_nothing() -> None:
    r = assess(GOOD)
    assert r.status is Status.GREEN
    adapted = adapt_day(DAY, [_intervals(), _lift()], r)
    assert adapted.changes == ()
    assert adapted.sessions == (_intervals(), _lift())


def test_no_checkin_is_unknown_and_plan_stands() -> None:
    r = assess(None, [GOOD])
    assert r.status is Status.UNKNOWN
    assert adapt_day(DAY, [_lift()], r).changes == ()


def test_r18_flags_name_each_item() -> None:
    w = Wellness(
        day=DAY, sleep_h=5, stress=5, soreness=4, leg_feel=2, hip_stiffness=4, low_back_fatigue=5
    )
    r = assess(w)
    assert r.flags >= {
        Flag.POOR_SLEEP,
        Flag.HIGH_STRESS,
        Flag.SORE,
        Flag.HEAVY_LEGS,
        Flag.STIFF_HIPS,
        Flag.TIRED_LOW_BACK,
    }
    assert r.status is Status.RED
    assert "stiff hips (4/5)" in r.reasons


def test_r18_recent_rpe_above_target_flags_fatigue() -> None:
    records = [
        RpeRecord(DAY - dt.timedelta(days=d), actual_rpe=8.5, target_rpe=7.0) for d in (1, 2, 3)
    ]
    r = assess(GOOD, rpe_records=records)
    assert Flag.RPE_ABOVE_TARGET in r.flags
    assert r.status is Status.AMBER


def test_r19_amber_lowers_load_and_keeps_target_rpe() -> None:
    w = Wellness(day=DAY, sleep_h=5.5, sleep_quality=3, soreness=2, leg_feel=3)
    r = assess(w)
    assert r.status is Status.AMBER
    adapted = adapt_day(DAY, [_lift()], r)
    (lift,) = adapted.sessions
    assert [c.rule_id for c in adapted.changes] == ["R19"]
    rdl = lift.exercises[0]
    assert rdl.pct_e1rm == pytest.approx(0.76)
    assert rdl.load_kg == 75.0  # 80 kg × 0.95 → nearest 2.5 kg
    assert lift.exercises[1].rpe == 8.0  # the target RPE is held, the load moves


def test_r19_red_day_turns_hard_run_easy_and_heavy_lift_light() -> None:
    w = Wellness(day=DAY, sleep_h=4.5, sleep_quality=1, soreness=4, leg_feel=1, stress=4)
    r = assess(w)
    assert r.status is Status.RED
    adapted = adapt_day(DAY, [_intervals(), _lift()], r)
    run, lift = adapted.sessions
    assert run.category == "easy" and run.hard is False
    assert lift.category == "light"
    assert lift.title == "Heavy lower body (light, adapted)"
    assert {c.rule_id for c in adapted.changes} == {"R19"}
    assert all(c.message for c in adapted.changes)


def test_r20_stiff_hips_substitutes_similar_lighter_movement() -> None:
    w = Wellness(day=DAY, sleep_h=8, sleep_quality=4, soreness=1, leg_feel=4, hip_stiffness=4)
    r = assess(w)
    seen: list[frozenset[str]] = []

    def substitute(ex: ExercisePrescription, avoid: frozenset[str]) -> ExercisePrescription | None:
        seen.append(avoid)
        if ex.name == "Romanian deadlift":
            return ExercisePrescription(
                "Glute bridge", ("glutes", "hamstrings", "hips"), 3, 12, rpe=7.0
            )
        return None

    adapted = adapt_day(DAY, [_lift()], r, substitute=substitute)
    names = [e.name for e in adapted.sessions[0].exercises]
    assert names[0] == "Glute bridge"
    assert seen and seen[0] == frozenset({"hip"})
    r20 = [c for c in adapted.changes if c.rule_id == "R20"]
    assert (
        r20[0].message
        == "hip complaint: Romanian deadlift → Glute bridge (similar muscles, lighter)"
    )
    # Calf raises and push-ups do not load the hips: left as planned.
    assert [e.name for e in adapted.sessions[0].exercises[1:]] == ["Standing calf raise", "Push-up"]
    assert len(r20) == 1


def test_r20_tired_low_back_scales_back_loaded_trunk_work_without_substitute() -> None:
    lift = dataclasses.replace(
        _lift(),
        exercises=(
            ExercisePrescription("Pallof press", ("core",), 3, 10, rpe=7.0),
            ExercisePrescription("Push-up", ("upper_body", "core"), 3, 10, rpe=7.0),
        ),
    )
    w = Wellness(day=DAY, sleep_h=8, sleep_quality=4, soreness=1, leg_feel=4, low_back_fatigue=5)
    adapted = adapt_day(DAY, [lift], assess(w))
    pallof, push = adapted.sessions[0].exercises
    assert pallof.sets == 2 and push.sets == 3
    assert [c.message for c in adapted.changes if c.rule_id == "R20"] == [
        "lower back complaint: Pallof press scaled back (one set fewer, 10 % lighter)"
    ]


def test_r21_sore_streak_makes_lighter_day() -> None:
    history = [Wellness(day=DAY - dt.timedelta(days=d), soreness=4) for d in (1, 2)]
    today = Wellness(day=DAY, soreness=4, sleep_h=8, leg_feel=3)
    assert sore_streak([*history, today], DAY) == 3
    r = assess(today, history)
    assert Flag.SORE_STREAK in r.flags
    adapted = adapt_day(DAY, [_intervals(), _lift()], r)
    run, lift = adapted.sessions
    assert run.category == "easy" and run.duration_min == pytest.approx(45.0)
    assert lift.category == "moderate"
    assert all(b.sets == a.sets - 1 for a, b in zip(_lift().exercises, lift.exercises, strict=True))
    assert {c.rule_id for c in adapted.changes} == {"R21"}


def test_sore_streak_broken_by_missing_checkin() -> None:
    history = [Wellness(day=DAY - dt.timedelta(days=2), soreness=5)]
    assert sore_streak([*history, Wellness(day=DAY, soreness=5)], DAY) == 1


def test_r22_congested_day_swaps_heavy_for_technique() -> None:
    adapted = adapt_day(DAY, [_lift()], assess(GOOD), minutes_available=30)
    (s,) = adapted.sessions
    assert s.kind is SessionKind.MOBILITY and s.category == "technique"
    assert s.duration_min <= 30
    assert adapted.changes[0].rule_id == "R22"
    assert adapted.changes[0].message == (
        "only 30 min today: the heavy strength session (50 min) becomes 20 min of technique "
        "and mobility"
    )


def test_r22_key_run_kept_before_lift_when_time_is_short() -> None:
    adapted = adapt_day(DAY, [_lift(), _intervals(60)], assess(GOOD), minutes_available=75)
    lift, run = adapted.sessions
    assert run == _intervals(60)
    assert lift.category == "technique" and lift.duration_min == pytest.approx(15.0)


def test_r23_interference_reduces_strength_load() -> None:
    runs = [
        KeyRunOutcome(DAY - dt.timedelta(days=9), pace_ratio=1.00),
        KeyRunOutcome(DAY - dt.timedelta(days=5), pace_ratio=1.04),
        KeyRunOutcome(DAY - dt.timedelta(days=2), rpe_delta=1.5),
    ]
    sig = detect_interference(runs, strength_load_recent=1300, strength_load_before=1000)
    assert sig.degrading and sig.strength_load_change == pytest.approx(0.3)
    adapted = adapt_day(DAY, [_lift()], assess(GOOD), interference=sig)
    assert [c.rule_id for c in adapted.changes] == ["R23"]
    assert adapted.sessions[0].load < _lift().load


def test_r23_not_triggered_when_strength_load_flat() -> None:
    runs = [KeyRunOutcome(DAY - dt.timedelta(days=d), pace_ratio=1.05) for d in (2, 5, 9)]
    assert not detect_interference(runs, 1000, 1000).degrading


def test_r1_third_session_needs_four_consistent_weeks() -> None:
    start = dt.date(2026, 1, 5)
    weeks = [WeekCompliance(start + dt.timedelta(weeks=i), 2, 2) for i in range(4)]
    ok, why = third_session_unlocked(weeks)
    assert ok, why
    weeks[2] = WeekCompliance(weeks[2].start_date, 2, 1)
    ok, why = third_session_unlocked(weeks)
    assert not ok and why == "R1: week of 2026-01-19 had 1/2 strength sessions done (< 90%)"
    assert third_session_unlocked(weeks[:3])[0] is False
    red = [
        WeekCompliance(w.start_date, 2, 2, red_days=1 if i == 3 else 0) for i, w in enumerate(weeks)
    ]
    assert third_session_unlocked(red)[0] is False


scale = st.integers(min_value=1, max_value=5)


@given(
    sleep_q=scale,
    stress=scale,
    soreness=scale,
    legs=scale,
    hips=scale,
    back=scale,
    minutes=st.one_of(st.none(), st.floats(min_value=10, max_value=200)),
)
def test_adaptation_never_adds_load_or_hard_work(
    sleep_q: int, stress: int, soreness: int, legs: int, hips: int, back: int, minutes: float | None
) -> None:
    w = Wellness(
        day=DAY,
        sleep_quality=sleep_q,
        stress=stress,
        soreness=soreness,
        leg_feel=legs,
        hip_stiffness=hips,
        low_back_fatigue=back,
    )
    before = [_intervals(), _lift()]
    adapted = adapt_day(DAY, before, assess(w), minutes_available=minutes)
    for old, new in zip(before, adapted.sessions, strict=True):
        assert new.load <= old.load
        assert new.duration_min <= old.duration_min
        assert not (new.hard and not old.hard)
        assert new.id == old.id
    # Every change names a rule and a session of the day.
    assert all(c.rule_id in {"R19", "R20", "R21", "R22", "R23"} for c in adapted.changes)
    if minutes is not None:
        assert sum(s.duration_min for s in adapted.sessions) <= max(minutes, 10.0) + 1e-6


def test_cut_long_run_keeps_a_distance_from_its_steady_pace() -> None:
    easy = PlannedSession(
        id="s-easy",
        date=DAY,
        start=dt.time(7, 0),
        kind=SessionKind.RUN,
        category="long",
        hard=False,
        duration_min=60,
        distance_km=10.0,
        load=240,
        steps=(RunStep(StepKind.STEADY, duration_s=3600, pace_s_per_km=(345.0, 375.0)),),
    )
    (run,) = adapt_day(DAY, [easy], assess(GOOD), minutes_available=30).sessions
    assert run.duration_min == pytest.approx(30.0)
    assert run.distance_km == pytest.approx(5.0)  # 30 min at the middle of 5:45–6:15/km


def _hills(minutes: float = 50, km: float = 8.0) -> PlannedSession:
    """A hills session whose walk/jog-back recoveries make its average pace slower
    than easy pace: 50 min for 8.0 km (6:15/km) against an easy 5:30–6:00/km."""
    return PlannedSession(
        id="s-hills",
        date=DAY,
        start=dt.time(7, 0),
        kind=SessionKind.RUN,
        category="hills",
        hard=True,
        duration_min=minutes,
        distance_km=km,
        load=minutes * 7,
        title="Hill repeats: 8 × 60 s",
        steps=(
            RunStep(StepKind.WARMUP, duration_s=900, pace_s_per_km=(330.0, 360.0)),
            RunStep(StepKind.WORK, duration_s=60, repeat=8),
            RunStep(StepKind.RECOVERY, duration_s=120, repeat=8),
            RunStep(StepKind.COOLDOWN, duration_s=600, pace_s_per_km=(330.0, 360.0)),
        ),
    )


RED = Wellness(day=DAY, sleep_h=5, sleep_quality=2, soreness=4, leg_feel=2, hip_stiffness=4)


def test_r19_red_day_never_runs_further_or_longer_than_planned() -> None:
    """QA (R19): a red day's 50 min / 8.0 km hills became a 50 min, 8.8 km easy run.
    On red the run is at most 30 min easy, and never longer in km or minutes."""
    r = assess(RED)
    assert r.status is Status.RED
    (run,) = adapt_day(DAY, [_hills()], r).sessions
    assert run.category == "easy" and run.hard is False
    assert run.duration_min <= 30.0
    assert run.distance_km is not None and run.distance_km <= 8.0
    # 30 min at the middle of 5:30–6:00/km is 5.2 km
    assert run.distance_km == pytest.approx(30 * 60 / 345, abs=0.06)


def test_r19_red_day_caps_the_long_run_at_an_easy_half_hour() -> None:
    """R19: on red the long run too is a short easy run (20–30 min), not two thirds of it."""
    long_run = PlannedSession(
        id="s-long", date=DAY, start=dt.time(8, 0), kind=SessionKind.RUN, category="long",
        hard=False, duration_min=90, distance_km=15.0, load=360,
        steps=(RunStep(StepKind.STEADY, duration_s=5400, pace_s_per_km=(345.0, 375.0)),),
    )  # fmt: skip
    (run,) = adapt_day(DAY, [long_run], assess(RED)).sessions
    assert run.duration_min <= 30.0
    assert run.distance_km is not None and run.distance_km <= 15.0 * 30 / 90 + 0.05
    assert run.hard is False


@given(
    minutes=st.floats(min_value=20, max_value=150),
    km=st.floats(min_value=3, max_value=25),
    soreness=st.integers(min_value=1, max_value=5),
    legs=st.integers(min_value=1, max_value=5),
    sleep_q=st.integers(min_value=1, max_value=5),
    available=st.one_of(st.none(), st.floats(min_value=10, max_value=200)),
)
def test_adapted_run_is_never_longer_than_planned(
    minutes: float, km: float, soreness: int, legs: int, sleep_q: int, available: float | None
) -> None:
    """R19/R21/R22: whatever the day, an adapted run covers no more km and no more
    minutes than the planned run."""
    w = Wellness(day=DAY, sleep_h=5, sleep_quality=sleep_q, soreness=soreness, leg_feel=legs)
    planned = _hills(minutes, km)
    (run,) = adapt_day(DAY, [planned], assess(w), minutes_available=available).sessions
    assert run.duration_min <= planned.duration_min
    assert run.distance_km is None or run.distance_km <= km + 1e-9
