"""Season → phases → mesocycles → weeks (R7–R11): the outline of every week.

``periodize`` decides, for each week from the start date to the race plus a
transition: its phase, whether it is a deload week, its running volume, its long
run, which quality runs it holds and which strength sessions. It places nothing on
a day (``scheduling``), fills no session (``prescription``). Pure: no I/O, no clock.

Conventions (documented in docs/planner.md):
  * Weeks run seven days and end on the race's weekday (the race ends its week);
    the first week is the real week holding the start date, partial if need be.
  * Running load is weekly kilometres. R11 has one definition, ``rules.ramp`` (the
    audit's): +10 % at most over the highest of the four weeks before, and a planned
    ACWR ≤ 1.3 (pre-plan weeks = the current volume); deload, taper and transition
    weeks may fall below the ACWR's lower bound on purpose.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from runstrong.core.athlete import Athlete, Race
from runstrong.core.model import Phase, RunCategory, StrengthCategory
from runstrong.core.planning.phases import (
    LOADING,
    TT_NOTE,
    TUNE_UP_FACTOR,
    aligned_start,
    deload_due,
    loading_block,
    phase_layout,
    quality_runs,
    taper_factors,
    taper_weeks,
    transition_km,
    transition_weeks,
    week_strength,
)
from runstrong.core.planning.race_week import (
    RACE_SHARPENER_ROOM_KM,
    race_week_easy_cap_km,
    race_week_km,
    race_week_run_count,
    sharpens,
)
from runstrong.core.planning.ramp_shape import DELOAD_FACTOR, deload_weeks, loading_levels
from runstrong.core.planning.terrain import off_road_quality
from runstrong.core.planning.volume import (
    band_of,
    level_long_target_km,
    loading_volume_note,
    long_run_target_km,
    reachable_km,
    short_runs,
    tier_peak_km,
)
from runstrong.core.planning.week_runs import (
    long_floor_km,
    long_run_for_week,
    long_share_cap_km,
    season_long_limit,
    start_long_km,
    ultra_long_target,
    wave_long_km,
    wave_note,
    week_km_for_long,
    week_run_count,
)
from runstrong.core.rules import quality as q_rules
from runstrong.core.rules.predicates import plyometrics_allowed
from runstrong.core.rules.quality import long_share_max
from runstrong.core.rules.ramp import R11_LIMITS, RampLimits, ramp_ceiling_km, week_load_km
from runstrong.core.units import MARATHON_M, format_race_distance

START_FLOOR_KM = 10.0
"""Athletes running less than this start at 10 km a week (three short runs)."""
__all__ = ["PlanOptions", "Season", "WeekOutline", "periodize", "phase_layout", "taper_weeks"]


@dataclass(frozen=True, slots=True)
class PlanOptions:
    """Knobs of the planner. Defaults follow docs/planner.md."""

    ramp_cap: float = R11_LIMITS.ramp_cap
    """R11: largest week-to-week increase of running volume (fraction)."""
    acwr_band: tuple[float, float] = (0.8, R11_LIMITS.acwr_high)
    """R11: allowed planned acute:chronic ratio of weekly km (the upper edge is judged)."""
    loading_weeks: int | None = None
    """R8: loading weeks before each deload (3 or 2); None chooses by training age."""
    extra_deload_weeks: frozenset[int] = frozenset()
    """R8/R21: week indexes forced to deload (e.g. persistent soreness)."""
    consistency_ok: bool | None = None
    """R1: True allows a third strength session; None takes the profile's flag."""
    peak_km: float | None = None
    """Override the peak weekly volume."""
    capacity_km: float | None = None
    """R6: the most the athlete's windows can hold in a week (volume never plans above it)."""
    long_cap_km: float | None = None
    """R6/Q2: the longest run the longest window and the session limit hold."""


@dataclass(frozen=True, slots=True)
class WeekOutline:
    """What one week must hold, before it is placed on days."""

    index: int
    start_date: dt.date
    phase: Phase
    deload: bool
    mesocycle: int
    run_km: float
    long_run_km: float
    run_count: int
    hard_runs: tuple[RunCategory, ...]
    strength: tuple[StrengthCategory, ...]
    plyo_ok: bool
    acwr: float
    races: tuple[Race, ...] = ()
    why: tuple[str, ...] = field(default=())
    first_day: dt.date | None = None
    """Part 7: the plan's first day when it falls inside this (first) week."""
    easy_cap_km: float = 0.0
    """Q5: a race week's longest easy run (0: the long run or the race caps them)."""
    sharpener_date: dt.date | None = None
    """Q5: the day of a race week's race-pace sharpener (``fit.fit_race_week``)."""
    wave: bool = False
    """Q2: a marathon wave's shorter long run (``week_runs.wave_long_km``, its note)."""

    @property
    def end_date(self) -> dt.date:
        return self.start_date + dt.timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Season:
    weeks: tuple[WeekOutline, ...]
    peak_km: float
    start_km: float
    loading_weeks: int
    notes: tuple[str, ...] = ()
    long_target_km: float = 0.0
    """Q2: the long run the season builds toward (after the window/session limit)."""


