"""R26: the all-out part of a logged race or time trial, which is what sets a VDOT.

A watch records a time trial as one activity: warm-up, strides, the effort and the
cool-down. Its average pace is far slower than the effort's (a 3 km trial inside an
8 km, 45-minute session reads as VDOT 35 instead of 42), so paces re-estimated from the
whole activity would be wrong. The effort is told apart by what the plan asked for:

- the planned session's work steps give the effort's distance (or time);
- an activity of about that size (within ``TOLERANCE``) *is* the effort;
- else the fastest run of consecutive laps of about that size is;
- else the effort cannot be told apart and no VDOT is read from it.

A race or time trial that was not planned (found by its name) has no steps to go by:
the whole activity is taken as the effort, as a runner logging a race would expect.

Pure: no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.model import Activity, Lap, PlannedSession, StepKind

TOLERANCE = 0.10
"""How far (as a share) the logged size may be from the planned effort's and still be it."""


@dataclass(frozen=True, slots=True)
class Effort:
    """Distance (m) and time (s) of the all-out part; ``whole`` when it is the activity."""

    distance_m: float
    time_s: float
    whole: bool


def _planned_size(planned: PlannedSession) -> tuple[float | None, float | None]:
    """(distance m, time s) of the planned session's work steps; None where unknown."""
    work = [s for s in planned.steps if s.kind is StepKind.WORK]
    if not work:
        return None, None
    if all(s.distance_m for s in work):
        return sum((s.distance_m or 0.0) * s.repeat for s in work), None
    if all(s.duration_s for s in work):
        return None, sum((s.duration_s or 0.0) * s.repeat for s in work)
    return None, None


def _near(value: float | None, target: float) -> bool:
    return value is not None and abs(value - target) <= TOLERANCE * target


def _best_laps(laps: Sequence[Lap], target: float, by_distance: bool) -> Effort | None:
    """The fastest run of consecutive laps whose distance (or time) is near ``target``."""
    best: Effort | None = None
    for i in range(len(laps)):
        metres, seconds = 0.0, 0.0
        for lap in laps[i:]:
            if not lap.distance_m or lap.duration_s <= 0:
                break
            metres += lap.distance_m
            seconds += lap.duration_s
            size = metres if by_distance else seconds
            if size > (1 + TOLERANCE) * target:
                break
            faster = best is None or metres / seconds > best.distance_m / best.time_s
            if _near(size, target) and faster:
                best = Effort(metres, seconds, whole=False)
    return best


def race_effort(activity: Activity, planned: PlannedSession | None) -> Effort | None:
    """R26: the effort of a logged race or time trial (None when it cannot be told apart)."""
    time = activity.moving_time_s or activity.duration_s
    if not activity.distance_m or not time:
        return None
    whole = Effort(activity.distance_m, time, whole=True)
    if planned is None:
        return whole
    distance, planned_time = _planned_size(planned)
    if distance is not None:
        if _near(activity.distance_m, distance):
            return whole
        return _best_laps(activity.laps, distance, by_distance=True)
    if planned_time is not None:
        if _near(time, planned_time):
            return whole
        return _best_laps(activity.laps, planned_time, by_distance=False)
    return whole
