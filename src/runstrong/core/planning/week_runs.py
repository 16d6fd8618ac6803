"""How many runs a week holds and how long its long run is (Q2, R6, R7).

``week_run_count``: enough runs that no easy run outgrows the long run, one a run day
at most, three at least. ``long_run_for_week``: the long run grows by +2 km or +10 % a
loading week (the larger) toward its target, never above its share of the week
(``long_share_max``); deloads and
the taper shorten it. Pure; used by ``periodization`` and ``fit``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from runstrong.core.athlete import Athlete, Race
from runstrong.core.model import Phase
from runstrong.core.planning.phases import LOADING
from runstrong.core.planning.volume import long_run_target_km
from runstrong.core.rules.quality import (
    LONG_SHARE_MAX,
    NOVICE_LONG_SHARE_MAX,
    long_band_high_km,
    long_growth_km,
)
from runstrong.core.rules.race_week import is_long_race
from runstrong.core.units import HALF_MARATHON_M

MARATHON_KM = 42.195


def run_count(km: float) -> int:
    for limit, count in ((20, 3), (35, 4), (55, 5), (75, 6)):
        if km < limit:
            return count
    return 7


EASY_SHARE_OF_LONG = 0.7
"""Q2: the long run is the week's longest run and stands out: every other run of a
loading week is at most 70 % of it, under ``rules.quality.Q2_LONGISH_SHARE``, so none
is long-ish (Pfitzinger & Douglas's medium-long runs stay at 60-75 % of the long run
and sit mid-week; at 90 % a 95 km/week marathoner's Saturday easy run was 30.4 km
before a 35 km long run). ``week_run_count`` adds runs for it where days allow."""
EASY_SHARE_MAX = 0.9
"""Q2/Q1: the most an easy run may reach, strictly shorter than the long run: only when
the runs at ``EASY_SHARE_OF_LONG`` cannot hold the week's volume (few run days,
``runs.week_runs``), and the novice tier's share (published novice plans run nearly
equal runs: NHS Couch to 5K 3 × 30 min). ``periodization`` lengthens the long run,
within its caps, when even these cannot hold the rest of the week; a long-ish run is
never on the long run's eve (``Q2-long-eve``)."""


FEW_RUN_DAYS = 4
"""Q2: with at most this many run days a loading week may need an easy run past
``EASY_SHARE_OF_LONG`` to hold its volume (three days: the long run, a quality run and
one easy run). With five or six, the runs at 70 % hold what the windows allow and the
rest is stated (Q1/Q3): a 10 km runner's five-day week ran a 12.9 km easy run beside a
14.3 km long run because the lift days' windows held 30 min runs."""


def easy_share_of_long(novice: bool) -> float:
    """Q2: the largest share of the long run another run of a loading week may have."""
    return EASY_SHARE_MAX if novice else EASY_SHARE_OF_LONG


def easy_shares(novice: bool, run_days: int, has_long: bool = True) -> tuple[float, ...]:
    """Q2: the shares of the long run a full loading week's easy runs may take, tried in
    turn until they hold the week's volume: ``EASY_SHARE_MAX`` only for the novice tier,
    athletes with at most ``FEW_RUN_DAYS`` run days, and a tune-up week whose race
    stands in for the long run (``has_long`` false; docs/planner.md)."""
    if novice or (run_days > FEW_RUN_DAYS and has_long):
        return (easy_share_of_long(novice),)
    return (EASY_SHARE_OF_LONG, EASY_SHARE_MAX)


def week_run_count(
    athlete: Athlete,
    km: float,
    long_km: float,
    n_quality: int,
    races: tuple[Race, ...],
    days_open: int,
    novice: bool = False,
) -> int:
    """Runs of the week: enough that no easy run outgrows the long run (Q2), at most
    one a run day (R6), at least three."""
    run_days = len(athlete.week.run_days())
    count = run_count(km)
    if long_km > 0:
        rest = km - long_km - sum(r.distance_m / 1000 for r in races) - 9.0 * n_quality
        count = max(count, len(races) + n_quality + 1 + math.ceil(
            max(rest, 0.0) / (easy_share_of_long(novice) * long_km)))  # fmt: skip
    count = min(max(count, 3), run_days + len(races))
    return max(1, min(count, days_open + len(races)))


