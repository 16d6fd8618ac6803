"""Run prescription: turns a planned run slot into structured steps with paces and HR.

Paces come from ``core.paces.TrainingPaces`` (Daniels' E/M/T/I/R), heart-rate
ranges from a zone list of ``core.heart_rate`` (Karvonen or Friel zones).
Without paces the steps are dosed by time (or distance) and effort only.

The session is sized by ``duration_min`` (steps in seconds) or, when only
``distance_km`` is given, by distance (steps in metres): the warm-up and
cool-down (or the steady running) absorb whatever the main set leaves, so the
steps add up to the requested size.

Quality volume per session is capped as in Daniels' Running Formula (3rd ed.,
ch. 4 and 5): I-pace work ≤ the lesser of 10 km and 8 % of weekly mileage;
T-pace work ≤ 10 % of weekly mileage; R-pace work ≤ the lesser of 8 km and 5 %
of weekly mileage; M-pace blocks ≤ the lesser of 29 km and 20 %. Without
paces the caps apply to work time (I 24 min, T 40 min, R 10 min, M 90 min,
roughly the distance caps at a VDOT-45 runner's paces).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.errors import InputError
from runstrong.core.heart_rate import HrZone
from runstrong.core.model import Focus, Phase, RunCategory, RunStep, StepKind
from runstrong.core.paces import TrainingPaces

HrZones = Sequence[HrZone]
"""Heart-rate zones as returned by ``hr_zones_karvonen`` / ``hr_zones_lthr``."""

# Daniels' per-session caps: (absolute metres, fraction of weekly volume, minutes without paces)
VOLUME_CAPS: dict[str, tuple[float, float, float]] = {
    "interval": (10_000.0, 0.08, 24.0),
    "threshold": (math.inf, 0.10, 40.0),
    "repetition": (8_000.0, 0.05, 10.0),
    "marathon": (29_000.0, 0.20, 90.0),
}

_WARMUP_MIN_S, _COOLDOWN_MIN_S = 600.0, 300.0
_WARMUP_MIN_M, _COOLDOWN_MIN_M = 2000.0, 1000.0
_HALF_MARATHON_M = 21_097.5
# Zone names per intensity, first match wins (Karvonen Z1–Z5, Friel Z1–Z5c).
_HR_ZONE_NAMES: dict[str, tuple[str, ...]] = {
    "recovery": ("Z1",),
    "easy": ("Z2",),
    "marathon": ("Z3",),
    "threshold": ("Z5a", "Z4"),
    "interval": ("Z5b", "Z5"),
    "hill": ("Z5b", "Z5"),
    "race": (),
    "repetition": (),
}


@dataclass(frozen=True, slots=True)
class RunPrescription:
    """A structured run. ``distance_km``/``duration_min`` are None when they
    cannot be known (no paces to convert between time and distance)."""

    category: RunCategory
    steps: tuple[RunStep, ...]
    distance_km: float | None
    duration_min: float | None
    title: str
    description: str


@dataclass(frozen=True, slots=True)
class _Ctx:
    paces: TrainingPaces | None
    hr: HrZones | None
    by_time: bool
    weekly_km: float | None
    race_pace_s_per_km: float | None


def race_pace_s_per_km(paces: TrainingPaces, race_distance_m: float) -> float:
    """Estimated race pace from the training paces, by log-distance interpolation
    between Daniels' reference intensities: R ≈ mile race pace, I ≈ 3 km–5 km
    pace (~4 km), T ≈ one-hour race pace (~15 km for this purpose), M = marathon."""
    anchors = (
        (1609.344, paces.repetition_s_per_km),
        (4000.0, paces.interval_s_per_km),
        (15_000.0, paces.threshold_s_per_km),
        (42_195.0, paces.marathon_s_per_km),
    )
    d = min(max(race_distance_m, anchors[0][0]), anchors[-1][0])
    for (d0, p0), (d1, p1) in itertools.pairwise(anchors):
        if d <= d1:
            t = (math.log(d) - math.log(d0)) / (math.log(d1) - math.log(d0))
            return p0 + t * (p1 - p0)
    return anchors[-1][1]


def _pace(ctx: _Ctx, intensity: str) -> tuple[float, float] | None:
    p = ctx.paces
    if p is None:
        return None
    fast, slow = p.easy_s_per_km
    ranges = {
        "easy": (fast, slow),
        "recovery": (slow, slow + 30.0),
        "marathon": (p.marathon_s_per_km - 5.0, p.marathon_s_per_km + 5.0),
        "threshold": (p.threshold_s_per_km - 3.0, p.threshold_s_per_km + 3.0),
        "interval": (p.interval_s_per_km - 3.0, p.interval_s_per_km + 3.0),
        "repetition": (p.repetition_s_per_km - 3.0, p.repetition_s_per_km + 3.0),
    }
    if intensity == "race" and ctx.race_pace_s_per_km is not None:
        return (ctx.race_pace_s_per_km - 3.0, ctx.race_pace_s_per_km + 3.0)
    return ranges.get(intensity)


def hr_range(hr: HrZones | None, intensity: str) -> tuple[int, int] | None:
    """The (low, high) bpm of the zone matching ``intensity``, if the zones have it."""
    if not hr:
        return None
    zones = {z.name: z for z in hr}
    for name in _HR_ZONE_NAMES.get(intensity, ()):
        z = zones.get(name)
        if z is not None and z.low_bpm is not None and z.high_bpm is not None:
            return (round(z.low_bpm), round(z.high_bpm))
    return None


def _step(
    ctx: _Ctx,
    kind: StepKind,
    intensity: str,
    *,
    seconds: float | None = None,
    metres: float | None = None,
    repeat: int = 1,
    note: str = "",
) -> RunStep:
    return RunStep(
        kind=kind,
        duration_s=None if seconds is None else round(seconds, 1),
        distance_m=None if metres is None else round(metres, 1),
        pace_s_per_km=_pace(ctx, intensity),
        hr_bpm=hr_range(ctx.hr, intensity),
        repeat=repeat,
        note=note,
    )


def _mid(step: RunStep) -> float | None:
    return None if step.pace_s_per_km is None else sum(step.pace_s_per_km) / 2.0


def step_seconds(step: RunStep, easy_s_per_km: float | None = None) -> float | None:
    """Time of a step including repeats (distance steps need a pace)."""
    if step.duration_s is not None:
        return step.duration_s * step.repeat
    pace = _mid(step) or easy_s_per_km
    if step.distance_m is None or pace is None:
        return None
    return step.distance_m / 1000.0 * pace * step.repeat


def step_metres(step: RunStep, easy_s_per_km: float | None = None) -> float | None:
    """Distance of a step including repeats (time steps need a pace)."""
    if step.distance_m is not None:
        return step.distance_m * step.repeat
    pace = _mid(step) or easy_s_per_km
    if step.duration_s is None or pace is None:
        return None
    return step.duration_s / pace * 1000.0 * step.repeat


def _totals(steps: Sequence[RunStep], ctx: _Ctx) -> tuple[float | None, float | None]:
    easy = None if ctx.paces is None else sum(ctx.paces.easy_s_per_km) / 2.0
    secs = [step_seconds(s, easy) for s in steps]
    dist = [step_metres(s, easy) for s in steps]
    minutes = None if None in secs else sum(x or 0.0 for x in secs) / 60.0
    km = None if None in dist else sum(x or 0.0 for x in dist) / 1000.0
    return minutes, km


def _size(steps: Sequence[RunStep], ctx: _Ctx) -> float:
    """Size of steps in the session's own unit (s or m)."""
    minutes, km = _totals(steps, ctx)
    return (minutes or 0.0) * 60.0 if ctx.by_time else (km or 0.0) * 1000.0


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rep:
    """A repeated block: work (time and distance form) + recovery, at intensities."""

    n: int
    work_s: float
    work_m: float
    rec_s: float
    rec_m: float
    intensity: str
    rec_intensity: str = "recovery"
    cap: str | None = None
    by_time: bool = False  # force time-based work (hills: pace means nothing uphill)
    kind: StepKind = StepKind.WORK
    note: str = ""
    rec_note: str = "jog"


