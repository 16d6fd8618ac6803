"""The runs of one planned week before they have a day: kilometres, steps, minutes.

The week's volume (from ``periodization``) is split into the race(s), the quality runs,
the long run and easy runs; each run gets structured steps with Daniels paces
(``core.science.paces``) so that its length in minutes is known before the scheduler
looks for a window. Every run is shortened to fit a window that can take it (R6, Q3). Pure.
"""

from __future__ import annotations

import dataclasses
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from runstrong.core.errors import InputError
from runstrong.core.model import Focus, Phase, RunCategory, RunStep, StepKind
from runstrong.core.planning.easy_split import MIN_EASY_KM as MIN_EASY_KM
from runstrong.core.planning.easy_split import easy_km, real_long_km, two_run_sizes
from runstrong.core.planning.week_runs import easy_shares, quality_rooms_min, quality_share_km
from runstrong.core.prescription.run import RunPrescription, prescribe_run
from runstrong.core.rules.quality import Q2_LONGISH_SHARE, is_longish
from runstrong.core.science.paces import TrainingPaces, equivalent_pace_s_per_km
from runstrong.core.units import distance_label

RUN_RPE: dict[str, float] = {
    "easy": 3.0, "recovery": 2.0, "long": 4.0, "strides": 3.5, "threshold": 6.5,
    "intervals": 7.5, "repetitions": 7.5, "hills": 7.0, "race_pace": 6.0,
    "time_trial": 9.0, "race": 9.0,
}  # fmt: skip
"""Planned session RPE (CR-10) by run category, for the Foster session load."""

QUALITY_KM: dict[RunCategory, float] = {
    RunCategory.THRESHOLD: 10.0,
    RunCategory.INTERVALS: 10.0,
    RunCategory.REPETITIONS: 8.0,
    RunCategory.HILLS: 8.0,
    RunCategory.RACE_PACE: 12.0,
    RunCategory.TIME_TRIAL: 8.0,
}
WARMUP_KM, COOLDOWN_KM = 2.0, 1.5
"""Easy km before and after the work block of a quality run (``_quality_steps``)."""


@dataclass(frozen=True, slots=True)
class RunDraft:
    """One run of a week as the planner sizes it, with the reasons (``why``) for its shape."""

    category: RunCategory
    km: float
    duration_min: int
    steps: tuple[RunStep, ...]
    title: str
    why: tuple[str, ...] = ()
    longish: bool = False
    """Q2: an easy run of at least ``Q2_LONGISH_SHARE`` of the week's long run (``is_longish``)."""


def _easy_pace(p: TrainingPaces) -> tuple[float, float]:
    return p.easy_s_per_km


def _mid(r: tuple[float, float]) -> float:
    return (r[0] + r[1]) / 2


def _minutes(seconds: float) -> int:
    """Whole minutes rounded up to 5, so back-to-back sessions start on a 5-minute grid."""
    return 5 * math.ceil(seconds / 300)


def _band(pace: float, spread: float = 5.0) -> tuple[float, float]:
    return (round(pace - spread, 1), round(pace + spread, 1))


def _km_and_s(steps: tuple[RunStep, ...], p: TrainingPaces) -> tuple[float, float]:
    km = seconds = 0.0
    for s in steps:
        pace = _mid(s.pace_s_per_km) if s.pace_s_per_km else _mid(p.easy_s_per_km)
        if s.distance_m is not None:
            d_km, sec = s.distance_m / 1000, s.distance_m / 1000 * pace
        else:
            sec = s.duration_s or 0.0
            d_km = sec / pace
        km += d_km * s.repeat
        seconds += sec * s.repeat
    return km, seconds


def _steady(km: float, pace: tuple[float, float], kind: StepKind = StepKind.STEADY) -> RunStep:
    return RunStep(kind, distance_m=round(km * 1000), pace_s_per_km=pace)