NEED_SHARE_MAX = 0.75
"""Q2 (issue 12 item 2): from the marathon up, the long run the race needs
(``rules.quality.long_run_need_km``: 26 km for a first marathon) comes before the share
of the week, up to three quarters of it. Higdon's Novice 1 marathon peaks at half the
week (20 of 40 mi) because its week can be 40 mi; Galloway's "Marathon To Finish"
(jeffgalloway.com) keeps two 30-minute weekday runs and builds the weekend long run to
26 mi, three quarters of the week and more, for runners whose weekdays hold little. A
first marathoner whose windows hold a 49 km week (coach QA A2: three weekday hours and
a four-hour Saturday) stopped at 24.5 km, half of it; now the long run reaches 26 km and
the week grows by what it takes over half (the easy runs keep their km)."""


def long_share_cap_km(km: float, share: float, need: float = 0.0) -> float:
    """Q2: the longest long run a week of ``km`` holds: ``share`` of it, or the race's
    ``need`` (0 below the marathon) up to ``NEED_SHARE_MAX`` of it."""
    return max(share * km, min(need, NEED_SHARE_MAX * km))


def long_growth_cap(long_prev_km: float) -> float:
    """Q2: the longest long run the next loading week may hold: +2 km or +10 %
    (the larger) over the longest so far (``rules.quality``)."""
    return long_growth_km(long_prev_km)


def start_long_km(athlete: Athlete, start_km: float, limit: float, share: float) -> float:
    """Q2: the long run the season starts from: the athlete's current longest run (or a
    quarter of the week, or the week over the run days, when longer), capped only by
    real limits: ``limit`` (the target, or the window and session cap) and ``share``
    of the athlete's *current* week. ``start_km`` may be what the windows hold, below
    the current volume (Q1); the share of that smaller week cut the long run the
    athlete already runs (issue 12: a 7 mi long run began the season at 6.5 mi)."""
    current_km = max(athlete.weekly_km, start_km)
    runs = max(len(athlete.week.run_days()), 1)
    usual = max(athlete.longest_run_km, 0.25 * start_km, start_km / runs)
    return round(min(usual, limit, share * current_km), 1)


def season_long_limit(
    goal_m: float, start_km: float, current_km: float, target: float, cap_km: float | None
) -> float:
    """Q2: what limits the season's first long run. From the half up, windows that cut
    the peak (Q1) do not cut the long-run target: the current volume's target is the
    limit, within the window and session cap ``cap_km`` (a miler keeps the smaller one)."""
    if start_km < current_km and cap_km is not None and goal_m >= HALF_MARATHON_M:
        return max(target, min(cap_km, long_run_target_km(goal_m, current_km)))
    return target


def _least_long(km: float, runs: int, n_quality: int, strict: float) -> float:
    """Q2/Q1: the long run ``long_floor_km`` asks of a week of ``runs`` runs, ``n_quality``
    of them quality runs: the other runs' average over ``strict``, at most half the week
    (Higdon's novice share) unless the other runs, each under it, need it longer to hold
    the week (two runs: 7.7 + 6.8 km hold a 14.5 km week; half of it, 7.2 km, held 13.7)."""
    easy_km = km - min(max(0.2 * km, 5.0), 10.0) * n_quality
    easy_runs = max(runs - n_quality, 1)  # the long run among them
    holds = math.ceil(10 * easy_km / (1 + strict * (easy_runs - 1))) / 10
    return min(easy_km / easy_runs / strict, max(NOVICE_LONG_SHARE_MAX * km, holds))


def long_floor_km(
    athlete: Athlete,
    km: float,
    n_quality: int,
    deload: bool,
    long_prev: float | None,
    novice: bool = True,
) -> float:
    """Q2: with few run days the long run is at least the average of the other runs over
    ``EASY_SHARE_MAX``, so that every easy run stays shorter; but it grows by at most
    +2 km / +10 % a loading week over ``long_prev`` (None: the season's first week). Q1
    comes before the share: the week's volume may take the long run up to half the week
    (Higdon's novice share), or past it as far as the other runs need to hold the week,
    never past its race band's high end (issue 12 item 2: ``capacity_km`` counts a
    two-run week at that size)."""
    run_days = len(athlete.week.run_days())
    total = min(run_days, run_count(km))
    # Q2 judges full loading weeks; the easy runs' share as ``runs.week_runs`` allows it
    # (Q1, issue 12 item 1: with five run days at 70 % of a long run that no longer grew
    # with a fast ramp, a 89 km/week runner's held weeks ran 79 km)
    strict = max(easy_shares(novice, run_days)) if not deload else 1.0
    # the quality runs the week keeps (``periodization``: one easy run beside the long
    # run from three runs up): with two run days a build week's second one goes
    kept = min(n_quality, max(total - 2 if total >= 3 else total - 1, 0))
    floor = max(_least_long(km, total, n, strict) for n in (n_quality, kept))
    if strict < EASY_SHARE_MAX:  # five or more run days: the long run keeps its share (Q2)
        floor = min(floor, LONG_SHARE_MAX * km)
    if long_prev is not None and not deload:
        floor = min(floor, long_growth_cap(long_prev))
    return min(floor, long_band_high_km(athlete.goal.distance_m))  # Q2: the band's high end


