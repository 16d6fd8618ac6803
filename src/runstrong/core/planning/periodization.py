"""Season → phases → mesocycles → weeks (R7–R11): the outline of every week.

``periodize`` decides, for each week from the start date to the race plus a
transition: its phase, whether it is a deload week, its running volume, its
long run, which quality runs it holds and which strength sessions. It does
not place anything on a day (that is ``scheduling``) nor fill sessions with
steps and exercises (``prescription``). Pure: no I/O, no clock.

Conventions (documented in docs/planner.md):
  * Weeks start on the plan's start date and run seven days.
  * Running load is weekly kilometres. The ramp cap compares a loading week with
    the highest loading week before it (a deload does not reset the ramp).
  * The planned ACWR is the week's km over the mean of the four weeks before it
    (uncoupled rolling average, Gabbett 2016; pre-plan weeks = the athlete's
    current weekly_km). Its upper bound holds for every week except the race week;
    deload, taper and transition weeks may fall below the lower bound on purpose.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from runstrong.core.athlete import Athlete, Race
from runstrong.core.model import Focus, Phase, RunCategory, StrengthCategory

HALF_M = 21097.5
TEN_K_M = 10000.0
DELOAD_FACTOR = 0.70
"""R8: a deload week runs 70 % of the last loading week's volume."""
START_FLOOR_KM = 10.0
"""Athletes running less than this start at 10 km a week (three short runs)."""
TAPER_FACTORS: dict[int, tuple[float, ...]] = {
    1: (0.55,),
    2: (0.75, 0.55),
    3: (0.80, 0.65, 0.50),
}
"""Taper volume as a fraction of peak volume, week by week: the last taper week cuts 45–50 %."""
TRANSITION_FACTORS = (0.35, 0.35)
PEAK_GROWTH_MAX = 1.8
"""Peak volume is at most 1.8 × the starting volume (the ramp cap limits it further)."""


@dataclass(frozen=True, slots=True)
class PlanOptions:
    """Knobs of the planner. Defaults follow docs/planner.md."""

    ramp_cap: float = 0.10
    """R11: largest week-to-week increase of running volume (fraction)."""
    acwr_band: tuple[float, float] = (0.8, 1.3)
    """R11: allowed planned acute:chronic ratio of weekly km."""
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


