"""R26: a VDOT is read from the all-out part of a race or time trial, never from the
warm-up and cool-down logged with it."""

from __future__ import annotations

import datetime as dt

from runstrong.core.coaching.race_effort import race_effort
from runstrong.core.model import (
    Activity,
    Lap,
    PlannedSession,
    RunStep,
    SessionKind,
    Sport,
    StepKind,
)

START = dt.datetime(2026, 11, 30, 9, 0, tzinfo=dt.UTC)


def _trial(*work: RunStep) -> PlannedSession:
    steps = (
        RunStep(StepKind.WARMUP, distance_m=3000),
        *work,
        RunStep(StepKind.COOLDOWN, distance_m=1200),
    )
    return PlannedSession(
        id="tt", date=START.date(), start=START.time(), kind=SessionKind.RUN,
        category="time_trial", hard=True, duration_min=45, load=300, distance_km=7.2,
        steps=steps,
    )  # fmt: skip


TRIAL = _trial(RunStep(StepKind.WORK, distance_m=3000))


def _laps(*parts: tuple[float, float]) -> tuple[Lap, ...]:
    return tuple(Lap(start=START, duration_s=s, distance_m=m) for m, s in parts)


def _run(metres: float, seconds: float, laps: tuple[Lap, ...] = (), name: str = "") -> Activity:
    return Activity(
        sport=Sport.RUNNING, start=START, duration_s=seconds, distance_m=metres,
        name=name, laps=laps,
    )  # fmt: skip


def test_the_fastest_laps_of_the_planned_size_are_the_effort() -> None:
    laps = _laps((3000, 1080), (400, 100), (400, 160), (3000, 780), (1200, 430))
    effort = race_effort(_run(8000, 2550, laps), TRIAL)
    assert effort is not None
    assert (effort.distance_m, effort.time_s, effort.whole) == (3000, 780, False)


def test_laps_that_add_up_to_the_effort_count_together() -> None:
    laps = _laps((3000, 1080), (1000, 262), (1000, 259), (1000, 255), (1200, 430))
    effort = race_effort(_run(7200, 2286, laps), TRIAL)
    assert effort is not None
    assert (effort.distance_m, effort.time_s) == (3000, 776)


def test_an_activity_of_the_planned_size_is_the_effort() -> None:
    effort = race_effort(_run(3050, 790), TRIAL)
    assert effort is not None
    assert (effort.distance_m, effort.time_s, effort.whole) == (3050, 790, True)


def test_a_whole_session_without_laps_sets_no_vdot() -> None:
    # 8 km in 42.5 min would read as a far slower runner than the 3 km trial in it.
    assert race_effort(_run(8000, 2550), TRIAL) is None


def test_a_timed_effort_is_found_by_time() -> None:
    cooper = _trial(RunStep(StepKind.WORK, duration_s=720))
    laps = _laps((3000, 1080), (3100, 720), (1200, 430))
    effort = race_effort(_run(7300, 2230, laps), cooper)
    assert effort is not None
    assert (effort.distance_m, effort.time_s) == (3100, 720)


def test_an_unplanned_race_is_taken_whole() -> None:
    effort = race_effort(_run(10000, 2700, name="Club 10k race"), None)
    assert effort is not None
    assert (effort.distance_m, effort.time_s, effort.whole) == (10000, 2700, True)
