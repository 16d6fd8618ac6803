"""Trail, mountain and hilly races (Q7): race effort by time, long runs on hills.

A course with climb is run by effort, not by road pace. Its size is taken as
ITRA's "km-effort" (kilometres plus one per 100 m of climb, International Trail
Running Association performance index), the road time for that distance comes
from the athlete's VDOT (Daniels & Gilbert), and rough ground adds a terrain
margin (runstrong's own choice: trail +10 %, mountain +25 %, stated in the run's
``why``). Courses that climb 40 m per km or more are hiked on the steep parts.
Pure.
"""

from __future__ import annotations

import dataclasses
import math

from runstrong.core.athlete import Race
from runstrong.core.model import RunCategory, RunStep, StepKind
from runstrong.core.planning.runs import RunDraft
from runstrong.core.science.paces import TrainingPaces, race_time_s
from runstrong.core.units import distance_label

TERRAIN_MARGIN = {"road": 1.0, "trail": 1.10, "mountain": 1.25}
"""Q7: time margin of rough ground over a road course of the same km-effort."""
HIKE_M_PER_KM = 40.0
"""Q7: average climb per km from which the steep climbs are hiked."""


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
    slightly optimistic: pace keeps falling past 100 km)."""
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


def hilly_long_run(draft: RunDraft, race: Race) -> RunDraft:
    """Q7: the long run of an off-road season is run by time on hilly ground."""
    hike = " and hike the steep climbs as you will in the race" if hikes(race) else ""
    note = (
        f"Q7: run it by time ({draft.duration_min} min) on hilly or trail ground, downhills "
        f"relaxed and controlled (eccentric quad load){hike}."
    )
    return dataclasses.replace(draft, why=(*draft.why, note))


def off_road_drafts(drafts: list[RunDraft], race: Race, paces: TrainingPaces) -> list[RunDraft]:
    """Q7: the week's drafts with the goal race by effort and long runs on hills."""
    out: list[RunDraft] = []
    for d in drafts:
        goal = math.isclose(d.km, race.distance_m / 1000, abs_tol=0.01)
        if d.category is RunCategory.RACE and goal:
            d = effort_race(d, race, paces)
        elif d.category is RunCategory.LONG:
            d = hilly_long_run(d, race)
        out.append(d)
    return out