def taper_weeks(distance_m: float, pre_race_weeks: int) -> int:
    """Taper length (R7): 1 week up to 10 km, 2 up to the half marathon, 3 for
    longer races when there are at least 16 weeks before the race week (else 2).
    Never more than a quarter of the pre-race weeks (at least 1)."""
    if distance_m <= TEN_K_M:
        weeks = 1
    elif distance_m <= HALF_M * 1.2:
        weeks = 2
    else:
        weeks = 3 if pre_race_weeks >= 16 else 2
    return max(1, min(weeks, pre_race_weeks // 4))


def transition_weeks(distance_m: float) -> int:
    """Easy weeks after the race: 1 up to 10 km, 2 for longer races."""
    return 1 if distance_m <= TEN_K_M else 2


def loading_block(athlete: Athlete, start: dt.date, options: PlanOptions) -> int:
    """R8: loading weeks per deload. 3:1 by default, 2:1 for masters (≥ 40 years)
    or athletes with under 2 years of running."""
    if options.loading_weeks is not None:
        return max(1, min(options.loading_weeks, 4))
    if athlete.is_masters(start) or athlete.years_running < 2:
        return 2
    return 3


def target_peak_km(distance_m: float) -> float:
    """Typical peak weekly volume by goal distance for a recreational runner who lifts."""
    if distance_m <= 1500:
        return 45.0
    if distance_m <= 5000:
        return 55.0
    if distance_m <= TEN_K_M:
        return 65.0
    if distance_m <= HALF_M * 1.2:
        return 75.0
    return 90.0


def long_run_cap_km(distance_m: float) -> float:
    if distance_m <= 5000:
        return 16.0
    if distance_m <= TEN_K_M:
        return 19.0
    if distance_m <= HALF_M * 1.2:
        return 24.0
    return 32.0


def phase_layout(training_weeks: int) -> list[Phase]:
    """Split the loading part of the season: ~40 % base, ~40 % build, ~20 % peak."""
    n = training_weeks
    if n <= 0:
        return []
    if n == 1:
        return [Phase.BUILD]
    if n == 2:
        return [Phase.BASE, Phase.BUILD]
    peak = max(1, round(n * 0.2))
    build = max(1, round(n * 0.4))
    base = max(1, n - peak - build)
    build = n - peak - base
    return [Phase.BASE] * base + [Phase.BUILD] * build + [Phase.PEAK] * peak


def _quality(phase: Phase, focus: Focus, distance_m: float, mesocycle: int) -> list[RunCategory]:
    """Quality runs of a loading week by phase and focus (R7, R10)."""
    if phase is Phase.BASE:
        if mesocycle == 1 or focus is not Focus.ENDURANCE:
            return [RunCategory.HILLS]
        return [RunCategory.THRESHOLD]
    if focus is Focus.SPRINT:
        return [RunCategory.REPETITIONS, RunCategory.INTERVALS]
    if focus is Focus.MIDDLE:
        if phase is Phase.PEAK:
            return [RunCategory.INTERVALS, RunCategory.REPETITIONS]
        return [RunCategory.INTERVALS, RunCategory.THRESHOLD]
    if phase is Phase.PEAK and distance_m > HALF_M * 1.2:
        return [RunCategory.THRESHOLD, RunCategory.RACE_PACE]
    return [RunCategory.THRESHOLD, RunCategory.INTERVALS]


def _strength(phase: Phase, focus: Focus, plyo_ok: bool, third: bool) -> list[StrengthCategory]:
    """Strength sessions by phase and focus (R7, R9, R10, R1)."""
    h, m, lt, p, mt = (
        StrengthCategory.HEAVY,
        StrengthCategory.MODERATE,
        StrengthCategory.LIGHT,
        StrengthCategory.POWER,
        StrengthCategory.MAINTENANCE,
    )
    explosive = focus is not Focus.ENDURANCE and plyo_ok  # R10 + R5
    if phase is Phase.BASE:
        cats = [h, p if explosive else m]
        if third:
            cats.append(m if explosive else lt)
    elif phase is Phase.BUILD:
        cats = [h, p if explosive else m]
        if third:
            cats.append(lt)
    elif phase in (Phase.PEAK, Phase.TAPER):
        cats = [mt, p if explosive else mt]  # R9: maintenance, low volume
    elif phase is Phase.RACE:
        cats = [mt]
    else:
        cats = [lt, lt]
    return cats


def _run_count(km: float) -> int:
    for limit, count in ((20, 3), (35, 4), (55, 5), (75, 6)):
        if km < limit:
            return count
    return 7


def periodize(athlete: Athlete, start: dt.date, options: PlanOptions | None = None) -> Season:
    """Outline every week from ``start`` to the goal race plus the transition (R7–R11)."""
    opts = options or PlanOptions()
    goal = athlete.goal
    race_week = (goal.date - start).days // 7
    taper = taper_weeks(goal.distance_m, race_week)
    training = race_week - taper
    block = loading_block(athlete, start, opts)
    phases = (
        phase_layout(training)
        + [Phase.TAPER] * taper
        + [Phase.RACE]
        + [Phase.TRANSITION] * transition_weeks(goal.distance_m)
    )
    start_km = max(athlete.weekly_km, START_FLOOR_KM)
    peak = opts.peak_km or max(
        start_km, min(target_peak_km(goal.distance_m), start_km * PEAK_GROWTH_MAX)
    )
    notes: list[str] = []
    if opts.capacity_km is not None and peak > opts.capacity_km:
        peak = max(opts.capacity_km, START_FLOOR_KM)
        notes.append(
            f"R6: your windows hold about {opts.capacity_km:.0f} km a week; volume is capped there."
        )
    start_km = min(start_km, peak)
    third_ok = athlete.consistency_ok if opts.consistency_ok is None else opts.consistency_ok
    run_days = len(athlete.week.run_days())
    if athlete.weekly_km < START_FLOOR_KM:
        notes.append(
            f"Current volume {athlete.weekly_km:g} km is low: "
            f"week 1 starts at {START_FLOOR_KM:g} km."
        )

    history = [start_km] * 4  # pre-plan weeks: the current volume (floored)
    top_loading = start_km
    peak_reached = 0.0
    long_prev = max(athlete.longest_run_km, 0.0)
    long_cap = long_run_cap_km(goal.distance_m)
    mesocycle = 1
    loaded_in_block = 0
    prev_loading_km = start_km
    weeks: list[WeekOutline] = []
    taper_seen = 0
    tt_done = False
    transition_seen = 0
    last_quality: list[RunCategory] = [RunCategory.THRESHOLD]
    for i, phase in enumerate(phases):
        week_start = start + dt.timedelta(days=7 * i)
        why: list[str] = []
        chronic = sum(history[-4:]) / 4
        deload = False
        if phase in (Phase.BASE, Phase.BUILD, Phase.PEAK):
            due = loaded_in_block >= block
            deload = due or i in opts.extra_deload_weeks
            if deload:
                km = top_loading * DELOAD_FACTOR
                why.append(
                    f"R8: deload after {loaded_in_block} loading weeks"
                    if due
                    else "R8: deload requested"
                )
            else:
                # R11: ramp cap over the highest loading week, ACWR upper bound
                km = start_km if i == 0 else min(peak, top_loading * (1 + opts.ramp_cap))
                km = min(km, opts.acwr_band[1] * chronic)
                why.append(f"R11: volume ≤ +{opts.ramp_cap:.0%} over {top_loading:.1f} km")
        elif phase is Phase.TAPER:
            factors = TAPER_FACTORS[taper]
            km = peak_reached * factors[taper_seen]
            taper_seen += 1
            why.append(
                f"R7: taper week {taper_seen}/{taper}: "
                f"{1 - factors[taper_seen - 1]:.0%} less than peak"
            )
        elif phase is Phase.RACE:
            km = goal.distance_m / 1000 + 0.25 * peak_reached
            why.append("R7: race week")
        else:
            km = peak_reached * TRANSITION_FACTORS[min(transition_seen, 1)]
            transition_seen += 1
            why.append("R7: transition: easy running, light strength")
        km = round(km, 1)
        if phase in (Phase.BASE, Phase.BUILD, Phase.PEAK) and not deload:
            top_loading = max(top_loading, km)
            peak_reached = max(peak_reached, km)
        plyo_ok = athlete.years_lifting >= 1 or mesocycle >= 2  # R5
        rising = (
            phase is Phase.BUILD
            and not deload
            and km >= prev_loading_km * 1.05
            and km >= 0.85 * peak
        )
        if phase in (Phase.BASE, Phase.BUILD, Phase.PEAK):
            quality = _quality(phase, athlete.focus, goal.distance_m, mesocycle)
            if phase is Phase.BUILD and not deload and not tt_done and len(quality) > 1:
                tt_done = True
                quality[-1] = RunCategory.TIME_TRIAL
                why.append("Time trial opens the build: it re-estimates your training paces")
            if deload:
                quality = quality[:1]
            else:
                last_quality = quality
        elif phase is Phase.TAPER:
            quality = list(last_quality)  # R7: intensity and frequency kept
            quality = [
                q if q is not RunCategory.TIME_TRIAL else RunCategory.INTERVALS for q in quality
            ]
        elif phase is Phase.RACE:
            quality = [RunCategory.RACE_PACE]  # a short sharpener early in race week
        else:
            quality = []
        strength = _strength(
            phase,
            athlete.focus,
            plyo_ok,
            third_ok and phase in (Phase.BASE, Phase.BUILD) and not deload,
        )
        if deload:
            strength = [_lighter(c) for c in strength]
        if rising:
            strength = [_lighter(c) if c is not StrengthCategory.POWER else c for c in strength]
            why.append("R11: mileage rising: strength shifts to lighter loads at higher speed")
        races = tuple(
            r
            for r in (*athlete.tune_ups, goal)
            if week_start <= r.date < week_start + dt.timedelta(days=7)
        )
        if races and phase is not Phase.RACE:
            quality = quality[:1]
            why.append("Tune-up race this week replaces one quality session")
        count = _run_count(km)
        if phase is Phase.TAPER and weeks:
            count = max(count, weeks[-1].run_count)  # R7: frequency kept in the taper
        count = min(max(count, 3), run_days + len(races))
        free = count - len(races)  # runs left after races: one long, at least one easy
        quality = quality[: max(0, free - 2 if free >= 3 else free - 1)]
        long_km = _long_run(phase, deload, km, long_prev, long_cap, goal, races)
        if phase in (Phase.BASE, Phase.BUILD, Phase.PEAK) and not deload:
            long_prev = max(long_prev, long_km)
        acwr = km / chronic if chronic > 0 else 1.0
        history.append(km)
        weeks.append(
            WeekOutline(
                index=i,
                start_date=week_start,
                phase=phase,
                deload=deload,
                mesocycle=mesocycle,
                run_km=km,
                long_run_km=long_km,
                run_count=count,
                hard_runs=tuple(quality),
                strength=tuple(strength[:3]),  # R1: never more than 3
                plyo_ok=plyo_ok,
                acwr=round(acwr, 3),
                races=races,
                why=tuple(why),
            )
        )
        if phase in (Phase.BASE, Phase.BUILD, Phase.PEAK):
            if deload:
                mesocycle += 1
                loaded_in_block = 0
            else:
                loaded_in_block += 1
                prev_loading_km = km
        next_phase = phases[i + 1] if i + 1 < len(phases) else None
        if phase is not Phase.TRANSITION and next_phase is Phase.TAPER and phase is not Phase.TAPER:
            mesocycle += 1
        if phase is Phase.RACE:
            mesocycle += 1
    return Season(tuple(weeks), round(peak, 1), start_km, block, tuple(notes))


def _lighter(category: StrengthCategory) -> StrengthCategory:
    return {
        StrengthCategory.HEAVY: StrengthCategory.MODERATE,
        StrengthCategory.MODERATE: StrengthCategory.LIGHT,
        StrengthCategory.POWER: StrengthCategory.LIGHT,
    }.get(category, category)


def _long_run(
    phase: Phase,
    deload: bool,
    km: float,
    long_prev: float,
    cap: float,
    goal: Race,
    races: tuple[Race, ...],
) -> float:
    """Long run: ~30 % of the week, +2 km per loading week at most, capped by race distance."""
    share = 0.30 if km >= 30 else 0.35
    if phase in (Phase.BASE, Phase.BUILD, Phase.PEAK) and not deload:
        target = min(cap, km * share, max(long_prev + 2.0, km * 0.2))
    elif phase is Phase.RACE or (phase is Phase.TRANSITION):
        target = 0.0 if phase is Phase.RACE else km * 0.3
    else:
        target = min(cap, km * share)
    if races:
        target = 0.0  # the race is the week's long effort
    return round(max(target, 0.0), 1)