@dataclass(frozen=True, slots=True)
class _Repeats:
    """A work block of ``n`` repeats, each followed by a recovery: ``n`` is the work
    kilometres over ``km_per_rep``, kept within ``least``…``most``."""

    least: int
    most: int
    km_per_rep: float
    title: str  # formatted with n
    work: RunStep  # one repeat; its pace band (if any) comes from ``pace``
    recovery: RunStep  # one recovery; at easy pace when ``recovery_easy``
    pace: Callable[[TrainingPaces], float] | None = None
    recovery_easy: bool = False

    def block(self, work_km: float, p: TrainingPaces) -> tuple[tuple[RunStep, RunStep], str]:
        n = max(self.least, min(self.most, round(work_km / self.km_per_rep)))
        work = dataclasses.replace(
            self.work, repeat=n, pace_s_per_km=_band(self.pace(p)) if self.pace else None
        )
        easy = _easy_pace(p) if self.recovery_easy else None
        recovery = dataclasses.replace(self.recovery, repeat=n, pace_s_per_km=easy)
        return (work, recovery), self.title.format(n=n)


_REPEATS: dict[RunCategory, _Repeats] = {
    RunCategory.THRESHOLD: _Repeats(
        2, sys.maxsize, 1.6, "Threshold {n} × 1.6 km (cruise intervals)",
        RunStep(StepKind.WORK, distance_m=1600),
        RunStep(StepKind.RECOVERY, duration_s=60, note="easy jog"),
        pace=lambda p: p.threshold_s_per_km,
    ),
    RunCategory.INTERVALS: _Repeats(
        3, 8, 1.4, "Intervals {n} × 1 km at I pace",
        RunStep(StepKind.WORK, distance_m=1000),
        RunStep(StepKind.RECOVERY, duration_s=150, note="jog"),
        pace=lambda p: p.interval_s_per_km,
    ),
    RunCategory.REPETITIONS: _Repeats(
        4, 12, 0.8, "Repetitions {n} × 400 m at R pace",
        RunStep(StepKind.WORK, distance_m=400),
        RunStep(StepKind.RECOVERY, distance_m=400, note="full jog"),
        pace=lambda p: p.repetition_s_per_km,
        recovery_easy=True,
    ),
    RunCategory.HILLS: _Repeats(
        4, 10, 0.6, "Hills {n} × 60 s uphill",
        RunStep(StepKind.WORK, duration_s=60, note="uphill, hard (I effort), tall posture"),
        RunStep(StepKind.RECOVERY, duration_s=90, note="walk/jog down"),
    ),
}  # fmt: skip
"""The repeat sessions: threshold cruise intervals, I-pace kilometres, R-pace 400s and
hill repeats (T, I and R as in Daniels' Running Formula)."""


def _quality_steps(
    cat: RunCategory, km: float, p: TrainingPaces, race_m: float
) -> tuple[tuple[RunStep, ...], str]:
    """Warm-up, the work block of the category, cool-down, about ``km`` in total."""
    easy = _easy_pace(p)
    wu, cd = (
        _steady(WARMUP_KM, easy, StepKind.WARMUP),
        _steady(COOLDOWN_KM, easy, StepKind.COOLDOWN),
    )
    work_km = max(km - WARMUP_KM - COOLDOWN_KM, 1.0)
    block: tuple[RunStep, ...]
    if cat in _REPEATS:
        block, title = _REPEATS[cat].block(work_km, p)
    elif cat is RunCategory.RACE_PACE:
        rp = equivalent_pace_s_per_km(p.vdot, race_m)
        block = (_steady(work_km, _band(rp), StepKind.WORK),)
        title = f"Race pace {work_km:.1f} km"
    else:  # time trial: a 3 km (≤ 5 km goal) or 5 km all-out effort
        tt_m = 3000.0 if race_m <= 5000 else 5000.0
        tp = equivalent_pace_s_per_km(p.vdot, tt_m)
        block = (
            RunStep(
                StepKind.WORK,
                distance_m=tt_m,
                pace_s_per_km=_band(tp),
                note="all-out time trial: re-estimates VDOT",
            ),
        )
        title = f"Time trial {tt_m / 1000:g} km"
    return (wu, *block, cd), title


