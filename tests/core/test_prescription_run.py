"""Run prescription: steps add up, Daniels' volume caps, paces/HR, drill blocks (R5), load."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from runstrong.core.errors import InputError
from runstrong.core.model import Focus, Phase, RunCategory, StepKind
from runstrong.core.prescription.run import (
    RunPrescription,
    fold_drills,
    prescribe_run,
    race_pace_s_per_km,
)
from runstrong.core.prescription.run_steps import hr_range, step_metres, step_seconds
from runstrong.core.prescription.session import planned_load, planned_rpe
from runstrong.core.science.heart_rate import hr_zones_karvonen, hr_zones_lthr
from runstrong.core.science.paces import training_paces

HR = hr_zones_karvonen(190, 50)
SIZED = [c for c in RunCategory if c not in (RunCategory.RACE, RunCategory.TIME_TRIAL)]
RACES = [5000.0, 10_000.0, 21_097.5, 42_195.0]


def run(
    category: RunCategory,
    duration: float | None = 60.0,
    distance: float | None = None,
    vdot: float | None = 50.0,
    *,
    phase: Phase = Phase.BUILD,
    week: int = 2,
    focus: Focus = Focus.ENDURANCE,
    race: float = 10_000.0,
    weekly: float | None = 60.0,
    hr: bool = True,
) -> RunPrescription:
    paces = None if vdot is None else training_paces(vdot)
    return prescribe_run(
        category, duration_min=duration, distance_km=distance, paces=paces, phase=phase,
        week_in_block=week, hr=HR if hr else None, focus=focus, race_distance_m=race,
        weekly_km=weekly,
    )  # fmt: skip


def total_s(rx: RunPrescription, vdot: float | None) -> float:
    easy = None if vdot is None else sum(training_paces(vdot).easy_s_per_km) / 2
    return sum(step_seconds(s, easy) or 0.0 for s in rx.steps)


def work_m(rx: RunPrescription, vdot: float) -> float:
    easy = sum(training_paces(vdot).easy_s_per_km) / 2
    return sum(step_metres(s, easy) or 0.0 for s in rx.steps if s.kind is StepKind.WORK)


common = {
    "phase": st.sampled_from(list(Phase)),
    "week": st.integers(1, 4),
    "focus": st.sampled_from(list(Focus)),
    "race": st.sampled_from(RACES),
    "weekly": st.none() | st.floats(15, 160),
}


@settings(max_examples=200, deadline=None)
@given(
    category=st.sampled_from(SIZED),
    minutes=st.floats(30, 150),
    vdot=st.none() | st.floats(30, 75),
    **common,
)
def test_steps_add_up_to_the_duration(
    category: RunCategory,
    minutes: float,
    vdot: float | None,
    phase: Phase,
    week: int,
    focus: Focus,
    race: float,
    weekly: float | None,
) -> None:
    rx = run(category, minutes, None, vdot, phase=phase, week=week, focus=focus, race=race,
             weekly=weekly)  # fmt: skip
    assert total_s(rx, vdot) == pytest.approx(minutes * 60, abs=1.0)
    assert rx.duration_min == pytest.approx(minutes, abs=0.1)
    assert all((s.duration_s or s.distance_m or 0) > 0 for s in rx.steps)
    assert (rx.distance_km is None) == (vdot is None)


@settings(max_examples=150, deadline=None)
@given(category=st.sampled_from(SIZED), km=st.floats(5, 35), vdot=st.none() | st.floats(30, 75),
       **common)  # fmt: skip
def test_steps_add_up_to_the_distance(
    category: RunCategory,
    km: float,
    vdot: float | None,
    phase: Phase,
    week: int,
    focus: Focus,
    race: float,
    weekly: float | None,
) -> None:
    rx = run(category, None, km, vdot, phase=phase, week=week, focus=focus, race=race,
             weekly=weekly)  # fmt: skip
    assert sum((s.distance_m or 0.0) * s.repeat for s in rx.steps) == pytest.approx(
        km * 1000, abs=1.0
    )
    assert rx.distance_km == pytest.approx(km, abs=0.01)


@settings(max_examples=200, deadline=None)
@given(
    category=st.sampled_from(
        [RunCategory.INTERVALS, RunCategory.REPETITIONS, RunCategory.THRESHOLD,
         RunCategory.RACE_PACE]
    ),
    minutes=st.floats(30, 150),
    vdot=st.floats(30, 80),
    weekly=st.floats(15, 200),
    phase=common["phase"],
    week=common["week"],
    focus=common["focus"],
    race=common["race"],
)  # fmt: skip
def test_daniels_volume_caps(
    category: RunCategory,
    minutes: float,
    vdot: float,
    weekly: float,
    phase: Phase,
    week: int,
    focus: Focus,
    race: float,
) -> None:
    # Daniels: I ≤ min(10 km, 8 %), T ≤ 10 %, R ≤ min(8 km, 5 %), M ≤ min(29 km, 20 %)
    rx = run(category, minutes, None, vdot, phase=phase, week=week, focus=focus, race=race,
             weekly=weekly)  # fmt: skip
    cap_km = {
        RunCategory.INTERVALS: min(10.0, 0.08 * weekly),
        RunCategory.THRESHOLD: 0.10 * weekly,
        RunCategory.REPETITIONS: min(8.0, 0.05 * weekly),
        RunCategory.RACE_PACE: (
            min(29.0, 0.20 * weekly) if race >= 21_097.5
            else 0.10 * weekly if race >= 10_000 else min(10.0, 0.08 * weekly)
        ),
    }[category]  # fmt: skip
    assert work_m(rx, vdot) <= cap_km * 1000 + 1.0


def test_intervals_example_with_paces_and_hr() -> None:
    rx = run(RunCategory.INTERVALS, 60, weekly=60)
    work = next(s for s in rx.steps if s.kind is StepKind.WORK)
    rec = next(s for s in rx.steps if s.kind is StepKind.RECOVERY)
    paces = training_paces(50)
    assert (work.repeat, work.distance_m) == (4, 1000.0)  # 4.8 km cap at 60 km/week
    assert work.pace_s_per_km == pytest.approx(
        (paces.interval_s_per_km - 3, paces.interval_s_per_km + 3)
    )
    assert work.hr_bpm == (176, 190)  # Karvonen Z5 for 190/50
    assert rec.repeat == 4 and rec.duration_s == pytest.approx(paces.interval_s_per_km, abs=0.1)
    assert rx.title == "Intervals: 4 × 1 km"
    assert rx.steps[0].kind is StepKind.WARMUP and rx.steps[-1].kind is StepKind.COOLDOWN


def test_reps_grow_within_a_block_and_taper_keeps_intensity_with_fewer() -> None:
    reps = [
        next(
            s.repeat
            for s in run(RunCategory.REPETITIONS, 60, week=w, weekly=None).steps
            if s.kind is StepKind.WORK
        )
        for w in (1, 2, 3)
    ]
    assert reps == sorted(reps) and reps[0] < reps[-1]
    build = run(RunCategory.INTERVALS, 60, weekly=None)
    taper = run(RunCategory.INTERVALS, 60, weekly=None, phase=Phase.TAPER)
    b = next(s for s in build.steps if s.kind is StepKind.WORK)
    t = next(s for s in taper.steps if s.kind is StepKind.WORK)
    assert t.repeat < b.repeat and t.pace_s_per_km == b.pace_s_per_km


def test_without_paces_steps_use_time_and_effort() -> None:
    rx = run(RunCategory.INTERVALS, 50, vdot=None, hr=False, weekly=None)
    assert all(s.pace_s_per_km is None and s.hr_bpm is None for s in rx.steps)
    work = next(s for s in rx.steps if s.kind is StepKind.WORK)
    assert work.duration_s == 240.0 and work.distance_m is None


def test_threshold_is_tempo_in_build_and_cruise_intervals_in_base() -> None:
    tempo = run(RunCategory.THRESHOLD, 60, phase=Phase.BUILD, week=1, weekly=None)
    cruise = run(RunCategory.THRESHOLD, 60, phase=Phase.BASE, week=1, weekly=None)
    t_work = [s for s in tempo.steps if s.kind is StepKind.WORK]
    assert len(t_work) == 1 and t_work[0].repeat == 1
    c_work = next(s for s in cruise.steps if s.kind is StepKind.WORK)
    assert (c_work.repeat, c_work.distance_m) == (3, 1600.0)


def test_long_run_fast_finish_for_marathoners_in_build() -> None:
    rx = run(RunCategory.LONG, 120, race=42_195.0, weekly=None)
    assert [s.kind for s in rx.steps] == [StepKind.STEADY, StepKind.STEADY]
    assert rx.steps[1].duration_s == 1440.0
    assert rx.steps[1].pace_s_per_km is not None
    assert rx.steps[1].pace_s_per_km[0] < rx.steps[0].pace_s_per_km[0]  # type: ignore[index]
    base = run(RunCategory.LONG, 120, race=42_195.0, phase=Phase.BASE)
    assert len(base.steps) == 1


def test_recovery_is_slower_than_easy() -> None:
    easy = run(RunCategory.EASY).steps[0].pace_s_per_km
    rec = run(RunCategory.RECOVERY).steps[0].pace_s_per_km
    assert easy is not None and rec is not None and rec[0] >= easy[1]


def test_time_trial_is_a_fitness_test() -> None:
    rx = run(RunCategory.TIME_TRIAL, 60)
    trial = [s for s in rx.steps if s.kind is StepKind.WORK]
    assert trial[0].distance_m == 5000.0
    assert "re-estimate VDOT and training paces" in rx.description
    assert total_s(rx, 50) == pytest.approx(3600, abs=1)
    short = run(RunCategory.TIME_TRIAL, 60, focus=Focus.MIDDLE)
    assert next(s for s in short.steps if s.kind is StepKind.WORK).distance_m == 3000.0
    slow = run(RunCategory.TIME_TRIAL, 45, vdot=32)
    assert next(s for s in slow.steps if s.kind is StepKind.WORK).distance_m == 3000.0


def test_race_covers_the_race_distance() -> None:
    rx = run(RunCategory.RACE, None, race=21_097.5)
    assert [s.distance_m for s in rx.steps if s.kind is StepKind.WORK] == [21_097.5]
    assert rx.title == "Race: 21.1 km"


def test_race_pace_lies_among_daniels_paces() -> None:
    """The published-table check is tests/core/test_race_pace.py."""
    p = training_paces(50)
    five = race_pace_s_per_km(p, 5000)
    assert p.interval_s_per_km <= five <= p.threshold_s_per_km
    # Daniels' M pace is marathon race pace (the table prints both to the second)
    assert race_pace_s_per_km(p, 42_195) == pytest.approx(p.marathon_s_per_km, abs=1.0)
    # Issue 12: an 800 m races faster than R (mile) pace: VDOT 50's published 1500 m
    # time 5:24 (324 s) carried to 800 m by Cameron's a(d) (core.science.cameron).
    a_1500, a_800 = (
        13.49681 - 0.045545 + 835.7114 / 1500**0.7905,
        13.49681 - 0.0242904 + 835.7114 / 800**0.7905,
    )
    assert race_pace_s_per_km(p, 800) == pytest.approx(324 / 1.5 * a_1500 / a_800, abs=0.5)
    assert race_pace_s_per_km(p, 800) < p.repetition_s_per_km - 10


def test_hr_range_maps_friel_zones() -> None:
    zones = hr_zones_lthr(170)
    assert hr_range(zones, "threshold") == (170, 173)
    assert hr_range(zones, "recovery") is None  # Friel Z1 is open-ended
    assert hr_range(None, "easy") is None


def test_fold_strides_keeps_size_and_plyometrics_obey_r5() -> None:
    easy = run(RunCategory.EASY, 50)
    folded = fold_drills(easy, drills="strides", base_strength_established=False,
                         heavy_lift_same_day=False, paces=training_paces(50))  # fmt: skip
    assert total_s(folded, 50) == pytest.approx(3000, abs=1)
    assert any(s.kind is StepKind.STRIDES and s.repeat == 6 for s in folded.steps)
    plyo = fold_drills(easy, drills="plyometrics", base_strength_established=True,
                       heavy_lift_same_day=False)  # fmt: skip
    assert "R5 drill block" in plyo.description
    assert total_s(plyo, 50) == pytest.approx(3000, abs=1)
    # R5: never on a heavy lifting day, never before base strength
    heavy = fold_drills(easy, drills="plyometrics", base_strength_established=True,
                        heavy_lift_same_day=True)  # fmt: skip
    assert "pogo" not in heavy.description
    assert heavy.description.endswith("R5: strides instead of plyometrics (heavy lifting today).")
    novice = fold_drills(easy, drills="plyometrics", base_strength_established=False,
                         heavy_lift_same_day=False)  # fmt: skip
    assert "base strength not established" in novice.description
    sore = fold_drills(easy, drills="plyometrics", base_strength_established=True,
                       heavy_lift_same_day=False, injuries=frozenset({"achilles"}))  # fmt: skip
    assert sore.description.endswith("(complaint: achilles).")


def test_fold_errors() -> None:
    with pytest.raises(InputError, match="drill blocks fold into easy or long runs only, not "):
        fold_drills(run(RunCategory.INTERVALS), drills="strides",
                    base_strength_established=True, heavy_lift_same_day=False)  # fmt: skip
    with pytest.raises(InputError, match="unknown drill block 'sprints'"):
        fold_drills(run(RunCategory.EASY), drills="sprints",
                    base_strength_established=True, heavy_lift_same_day=False)  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((RunCategory.EASY, None, None), "a easy run needs duration_min or distance_km"),
        ((RunCategory.EASY, -5.0, None), "duration_min must be a positive number, got -5.0"),
        (
            (RunCategory.INTERVALS, 10.0, None),
            "a 10 min intervals session is too short for a warm-up, the work and a cool-down: "
            "allow at least 30 min",
        ),
        (
            (RunCategory.THRESHOLD, None, 4.5),
            "a 4.5 km threshold session is too short for a warm-up, the work and a cool-down: "
            "allow at least 5 km",
        ),
    ],
)
def test_bad_sizes(args: tuple[RunCategory, float | None, float | None], message: str) -> None:
    with pytest.raises(InputError) as err:
        run(*args)
    assert str(err.value) == message


def test_planned_load_is_rpe_times_minutes() -> None:
    assert planned_load("run", "intervals", 60) == 480.0
    assert planned_load("strength", "heavy", 50) == 350.0
    assert planned_load("mobility", "daily", 10) == 15.0
    assert planned_rpe("run", "easy") < planned_rpe("run", "threshold") < planned_rpe("run", "race")
    with pytest.raises(InputError, match="unknown run category 'jog'; allowed: recovery, easy"):
        planned_load("run", "jog", 30)
    with pytest.raises(InputError, match="unknown session kind 'swim'"):
        planned_load("swim", "easy", 30)


@given(category=st.sampled_from(SIZED), minutes=st.floats(30, 150))
def test_planned_load_matches_foster(category: RunCategory, minutes: float) -> None:
    assume(minutes > 0)
    assert planned_load("run", category.value, minutes) == pytest.approx(
        planned_rpe("run", category.value) * minutes
    )
