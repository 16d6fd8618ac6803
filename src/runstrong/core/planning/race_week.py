"""The race week (R7, Q5): its volume, its easy runs, how many runs it holds and the
day of its sharpener. Easy running goes on through race week; only the load falls.

Sources (docs/planner.md, "Race week"): Pfitzinger & Douglas (Advanced Marathoning,
2nd ed., ch. 7; Faster Road Racing, ch. 8) keep running on most days of race week
with a short race-pace or strides session three to five days out; their 5 km–half
race weeks run about half of the peak week, their marathon race weeks about a third
of the peak besides the race (from the marathon on the week is judged besides the
race, ``rules.race_week``, the audit's definition). Daniels (Daniels' Running
Formula, 3rd ed., ch. 14) cuts volume, not frequency, in the last week; Higdon's
novice marathon race week runs three short easy runs (about 9 mi) besides the race.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from runstrong.core.model import Phase, RunCategory
from runstrong.core.planning.runs import MIN_EASY_KM, QUALITY_KM
from runstrong.core.planning.week_runs import quality_share_km, run_count
from runstrong.core.rules.race_week import Q5_BESIDES_AIM, besides_race_cap_km, is_long_race

RACE_WEEK_SHARE = 0.5
"""Q5: a 5 km–half race week (short races too) runs about half of the peak week,
the race included (coaches' 40–60 %)."""
RACE_WEEK_MIN_OTHER_SHARE = 0.3
"""Q5: at least this share of the peak runs besides the race (a half on a low peak
would otherwise leave the race alone)."""
RACE_WEEK_PEAK_MARGIN = 0.9
"""Q5: a short race's week stays under 90 % of the peak when the race leaves room for
the floor of easy running above (``RACE_WEEK_MIN_OTHER_SHARE``)."""
RACE_WEEK_UNDER_PEAK_KM = 0.5
"""Q5: a race week whose short race is shorter than the peak week runs at least this far
under the peak (its runs are placed to 0.1 km); only a race longer than the peak week
lifts its week above it. A long race's week is judged besides the race
(``rules.race_week``)."""
RACE_WEEK_EASY_SHARE = 0.7
"""Q5: a race week easy run is at most 70 % of a peak week's average run (shorter
than the athlete's normal easy runs, not capped at a short race's distance)."""
RACE_SHARPENER_ROOM_KM = 10.0
"""Q5: km between the race and the peak week that a race-pace sharpener needs (the
run is about 5 km with its warm-up and cool-down, ``runs.QUALITY_KM``)."""
SHARPEN_FROM_RACE_KM = 10.0
"""Q5: a race week from this race distance up sharpens whenever its running besides the
race holds the sharpener and one easy run (``sharpens_besides``), however little the
race leaves under the peak: Pfitzinger & Douglas (*Advanced Marathoning*, 2nd ed., ch.
7, every mileage tier's race week) keep a few km at marathon pace inside a short run
four or five days before the marathon, and Daniels (*Daniels' Running Formula*, 3rd ed.,
ch. 14) a few threshold or race-pace minutes early in the last week; a modest peak
(a 40 km/week marathoner's 50 km) left no 10 km room and no sharpener."""
SHARPENER_DAYS_OUT = (4, 3, 5)
"""Q5: the race-pace sharpener runs 3–5 days before the race (4 preferred); never the
day before (``Q5-race-eve``)."""


def race_week_km(race_km: float, peak_km: float, last_taper_km: float | None = None) -> float:
    """Q5: the race week's running, the race included. From the marathon on
    (``rules.race_week``, the audit's definition): the race plus 35 % of the peak,
    never more than the band's top nor the last taper week's ``last_taper_km``, so the
    week exceeds the peak only by the race. Shorter races: about half the peak,
    under 90 % of it where the race leaves room for 30 % of easy running, and below
    the peak whenever the race is shorter than the peak week."""
    if is_long_race(race_km):
        return race_km + min(Q5_BESIDES_AIM * peak_km, besides_race_cap_km(peak_km, last_taper_km))
    other = max(RACE_WEEK_SHARE * peak_km - race_km, RACE_WEEK_MIN_OTHER_SHARE * peak_km)
    room = RACE_WEEK_PEAK_MARGIN * peak_km - race_km
    other = min(other, max(room, RACE_WEEK_MIN_OTHER_SHARE * peak_km))
    if race_km < peak_km:
        # Q5: a race shorter than the peak week keeps its week below the peak: the easy
        # running gives way (a race near the peak leaves the race alone)
        other = min(other, max(peak_km - race_km - RACE_WEEK_UNDER_PEAK_KM, 0.0))
    return race_km + other


def sharpener_km(week_km: float, races_km: Sequence[float]) -> float:
    """Q5: the race-pace sharpener as ``runs.week_runs`` sizes it: a fifth of the week
    (from the marathon on two fifths of the running besides the race,
    ``week_runs.quality_share_km``), 5 to ``QUALITY_KM`` km."""
    share = quality_share_km(week_km, races_km, Phase.RACE)
    return min(QUALITY_KM[RunCategory.RACE_PACE], share)


def sharpens_besides(races_km: Sequence[float], week_km: float) -> bool:
    """Q5: a race week from ``SHARPEN_FROM_RACE_KM`` up whose running besides the
    race(s) (``week_km`` less ``races_km``) holds the sharpener (``sharpener_km``) and
    one easy run of ``MIN_EASY_KM``. Its day (3–5 days out, never the race's eve) is
    ``sharpener_date``'s; the week's other runs stay easy."""
    if not races_km or max(races_km) < SHARPEN_FROM_RACE_KM - 0.05:
        return False
    besides = week_km - sum(races_km)
    return besides >= sharpener_km(week_km, races_km) + MIN_EASY_KM - 0.05


def race_week_easy_cap_km(peak_km: float) -> float:
    """Q5: the longest easy run of the race week: 70 % of a peak week's average run
    (whatever the race's length), at least ``runs.MIN_EASY_KM``."""
    return round(max(RACE_WEEK_EASY_SHARE * peak_km / run_count(peak_km), MIN_EASY_KM), 1)


def race_week_run_count(
    first: dt.date, race: dt.date, run_days: Sequence[int], week_km: float,
    races_km: Sequence[float],
) -> int:  # fmt: skip
    """Q5: one easy run (or the sharpener) on every run day before the race, as many
    as the week's km besides the race(s) (``races_km``) hold runs of ``MIN_EASY_KM``,
    and the race(s). ``run_days``: the athlete's run weekdays (0 = Monday)."""
    before = sum(
        (first + dt.timedelta(days=i)).weekday() in run_days for i in range((race - first).days)
    )
    easy_km = week_km - sum(races_km)
    return min(before, int(easy_km // MIN_EASY_KM + 1e-9)) + len(races_km)


def sharpener_date(first: dt.date, race: dt.date, run_days: Sequence[int]) -> dt.date | None:
    """Q5: the race-pace sharpener's day: a run day 4, 3 or 5 days before the race
    (in that order) on or after ``first``; None when the week has no such day."""
    for days in SHARPENER_DAYS_OUT:
        day = race - dt.timedelta(days=days)
        if day >= first and day.weekday() in run_days:
            return day
    return None
