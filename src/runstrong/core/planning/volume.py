"""The season's peak week and long-run target (Q1, Q2), anchored on published plans.

The model is anchored on published plans (``PUBLISHED_PLANS``, also the
reference table of docs/planner.md): each one is a tier that takes a runner
from an entry volume (its first week) to a peak week and a longest run. An
athlete's peak is read off the tiers of their race by their current volume
(linear between tiers' entry volumes; below the lowest, its growth ratio),
never below the current volume, and only as high as the weeks available can
ramp to under R11. Above the highest entry volume of the race's tiers the
runner is already partway up the top tier: the peak is that tier's peak, or
one rung (``ABOVE_TIERS_GROWTH``) over the current volume when that is more;
the top tier's growth ratio is not extrapolated (it planned a 95 km/week
marathoner a 151 km peak). The long-run target is read off the same tiers by the peak
volume and clamped to the race's band (marathon 30–35 km for experienced
runners, 26–32 km for novices; half 16–22; 10 km 12–18; 5 km 10–16; below
the lowest tier in proportion to the volume). Pure.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TypeVar

from runstrong.core.rules.quality import LONG_BAND_KM, Q6_MIN_RUNS, novice_entry_km
from runstrong.core.units import HALF_MARATHON_M, MARATHON_M

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PublishedPlan:
    """One published plan as a tier: entry volume → peak week, longest run."""

    name: str
    source: str
    distance_m: float
    """The race the plan prepares; the tier serves every race of its band."""
    weeks: int
    start_km: float
    """Weekly volume of the plan's first week (the runner it is written for)."""
    peak_km: float
    longest_km: float
    quality_per_week: int
    novice: bool = False
    terrain: str = "road"


def _novice_km(distance_m: float) -> float:
    """Q4: a novice plan's entry volume, kept once in ``rules.quality.NOVICE_TIERS``
    (the audit's ``is_novice`` reads it there)."""
    km = novice_entry_km(distance_m)
    if km is None:  # pragma: no cover - the table covers every novice plan's race
        raise ValueError(f"no novice tier for {distance_m} m")
    return km


PUBLISHED_PLANS: tuple[PublishedPlan, ...] = (
    PublishedPlan("Couch to 5K", "NHS Couch to 5K (9 weeks, 3 runs a week, to 3 × 30 min)",
                  5000, 9, _novice_km(5000), 14.0, 5.0, 0, novice=True),
    PublishedPlan("Higdon Novice 10K", "Hal Higdon, Novice 10K (8 weeks, 3 runs a week: "
                  "2.5, 2 and 3 mi in week 1, to 3, 2 and 5.5 mi; no speedwork)", 10000, 8,
                  _novice_km(10000), 16.9, 8.9, 0, novice=True),
    PublishedPlan("Daniels 5 km–15 km", "Daniels, Daniels' Running Formula 3rd ed., ch. 11 "
                  "(long run ≤ 25 % of the week)", 10000, 24, 56.0, 80.0, 20.0, 2),
    PublishedPlan("1500 m plan", "Daniels, Daniels' Running Formula 3rd ed., ch. 10 "
                  "(1500 m–2 mile, 40 mi peak)", 1500, 24, 40.0, 64.0, 16.0, 2),
    PublishedPlan("Higdon Novice 1 half marathon", "Hal Higdon, Novice 1 half marathon "
                  "(12 weeks, 4 runs a week, long run to 10 mi)", HALF_MARATHON_M, 12,
                  _novice_km(HALF_MARATHON_M), 34.0, 16.0, 0, novice=True),
    PublishedPlan("Pfitzinger & Latter half marathon 1", "Pfitzinger & Latter, Faster Road "
                  "Racing (12 weeks, 31-47 mi a week, long run to 13 mi)", HALF_MARATHON_M, 12,
                  50.0, 76.0, 21.0, 2),
    PublishedPlan("Higdon Novice 1 marathon", "Hal Higdon, Novice 1 marathon (18 weeks for "
                  "runners of 15–25 mi a week, to 40 mi, long run to 20 mi)", MARATHON_M, 18,
                  _novice_km(MARATHON_M), 64.0, 32.0, 0,
                  novice=True),
    PublishedPlan("Pfitzinger & Douglas 18/55", "Pfitzinger & Douglas, Advanced Marathoning "
                  "2nd ed. (18 weeks, up to 55 mi, long run 20 mi)", MARATHON_M, 18, 53.0, 88.0,
                  32.0, 2),
    PublishedPlan("Pfitzinger & Douglas 18/70", "Pfitzinger & Douglas, Advanced Marathoning "
                  "2nd ed. (18 weeks, 55–70 mi, long run 22 mi)", MARATHON_M, 18, 71.0, 113.0,
                  35.0, 2),
    PublishedPlan("Daniels 2Q marathon", "Daniels, Daniels' Running Formula 3rd ed., ch. 16 "
                  "(18 weeks at a chosen 60 mi peak; long run ≤ 25–30 % and ≤ 150 min)",
                  MARATHON_M, 18, 65.0, 97.0, 29.0, 2),
    PublishedPlan("Relentless Forward Progress 50 km", "Bryon Powell, Relentless Forward "
                  "Progress (50 km plan, back-to-back weekend long runs)", 50000, 24, 56.0, 90.0,
                  35.0, 1, terrain="trail"),
)  # fmt: skip
"""Published plans whose tiers anchor the volume model (docs/planner.md, Q1/Q2)."""