def ramp_limits(opts: PlanOptions) -> RampLimits:
    """R11: the planner's ramp knobs as the one rule's limits (``rules.ramp``)."""
    return RampLimits(ramp_cap=opts.ramp_cap, acwr_high=opts.acwr_band[1])


def _volume(
    athlete: Athlete, opts: PlanOptions, training: int, block: int
) -> tuple[float, float, float, float, list[str]]:
    """Q1/Q2: the start volume, the peak week, the long-run target and (from the
    marathon up) the long run the race needs, and the notes that state which limit
    (windows, weeks available, session length) set them."""
    goal = athlete.goal
    notes: list[str] = []
    start_km = max(athlete.weekly_km, START_FLOOR_KM)
    if athlete.weekly_km < START_FLOOR_KM:
        notes.append(
            f"Current volume {athlete.weekly_km:g} km is low: "
            f"week 1 starts at {START_FLOOR_KM:g} km."
        )
    tier = tier_peak_km(start_km, goal.distance_m)
    loading = training - training // (block + 1)
    reach = reachable_km(start_km, loading, opts.ramp_cap)
    peak = opts.peak_km or min(tier, reach)
    if opts.peak_km is None and reach < tier - 0.5:
        notes.append(
            f"Q1: {loading} loading weeks at ≤ +{opts.ramp_cap:.0%} reach {reach:.0f} km a week; "
            f"the published tier for your volume peaks at {tier:.0f} km."
        )
    cap = opts.capacity_km
    if cap is not None and peak > cap:
        peak = max(cap, 1.0)
        notes.append(
            f"R6: your windows hold about {cap:.1f} km a week; volume is capped there "
            f"(your tier would peak at {tier:.0f} km)."
        )
    if start_km > peak:
        notes.append(
            f"Q1: your windows hold {peak:.1f} km a week, less than your current "
            f"{athlete.weekly_km:.1f} km: loading weeks run {peak:.1f} km."
        )
        start_km = peak
    # Q2: the planner aims at least at the audit's target for the race and level.
    novice = q_rules.long_run_novice(athlete.years_running, athlete.weekly_km)
    floor = q_rules.long_run_need_km(goal.distance_m, novice=novice, peak_week_km=peak)
    target = max(long_run_target_km(goal.distance_m, peak), math.ceil(floor * 10) / 10)
    if not novice:  # Q2: the upper part of the band, never under the current longest run
        target = max(target, level_long_target_km(goal.distance_m, peak, athlete.longest_run_km))
    # Q2: from the marathon up the race's need is not a share of the week (week_runs)
    need = math.ceil(floor * 10) / 10 if goal.distance_m >= q_rules.MARATHON_NEED_M else 0.0
    long_target = target
    if opts.long_cap_km is not None and opts.long_cap_km < target:
        long_target = opts.long_cap_km
        notes.append(
            f"Q2: your longest window or session limit holds a {opts.long_cap_km:.1f} km "
            f"long run; the target for your race and level is {target:.1f} km."
        )
    return round(start_km, 1), round(peak, 1), long_target, min(need, long_target), notes