def long_run_for_week(
    phase: Phase,
    deload: bool,
    km: float,
    long_prev: float,
    target: float,
    races: tuple[Race, ...],
    first_week: bool,
    share: float = LONG_SHARE_MAX,
    need: float = 0.0,
    peak_km: float = 0.0,
) -> float:
    """Q2: the long run grows by at most +2 km (or +10 %) a loading week toward
    ``target``, never above ``share`` of the week (from the marathon up, the race's
    ``need`` within ``NEED_SHARE_MAX``: ``long_share_cap_km``); deloads and the taper
    (``taper_long_km``, ``peak_km`` the season's peak week so far) shorten it."""
    if phase is Phase.RACE:
        return 0.0  # the race is the week's long effort
    if races:
        # R7/Q2: a tune-up week keeps a shorter long run (as a deload's), unless the
        # race is as long; else the race caps every run and the week cannot hold its
        # mini-taper volume.
        race_km = max(r.distance_m for r in races) / 1000
        kept = min(0.75 * long_prev, share * km) if phase in LOADING else 0.0
        return round(kept, 1) if kept > race_km else 0.0
    if phase in LOADING and not deload:
        grown = long_prev if first_week else long_growth_cap(long_prev)
        long_km = min(target, grown, long_share_cap_km(km, share, need))
    elif phase in LOADING:
        long_km = min(0.75 * long_prev, share * km)
    elif phase is Phase.TAPER:
        long_km = taper_long_km(long_prev, km, peak_km)
    else:  # R7: the transition runs easy only (``phases.transition_km``), no long run
        long_km = 0.0
    return round(max(long_km, 0.0), 1)


TAPER_LONG_FACTOR = 0.8
"""R7/Q2: a taper week's long run is at most 80 % of the season's longest."""
TAPER_LONG_SHARE = 0.4
"""R7/Q2: a taper week's long run may take this share of its week, or the larger share
the longest long run took of the peak week, at most ``NEED_SHARE_MAX``
(``taper_long_km``)."""


def taper_long_km(long_prev: float, km: float, peak_km: float) -> float:
    """R7/Q2: the taper week's long run: 80 % of the longest (``long_prev``), and no more
    of the taper week (``km``) than ``TAPER_LONG_SHARE`` or the share the longest took of
    the peak week (``peak_km``), so the long run falls with the week and the week keeps
    its volume. Mujika & Padilla ("Scientific bases for precompetition tapering
    strategies", *Med Sci Sports Exerc* 35(7), 2003) and Bosquet et al. ("Effects of
    tapering on performance: a meta-analysis", *Med Sci Sports Exerc* 39(8), 2007): cut
    volume by 41–60 % over about two weeks (``phases.TAPER_CUT_RANGE``), keep intensity
    and frequency. Before: at 40 % of the week a long run the band capped (22 km of a
    30 km two-run-day half-marathon peak) fell to 8.2 km, and with its one quality run
    the taper week held 13.2 km, 56 % under the peak, the whole taper 69 % under it."""
    kept = min(long_prev / peak_km, NEED_SHARE_MAX) if peak_km > 0 else 0.0
    return min(TAPER_LONG_FACTOR * long_prev, max(TAPER_LONG_SHARE, kept) * km)


WAVE_SHARE = 0.85
"""Q2 (issue 12 item 2): a marathon's long run does not hold its top distance week after
week: after a loading week at the season's longest long run so far, the next full
loading week runs 85 % of it (its build and peak long runs finish at marathon pace,
``prescription.run``), then the top comes back (+2 km / +10 % over the longest so far
allows it). Pfitzinger & Douglas (*Advanced Marathoning*, 2nd ed., 18/55 and 18/70)
alternate their 20-22 mi long runs with marathon-pace long runs of 16-18 mi (about
80-85 % of the top) and medium-long weeks, so the top distance comes three or four
times; Higdon's Novice 1 runs its 20-miler once. Before: coach QA A3 ran 34 km in seven
loading weeks in a row."""