PEAK_GROWTH_MAX = 2.7
"""Largest peak/current ratio of the tiers (Higdon Novice 1 marathon: 15 → 40 mi)."""
ABOVE_TIERS_GROWTH = 0.20
"""Q1: a runner above every tier's entry volume grows at least one rung over the
current volume: Pfitzinger & Douglas's schedules step 55 → 70 → 85 mi at peak
(+21-27 % a rung), and they advise the schedule that matches the mileage one runs
now, so a runner already at 59 mi a week peaks on the 55-70 mi schedule (113 km),
not one extrapolated past 85 mi. Runners below the top tier's entry follow the
tiers (up to +66 %: 18/55 from 33 mi)."""


def band_of(distance_m: float) -> int:
    """Index of the race's band in ``LONG_BAND_KM``."""
    return next(i for i, (top, _, _) in enumerate(LONG_BAND_KM) if distance_m <= top)


def tiers(distance_m: float) -> tuple[PublishedPlan, ...]:
    """The published plans of the race's band, by entry volume; the nearest band's
    plans when the band has none (e.g. 100 km borrows the 50 km tier)."""
    band = band_of(distance_m)
    for offset in range(len(LONG_BAND_KM)):
        for b in (band - offset, band + offset):
            found = [p for p in PUBLISHED_PLANS if 0 <= b < len(LONG_BAND_KM)
                     and band_of(p.distance_m) == b]  # fmt: skip
            if found:
                return tuple(sorted(found, key=lambda p: p.start_km))
    return PUBLISHED_PLANS  # unreachable: the table is never empty


def _interpolate(x: float, points: list[tuple[float, float]]) -> float:
    """Piecewise-linear y(x) through ``points``; outside them, the nearest point's y/x ratio."""
    if x <= points[0][0]:
        return points[0][1] * x / points[0][0]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1
    return points[-1][1] * x / points[-1][0]


def tier_peak_km(current_km: float, distance_m: float) -> float:
    """Q1: the peak week the published tiers give a runner who runs ``current_km``
    now (never below it): linear between the tiers' entry volumes; above the highest
    entry, the top tier's peak or ``ABOVE_TIERS_GROWTH`` over the current volume
    (the larger), never the top tier's growth ratio extrapolated."""
    points = sorted({(p.start_km, p.peak_km) for p in tiers(distance_m)})
    top_entry, top_peak = points[-1]
    if current_km > top_entry:
        return max(top_peak, current_km * (1 + ABOVE_TIERS_GROWTH))
    return max(current_km, min(_interpolate(current_km, points), current_km * PEAK_GROWTH_MAX))


def loading_volume_note(km: float, before: float, peak: float, held: bool) -> str:
    """Q1: what a loading week of the outline does beside the highest loading week
    ``before`` it (``held``: the windows set the ``peak``); ``plan_notes`` says it again
    from the weeks as built."""
    if held and km >= peak - 0.05:
        return f"Q1: {km:.1f} km, what your windows hold in a week (R6)"
    if before <= 0:
        return f"Q1: {km:.1f} km, from your current volume toward a {peak:.0f} km peak"
    change = km / before - 1
    if km >= peak - 0.05:
        return f"Q1: {km:.1f} km, the season's peak volume ({change:+.0%} on {before:.1f} km)"
    if change > 0.005:
        return f"Q1: {km:.1f} km, volume rising {change:+.0%} (R11) toward {peak:.0f} km"
    return f"Q1: {km:.1f} km, volume held ({before:.1f} km before)"


def reachable_km(start_km: float, loading_weeks: int, ramp_cap: float) -> float:
    """R11: the highest week ``loading_weeks`` loading weeks can reach from ``start_km``
    at ``ramp_cap`` a week over the highest loading week (deloads do not reset it)."""
    return start_km * (1 + ramp_cap) ** max(loading_weeks - 1, 0)


