"""Off-road run steps (Q7): long runs on climbs, race-effort climbs, race effort by time.

A trail or mountain race is run by effort, so the runs that prepare it are dosed by
time and effort: no step here carries a road pace (a pace band on a 15 % climb means
nothing). The course is described by its climb per km (``Course``).

* Long run: a warm-up on easy ground, then blocks of climbing (run the runnable
  grades, hike the steep pitches when the race will) each followed by a relaxed
  descent, the rest on rolling ground. The climbing takes the share of the run that
  the climb takes of the race's ITRA km-effort (one km-effort per 100 m of climb,
  International Trail Running Association), so a run climbs in proportion to the
  race's climb per km; descents last half the climbing time (runstrong's choice: the
  same drop goes down about twice as fast at the same effort).
* Race-effort climbs (the race-specific session of build, peak and taper): 10-min
  climbs at race effort, each with a 5-min downhill run that trains descending.
* Race-effort blocks (race week): the same effort on rolling ground, no steep descent
  in the last days.

Hiking: from ``HIKE_M_PER_KM`` of climb per km the steep pitches are hiked; the hiked
share of a climb is the part of the race's climb per km above that threshold
(runstrong's choice: 50 m/km → 20 %, 80 m/km → 50 %). Pure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runstrong.core.model import RunStep, StepKind
from runstrong.core.prescription.run_steps import fmt_time

HIKE_M_PER_KM = 40.0
"""Q7: average climb per km from which the steep climbs are hiked."""
CLIMB_BLOCK_S = 600.0
"""Q7: one climb of a block (long run and race-effort climbs): 10 minutes."""
WARM_S = 900.0
"""Q7: time set aside for the easy start of a trail session (15 minutes; a long run's
start is at most this)."""
COOL_S = 300.0
"""Q7: the least cool-down of a race-effort session when there is room: 5 minutes."""


@dataclass(frozen=True, slots=True)
class Course:
    """Q7: the goal race's ground, as its runs need it."""

    distance_km: float
    elevation_gain_m: float

    @property
    def m_per_km(self) -> float:
        return self.elevation_gain_m / self.distance_km

    @property
    def climb_share(self) -> float:
        """ITRA: the climb's share of the race's km-effort."""
        extra = self.elevation_gain_m / 100
        return extra / (self.distance_km + extra)

    @property
    def hike_share(self) -> float:
        """The hiked share of a climb (0 below ``HIKE_M_PER_KM``)."""
        return max(0.0, 1 - HIKE_M_PER_KM / self.m_per_km) if self.m_per_km > 0 else 0.0


def _climb(course: Course, seconds: float, n: int, effort: str) -> list[RunStep]:
    """One climb of ``seconds`` repeated ``n`` times: run, hike (if the race hikes),
    then the descent."""
    hike = round(seconds * course.hike_share / 30) * 30
    run = seconds - hike
    steps = [RunStep(StepKind.WORK, duration_s=run, repeat=n,
                     note=f"climb at {effort}: run the runnable grade, short steps")]  # fmt: skip
    if hike > 0:
        steps.append(RunStep(StepKind.WORK, duration_s=hike, repeat=n,
                             note="hike the steep pitch: power-hike, hands on thighs, "
                                  "as in the race"))  # fmt: skip
    steps.append(RunStep(StepKind.RECOVERY, duration_s=round(seconds / 2), repeat=n,
                         note="run down relaxed and controlled: quick light steps "
                              "(downhill running, eccentric quad load)"))  # fmt: skip
    return steps


def trail_long_steps(course: Course, minutes: float) -> tuple[RunStep, ...]:
    """Q7: a long run of ``minutes`` by time on the race's kind of ground."""
    total = minutes * 60
    warm = min(WARM_S, 0.15 * total)
    climbing = course.climb_share * total
    n = max(1, round(climbing / CLIMB_BLOCK_S))
    each = min(climbing / n, (total - warm) / n / 1.5)  # a climb and its descent fit
    each = math.floor(each / 30) * 30
    blocks = _climb(course, each, n, "race effort, by feel (RPE 5–6)") if each >= 60 else []
    used = warm + sum((s.duration_s or 0) * s.repeat for s in blocks)
    rest = total - used
    return (
        RunStep(StepKind.STEADY, duration_s=warm, note="long run: easy on gentle ground"),
        *blocks,
        RunStep(StepKind.STEADY, duration_s=rest,
                note="by time on rolling trail: easy, eat and drink as in the race"),
    )  # fmt: skip


def race_effort_steps(
    course: Course, minutes: float, climbs: bool = True
) -> tuple[tuple[RunStep, ...], str]:
    """Q7: the race-specific session of an off-road race, by effort and time: climbs
    at race effort with downhill running (``climbs``), or race-effort blocks on
    rolling ground (race week). Returns the steps and the title."""
    total = minutes * 60
    ratio = 1.5 if climbs else 1.3  # a climb and its descent, or a block and its jog
    n = max(1, min(4, math.floor((total - WARM_S - COOL_S) / (CLIMB_BLOCK_S * ratio))))
    each = min(CLIMB_BLOCK_S, math.floor(total * 0.6 / ratio / 30) * 30)
    if climbs:
        main = _climb(course, each, n, "race effort (RPE 6–7)")
        title = f"Race-effort climbs ({n} × {fmt_time(each)} up, run down)"
    else:
        main = [
            RunStep(StepKind.WORK, duration_s=each, repeat=n,
                    note="race effort (RPE 6–7) on rolling trail, by feel, not by road pace"),
            RunStep(StepKind.RECOVERY, duration_s=round(each * 0.3), repeat=n, note="easy jog"),
        ]  # fmt: skip
        title = f"Race-effort blocks ({n} × {fmt_time(each)})"
    rest = total - sum((s.duration_s or 0) * s.repeat for s in main)
    cool = max(COOL_S, (rest - WARM_S) * 0.4) if rest >= WARM_S + COOL_S else 0.4 * rest
    return (
        RunStep(StepKind.WARMUP, duration_s=rest - cool, note="easy, build into it"),
        *main,
        RunStep(StepKind.COOLDOWN, duration_s=cool, note="easy jog"),
    ), title