def _cap(ctx: _Ctx, key: str | None, by_distance: bool) -> float:
    if key is None:
        return math.inf
    absolute_m, fraction, minutes = VOLUME_CAPS[key]
    if not by_distance:
        return minutes * 60.0
    weekly = math.inf if ctx.weekly_km is None else fraction * ctx.weekly_km * 1000.0
    return min(absolute_m, weekly)


def _by_distance(ctx: _Ctx, rep: _Rep) -> bool:
    if not ctx.by_time:
        return True  # a distance-sized session is built in metres throughout
    return not rep.by_time and ctx.paces is not None


def _rep_steps(ctx: _Ctx, rep: _Rep, n: int, scale: float) -> list[RunStep]:
    by_distance = _by_distance(ctx, rep)
    work = (
        _step(ctx, rep.kind, rep.intensity, metres=rep.work_m * scale, repeat=n, note=rep.note)
        if by_distance
        else _step(ctx, rep.kind, rep.intensity, seconds=rep.work_s * scale, repeat=n,
                   note=rep.note)
    )  # fmt: skip
    if rep.rec_s <= 0 and rep.rec_m <= 0:
        return [work]
    rec = (
        _step(ctx, StepKind.RECOVERY, rep.rec_intensity, seconds=rep.rec_s, repeat=n,
              note=rep.rec_note)
        if ctx.by_time
        else _step(ctx, StepKind.RECOVERY, rep.rec_intensity, metres=rep.rec_m, repeat=n,
                   note=rep.rec_note)
    )  # fmt: skip
    return [work, rec]