def wave_long_km(long_km: float, longest_km: float) -> float:
    """Q2: the long run of a full loading week that follows one at the top
    (``longest_km``, the longest so far): ``WAVE_SHARE`` of it when it would not grow
    past the top (it would repeat it), else as it is."""
    if long_km > longest_km + 0.05:
        return long_km
    return round(min(long_km, WAVE_SHARE * longest_km), 1)


def wave_note(long_km: float, top_km: float) -> str:
    """Q2: the note of a week whose long run is the wave's shorter one."""
    return (
        f"Q2: a shorter long run this week, {long_km:.1f} km after {top_km:.1f} km; the "
        "longest comes back next loading week (Pfitzinger & Douglas alternate them)"
    )


def week_km_for_long(km: float, delta: float, ceiling: float) -> float:
    """Q2: the week's km grown by ``delta``, what the race's need takes over the long
    run's share (at most ``ceiling``, R11's): the other runs keep their km. The wave's
    shorter long run (``wave_long_km``) gives up no km: the other runs keep the week at
    its level (Q1: loading weeks do not fall; it took 5 km off every other week of a
    95 km marathoner's climb, coach QA qa8_a3)."""
    return round(min(km + max(delta, 0.0), ceiling), 1)


ULTRA_TOP_WEEKS = 6
"""Q2/Q7: the last loading-phase weeks before an ultra's taper (deloads counted) in which
its long run runs at its target; a published 100 km plan runs its longest runs
(~50 km) a few times in its last build weeks, not for months (docs/planner.md)."""


def ultra_long_target(
    target: float, phases: list[Phase], index: int, race_km: float, start: float
) -> float:
    """Q2/Q7: the long-run target of week ``index`` of an ultra (a race beyond the
    marathon): a straight climb from the athlete's ``start`` long run that arrives at
    the season's target in the last ``ULTRA_TOP_WEEKS`` loading-phase weeks, instead of
    reaching it early and holding it for months (Q2's +2 km / +10 % a week still caps
    each step)."""
    if race_km <= MARATHON_KM or target <= start:
        return target
    loading = [i for i, p in enumerate(phases) if p in LOADING]
    arrive = max(len(loading) - ULTRA_TOP_WEEKS + 1, 1)
    done = sum(i <= index for i in loading)
    return round(start + (target - start) * min(1.0, done / arrive), 1)


LONG_RACE_SHARPENER_SHARE = 0.4
"""Q5: a long race's race-week sharpener runs two fifths of the week's running besides
the race (our reading of Pfitzinger & Douglas's marathon "dress rehearsal": a short run
with a couple of miles at marathon pace early in race week, the longest run of that
week besides the race; docs/planner.md)."""


def quality_share_km(total_km: float, races_km: Sequence[float], phase: Phase) -> float:
    """The km a quality run is sized to (at most its ``QUALITY_KM``): a fifth of the week,
    at least 5 km. Q5: the race week of a long race (``rules.race_week``) sizes its
    sharpener on its running besides the race; counted with a marathon, the
    sharpener took a low peak's race week whole (and then fit no window)."""
    if phase is Phase.RACE and any(is_long_race(r) for r in races_km):
        return max(LONG_RACE_SHARPENER_SHARE * (total_km - sum(races_km)), 5.0)
    return max(total_km * 0.2, 5.0)


def quality_rooms_min(
    rooms_min: Sequence[float], taken: int, n_quality: int, cap_min: float
) -> list[float]:
    """Q3/R6 (issue 12 item 3): the minutes each of a week's ``n_quality`` quality runs
    may last: the i-th takes the i-th largest window after the ``taken`` ones the long
    run and the races take (``rooms_min``: ``context.day_caps``, largest first), at most
    ``cap_min``. A 65-minute race-pace run sized to the long run's 150-minute Sunday
    fitted no 60-minute weekday and was dropped (qa9_rw week 14); sized to a weekday it
    runs shorter (fewer repeats, a shorter block). A run beyond the open days takes the
    smallest of them; with no other day it keeps ``cap_min`` (the scheduler drops it and
    says so only when no window can take any of it)."""
    free = sorted(rooms_min, reverse=True)[taken:]
    if not free:
        return [cap_min] * n_quality
    return [min(cap_min, free[min(i, len(free) - 1)]) for i in range(n_quality)]