@dataclass(frozen=True, slots=True)
class RunContext:
    """What the run prescription needs besides the size of the run."""

    paces: TrainingPaces
    race_m: float
    cap_min: float
    phase: Phase
    week_in_block: int
    focus: Focus
    weekly_km: float
    day_caps_min: tuple[float, ...] = ()
    """Q3: each open run day's longest run window (≤ the session limit), largest first."""
    goal_pace_s_per_km: float | None = None
    """The goal's target pace (``plan_notes.goal_race_pace``): race and race-pace work run at it."""
    deload: bool = False
    """Q2 judges full loading weeks only: a deload week's easy runs may equal its long run."""
    easy_cap_km: float = 0.0
    """Q5: a race week's longest easy run (``race_week``); 0: the long run or race caps them."""
    novice: bool = False
    """Q2: the novice tier's easy runs may come nearer the long run (``easy_share_of_long``)."""
    floor_km: float = 0.0
    """Q1: a full loading week's least km, the athlete's current volume (0: none)."""


def _rx(cat: RunCategory, ctx: RunContext, *, minutes: float | None, km: float | None,
        race_m: float) -> RunPrescription:  # fmt: skip
    """The one run generator (``core.prescription.run``), called by keyword. Q2: the
    long run is not capped at a share of the week here: the volume model sets it."""
    return prescribe_run(
        cat,
        duration_min=minutes,
        distance_km=km,
        paces=ctx.paces,
        phase=ctx.phase,
        week_in_block=ctx.week_in_block,
        hr=None,
        focus=ctx.focus,
        race_distance_m=race_m,
        weekly_km=None if cat is RunCategory.LONG else ctx.weekly_km,
        goal_pace_s_per_km=ctx.goal_pace_s_per_km if race_m == ctx.race_m else None,
    )


FALLBACK_WHY = "Planner steps: {reason}; the warm-up, work and cool-down are sized to fit."


def prescribed_run(
    cat: RunCategory, km: float, ctx: RunContext, race_km: float | None = None
) -> RunDraft:
    """One run of about ``km`` km from ``core.prescription.run`` (Daniels caps, paces),
    re-sized by time when it would not fit ``cap_min`` (R6). When the window is below
    the prescription's minimum size, ``draft_run`` sizes it and the run's ``why``
    says so (issue 11 part 4: no silent fallback)."""
    why: list[str] = []
    try:
        if race_km is not None:
            rx = _rx(cat, ctx, minutes=None, km=race_km, race_m=race_km * 1000)
        else:
            rx = _rx(cat, ctx, minutes=None, km=km, race_m=ctx.race_m)
            if rx.duration_min is not None and rx.duration_min > ctx.cap_min:
                why.append(f"R6: shortened to fit {ctx.cap_min:.0f} min")
                rx = _rx(cat, ctx, minutes=ctx.cap_min, km=None, race_m=ctx.race_m)
                if rx.distance_km is not None and rx.distance_km > km + 0.05:
                    # Q2: sized by time a run covered more than asked (a 35.2 km long run
                    # became 35.4 km, past its +10 % growth): shortened never means longer
                    minutes = ctx.cap_min * km / rx.distance_km
                    rx = _rx(cat, ctx, minutes=minutes, km=None, race_m=ctx.race_m)
    except InputError as exc:
        return _fallback(cat, km, ctx, race_km, str(exc))
    if rx.duration_min is None or rx.distance_km is None:
        return _fallback(cat, km, ctx, race_km, "no paces to size the run")
    minutes = _minutes(rx.duration_min * 60)
    if race_km is not None:  # Q5: the race session's distance is the race distance
        return RunDraft(cat, round(race_km, 2), minutes, rx.steps, rx.title, tuple(why))
    if minutes > ctx.cap_min:
        minutes = int(ctx.cap_min)
        if rx.duration_min > ctx.cap_min + 1e-9:
            return _fallback(cat, km, ctx, race_km, f"{ctx.cap_min:.0f} min is too short")
    return RunDraft(cat, round(rx.distance_km, 1), minutes, rx.steps, rx.title, tuple(why))