def _fit_reps(ctx: _Ctx, rep: _Rep, room: float) -> list[RunStep]:
    """The most reps (≤ rep.n) that fit the volume cap and ``room`` (session units)."""
    by_distance = _by_distance(ctx, rep)
    amount = rep.work_m if by_distance else rep.work_s
    cap = _cap(ctx, rep.cap, by_distance)
    scale = min(1.0, cap / amount)
    fits = rep.n if math.isinf(cap) else math.floor(cap / (amount * scale) + 1e-9)
    n = max(1, min(rep.n, fits))
    while n > 1 and _size(_rep_steps(ctx, rep, n, scale), ctx) > room:
        n -= 1
    size = _size(_rep_steps(ctx, rep, n, scale), ctx)
    if size > room > 0:  # one rep is still too long: shorten it (tempo/race blocks)
        scale *= max(0.25, room / size)
    return _rep_steps(ctx, rep, n, scale)


def _filler(ctx: _Ctx, amount: float, kind: StepKind, intensity: str, note: str) -> RunStep:
    if ctx.by_time:
        return _step(ctx, kind, intensity, seconds=amount, note=note)
    return _step(ctx, kind, intensity, metres=amount, note=note)


def _wrap(ctx: _Ctx, budget: float, main: list[RunStep], warm_min: float) -> list[RunStep]:
    """Warm-up and cool-down absorb what the main set leaves of ``budget``."""
    cool_min = _COOLDOWN_MIN_S if ctx.by_time else _COOLDOWN_MIN_M
    rest = max(budget - _size(main, ctx), 0.0)
    if rest >= warm_min + cool_min:
        warm = max(warm_min, rest * 0.6)
        cool = rest - warm
        if cool < cool_min:
            cool, warm = cool_min, rest - cool_min
    else:
        warm, cool = rest * 0.6, rest * 0.4
    return [
        _filler(ctx, warm, StepKind.WARMUP, "easy", "easy, build into it"),
        *main,
        _filler(ctx, cool, StepKind.COOLDOWN, "easy", "easy jog"),
    ]


def _warm_min(ctx: _Ctx, hard: bool = True) -> float:
    if ctx.by_time:
        return 900.0 if hard else _WARMUP_MIN_S
    return 3000.0 if hard else _WARMUP_MIN_M


def _room(ctx: _Ctx, budget: float) -> float:
    cool_min = _COOLDOWN_MIN_S if ctx.by_time else _COOLDOWN_MIN_M
    return budget - _warm_min(ctx, hard=False) - cool_min


# ---------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------

_FOCUS_I_REP = {  # (metres, seconds without paces)
    Focus.ENDURANCE: (1000.0, 240.0),
    Focus.MIDDLE: (800.0, 200.0),
    Focus.SPRINT: (600.0, 150.0),
}
_TAPERING = (Phase.TAPER, Phase.RACE)