def periodize(athlete: Athlete, start: dt.date, options: PlanOptions | None = None) -> Season:
    """Outline every week from ``start`` to the goal race plus the transition (R7–R11)."""
    opts = options or PlanOptions()
    goal = athlete.goal
    first = aligned_start(start, goal.date)
    race_week = (goal.date - first).days // 7
    taper = taper_weeks(goal.distance_m, race_week)
    training = race_week - taper
    block = loading_block(athlete.is_masters(start), athlete.years_running, opts.loading_weeks)
    phases = (
        phase_layout(training)
        + [Phase.TAPER] * taper
        + [Phase.RACE]
        + [Phase.TRANSITION] * transition_weeks(goal.distance_m)
    )
    start_km, peak, long_target, need, notes = _volume(athlete, opts, training, block)
    novice = q_rules.is_novice(athlete.years_running, athlete.weekly_km, goal.distance_m)
    if novice:
        notes.append(  # Q4: the note names the novice plan of the goal's distance
            f"Q4: novice tier (as {q_rules.novice_plan_name(goal.distance_m)}): no quality "
            "running, easy runs with strides and a growing long run."
        )
    current_km = max(athlete.weekly_km, START_FLOOR_KM)
    limit = season_long_limit(goal.distance_m, start_km, current_km, long_target, opts.long_cap_km)
    start_long = start_long_km(athlete, start_km, limit, long_share_max(novice, goal.distance_m))
    state = _State(long_prev=start_long)
    weeks: list[WeekOutline] = []
    history = [athlete.weekly_km] * 4  # R11: the pre-plan weeks, as the audit counts them
    held = opts.peak_km is None and opts.capacity_km is not None and peak >= opts.capacity_km
    need = need if held else 0.0  # Q2: the need before the share only where windows hold
    deloads = deload_weeks(phases, block, opts.extra_deload_weeks)
    levels = loading_levels(phases, deloads, start_km, peak, opts.ramp_cap)  # Q1: the climb
    season = _Season(first, start, phases, taper, block, start_km, peak, long_target, novice,
                     goal.distance_m / 1000, held, start_long, current_km, need,
                     levels)  # fmt: skip
    for i in range(len(phases)):
        week = _week(athlete, opts, season, state, i, history, weeks)
        before = ((week.first_day or week.start_date) - week.start_date).days
        history.append(week_load_km(week.run_km, before, athlete.weekly_km))  # R11, as the audit
        weeks.append(week)
        _advance(state, week, phases[i + 1] if i + 1 < len(phases) else None)
    return Season(tuple(weeks), round(peak, 1), start_km, block, tuple(notes), long_target)


@dataclass(frozen=True, slots=True)
class _Season:
    first: dt.date
    start: dt.date
    phases: list[Phase]
    taper: int
    block: int
    start_km: float
    peak: float
    long_target: float
    novice: bool
    race_km: float
    held: bool = False
    """R6/Q1: the windows' capacity (``PlanOptions.capacity_km``) set the peak."""
    start_long: float = 0.0
    """Q2: the long run the athlete runs now, as far as the real limits allow
    (``week_runs.start_long_km``); no full loading week's long run is shorter."""
    current_km: float = 0.0
    """Q1/Q2: the athlete's current weekly volume (floored): a loading week the windows
    hold below it still gives its long run the share of this week."""
    long_need: float = 0.0
    """Q2: from the marathon up, the long run the race needs (``NEED_SHARE_MAX``)."""
    levels: dict[int, float] = field(default_factory=dict)
    """Q1: each loading week's level on the climb to the peak (``ramp_shape``)."""


@dataclass(slots=True)
class _State:
    """What the walk over the weeks carries from one week to the next."""

    long_prev: float
    peak_reached: float = 0.0
    mesocycle: int = 1
    loaded_in_block: int = 0
    prev_loading_km: float = 0.0
    taper_seen: int = 0
    transition_seen: int = 0
    tt_done: bool = False
    last_quality: list[RunCategory] = field(default_factory=lambda: [RunCategory.THRESHOLD])
    prev_top: bool = False
    """Q2: the last full loading week ran the season's longest long run so far."""


def _advance(state: _State, w: WeekOutline, next_phase: Phase | None) -> None:
    if w.phase in LOADING:
        if w.deload:
            state.mesocycle += 1
            state.loaded_in_block = 0
        else:
            state.loaded_in_block += 1
            state.prev_loading_km = w.run_km
            if w.first_day == w.start_date and not w.races:  # a full loading week
                state.prev_top = w.long_run_km >= state.long_prev - 0.05
            state.long_prev = max(state.long_prev, w.long_run_km)
    if w.phase is not Phase.TAPER and next_phase is Phase.TAPER:
        state.mesocycle += 1
    if w.phase is Phase.RACE:
        state.mesocycle += 1