def _fallback(
    cat: RunCategory, km: float, ctx: RunContext, race_km: float | None, reason: str
) -> RunDraft:
    d = draft_run(cat, km, ctx.paces, ctx.race_m, ctx.cap_min, race_km=race_km)
    return dataclasses.replace(d, why=(*d.why, FALLBACK_WHY.format(reason=reason)))


def draft_run(
    cat: RunCategory,
    km: float,
    p: TrainingPaces,
    race_m: float,
    cap_min: float,
    *,
    race_km: float | None = None,
) -> RunDraft:
    """Planner-made steps for one run of about ``km`` km, at most ``cap_min`` long (R6);
    used when ``core.prescription.run`` cannot size the run (window too short)."""
    why: list[str] = []
    easy = _easy_pace(p)
    steps: tuple[RunStep, ...]
    if cat is RunCategory.RACE:
        assert race_km is not None
        race_pace = equivalent_pace_s_per_km(p.vdot, race_km * 1000)
        steps = (_steady(race_km, _band(race_pace), StepKind.WORK),)
        if race_km <= 10.0:
            steps = (_steady(WARMUP_KM, easy, StepKind.WARMUP), *steps)
        title = f"Race {distance_label(race_km * 1000)}"
        km_out, sec = _km_and_s(steps, p)
        return RunDraft(cat, round(km_out, 1), _minutes(sec), steps, title)
    if cat in QUALITY_KM:
        steps, title = _quality_steps(cat, km, p, race_m)
        km_out, sec = _km_and_s(steps, p)
        while sec / 60 > cap_min and len(steps) > 2:
            reduced = tuple(
                s
                if s.repeat <= 2 or s.kind not in (StepKind.WORK, StepKind.RECOVERY)
                else RunStep(
                    s.kind,
                    s.duration_s,
                    s.distance_m,
                    s.pace_s_per_km,
                    s.hr_bpm,
                    s.repeat - 1,
                    s.note,
                )
                for s in steps
            )
            if reduced == steps:
                break
            steps = reduced
            km_out, sec = _km_and_s(steps, p)
            why.append("R6: fewer repeats to fit your window")
        return RunDraft(
            cat, round(km_out, 1), _minutes(sec), steps, title, tuple(dict.fromkeys(why))
        )
    pace: tuple[float, float] = easy if cat is not RunCategory.RECOVERY else (easy[1], easy[1] + 20)
    limit_km = cap_min * 60 / _mid(pace)
    if cat is RunCategory.STRIDES:
        limit_km -= 0.6
    if km > limit_km:
        why.append(f"R6: shortened from {km:.1f} km to fit {cap_min:.0f} min")
        km = math.floor(limit_km * 10) / 10
    km = max(km, 1.0)
    if cat is RunCategory.STRIDES:
        km = max(km - 6 * 80 / _mid(pace), 1.0)  # the strides block runs ~6 × 80 s
        steps = (
            _steady(km, pace),
            RunStep(StepKind.STRIDES, duration_s=20, repeat=6, note="fast, relaxed, full recovery"),
            RunStep(StepKind.RECOVERY, duration_s=60, repeat=6, note="walk back"),
        )
        title = f"Easy {km:.1f} km + 6 strides"
    else:
        steps = (_steady(km, pace),)
        title = {RunCategory.LONG: "Long run", RunCategory.RECOVERY: "Recovery run"}.get(
            cat, "Easy run"
        )
        title = f"{title} {km:.1f} km"
    km_out, sec = _km_and_s(steps, p)
    return RunDraft(
        cat, round(km_out, 1), min(_minutes(sec), int(cap_min)), steps, title, tuple(why)
    )