def _count(base: int, week_in_block: int, phase: Phase, top: int) -> int:
    """Reps grow by one per loading week of the block; the taper keeps intensity with fewer."""
    n = base + max(0, min(week_in_block, 4) - 1)
    if phase in _TAPERING:
        n -= 2
    return max(2, min(n, top))


def _interval_rep(ctx: _Ctx, phase: Phase, week: int, focus: Focus) -> _Rep:
    metres, seconds = _FOCUS_I_REP[focus]
    work_time = seconds if ctx.paces is None else metres / 1000.0 * ctx.paces.interval_s_per_km
    return _Rep(_count(4, week, phase, 8), seconds, metres, work_time, 400.0, "interval",
                cap="interval", note="I pace: hard but controlled, 3-5 min efforts")  # fmt: skip


def _threshold_rep(ctx: _Ctx, phase: Phase, week: int) -> _Rep:
    if phase in (Phase.BUILD, Phase.PEAK):  # continuous tempo
        seconds = 1200.0 + 150.0 * max(0, min(week, 4) - 1)
        metres = 4000.0 if ctx.paces is None else seconds / ctx.paces.threshold_s_per_km * 1000
        return _Rep(1, seconds, round(metres, -2), 0.0, 0.0, "threshold", cap="threshold",
                    note="tempo: comfortably hard, steady")  # fmt: skip
    return _Rep(_count(3, week, phase, 6), 360.0, 1600.0, 60.0, 200.0, "threshold",
                cap="threshold", note="cruise interval at T pace",
                rec_note="easy jog, 1 min")  # fmt: skip


def _repetition_rep(ctx: _Ctx, phase: Phase, week: int, focus: Focus) -> _Rep:
    metres, seconds = (200.0, 40.0) if focus is Focus.ENDURANCE else (400.0, 85.0)
    work_time = seconds if ctx.paces is None else metres / 1000.0 * ctx.paces.repetition_s_per_km
    base = 8 if metres == 200.0 else 5
    return _Rep(_count(base, week, phase, base + 4), seconds, metres, 2.0 * work_time, metres,
                "repetition", cap="repetition", note="R pace: fast, relaxed, good form",
                rec_note="full recovery jog")  # fmt: skip


def _hill_rep(phase: Phase, week: int) -> _Rep:
    return _Rep(_count(6, week, phase, 10), 75.0, 300.0, 150.0, 300.0, "hill", by_time=True,
                note="hard uphill (about 5 km effort), drive the knees, tall posture",
                rec_note="jog back down")  # fmt: skip


def _race_pace_rep(race_distance_m: float, phase: Phase, week: int) -> _Rep:
    if race_distance_m >= _HALF_MARATHON_M:
        return _Rep(_count(2, week, phase, 4), 900.0, 3000.0, 180.0, 800.0, "race",
                    cap="marathon", note="goal race pace, relaxed")  # fmt: skip
    if race_distance_m >= 10_000.0:
        return _Rep(_count(3, week, phase, 5), 480.0, 2000.0, 120.0, 400.0, "race",
                    cap="threshold", note="goal race pace")  # fmt: skip
    return _Rep(_count(4, week, phase, 6), 240.0, 1000.0, 120.0, 400.0, "race",
                cap="interval", note="goal race pace")  # fmt: skip


def _strides(ctx: _Ctx, week: int, phase: Phase) -> list[RunStep]:
    rep = _Rep(_count(4, week, phase, 8), 20.0, 100.0, 60.0, 100.0, "repetition", by_time=True,
               kind=StepKind.STRIDES, note="stride: quick and relaxed, not a sprint",
               rec_note="walk or jog back")  # fmt: skip
    if not ctx.by_time:
        rep = _Rep(rep.n, 20.0, 100.0, 60.0, 100.0, "repetition", kind=StepKind.STRIDES,
                   note=rep.note, rec_note=rep.rec_note)  # fmt: skip
    return _rep_steps(ctx, rep, rep.n, 1.0)


def _steady(ctx: _Ctx, budget: float, intensity: str, note: str) -> list[RunStep]:
    return [_filler(ctx, budget, StepKind.STEADY, intensity, note)]


