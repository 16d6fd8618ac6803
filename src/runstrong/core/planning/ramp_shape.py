"""The shape of the climb to the peak (Q1, R8, R11): a level for each loading week.

R11 (``rules.ramp``) only caps how fast volume may rise; taking every rise it allows
put a 95 km/week marathoner on a 114 km peak in week 3 and held it for thirteen
weeks (coach QA of session 8, qa8_a3), and a 12 km/week beginner flat at 14.5 km from
week 4 to the taper (qa8_a1). A coach spreads the rise over base and build instead:
Pfitzinger & Douglas (*Advanced Marathoning*, 2nd ed., 18/70) climb from about 90 to
113 km over some twelve weeks with recovery weeks between; Daniels (*Daniels' Running
Formula*, 3rd ed., ch. 3) holds each new level three to four weeks before raising it.

So each mesocycle (the loading weeks between two deloads, ``phases.deload_due``)
holds one level; the levels climb in equal steps from the current volume to the peak,
which the mesocycle of the peak phase's first loading week reaches (the last loading
weeks before the taper, R7). After a deload the next level is at least the one before
it (Pfitzinger's return to the pre-recovery mileage). A level is never below the
path that still reaches the peak by then at ``ramp_cap`` a week, so a short season
climbs as fast as R11 allows, as before. ``periodization`` takes the smaller of the
week's level and R11's ceiling. Pure.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from runstrong.core.model import Phase
from runstrong.core.planning.phases import LOADING, deload_due
from runstrong.core.planning.volume import EASY_FLOOR_KM
from runstrong.core.planning.week_runs import EASY_SHARE_OF_LONG

DELOAD_FACTOR = 0.75
"""R8/Q1: a deload week runs 75 % of the week before (20–30 % lighter)."""
THREE_RUNS_KM = round(2 * EASY_FLOOR_KM + EASY_FLOOR_KM / EASY_SHARE_OF_LONG + 0.05, 1)
"""Q6/Q2: the least week of three runs whose long run stands out: two easy runs at their
3 km floor, each at most ``EASY_SHARE_OF_LONG`` of the long run (10.3 km)."""
LOW_LEVEL_KM = round(THREE_RUNS_KM / DELOAD_FACTOR, 1)
"""Q1/R8/Q6: the least level of the climb (13.7 km): its deload, ``DELOAD_FACTOR`` of
it, still holds ``THREE_RUNS_KM``. Levels held at a beginner's 12 km put two-run
deloads after them (a lift alone on the third run day, Q6) or deloads 16 % lighter
(R8); R11's 3 km step took such weeks over it before."""


def deload_weeks(phases: Sequence[Phase], block: int, extra: Collection[int] = ()) -> list[bool]:
    """R8: which weeks deload, as ``periodization`` decides it week by week: after
    ``block`` loading weeks (``deload_due``) or when asked (``extra``, R21)."""
    out: list[bool] = []
    loaded = 0
    for i, phase in enumerate(phases):
        deload = phase in LOADING and (deload_due(loaded, block, list(phases), i) or i in extra)
        out.append(deload)
        if phase in LOADING:
            loaded = 0 if deload else loaded + 1
    return out


def _arrival(phases: Sequence[Phase], loading: list[int]) -> int:
    """The week the peak is reached: the peak phase's first loading week, else the
    last loading week."""
    return next((i for i in loading if phases[i] is Phase.PEAK), loading[-1])


def loading_levels(
    phases: Sequence[Phase],
    deloads: Sequence[bool],
    start_km: float,
    peak_km: float,
    ramp_cap: float,
) -> dict[int, float]:
    """Q1/R11: the volume each loading week (by index; deloads left out) aims at: one
    level a mesocycle, climbing in equal steps from ``start_km`` to ``peak_km`` at the
    mesocycle of the peak phase's first loading week, and never below the path that
    reaches the peak by then at ``ramp_cap`` a loading week."""
    loading = [i for i, p in enumerate(phases) if p in LOADING and not deloads[i]]
    if not loading or peak_km <= start_km:
        return dict.fromkeys(loading, max(peak_km, 0.0))
    block_of: dict[int, int] = {}
    block, fresh = 0, True
    for i in (i for i, p in enumerate(phases) if p in LOADING):
        if deloads[i]:  # a new level after a deload (one, however many deload weeks)
            block, fresh = block + (not fresh), True
        else:
            block_of[i], fresh = block, False
    arrive = _arrival(phases, loading)
    top = max(block_of[arrive], 1)
    rank = {i: k for k, i in enumerate(loading)}
    levels: dict[int, float] = {}
    for i in loading:
        stair = start_km + (peak_km - start_km) * min(block_of[i] / top, 1.0)
        latest = peak_km / (1 + ramp_cap) ** max(rank[arrive] - rank[i], 0)
        levels[i] = round(min(max(stair, latest, LOW_LEVEL_KM), peak_km), 1)
    return levels