@dataclass(frozen=True, slots=True)
class RunWeek:
    """What one week's runs are cut from (``build._run_drafts`` fills it from the week's
    outline): its run volume and planned long run, its number of run days, its quality
    run types, its races (km), and whether an easy run carries strides."""

    total_km: float
    long_km: float
    run_count: int
    quality: tuple[RunCategory, ...]
    races_km: tuple[float, ...]
    strides: bool


def week_runs(week: RunWeek, ctx: RunContext) -> list[RunDraft]:
    """Split ``week.total_km`` into the week's runs: races, quality runs, the long run, easy runs.

    Q3: the long run takes the largest window, the quality runs the next ones, and
    the easy runs share what is left by water-filling: each is sized to its own
    day's window, and what one window cannot take goes to the other easy days.
    Q2: no easy run is longer than the long run."""
    total_km, long_km, run_count = week.total_km, week.long_km, week.run_count
    quality, races_km, strides = week.quality, week.races_km, week.strides
    drafts = [prescribed_run(RunCategory.RACE, 0, ctx, race_km=r) for r in races_km]
    loading = ctx.phase in (Phase.BASE, Phase.BUILD, Phase.PEAK)  # Q2's long run ≥ quality
    n_quality = len(quality)
    caps = list(ctx.day_caps_min) or [ctx.cap_min] * max(run_count, 1)
    share = quality_share_km(total_km, races_km, ctx.phase)
    # Q1/R6: a two-run week at what its windows hold fills them (``two_run_sizes``)
    two_floor = 0.0 if races_km or len(quality) != 1 or run_count != 2 else ctx.floor_km
    easy_pace = _mid(_easy_pace(ctx.paces))
    two = two_run_sizes(total_km, long_km, ctx.day_caps_min, easy_pace, two_floor, ctx.race_m)
    taken = (long_km > 0) + (0 if ctx.easy_cap_km else len(races_km))  # Q3: their windows
    rooms = quality_rooms_min(ctx.day_caps_min, taken, n_quality, ctx.cap_min)
    q_ctx = [dataclasses.replace(ctx, cap_min=room) for room in rooms]
    for cat, c in zip(quality, q_ctx, strict=True):
        drafts.append(prescribed_run(cat, two[0] if two else min(QUALITY_KM[cat], share), c))
    long_km = two[1] if two else long_km
    # Q2: at low volume a quality run (warm-up, work, cool-down) can outsize the
    # planned long run; in a loading week the long run is then at least as long, the
    # easy runs less (a taper week's long run shrinks below it, Q5).
    biggest = max((d.km for d in drafts[len(races_km) :]), default=0.0) if loading else 0.0
    full, days = loading and not ctx.deload, len(ctx.day_caps_min) or run_count  # Q2 judges
    shares = easy_shares(ctx.novice, days, long_km > 0) if full else (1.0,)  # full weeks
    long_km = real_long_km(long_km, total_km, loading, max(shares))
    # Q6: a "long run" under a short run's length (a taper's) is no long run
    long_ok = long_km > 0 and max(long_km, biggest) >= MIN_EASY_KM
    n_long = 1 if long_ok and run_count - len(races_km) - n_quality >= 1 else 0
    n_easy = max(run_count - len(races_km) - n_quality - n_long, 0)
    if n_long:
        long_run = prescribed_run(RunCategory.LONG, max(long_km, biggest), ctx)
        drafts.append(long_run)
        # Q2: under a session limit the long run is cut by time, and a faster quality
        # run of the same minutes covers more ground: it is cut to the long run's length.
        for i, c in enumerate(q_ctx, start=len(races_km)):
            if loading and drafts[i].km > long_run.km:
                drafts[i] = prescribed_run(drafts[i].category, long_run.km, c)
    used = sum(d.km for d in drafts)
    # a race takes a day as the long run does (the long-run day, its largest window)
    # (Q5: not in race week, whose race day may have no window and whose runs are short)
    free = sorted(caps, reverse=True)[n_long + (0 if ctx.easy_cap_km else len(races_km)) :]
    for d in drafts[len(races_km) : len(races_km) + n_quality]:
        # a quality run takes the smallest window that holds it; easy runs get the rest
        fits = [c for c in free if c >= d.duration_min]
        if fits or free:
            free.remove(min(fits) if fits else min(free))
    free = sorted(free, reverse=True) + [0.0] * n_easy
    rest = total_km - used
    if n_long and ctx.deload:  # Q6: a deload keeps its run days, as a loading week does
        rest, drafts[-1] = _long_gives(rest, drafts[-1], free[:n_easy], easy_pace, ctx)
    # Q2: no easy run outgrows the long run, or the tune-up race that stands in for it
    longest = drafts[-1].km if n_long else max(races_km, default=math.inf)
    if not n_long and ctx.easy_cap_km > 0:  # Q5: race week easy runs: not the race's length
        longest = ctx.easy_cap_km
    shares = easy_shares(ctx.novice, days, False) if full and not n_long else shares  # tune-up
    # Q6: fewer easy runs, not token runs under the minimum (a 2 km run beside a lift)
    n_easy = min(n_easy, int(rest // MIN_EASY_KM))
    floor = min(ctx.floor_km, total_km) - used if full else None  # Q1: current volume
    sizes, limit = easy_km(rest, [c * 60 / easy_pace for c in free], n_easy, longest, shares,
                           floor)  # fmt: skip
    sizes = [k for k in sizes if k >= MIN_EASY_KM - 0.05]
    for i, (km, cap) in enumerate(zip(sorted(sizes, reverse=True), free, strict=False)):
        cat = RunCategory.STRIDES if strides and i == len(sizes) - 1 else RunCategory.EASY
        run = prescribed_run(cat, km, ctx)
        if 0 < cap < run.duration_min:
            # Q3: rounded up to the 5-minute grid the run outgrew its window; a little shorter
            run = prescribed_run(cat, km - (run.duration_min - cap) * 60 / easy_pace, ctx)
        if run.km > limit + 0.05:  # Q2: rounded, it outgrew its share of the long run
            run = prescribed_run(cat, km - (run.km - limit), ctx)
        longish = n_long > 0 and is_longish(run.km, longest)  # Q2: not on the long's eve
        drafts.append(dataclasses.replace(run, longish=longish))
    return drafts


DELOAD_ROUND_UP_KM = 0.5
"""Q6/Q1: a deload a little short of its 3 km easy runs (a 7 km/week runner's 8.9 km
deload over three days) holds them, up to this much more than planned, rather than
one run fewer; ``fit.fit_deload`` keeps the week in its 20-30 % band."""


def _long_gives(
    rest: float, long_run: RunDraft, windows_min: Sequence[float], easy_pace: float,
    ctx: RunContext,
) -> tuple[float, RunDraft]:  # fmt: skip
    """Q6 (runs first, ``volume.short_runs`` for loading weeks): a deload's easy runs
    keep ``MIN_EASY_KM`` each in the windows that hold one, the long run giving what
    they lack while none of them is long-ish beside it (Q2, ``Q2_LONGISH_SHARE``).
    Before, a beginner's deload of 10 km ran a 5 km long run and one 3.3 km easy run,
    and its third run day went to a lift alone."""
    fits = sum(1 for c in windows_min if c * 60 / easy_pace >= MIN_EASY_KM)
    for n in range(fits, 0, -1):
        lack = n * MIN_EASY_KM - rest
        if lack <= 0:
            break
        if long_run.km - lack >= MIN_EASY_KM / Q2_LONGISH_SHARE:
            return rest + lack, prescribed_run(RunCategory.LONG, long_run.km - lack, ctx)
        if lack <= DELOAD_ROUND_UP_KM:  # the floor rounds the deload up a little
            return rest + lack, long_run
    return rest, long_run