def _long(ctx: _Ctx, budget: float, phase: Phase, focus: Focus, race_m: float) -> list[RunStep]:
    fast_finish = (
        phase in (Phase.BUILD, Phase.PEAK)
        and focus is Focus.ENDURANCE
        and race_m >= _HALF_MARATHON_M
    )
    if not fast_finish:
        return _steady(ctx, budget, "easy", "long run: easy, conversational")
    finish = min(budget * 0.2, 1800.0 if ctx.by_time else 6000.0)
    return [
        _filler(ctx, budget - finish, StepKind.STEADY, "easy", "long run: easy, conversational"),
        _filler(ctx, finish, StepKind.STEADY, "marathon", "finish at marathon pace"),
    ]


def _time_trial(ctx: _Ctx, budget: float | None, focus: Focus) -> tuple[list[RunStep], float]:
    """A fitness test (DOMAIN G): warm-up with strides, 5 km (endurance) or 3 km all out."""
    tt_m = 5000.0 if focus is Focus.ENDURANCE else 3000.0
    if budget is not None and ctx.paces is not None and ctx.by_time:
        need = 1500.0 + 600.0 + tt_m / 1000.0 * race_pace_s_per_km(ctx.paces, tt_m)
        if need > budget:
            tt_m = 3000.0
    tt_ctx = _Ctx(ctx.paces, ctx.hr, ctx.by_time, ctx.weekly_km,
                  None if ctx.paces is None else race_pace_s_per_km(ctx.paces, tt_m))  # fmt: skip
    strides = _strides(ctx, 1, Phase.BASE)
    trial = _step(tt_ctx, StepKind.WORK, "race", metres=tt_m,
                  note=f"time trial: {tt_m / 1000:g} km all out, even pacing")  # fmt: skip
    return [*strides, trial], tt_m


def _race(ctx: _Ctx, race_m: float) -> list[RunStep]:
    warm = 900.0 if race_m <= 10_000.0 else 600.0
    return [
        _step(ctx, StepKind.WARMUP, "easy", seconds=warm, note="easy jog, a few strides"),
        _step(ctx, StepKind.WORK, "race", metres=race_m, note="race: run your plan"),
        _step(ctx, StepKind.COOLDOWN, "easy", seconds=600.0, note="easy jog or walk"),
    ]


_TITLES = {
    RunCategory.EASY: "Easy run",
    RunCategory.RECOVERY: "Recovery run",
    RunCategory.LONG: "Long run",
    RunCategory.THRESHOLD: "Threshold",
    RunCategory.INTERVALS: "Intervals",
    RunCategory.REPETITIONS: "Repetitions",
    RunCategory.HILLS: "Hill repeats",
    RunCategory.STRIDES: "Easy run with strides",
    RunCategory.RACE_PACE: "Race-pace blocks",
    RunCategory.TIME_TRIAL: "Time trial",
    RunCategory.RACE: "Race",
}