def _week_km(
    opts: PlanOptions, s: _Season, state: _State, i: int, history: list[float], last_km: float
) -> tuple[float, bool, list[str]]:
    """R8/R11/R7/Q1: the week's volume and whether it is a deload week."""
    phase = s.phases[i]
    why: list[str] = []
    deload = False
    if phase in LOADING:
        due = deload_due(state.loaded_in_block, s.block, s.phases, i)  # R8/Q5
        deload = due or i in opts.extra_deload_weeks
        if deload:
            # R8: 20–30 % lighter than the week before (Q1).
            km = last_km * DELOAD_FACTOR
            why.append(
                f"R8: deload after {state.loaded_in_block} loading weeks: "
                f"{1 - DELOAD_FACTOR:.0%} less than last week"
                if due
                else "R8: deload requested"
            )
        else:
            # R11 (rules.ramp, as the audit): ramp and ACWR ceiling; Q1: never below the
            # current volume (start_km is already what the windows hold).
            level = s.levels.get(i, s.peak)  # Q1: the mesocycle's level (``ramp_shape``)
            km = s.start_km if i == 0 else min(level, ramp_ceiling_km(history, ramp_limits(opts)))
            km = max(km, min(s.start_km, s.peak))
    elif phase is Phase.TAPER:
        factors = taper_factors(1000 * s.race_km, s.taper)
        km = state.peak_reached * factors[state.taper_seen]
        state.taper_seen += 1
        why.append(
            f"R7: taper week {state.taper_seen}/{s.taper}: "
            f"{1 - factors[state.taper_seen - 1]:.0%} less than peak"
        )
    elif phase is Phase.RACE:
        # Q5: easy running goes on, about half the peak (race_week.race_week_km).
        km = race_week_km(s.race_km, state.peak_reached)
        race = format_race_distance(s.race_km * 1000, "km")
        why.append(f"R7: race week: the race, {race}, and short runs besides it")
    else:
        km = transition_km(state.peak_reached)
        state.transition_seen += 1
        why.append("R7: transition: easy running, light strength")
    return round(km, 1), deload, why


def _week(
    athlete: Athlete, opts: PlanOptions, s: _Season, state: _State, i: int,
    history: list[float], done: list[WeekOutline],
) -> WeekOutline:  # fmt: skip
    phase = s.phases[i]
    goal = athlete.goal
    week_start = s.first + dt.timedelta(days=7 * i)
    chronic = sum(history[-4:]) / 4
    km, deload, why = _week_km(opts, s, state, i, history, done[-1].run_km if done else s.start_km)
    days_open = 7 - max((s.start - week_start).days, 0)
    if days_open < 7:
        km = round(km * days_open / 7, 1)
        why.append(f"Part week: the plan starts on {s.start}, {days_open} of its 7 days.")
    end = week_start + dt.timedelta(days=7)
    races = tuple(r for r in (*athlete.tune_ups, goal) if week_start <= r.date < end)
    if phase in LOADING and not deload:
        state.peak_reached = max(state.peak_reached, km)
        if races:  # R7/Q5: a mini-taper; the ramp goes on from the loading level
            km = round(km * TUNE_UP_FACTOR, 1)
            why.append(f"R7: tune-up race week: a mini-taper, {km:.1f} km, "
                       f"{1 - TUNE_UP_FACTOR:.0%} under the loading weeks")  # fmt: skip
        else:
            why.append(loading_volume_note(km, _top_loading_km(done), s.peak, s.held))
    plyo_ok = plyometrics_allowed(athlete.years_lifting, i)  # R5
    rising = (
        phase is Phase.BUILD
        and not deload
        and km >= state.prev_loading_km * 1.05
        and km >= 0.85 * s.peak
    )
    quality = _week_quality(athlete, s, state, phase, deload, why)
    third = athlete.consistency_ok if opts.consistency_ok is None else opts.consistency_ok
    strength = week_strength(athlete.focus, phase, plyo_ok, third, deload, rising, why)
    if races and phase is not Phase.RACE:
        quality = quality[:1]
        why.append("Tune-up race this week replaces one quality session")
    full = phase in LOADING and not deload and days_open == 7 and not races
    long_km, extra, cut, keep = _long_km(athlete, s, state, phase, deload, km, len(quality),
                                         races, done, full)  # fmt: skip
    if extra > 0:  # Q2: the race's need takes more than the share: the week grows (R11)
        km = week_km_for_long(km, extra, max(km, ramp_ceiling_km(history, ramp_limits(opts))))
        state.peak_reached = max(state.peak_reached, km)
    if cut > 0:  # Q2: the wave's shorter long run; Q1: the other runs keep the level
        why.append(wave_note(long_km, state.long_prev))
    count = week_run_count(athlete, km, long_km, len(quality), races, days_open, s.novice)
    if phase is Phase.TAPER and done:
        # R7: frequency kept in the taper
        count = min(max(count, done[-1].run_count), len(athlete.week.run_days()) + len(races))
    if phase is Phase.RACE:  # Q5: a run on every run day before the race, none long
        count = race_week_run_count(max(week_start, s.start), goal.date, athlete.week.run_days(),
                                    km, [r.distance_m / 1000 for r in races])  # fmt: skip
    easy_cap = race_week_easy_cap_km(state.peak_reached) if phase is Phase.RACE else 0.0
    free = count - len(races)  # runs left after races: one long, at least one easy
    quality = quality[: max(0, free - 2 if free >= 3 else free - 1)]
    if phase in LOADING and not deload:  # Q6: three short runs (deloads: fit.fit_deload)
        race_km = sum(r.distance_m for r in races) / 1000
        quality, long_km = short_runs(quality, km, long_km, count, race_km, why, keep_km=keep)
    return WeekOutline(
        index=i,
        start_date=week_start,
        phase=phase,
        deload=deload,
        mesocycle=state.mesocycle,
        run_km=km,
        long_run_km=long_km,
        run_count=count,
        hard_runs=tuple(quality),
        strength=tuple(strength[:3]),  # R1: never more than 3
        plyo_ok=plyo_ok,
        acwr=round(km / chronic if chronic > 0 else 1.0, 3),
        races=races,
        why=tuple(why),
        first_day=max(week_start, s.start),
        easy_cap_km=easy_cap,
        wave=cut > 0,
    )


