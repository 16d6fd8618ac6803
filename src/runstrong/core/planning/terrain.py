"""Trail, mountain and hilly races (Q7): race effort by time, long runs on hills.

A course with climb is run by effort, not by road pace. Its size is taken as
ITRA's "km-effort" (kilometres plus one per 100 m of climb, International Trail
Running Association performance index), the road time for that distance comes
from the athlete's VDOT (Daniels & Gilbert), and rough ground adds a terrain
margin (runstrong's own choice: trail +10 %, mountain +25 %, stated in the run's
``why``). Courses that climb 40 m per km or more are hiked on the steep parts.
The training runs follow the race: long runs by time with climbs, hikes and
descents, race-specific work as climbs at race effort, never road pace
(``core.prescription.run_trail``); a crowded week keeps its hill session.
Pure.
"""

from __future__ import annotations

import dataclasses
import math

from runstrong.core.athlete import Race
from runstrong.core.model import Phase, RunCategory, RunStep, StepKind
from runstrong.core.planning.runs import RunDraft
from runstrong.core.prescription.run_trail import (
    HIKE_M_PER_KM,
    Course,
    race_effort_steps,
    trail_long_steps,
)
from runstrong.core.science.paces import TrainingPaces, race_time_s
from runstrong.core.units import distance_label

TERRAIN_MARGIN = {"road": 1.0, "trail": 1.10, "mountain": 1.25}
"""Q7: time margin of rough ground over a road course of the same km-effort."""


def km_effort(race: Race) -> float:
    """ITRA km-effort: kilometres plus one per 100 m of climb."""
    return race.distance_m / 1000 + race.elevation_gain_m / 100


def hikes(race: Race) -> bool:
    return race.elevation_gain_m / (race.distance_m / 1000) >= HIKE_M_PER_KM


MODEL_MAX_KM = 100.0
"""The VDOT race-time model covers 1 km to 100 km (``core.science.paces``)."""


def _road_time_s(vdot: float, km: float) -> float:
    """Road time for ``km`` km-effort; beyond the model's 100 km (a 100 km course with
    climb), the 100 km pace is held for the extra km (runstrong's extrapolation, so
    slightly optimistic: pace keeps falling past 100 km). Below the model's 1 km (a
    400 m or 800 m race with climb) the 1 km pace is held likewise."""
    if km < 1.0:
        return race_time_s(vdot, 1000.0) * km
    if km <= MODEL_MAX_KM:
        return race_time_s(vdot, km * 1000)
    return race_time_s(vdot, MODEL_MAX_KM * 1000) * km / MODEL_MAX_KM


def effort_race(draft: RunDraft, race: Race, paces: TrainingPaces) -> RunDraft:
    """Q7: the race session of an off-road course, dosed by time and effort."""
    seconds = _road_time_s(paces.vdot, km_effort(race)) * TERRAIN_MARGIN[race.terrain]
    hike = " Hike the steep climbs, run the rest." if hikes(race) else ""
    step = RunStep(
        StepKind.WORK,
        duration_s=round(seconds),
        note=f"race by effort (RPE 6–7 early), not by road pace.{hike}",
    )
    h, m = divmod(math.ceil(seconds / 60), 60)
    label = distance_label(race.distance_m)
    title = f"Race {label} {race.terrain} (+{race.elevation_gain_m:.0f} m): about {h}:{m:02d} h"
    why = (
        f"Q7: {km_effort(race):.0f} km-effort (ITRA: +1 km per 100 m climb) at your VDOT, "
        f"+{TERRAIN_MARGIN[race.terrain] - 1:.0%} for {race.terrain} ground.",
    )
    return dataclasses.replace(
        draft, steps=(step,), duration_min=5 * math.ceil(seconds / 300), title=title,
        why=(*draft.why, *why),
    )  # fmt: skip


def course(race: Race) -> Course:
    return Course(race.distance_m / 1000, race.elevation_gain_m)


def hilly_long_run(draft: RunDraft, race: Race) -> RunDraft:
    """Q7: the long run of an off-road season is run by time on the race's kind of
    ground, climbing in proportion to the race; no road-pace finish."""
    c = course(race)
    hike = " and hike the steep pitches as you will in the race" if hikes(race) else ""
    note = (
        f"Q7: run it by time ({draft.duration_min} min), not by pace: about "
        f"{c.climb_share:.0%} of it climbing (the climb's share of the race's km-effort, "
        f"{c.m_per_km:.0f} m per km), downhills relaxed and controlled (eccentric quad "
        f"load){hike}."
    )
    steps = trail_long_steps(c, draft.duration_min)
    return dataclasses.replace(draft, steps=steps, why=(*draft.why, note))


def race_effort_run(draft: RunDraft, race: Race, phase: Phase) -> RunDraft:
    """Q7: race-specific work of an off-road race is by effort and time on climbs and
    descents (race week: on rolling ground), not at a road race pace."""
    climbs = phase is not Phase.RACE and race.elevation_gain_m > 0
    steps, title = race_effort_steps(course(race), draft.duration_min, climbs)
    note = (
        "Q7: race-specific work for an off-road race is by effort and time on its kind "
        "of ground, not at a road race pace"
    )
    return dataclasses.replace(draft, steps=steps, title=title, why=(*draft.why, note))


def off_road_drafts(
    drafts: list[RunDraft], race: Race, paces: TrainingPaces, phase: Phase
) -> list[RunDraft]:
    """Q7: the week's drafts with the goal race by effort, long runs on climbs and
    race-pace work turned into race-effort climbs."""
    out: list[RunDraft] = []
    for d in drafts:
        goal = math.isclose(d.km, race.distance_m / 1000, abs_tol=0.01)
        if d.category is RunCategory.RACE and goal:
            d = effort_race(d, race, paces)
        elif d.category is RunCategory.LONG:
            d = hilly_long_run(d, race)
        elif d.category is RunCategory.RACE_PACE:
            d = race_effort_run(d, race, phase)
        out.append(d)
    return out


RACE_SPECIFIC = (RunCategory.HILLS, RunCategory.RACE_PACE)
"""Q7: the quality runs an off-road race keeps first (hills, race-effort climbs)."""


def off_road_quality(quality: list[RunCategory]) -> tuple[list[RunCategory], str]:
    """Q7: a loading week's quality runs for an off-road race: hill repeats replace
    intervals and repetitions, and the race-specific runs come first (a deload week
    keeps the first one). Returns them with the week's note."""
    hills: list[RunCategory] = [
        RunCategory.HILLS if q in (RunCategory.INTERVALS, RunCategory.REPETITIONS) else q
        for q in quality
    ]
    hills.sort(key=lambda q: q not in RACE_SPECIFIC)
    if RunCategory.RACE_PACE in hills:
        return hills, (
            "Q7: race-effort climbs and descents replace race-pace blocks: an off-road race "
            "is run by effort and time, not road pace"
        )
    return hills, "Q7: hill repeats replace intervals: uphill strength, downhill control"


def quality_to_cut(hard: tuple[RunCategory, ...], index: int, race: Race) -> int:
    """Q4/Q7: the quality run a crowded week makes easy rotates week by week; an
    off-road race keeps its hill or race-effort session and gives up another."""
    others = [i for i, q in enumerate(hard) if q not in RACE_SPECIFIC]
    if race.off_road and others:
        return others[index % len(others)]
    return index % len(hard)
