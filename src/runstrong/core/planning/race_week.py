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

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from runstrong.core.athlete import Race
from runstrong.core.model import Phase, RunCategory
from runstrong.core.planning.runs import (
    MIN_EASY_KM,
    QUALITY_KM,
    RunContext,
    RunDraft,
    prescribed_run,
)
from runstrong.core.planning.schedule_costs import DayCalendar, Placed, WeekSchedule
from runstrong.core.planning.week_runs import quality_share_km, run_count
from runstrong.core.rules.predicates import category_off_race_eve
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
SHARPENER_WEEK_SHARE_MAX = 0.25
"""Q5/R7 (issue 12 item 6): the race-pace sharpener is at most a quarter of the race
week's running (the race included); a week too small for the shortest sharpener
(``QUALITY_KM``'s 5 km floor, ``week_runs.quality_share_km``) runs easy besides the race.
Pfitzinger & Douglas's race weeks (*Advanced Marathoning*, 2nd ed., ch. 7) hold a
"dress rehearsal" of about a fifth of the week; on a 24 km peak a 10 km race week of
15 km was the race and a 5 km sharpener, with no easy running left (R7: easy running
continues)."""
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


def sharpener_fits(races_km: Sequence[float], week_km: float) -> bool:
    """Q5/R7: the race week ``week_km`` (races included) holds its sharpener
    (``sharpener_km``): at most ``SHARPENER_WEEK_SHARE_MAX`` of the week, and the running
    besides the race(s) keeps one easy run of ``MIN_EASY_KM`` beside it (easy running
    continues)."""
    sharp = sharpener_km(week_km, races_km)
    besides = week_km - sum(races_km)
    fits = sharp <= SHARPENER_WEEK_SHARE_MAX * week_km + 0.05
    return fits and besides >= sharp + MIN_EASY_KM - 0.05


def sharpens_besides(races_km: Sequence[float], week_km: float) -> bool:
    """Q5: a race week from ``SHARPEN_FROM_RACE_KM`` up that holds the sharpener
    (``sharpener_fits``). Its day (3–5 days out, never the race's eve) is
    ``sharpener_date``'s; the week's other runs stay easy."""
    if not races_km or max(races_km) < SHARPEN_FROM_RACE_KM - 0.05:
        return False
    return sharpener_fits(races_km, week_km)


def sharpens(races_km: Sequence[float], week_km: float, room: bool) -> bool:
    """Q5/R7: whether a race week keeps its sharpener: the race leaves ``room`` under the
    peak (``RACE_SHARPENER_ROOM_KM``), or the race is from ``SHARPEN_FROM_RACE_KM`` up;
    either way the week holds it (``sharpener_fits``: a quarter of the week at most,
    beside an easy run). Read by ``periodization`` (the outline) and ``fit_race_week``."""
    return (room and sharpener_fits(races_km, week_km)) or sharpens_besides(races_km, week_km)


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


STRIDES_DAYS_OUT = (2, 3, 4, 5, 6)
"""Q5 (decision, issue 12 item 6): a race week's strides run 2–3 days before a race
(further out only when no easy run falls then), never on its eve: the eve holds a
short easy run or rest. Strides the day before are a common coach's choice for short
races, but Q5 keeps the eve free of any fast running (docs/planner.md, "Race week")."""


def strides_off_eve(
    result: WeekSchedule,
    drafts: Mapping[str, RunDraft],
    races: Sequence[Race],
    days: Sequence[DayCalendar],
    run_ctx: Callable[[], RunContext],
) -> tuple[WeekSchedule, dict[str, RunDraft]]:
    """Q5: a strides run the scheduler put on a race's eve trades places with a plain
    easy run ``STRIDES_DAYS_OUT`` days out whose window holds it, and the easy run
    goes to the eve (both are easy running: the week's rule costs stay as they were);
    with none, the eve's run is a plain easy run of its km (``run_ctx``: the week's
    run context), and the week has no strides. ``days``: the week's calendar."""
    out, runs = list(result.placed), dict(drafts)
    for race in (r.date for r in races):
        eve = race - dt.timedelta(days=1)
        for i, a in enumerate(out):
            strides = runs.get(a.demand.key)
            if a.date != eve or strides is None or not category_off_race_eve(strides.category):
                continue
            j = _swap_partner(out, runs, a, race, days)
            if j is not None:
                b = out[j]
                out[i] = dataclasses.replace(a, date=b.date, start_min=b.start_min, window=b.window)
                out[j] = dataclasses.replace(b, date=a.date, start_min=a.start_min, window=a.window)
                continue
            easy = _plain_easy(strides.km, _room_min(out, a, days), run_ctx())
            if easy is not None:
                runs[a.demand.key] = easy
    if not races:
        return result, runs
    return dataclasses.replace(result, placed=tuple(out)), runs


def _plain_easy(km: float, room_min: int, ctx: RunContext) -> RunDraft | None:
    """Q5: the plain easy run that replaces the eve's strides run in its room (a lift
    may follow it, Q6): ``km``, or as much less as the room asks, never under
    ``MIN_EASY_KM`` (Q6: no token run); None when even that does not fit."""
    easy = prescribed_run(RunCategory.EASY, km, ctx)
    while easy.duration_min > room_min and km - 0.1 >= MIN_EASY_KM - 1e-9:
        km = round(km - 0.1, 1)
        easy = prescribed_run(RunCategory.EASY, km, ctx)
    return easy if easy.duration_min <= room_min else None


def _room_min(placed: Sequence[Placed], at: Placed, days: Sequence[DayCalendar]) -> int:
    """The minutes from ``at``'s start to the end of its window, or to the next session
    placed after it in that window (a lift that joins the run, Q6)."""
    day = next((d for d in days if d.date == at.date), None)
    if day is None or not 0 <= at.window < len(day.slots):
        return at.demand.duration_min
    end = day.slots[at.window].window.end_min
    for p in placed:
        if p.date == at.date and p.window == at.window and p.start_min > at.start_min:
            end = min(end, p.start_min)
    return end - at.start_min


def _swap_partner(
    placed: Sequence[Placed],
    runs: Mapping[str, RunDraft],
    strides: Placed,
    race: dt.date,
    days: Sequence[DayCalendar],
) -> int | None:
    """The index of the plain easy run ``strides_off_eve`` trades with, nearest
    ``STRIDES_DAYS_OUT`` first, each run fitting the other's room; None when none."""
    for days_out in STRIDES_DAYS_OUT:
        day = race - dt.timedelta(days=days_out)
        for j, p in enumerate(placed):
            draft = runs.get(p.demand.key)
            if p.date != day or draft is None or draft.category is not RunCategory.EASY:
                continue
            if strides.demand.duration_min <= _room_min(
                placed, p, days
            ) and p.demand.duration_min <= _room_min(placed, strides, days):
                return j
    return None