def long_run_target_km(distance_m: float, peak_km: float) -> float:
    """Q2: the long run a season builds toward: read off the band's tiers by peak
    volume and clamped to the race's band; below the lowest tier in proportion."""
    _, low, high = LONG_BAND_KM[band_of(distance_m)]
    points = sorted({(p.peak_km, p.longest_km * _ultra_scale(distance_m, p.distance_m))
                     for p in tiers(distance_m)})  # fmt: skip
    # The band's low end needs a week of low / 35 % (Pfitzinger's long runs are about
    # a third of the week); a smaller week gets it in proportion (beginners).
    target = max(_interpolate(peak_km, points), low * min(1.0, peak_km * 0.35 / low))
    return round(min(target, high), 1)


LEVEL_LONG_SHARE = 1 / 3
"""Q2: an experienced runner's long run is about a third of the peak week (Pfitzinger's
long runs; Daniels' 25-30 % at the top of his mileage), within the race's band: the
tiers read off a 10 km runner peaking at 52 km a 13 km long run, under the 16-18 km a
coach gives a runner with years of running (band 12-18 km). From the marathon up the
tiers (Pfitzinger & Douglas, Powell) already set the experienced runner's long run."""


def level_long_target_km(distance_m: float, peak_km: float, longest_km: float) -> float:
    """Q2: the long-run target an experienced runner (``rules.quality.long_run_novice``
    false) builds toward, before the window and share caps: up to the half marathon,
    ``LEVEL_LONG_SHARE`` of the peak week within the race's band; and never below the
    longest run they run now (``longest_km``: the plan holds it from week 1, its target
    is no shorter)."""
    _, low, high = LONG_BAND_KM[band_of(distance_m)]
    level = min(high, max(low, LEVEL_LONG_SHARE * peak_km))
    half_or_shorter = band_of(distance_m) <= band_of(HALF_MARATHON_M)
    return round(max(level if half_or_shorter else 0.0, longest_km), 1)


def _ultra_scale(race_m: float, tier_m: float) -> float:
    """Q2/Q7: a race beyond the longest tier's (50 km) asks a longer long run of the
    same week: by the square root of the distance ratio. Powell (*Relentless Forward
    Progress*) peaks the 50 km plan at 22 mi and the 100 km plan at 31 mi (1.41 for
    twice the distance); the band's high end (50 km) caps it."""
    open_band = band_of(race_m) == len(LONG_BAND_KM) - 1  # the band with no longest race
    return math.sqrt(race_m / tier_m) if open_band and race_m > tier_m else 1.0


QUALITY_FLOOR_KM = 5.0
"""A quality run's least km with its warm-up and cool-down (``runs.week_runs``: at
least 5 km or 20 % of the week)."""
EASY_FLOOR_KM = 3.0
"""The shortest easy run (``runs.MIN_EASY_KM``)."""
MIN_RUNS = Q6_MIN_RUNS
"""Q6: the runs a week keeps when the athlete has the days (``periodization``: at
least three)."""


def short_runs(
    quality: list[T],
    km: float,
    long_km: float,
    count: int,
    races_km: float,
    why: list[str],
    *,
    keep_long: bool = False,
    keep_km: float = 0.0,
) -> tuple[list[T], float]:
    """Q6 (issue 12 part 4): the quality runs kept and the long run's km so that the
    week's ``km`` hold ``min(count, MIN_RUNS)`` runs (a reason in ``why`` when a
    quality run goes). A quality run does not shrink below ``QUALITY_FLOOR_KM`` and
    the long run is at least as long (Q2), so at beginner volumes (10 km over three
    days: hills 5 km + long 5 km) it ate the easy run; a coach gives three short runs
    instead. The long run leaves the easy runs the km ``runs.week_runs`` needs to
    keep them, and so stays the longest run (the easy runs share the rest). With
    ``keep_long`` (a week the ramp cut, ``fit.follow_actual``: the long run keeps its
    own step) the quality runs go first and the long run is not cut. ``keep_km`` (Q2:
    the long run at the season's target, ``periodization``): a quality run goes before
    the long run is cut below it; without one, the long run gives way as before (an
    ultra beginner's 13.3 km weeks ran threshold 5 km and a 5.3 km long run, every
    week, under a 6.7 km target and with no note)."""
    want = min(count, MIN_RUNS)
    n_races = 1 if races_km > 0 else 0
    n = len(quality)
    while True:
        floor = max(0.2 * km, QUALITY_FLOOR_KM) if n else 0.0
        easy = max(want - n_races - n - (long_km > 0), 0)
        # ``runs.week_runs`` keeps an easy run only from its floor (Q6: no token run)
        room = km - races_km - n * floor - EASY_FLOOR_KM * easy
        if long_km <= 0 and room >= 0:
            break
        kept = min(keep_km, long_km) if n else 0.0
        if long_km > 0 and room >= (long_km if keep_long else max(floor, EASY_FLOOR_KM, kept)):
            long_km = round(min(long_km, room), 1)
            break
        if n == 0:
            break
        n -= 1
    if n < len(quality):
        why.append(f"Q6: {km:.1f} km hold {count} short runs, not a quality run as well")
    return quality[:n], long_km
