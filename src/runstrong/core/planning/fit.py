"""Fit a week's runs to the season's shape after the calendar has had its say (Q1, Q2, Q5).

The outline (``periodization``) sets each week's volume, but the runs it turns
into depend on the athlete's days and windows: a quality run does not shrink
below its warm-up, work and cool-down, and with two or three run days a week
has no easy runs to absorb the difference. ``fit_deload`` re-sizes a deload
week's runs until they add up to 25 % less than the loading week actually
placed before it (Q1: 20–30 %). ``race_week_note`` and ``long_run_note`` state
the limits a plan cannot get past (Q5, Q2), only when a real constraint holds.
Pure: no I/O, no clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.model import Phase, PlanWeek, RunCategory, SessionKind
from runstrong.core.planning.periodization import (
    PlanOptions,
    WeekOutline,
    ramp_limits,
)
from runstrong.core.planning.phases import LOADING, transition_km
from runstrong.core.planning.race_week import (
    RACE_SHARPENER_ROOM_KM,
    race_week_km,
    sharpener_date,
    sharpener_km,
    sharpens,
)
from runstrong.core.planning.ramp_shape import DELOAD_FACTOR
from runstrong.core.planning.runs import MIN_EASY_KM, QUALITY_KM, RunDraft
from runstrong.core.planning.volume import MIN_RUNS, short_runs
from runstrong.core.planning.week_runs import long_growth_cap
from runstrong.core.rules.predicates import category_is_easy
from runstrong.core.rules.quality import Q1_DELOAD_CUT, Q1_DELOAD_SLACK, Q1_TOLERANCE_KM
from runstrong.core.rules.race_week import is_long_race
from runstrong.core.rules.ramp import plan_history_km, ramp_ceiling_km
from runstrong.core.units import format_race_distance

_FLEXIBLE = (RunCategory.LONG, RunCategory.EASY, RunCategory.STRIDES, RunCategory.RECOVERY)
_FIT_ROUNDS = 5
_FIT_SLACK = 0.03
"""Q1: a deload within 22–28 % of the week before is close enough (the audit asks 20–30 %)."""


def fit_deload(
    outline: WeekOutline,
    before: PlanWeek | None,
    drafts_of: Callable[[WeekOutline], Sequence[RunDraft]],
) -> WeekOutline:
    """Q1/R8: the deload ``outline`` re-sized so that its runs (``drafts_of``) add up to
    ``DELOAD_FACTOR`` of the loading week placed ``before`` it. The easy runs and the
    long run take the change (never a longer long run than the week before's); a
    deload too small for its quality run keeps only easy running."""
    if not outline.deload or before is None or before.deload or before.phase not in LOADING:
        return outline
    if before.run_km <= 0:
        return outline
    longest_before = _long_km(before) or outline.long_run_km
    target = before.run_km * DELOAD_FACTOR
    fitted = outline
    for _ in range(_FIT_ROUNDS):
        drafts = drafts_of(fitted)
        total = sum(d.km for d in drafts)
        delta = target - total
        if abs(delta) <= _FIT_SLACK * before.run_km:
            break
        flexible = sum(d.km for d in drafts if d.category in _FLEXIBLE)
        long_now = max((d.km for d in drafts if d.category is RunCategory.LONG), default=0.0)
        capped = any(d.category is RunCategory.EASY and d.km >= long_now - 0.05 for d in drafts)
        if delta > 0 and capped and 0 < long_now < longest_before:
            # the easy runs are at their cap, the long run: a longer long run holds the
            # rest (never longer than the week before's)
            long_km = min(longest_before, long_now + delta)
            fitted = dataclasses.replace(fitted, long_run_km=round(long_km, 1))
            continue
        short = [d for d in drafts if d.category is RunCategory.EASY and d.km <= MIN_EASY_KM]
        if delta < 0 and short and fitted.run_count > 2 and -delta >= MIN_EASY_KM / 2:
            # easy runs at their 3 km floor hold the deload up: the quality run goes
            # first (Q6: runs first, an easy deload keeps its run days), else one easy
            # run fewer (when that brings the week closer)
            if fitted.hard_runs:
                fitted = dataclasses.replace(fitted, hard_runs=(), run_km=round(target, 1))
            else:
                fitted = dataclasses.replace(fitted, run_count=fitted.run_count - 1)
            continue
        if fitted.hard_runs and 2 * (total - flexible) > target:
            # the quality run (and the long run, at least as long, Q2) outweigh the
            # deload: an easy week instead
            fitted = dataclasses.replace(fitted, hard_runs=(), run_km=round(target, 1))
            continue
        factor = max(flexible + delta, 1.0) / flexible if flexible > 0 else 1.0
        long_km = min(fitted.long_run_km * factor, max(longest_before, fitted.long_run_km))
        fitted = dataclasses.replace(
            fitted, run_km=round(max(fitted.run_km + delta, 1.0), 1), long_run_km=round(long_km, 1)
        )
    return _deload_runs_first(fitted, drafts_of)


def _deload_runs_first(
    outline: WeekOutline, drafts_of: Callable[[WeekOutline], Sequence[RunDraft]]
) -> WeekOutline:
    """Q6 (issue 12 part 4): a deload keeps its run days, as a loading week does
    (``volume.short_runs``): when its quality run and the long run take all of its km
    and leave a run day to a lift alone, the quality run gives way to short easy runs."""
    if not outline.hard_runs or len(drafts_of(outline)) >= min(outline.run_count, MIN_RUNS):
        return outline
    why = list(outline.why)
    races_km = sum(r.distance_m for r in outline.races) / 1000
    quality, long_km = short_runs(
        list(outline.hard_runs), outline.run_km, outline.long_run_km, outline.run_count,
        races_km, why,
    )  # fmt: skip
    fewer = dataclasses.replace(
        outline, hard_runs=tuple(quality), long_run_km=long_km, why=tuple(why)
    )
    return fewer if len(drafts_of(fewer)) > len(drafts_of(outline)) else outline


def refit_deload(
    outline: WeekOutline, placed_km: float, before: PlanWeek | None
) -> WeekOutline | None:
    """Q1: when the deload week as placed misses the 20–30 % band (a run the windows
    could not take, a run shortened to fit), the outline to place again: its volume
    and long run moved by the miss (the long run no longer than the week before's).
    None when the placed week is in the band."""
    if not outline.deload or before is None or before.deload or before.phase not in LOADING:
        return None
    if before.run_km <= 0:
        return None
    low, high = Q1_DELOAD_CUT
    if low <= 1 - placed_km / before.run_km <= high:
        return None
    floor_runs = _floor_runs(before)
    if floor_runs:  # Q1/Q6: no deload of whole runs fits the band: the runs at 3 km
        km = floor_runs * MIN_EASY_KM
        return dataclasses.replace(outline, hard_runs=(), run_km=km, long_run_km=MIN_EASY_KM)
    delta = before.run_km * DELOAD_FACTOR - placed_km
    long_km = min(outline.long_run_km + delta, max(_long_km(before), outline.long_run_km))
    if outline.hard_runs:  # a quality run that cannot shrink keeps it out: an easy deload
        return dataclasses.replace(
            outline, hard_runs=(), run_km=round(before.run_km * DELOAD_FACTOR, 1),
            long_run_km=round(max(min(long_km, _long_km(before) or long_km), 1.0), 1),
        )  # fmt: skip
    return dataclasses.replace(
        outline,
        run_km=round(max(outline.run_km + delta, 1.0), 1),
        long_run_km=round(max(long_km, 1.0), 1),
    )


def _floor_runs(before: PlanWeek) -> int:
    """Q1/Q6: the runs of a deload after ``before`` when no deload of whole runs lies in
    the 20-30 % band: the fewest runs of ``MIN_EASY_KM`` that are not under it are
    already over it, and one run fewer, none longer than the long run before, falls
    short of it (a 7.3 km week of a 4.3 km long run and 3 km: two 3 km runs, 18 %
    lighter; one run would be 4.3 km at most). 0 when the band can be reached."""
    low, high = Q1_DELOAD_CUT
    deepest = (1 - high - Q1_DELOAD_SLACK) * before.run_km
    n = max(math.ceil(deepest / MIN_EASY_KM - 1e-9), 1)
    if n * MIN_EASY_KM <= (1 - low + Q1_DELOAD_SLACK) * before.run_km:
        return 0
    return n if (n - 1) * _long_km(before) < deepest else 0


TAPER_STEP_KM = 0.5
"""Q5: how far under its ceiling (the week before, the peak) a refitted taper week aims."""


def refit_taper(
    outline: WeekOutline, placed_km: float, before: PlanWeek | None, top_actual_km: float
) -> WeekOutline | None:
    """Q5/R7: when a taper week as placed does not fall below the taper week before it
    (or the season's peak), the outline to place again, its volume and long run cut
    by the excess; a quality run that cannot shrink and too few easy runs to absorb
    the cut are what makes a taper week rise. None when the week already falls."""
    if outline.phase is not Phase.TAPER or top_actual_km <= 0:
        return None
    ceiling = top_actual_km
    if before is not None and before.phase is Phase.TAPER and before.run_km > 0:
        ceiling = min(ceiling, before.run_km)
    if placed_km < ceiling:
        return None
    delta = ceiling - TAPER_STEP_KM - placed_km
    return dataclasses.replace(
        outline,
        run_km=round(max(outline.run_km + delta, 1.0), 1),
        long_run_km=round(max(outline.long_run_km + delta, 1.0), 1),
    )


_LONG_OR_RACE = (RunCategory.LONG.value, RunCategory.RACE.value)


TAPER_LONG_STEP = 0.85
"""Q5: a taper week's long run is at most 85 % of the week before's, so that taper long
runs fall week by week (Pfitzinger & Douglas's three-week marathon taper runs about
20, 17 and 13 miles; docs/planner.md)."""


def long_follows_actual(
    outline: WeekOutline, done: Sequence[PlanWeek], start: dt.date
) -> WeekOutline:
    """Q2: the long run grows by at most +2 km / +10 % over the longest long run (or
    tune-up race) actually placed, not only over the outline's (rounding drifts).
    Q5: a taper week's long run falls below the one placed the week before."""
    if outline.phase is Phase.TAPER and done and outline.long_run_km > 0:
        cap = math.floor(TAPER_LONG_STEP * _long_km(done[-1]) * 10) / 10
        if 0 < cap < outline.long_run_km:
            return dataclasses.replace(outline, long_run_km=cap)
        return outline
    if outline.phase not in LOADING or outline.deload:
        return outline
    placed = [
        s.distance_km or 0.0
        for w in done
        if w.phase in LOADING and not w.deload and w.start_date >= start
        for s in w.sessions
        if s.kind is SessionKind.RUN and s.category in _LONG_OR_RACE
    ]
    if not placed:
        return outline
    cap = math.floor(long_growth_cap(max(placed)) * 10) / 10
    if outline.hard_runs and cap < QUALITY_MIN_KM:
        # Q2 over Q4: a quality run (at least 5 km) would be the week's longest run
        note = f"Q2: no quality run this week: the long run grows step by step to {cap:.1f} km"
        outline = dataclasses.replace(outline, hard_runs=(), why=(*outline.why, note))
    return outline if outline.long_run_km <= cap else dataclasses.replace(outline, long_run_km=cap)


def long_fills_held(
    outline: WeekOutline, done: Sequence[PlanWeek], start: dt.date, current_km: float,
    target_km: float,
) -> WeekOutline:  # fmt: skip
    """Q1/Q2: once the windows held a full loading week below the athlete's current
    volume (its easy runs boxed), a later loading week's long run makes up for it: it
    grows (+2 km / +10 % over the longest placed, toward ``target_km``) by what the last
    full week lacked, or, when that week reached the current volume, it does not fall
    back below the longest placed (the marathon's shorter wave week aside). Before, the
    ramp's held weeks (``ramp_shape``) repeated the week before below the current volume
    and said the long run "does not grow this week", which is no limit (a 30 km/week
    runner in miles on three days ran 28.3 km in weeks 1-3 and 29.3 km in weeks 5-7).
    A week planned under the current volume (the windows' capacity, stated in the season
    note) is left as planned."""
    if outline.phase not in LOADING or outline.deload or not done:
        return outline
    if outline.run_km < current_km - 0.05:  # the season's capacity holds it (its note says)
        return outline
    full = [w for w in done if w.phase in LOADING and not w.deload and w.start_date >= start]
    if not any(w.run_km < current_km - Q1_TOLERANCE_KM for w in full):
        return outline
    longest = max(_long_km(w) for w in full)
    lack = current_km - full[-1].run_km
    if lack > Q1_TOLERANCE_KM:
        grown = min(long_growth_cap(longest), longest + lack, max(target_km, longest))
    elif outline.wave:  # Q2: the wave's shorter long run stays short this week
        return outline
    else:
        grown = longest
    if grown <= outline.long_run_km + 0.05:
        return outline
    return dataclasses.replace(outline, long_run_km=math.floor(grown * 10) / 10)


QUALITY_MIN_KM = 5.0
"""Q2: the shortest quality run ``runs.week_runs`` sizes (warm-up, work, cool-down)."""


def fit_race_week(
    outline: WeekOutline, top_actual_km: float, run_days: Sequence[int] = tuple(range(7))
) -> WeekOutline:
    """Q5: the race week's race-pace sharpener goes on a run day 3–5 days before the
    race (``race_week.sharpener_date``; never its eve). There is none when the week
    has no such day, nor when the race leaves less than ``RACE_SHARPENER_ROOM_KM`` (or
    the sharpener's own km) under the peak actually placed and, from 10 km up, the
    running besides the race holds no sharpener and an easy run
    (``race_week.sharpens_besides``): easy running only. ``run_days``: the athlete's
    run weekdays (0 = Monday)."""
    if outline.phase is not Phase.RACE or not outline.hard_runs or top_actual_km <= 0:
        return outline
    race_km = sum(r.distance_m for r in outline.races) / 1000
    first = outline.first_day or outline.start_date
    race = min((r.date for r in outline.races), default=outline.end_date)
    day = sharpener_date(first, race, run_days)
    races_km = [r.distance_m / 1000 for r in outline.races]
    sharpener = sharpener_km(outline.run_km, races_km)  # as ``runs.week_runs`` sizes it
    room = top_actual_km - race_km >= max(RACE_SHARPENER_ROOM_KM, sharpener + TAPER_STEP_KM)
    if sharpens(races_km, outline.run_km, room) and day is not None:  # R7: easy runs stay
        return dataclasses.replace(outline, sharpener_date=day)
    return dataclasses.replace(outline, hard_runs=())


def fit_tune_up(outline: WeekOutline, athlete: Athlete, easy_s_per_km: float) -> WeekOutline:
    """R7/Q5: the long run a tune-up week keeps (``week_runs.long_run_for_week``) goes on
    a day clear of the race and its eve (Pfitzinger & Douglas run it after the race):
    it is cut to the longest run window of such a day. It is left out (the race
    stands in for it, as in a race week) when runs no longer than the race hold the
    week's volume, or when the clear days hold no run longer than the race."""
    if outline.phase not in LOADING or outline.long_run_km <= 0 or not outline.races:
        return outline
    race_km = max(r.distance_m for r in outline.races) / 1000
    if race_km * outline.run_count >= outline.run_km - TAPER_STEP_KM:
        # runs no longer than the race hold the week: it stands in for the long run
        return dataclasses.replace(outline, long_run_km=0.0)
    busy = {d for r in outline.races for d in (r.date, r.date - dt.timedelta(days=1))}
    first = outline.first_day or outline.start_date
    clear = [
        min(max((s.window.minutes for s in athlete.week.slots_on(day) if s.run_ok), default=0),
            athlete.week.max_session_min)
        for day in (outline.start_date + dt.timedelta(days=i) for i in range(7))
        if day >= first and day not in busy
    ]  # fmt: skip
    long_km = min(outline.long_run_km, max(clear, default=0) * 60 / easy_s_per_km)
    if long_km <= race_km:
        long_km = 0.0
    return dataclasses.replace(outline, long_run_km=round(long_km, 1))


def _peak_km(weeks: Sequence[PlanWeek]) -> float:
    return max((w.run_km for w in weeks if w.phase in LOADING), default=0.0)


def _besides(week: PlanWeek) -> str:
    """Q5: what the runs besides the race are, as the race-week notes say it."""
    runs = [s.category for s in week.sessions if s.kind is SessionKind.RUN]
    sharp = {c for c in runs if not category_is_easy(c)} - {RunCategory.RACE, RunCategory.LONG}
    return "running (easy, and a short race-pace sharpener)" if sharp else "easy running"


def race_week_note(week: PlanWeek, peak_km: float, race_km: float) -> str | None:
    """Q5: a race longer than the season's peak week lifts its week above the peak (a
    shorter race keeps its week below it: ``race_week.race_week_km``), and so does a
    long race's easy running (``rules.race_week``); say so. None otherwise: a race week
    above the peak for any other reason is the audit's to find."""
    if week.phase is not Phase.RACE or peak_km <= 0 or week.run_km < peak_km:
        return None
    race = format_race_distance(race_km * 1000, "km")
    if race_km < peak_km - 0.05 and is_long_race(race_km):
        # Q5 (rules.race_week): the running besides a long race is judged, not the total
        besides = week.run_km - race_km
        return (
            f"Q5: race week runs {week.run_km:.1f} km, above your peak training week "
            f"({peak_km:.1f} km) only by the race, {race}: {besides:.1f} km of {_besides(week)} "
            f"besides it ({besides / peak_km:.0%} of the peak; from the marathon on, 30-45 %)."
        )
    if race_km < peak_km - 0.05:  # a race as long as the peak to 0.1 km lifts it too
        return None
    return (
        f"Q5: the race, {race}, is longer than your peak training week ({peak_km:.1f} km), "
        f"so race week runs {week.run_km:.1f} km: the race and "
        f"{week.run_km - race_km:.1f} km of {_besides(week)}."
    )


def deload_floor_note(week: PlanWeek, before: PlanWeek | None) -> str | None:
    """Q1/Q6: why a deload is less than 20 % lighter than the loading week before, said
    only when it is true: its runs are at least 3 km each (``MIN_EASY_KM``, Q6: no token
    run) and already too many km, and one run fewer, none longer than the long run
    before (``fit_deload``), is too few (``rules.audit.stated_deload`` checks it). A
    beginner's 7.3 km week (a 4.3 km long run and 3 km) deloads with two 3 km runs."""
    if not week.deload or before is None or before.deload or before.phase not in LOADING:
        return None
    if before.run_km <= 0:
        return None
    low, high = Q1_DELOAD_CUT
    cut = 1 - week.run_km / before.run_km
    mine = [s.distance_km or 0.0 for s in week.sessions if s.kind is SessionKind.RUN]
    long_before = max(
        (s.distance_km or 0.0 for s in before.sessions if s.kind is SessionKind.RUN), default=0.0
    )
    n = len(mine)
    if cut >= low - Q1_DELOAD_SLACK or not mine or min(mine) < MIN_EASY_KM - 0.05:
        return None
    if week.run_km > n * MIN_EASY_KM + 0.1:  # not at the floor: lighter runs would be nearer
        return None
    least, most = n * MIN_EASY_KM, (n - 1) * long_before
    if least <= (1 - low + Q1_DELOAD_SLACK) * before.run_km:
        return None
    if most >= (1 - high - Q1_DELOAD_SLACK) * before.run_km:
        return None
    return (
        f"Q1: this deload runs {week.run_km:.1f} km, {cut:.0%} less than the "
        f"{before.run_km:.1f} km of the week before, not 20-30 %: its {n} "
        f"run{'s' if n > 1 else ''} at the {MIN_EASY_KM:.1f} km floor (Q6: no shorter run) "
        f"make {least:.1f} km, and one run fewer, none longer than that week's "
        f"{long_before:.1f} km long run, at most {most:.1f} km."
    )


def season_notes(weeks: Sequence[PlanWeek], athlete: Athlete) -> list[PlanWeek]:
    """The weeks with the Q5 race-week limit and the Q1 deload floor stated where they
    hold."""
    peak = _peak_km(weeks)
    out: list[PlanWeek] = []
    for i, w in enumerate(weeks):
        notes = (
            race_week_note(w, peak, athlete.goal.distance_m / 1000),
            deload_floor_note(w, weeks[i - 1] if i else None),
        )
        out.append(dataclasses.replace(w, notes=(*w.notes, *(n for n in notes if n))))
    return out


def _taper_long_gives(outline: WeekOutline, cap: float, long_km: float) -> float:
    """R7/Q6: a taper week keeps its run days (frequency kept): cut with the week, its
    long run gives way so that the other runs stay real runs (``MIN_EASY_KM`` each, a
    quality run a fifth of the week, at least ``QUALITY_MIN_KM``); before, a beginner's
    9.9 km taper kept a 4.0 km long run, its two easy runs fell under 3 km and one
    went, the lift left alone."""
    n_easy = outline.run_count - 1 - len(outline.hard_runs) - len(outline.races)
    quality = sum(min(QUALITY_KM[c], max(0.2 * cap, QUALITY_MIN_KM)) for c in outline.hard_runs)
    others = max(n_easy, 0) * (MIN_EASY_KM + 0.1) + quality  # as ``runs.week_runs`` sizes
    return max(min(long_km, cap - others), MIN_EASY_KM) if long_km > 0 else long_km


def fit_taper(outline: WeekOutline) -> WeekOutline:
    """R7/Q6: a taper week's long run (``week_runs.taper_long_km``) gives way so that its
    other runs stay real runs (``_taper_long_gives``): the taper keeps its run days."""
    if outline.phase is not Phase.TAPER or outline.long_run_km <= 0:
        return outline
    long_km = _taper_long_gives(outline, outline.run_km, outline.long_run_km)
    return dataclasses.replace(outline, long_run_km=round(long_km, 1))


def _long_km(week: PlanWeek) -> float:
    return max(
        (
            s.distance_km or 0.0
            for s in week.sessions
            if s.kind is SessionKind.RUN and s.category == RunCategory.LONG.value
        ),
        default=0.0,
    )


def follow_actual(
    outline: WeekOutline,
    done: Sequence[PlanWeek],
    top_actual: float,
    opts: PlanOptions,
    start: tuple[dt.date, float],
    outline_top: float = 0.0,
) -> WeekOutline:
    """Keep R8/R11/R7 true of the weeks as scheduled, not only as outlined: when the
    calendar made earlier weeks shorter than planned, later targets follow them (R11:
    ``rules.ramp`` over the weeks as placed; ``start``: the plan's first day and the
    volume of the weeks before it). R7: a taper week keeps its share of the peak
    (``phases.taper_factors``), the outline's over ``outline_top`` (the outline's
    highest loading week), of the peak actually placed."""
    if not done or top_actual <= 0:
        return outline
    if outline.deload:
        cap = min(top_actual, done[-1].run_km) * 0.8  # R8/Q1: ≥ 20 % under the week before
    elif outline.phase in LOADING:
        before = (start[0] - done[0].start_date).days
        history = plan_history_km([w.run_km for w in done], start[1], before)
        cap = ramp_ceiling_km(history, ramp_limits(opts))
    elif outline.phase is Phase.TAPER:
        cap = top_actual * min(outline.run_km / outline_top if outline_top > 0 else 0.7, 1.0)
    elif outline.phase is Phase.TRANSITION:
        cap = transition_km(top_actual)
    elif outline.phase is Phase.RACE:
        # Q5: the race week follows the peak the calendar really allowed, and a long
        # race's week runs no more besides the race than the last taper week placed
        taper = [w.run_km for w in done if w.phase is Phase.TAPER]
        race_km = sum(r.distance_m for r in outline.races) / 1000
        cap = race_week_km(race_km, top_actual, taper[-1] if taper else None)
    else:
        return outline
    if outline.run_km <= cap:
        return outline
    long_km = outline.long_run_km * cap / outline.run_km
    if outline.phase is Phase.TAPER:
        long_km = _taper_long_gives(outline, cap, long_km)
    if outline.phase in LOADING and not outline.deload:
        # Q2: the ramp caps the week, not the long run: its own step (+2 km / +10 %
        # over the longest placed, ``long_follows_actual``) holds it. Scaled with the
        # week, it fell below the long run of the week before (issue 12: 7.1 → 6.5 mi).
        long_km = min(outline.long_run_km, cap)
        if outline.run_count >= 2 and cap - long_km < MIN_EASY_KM:
            # Q6: the long run leaves room for one short run beside it (a cut two-day
            # week ran its long run alone), not under the longest placed before (Q2)
            longest = max((_long_km(w) for w in done if w.phase in LOADING), default=0.0)
            long_km = min(long_km, max(cap - MIN_EASY_KM, longest))
        # Q6: the cut week still holds its short easy runs: a quality run goes first
        why = list(outline.why)
        races_km = sum(r.distance_m for r in outline.races) / 1000
        hard, _ = short_runs(list(outline.hard_runs), cap, long_km, outline.run_count,
                             races_km, why, keep_long=True)  # fmt: skip
        outline = dataclasses.replace(outline, hard_runs=tuple(hard), why=tuple(why))
    return dataclasses.replace(outline, run_km=round(cap, 1), long_run_km=round(long_km, 1))