def _fmt_time(seconds: float) -> str:
    s = round(seconds)
    return (
        f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


def _fmt_amount(step: RunStep) -> str:
    if step.distance_m is not None:
        m = step.distance_m
        return f"{m / 1000:.3g} km" if m >= 1000 else f"{m:.0f} m"
    return _fmt_time(step.duration_s or 0.0)


def describe_step(step: RunStep) -> str:
    """One line for a step: "5 × 1000 m @ 3:50-3:56/km, HR 165-178 (note)"."""
    text = _fmt_amount(step)
    if step.repeat > 1:
        text = f"{step.repeat} × {text}"
    if step.pace_s_per_km is not None:
        fast, slow = step.pace_s_per_km
        text += f" @ {_fmt_time(fast)}-{_fmt_time(slow)}/km"
    if step.hr_bpm is not None:
        text += f", HR {step.hr_bpm[0]}-{step.hr_bpm[1]}"
    label = step.kind.value.replace("warmup", "warm-up").replace("cooldown", "cool-down")
    return f"{label}: {text}" + (f" ({step.note})" if step.note else "")


def _title(category: RunCategory, steps: Sequence[RunStep]) -> str:
    work = [s for s in steps if s.kind is StepKind.WORK] or [
        s for s in steps if s.kind is StepKind.STRIDES
    ]
    if not work or category in (RunCategory.EASY, RunCategory.RECOVERY, RunCategory.LONG):
        return _TITLES[category]
    w = work[0]
    amount = _fmt_amount(w)
    return (
        f"{_TITLES[category]}: {w.repeat} × {amount}"
        if w.repeat > 1
        else (f"{_TITLES[category]}: {amount}")
    )


def prescribe_run(
    category: RunCategory,
    duration_min: float | None,
    distance_km: float | None,
    paces: TrainingPaces | None,
    phase: Phase,
    week_in_block: int,
    hr: HrZones | None,
    focus: Focus,
    race_distance_m: float,
    *,
    weekly_km: float | None = None,
    goal_pace_s_per_km: float | None = None,
) -> RunPrescription:
    """Structured steps for one run of ``category`` sized by ``duration_min`` (or,
    if None, ``distance_km``). ``weekly_km`` enables Daniels' %-of-week caps;
    ``goal_pace_s_per_km`` sets race-pace work (else estimated from the paces)."""
    for name, value in (("duration_min", duration_min), ("distance_km", distance_km)):
        if value is not None and not (math.isfinite(value) and value > 0):
            raise InputError(f"{name} must be a positive number, got {value!r}")
    if not race_distance_m > 0:
        raise InputError(f"race distance must be positive, got {race_distance_m!r} m")
    by_time = duration_min is not None
    budget = (
        duration_min * 60.0
        if duration_min is not None
        else (None if distance_km is None else distance_km * 1000.0)
    )
    if budget is None and category not in (RunCategory.RACE, RunCategory.TIME_TRIAL):
        raise InputError(f"a {category.value} run needs duration_min or distance_km")
    race_pace = goal_pace_s_per_km
    if race_pace is None and paces is not None:
        race_pace = race_pace_s_per_km(paces, race_distance_m)
    ctx = _Ctx(paces, hr, by_time or budget is None, weekly_km, race_pace)
    steps = _build(category, ctx, budget, phase, week_in_block, focus, race_distance_m)
    minutes, km = _totals(steps, ctx)
    minutes = None if minutes is None else round(minutes, 1)
    km = None if km is None else round(km, 2)
    title = _title(category, steps)
    description = "; ".join(describe_step(s) for s in steps)
    if category is RunCategory.TIME_TRIAL:
        description += (
            ". Fitness test: log the result (runstrong paces --distance … --time …) "
            "to re-estimate VDOT and training paces."
        )
    return RunPrescription(category, tuple(steps), km, minutes, title, description)


def _build(
    category: RunCategory,
    ctx: _Ctx,
    budget: float | None,
    phase: Phase,
    week: int,
    focus: Focus,
    race_m: float,
) -> list[RunStep]:
    if category is RunCategory.RACE:
        return _race(ctx, race_m)
    if category is RunCategory.TIME_TRIAL:
        main, _ = _time_trial(ctx, budget, focus)
        if budget is None or (ctx.by_time and ctx.paces is None):
            # the trial's duration is unknown: a fixed 15-min warm-up and 10-min cool-down
            return [
                _step(ctx, StepKind.WARMUP, "easy", seconds=900.0, note="easy, build into it"),
                *main,
                _step(ctx, StepKind.COOLDOWN, "easy", seconds=600.0, note="easy jog"),
            ]
        return _wrap(ctx, budget, main, _warm_min(ctx))
    assert budget is not None  # checked by the caller
    if category is RunCategory.EASY:
        return _steady(ctx, budget, "easy", "easy, conversational")
    if category is RunCategory.RECOVERY:
        return _steady(ctx, budget, "recovery", "very easy, as slow as you like")
    if category is RunCategory.LONG:
        return _long(ctx, budget, phase, focus, race_m)
    if category is RunCategory.STRIDES:
        strides = _strides(ctx, week, phase)
        cool = _COOLDOWN_MIN_S if ctx.by_time else _COOLDOWN_MIN_M
        steady = max(budget - _size(strides, ctx) - cool, 0.0)
        return [
            _filler(ctx, steady, StepKind.STEADY, "easy", "easy, conversational"),
            *strides,
            _filler(ctx, cool, StepKind.COOLDOWN, "easy", "easy jog"),
        ]
    rep = {
        RunCategory.INTERVALS: lambda: _interval_rep(ctx, phase, week, focus),
        RunCategory.THRESHOLD: lambda: _threshold_rep(ctx, phase, week),
        RunCategory.REPETITIONS: lambda: _repetition_rep(ctx, phase, week, focus),
        RunCategory.HILLS: lambda: _hill_rep(phase, week),
        RunCategory.RACE_PACE: lambda: _race_pace_rep(race_m, phase, week),
    }[category]()
    main = _fit_reps(ctx, rep, _room(ctx, budget))
    return _wrap(ctx, budget, main, _warm_min(ctx))


# ---------------------------------------------------------------------------
# Drill blocks folded into easy runs (DOMAIN G, R5)
# ---------------------------------------------------------------------------

PLYO_DRILLS = "2 × 10 pogo jumps, 2 × 20 m A-skips, 2 × 20 m bounding; walk back between"


def fold_drills(
    rx: RunPrescription,
    *,
    drills: str,
    base_strength_established: bool,
    heavy_lift_same_day: bool,
    paces: TrainingPaces | None = None,
    count: int = 6,
) -> RunPrescription:
    """Fold a short stride or plyometric block into the end of an easy or long run.

    ``drills`` is ``"strides"`` (``count`` × 20 s / 100 m) or ``"plyometrics"``
    (a ~5-min low-volume drill block). R5: plyometrics only once base strength
    is established and never on a heavy lifting day; otherwise strides are
    folded in instead and the description says why. The run keeps its size:
    the block replaces part of the steady running.
    """
    if rx.category not in (RunCategory.EASY, RunCategory.LONG):
        raise InputError(
            f"drill blocks fold into easy or long runs only, not {rx.category.value} runs"
        )
    if drills not in ("strides", "plyometrics"):
        raise InputError(f"unknown drill block {drills!r}; allowed: strides, plyometrics")
    if not 2 <= count <= 10:
        raise InputError(f"stride count {count} is out of range: use 2 to 10")
    steady_i = next(i for i, s in enumerate(rx.steps) if s.kind is StepKind.STEADY)
    steady = rx.steps[steady_i]
    ctx = _Ctx(paces, None, steady.duration_s is not None, None, None)
    note = ""
    if drills == "plyometrics" and not (base_strength_established and not heavy_lift_same_day):
        drills = "strides"
        why = "heavy lifting today" if heavy_lift_same_day else "base strength not established"
        note = f" R5: strides instead of plyometrics ({why})."
    if drills == "plyometrics":
        drill_note = f"R5 drill block: {PLYO_DRILLS}"
        block = [
            _step(ctx, StepKind.WORK, "none", seconds=300.0, note=drill_note)
            if ctx.by_time
            else _step(ctx, StepKind.WORK, "none", metres=200.0, note=drill_note)
        ]
    else:
        rep = _Rep(count, 20.0, 100.0, 60.0, 100.0, "repetition", by_time=True,
                   kind=StepKind.STRIDES, note="stride: quick and relaxed, not a sprint",
                   rec_note="walk or jog back")  # fmt: skip
        block = _rep_steps(ctx, rep, count, 1.0)
    left = (steady.duration_s or steady.distance_m or 0.0) - _size(block, ctx)
    if left <= 0:
        raise InputError(f"the {rx.category.value} run is too short for a drill block")
    shortened = (
        RunStep(steady.kind, duration_s=round(left, 1), pace_s_per_km=steady.pace_s_per_km,
                hr_bpm=steady.hr_bpm, note=steady.note)
        if ctx.by_time
        else RunStep(steady.kind, distance_m=round(left, 1), pace_s_per_km=steady.pace_s_per_km,
                     hr_bpm=steady.hr_bpm, note=steady.note)
    )  # fmt: skip
    steps = (*rx.steps[:steady_i], shortened, *block, *rx.steps[steady_i + 1 :])
    description = "; ".join(describe_step(s) for s in steps) + note
    title = f"{rx.title} + {'drills' if drills == 'plyometrics' else 'strides'}"
    return RunPrescription(rx.category, steps, rx.distance_km, rx.duration_min, title, description)