def _top_loading_km(done: list[WeekOutline]) -> float:
    return max((w.run_km for w in done if w.phase in LOADING and not w.deload), default=0.0)


def _long_km(
    athlete: Athlete, s: _Season, state: _State, phase: Phase, deload: bool, km: float,
    n_quality: int, races: tuple[Race, ...], done: list[WeekOutline], full: bool,
) -> tuple[float, float, float, float]:  # fmt: skip
    """Q2: the week's long run, the km the week grows by (the race's need over the
    share), the km the wave's shorter long run gives the other runs (Q1: not off the
    week; qa9_rw's wave weeks fell 5-7 %), and the long run no quality run may cut
    (``short_runs``: one at the season's target ``reach``, else 0). A full loading week
    the windows hold below the current volume (Q1) takes its share of the current week
    and never cuts the long run the athlete runs now; few run days: ``long_floor_km``."""
    share_km = max(km, s.current_km) if full else km
    share = long_share_max(s.novice, 1000 * s.race_km)
    need = s.long_need if full else 0.0
    reach = min(s.long_target, long_share_cap_km(s.peak, share, s.long_need))  # Q2
    target = ultra_long_target(reach, s.phases, len(done), s.race_km, s.start_long)
    long_km = long_run_for_week(phase, deload, share_km, state.long_prev, target, races,
                                not done, share, need, state.peak_reached)  # fmt: skip
    extra = max(long_km - share * share_km, 0.0) if need else 0.0
    cut = 0.0
    if full and state.prev_top and band_of(1000 * s.race_km) == band_of(MARATHON_M):
        waved = wave_long_km(long_km, state.long_prev)  # Q2: not the top week after week
        long_km, cut = waved, long_km - waved
    if long_km <= 0 or phase not in LOADING:
        return long_km, 0.0, 0.0, 0.0
    floor = long_floor_km(athlete, km, n_quality, deload, state.long_prev if done else None,
                          s.novice)  # fmt: skip
    long_km = round(max(long_km, floor), 1)
    if full and long_km < s.start_long:
        long_km, cut = s.start_long, max(cut - (s.start_long - long_km), 0.0)
    keep = long_km if full and long_km >= reach - 0.05 else 0.0
    return long_km, round(extra, 1), round(cut, 1), keep


def _week_quality(
    athlete: Athlete, s: _Season, state: _State, phase: Phase, deload: bool, why: list[str]
) -> list[RunCategory]:
    """R7/R10/Q4: the week's quality runs (none for a novice tier)."""
    goal = athlete.goal
    if s.novice and phase is not Phase.RACE:
        return []
    if phase in LOADING:
        quality = quality_runs(phase, athlete.focus, goal.distance_m, state.mesocycle)
        if goal.off_road and phase is not Phase.BASE:
            quality, note = off_road_quality(quality)  # Q7: hills, race effort
            why.append(note)
        if phase is Phase.BUILD and not deload and not state.tt_done and len(quality) > 1:
            state.tt_done = True
            quality[-1] = RunCategory.TIME_TRIAL
            why.append(TT_NOTE)  # restated as the weeks hold it (planning.time_trial)
        if deload:
            return quality[:1]
        state.last_quality = quality
        return quality
    if phase is Phase.TAPER:
        # R7: intensity and frequency kept
        return [q if q is not RunCategory.TIME_TRIAL else RunCategory.INTERVALS
                for q in state.last_quality]  # fmt: skip
    if phase is Phase.RACE:  # Q5: a short sharpener early in race week (race_week.py)
        room = s.peak - s.race_km >= RACE_SHARPENER_ROOM_KM  # R7: easy runs stay too
        room = sharpens([s.race_km], race_week_km(s.race_km, s.peak), room)
        return [RunCategory.RACE_PACE] if room and not s.novice else []
    return []
