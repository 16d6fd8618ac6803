"""Run prescription: turns a planned run slot into structured steps with paces and HR.

Paces come from ``core.paces.TrainingPaces`` (Daniels' E/M/T/I/R), heart-rate
ranges from a zone list of ``core.science.heart_rate`` (Karvonen or Friel zones).
Without paces the steps are dosed by time (or distance) and effort only.

The session is sized by ``duration_min`` (steps in seconds) or, when only
``distance_km`` is given, by distance (steps in metres): the warm-up and
cool-down (or the steady running) absorb whatever the main set leaves, so the
steps add up to the requested size. Quality work obeys Daniels' per-session
caps (``core.run_steps.VOLUME_CAPS``). A race or time trial has a fixed length.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.errors import InputError
from runstrong.core.model import Focus, Phase, RunCategory, RunStep, StepKind
from runstrong.core.prescription.run_steps import (
    COOLDOWN_MIN_M,
    COOLDOWN_MIN_S,
    HrZones,
    Rep,
    RunCtx,
    describe_step,
    filler,
    fit_reps,
    fmt_amount,
    make_step,
    race_pace_s_per_km,
    rep_steps,
    room_for_main,
    size_in_units,
    totals,
    warm_min,
    wrap,
)
from runstrong.core.science.paces import TrainingPaces
from runstrong.core.units import HALF_MARATHON_M

_QUALITY = (30.0, 5.0)
MIN_SIZE: dict[RunCategory, tuple[float, float]] = {
    RunCategory.INTERVALS: _QUALITY,
    RunCategory.THRESHOLD: _QUALITY,
    RunCategory.REPETITIONS: _QUALITY,
    RunCategory.HILLS: _QUALITY,
    RunCategory.RACE_PACE: _QUALITY,
    RunCategory.TIME_TRIAL: (45.0, 8.0),
    RunCategory.STRIDES: (20.0, 3.0),
}
"""Smallest (minutes, km) a structured session can be: warm-up, work and cool-down."""

__all__ = ["HrZones", "RunPrescription", "fold_drills", "prescribe_run", "race_pace_s_per_km"]


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


def _interval_rep(ctx: RunCtx, phase: Phase, week: int, focus: Focus) -> Rep:
    metres, seconds = _FOCUS_I_REP[focus]
    work_time = seconds if ctx.paces is None else metres / 1000.0 * ctx.paces.interval_s_per_km
    return Rep(_count(4, week, phase, 8), seconds, metres, work_time, 400.0, "interval",
                cap="interval", note="I pace: hard but controlled, 3-5 min efforts")  # fmt: skip


def _threshold_rep(ctx: RunCtx, phase: Phase, week: int) -> Rep:
    if phase in (Phase.BUILD, Phase.PEAK):  # continuous tempo
        seconds = 1200.0 + 150.0 * max(0, min(week, 4) - 1)
        metres = 4000.0 if ctx.paces is None else seconds / ctx.paces.threshold_s_per_km * 1000
        return Rep(1, seconds, round(metres, -2), 0.0, 0.0, "threshold", cap="threshold",
                    note="tempo: comfortably hard, steady")  # fmt: skip
    return Rep(_count(3, week, phase, 6), 360.0, 1600.0, 60.0, 200.0, "threshold",
                cap="threshold", note="cruise interval at T pace",
                rec_note="easy jog, 1 min")  # fmt: skip


def _repetition_rep(ctx: RunCtx, phase: Phase, week: int, focus: Focus) -> Rep:
    metres, seconds = (200.0, 40.0) if focus is Focus.ENDURANCE else (400.0, 85.0)
    work_time = seconds if ctx.paces is None else metres / 1000.0 * ctx.paces.repetition_s_per_km
    base = 8 if metres == 200.0 else 5
    return Rep(_count(base, week, phase, base + 4), seconds, metres, 2.0 * work_time, metres,
                "repetition", cap="repetition", note="R pace: fast, relaxed, good form",
                rec_note="full recovery jog")  # fmt: skip


def _hill_rep(phase: Phase, week: int) -> Rep:
    return Rep(_count(6, week, phase, 10), 75.0, 300.0, 150.0, 300.0, "hill", by_time=True,
                note="hard uphill (about 5K effort), drive the knees, tall posture",
                rec_note="jog back down")  # fmt: skip


def _race_pace_rep(race_distance_m: float, phase: Phase, week: int) -> Rep:
    if race_distance_m >= HALF_MARATHON_M:
        return Rep(_count(2, week, phase, 4), 900.0, 3000.0, 180.0, 800.0, "race",
                    cap="marathon", note="goal race pace, relaxed")  # fmt: skip
    if race_distance_m >= 10_000.0:
        return Rep(_count(3, week, phase, 5), 480.0, 2000.0, 120.0, 400.0, "race",
                    cap="threshold", note="goal race pace")  # fmt: skip
    return Rep(_count(4, week, phase, 6), 240.0, 1000.0, 120.0, 400.0, "race",
                cap="interval", note="goal race pace")  # fmt: skip


def _strides(ctx: RunCtx, week: int, phase: Phase) -> list[RunStep]:
    rep = Rep(_count(4, week, phase, 8), 20.0, 100.0, 60.0, 100.0, "repetition", by_time=True,
               kind=StepKind.STRIDES, note="stride: quick and relaxed, not a sprint",
               rec_note="walk or jog back")  # fmt: skip
    if not ctx.by_time:
        rep = Rep(rep.n, 20.0, 100.0, 60.0, 100.0, "repetition", kind=StepKind.STRIDES,
                   note=rep.note, rec_note=rep.rec_note)  # fmt: skip
    return rep_steps(ctx, rep, rep.n, 1.0)


def _steady(ctx: RunCtx, budget: float, intensity: str, note: str) -> list[RunStep]:
    return [filler(ctx, budget, StepKind.STEADY, intensity, note)]


def _long(ctx: RunCtx, budget: float, phase: Phase, focus: Focus, race_m: float) -> list[RunStep]:
    fast_finish = (
        phase in (Phase.BUILD, Phase.PEAK)
        and focus is Focus.ENDURANCE
        and race_m >= HALF_MARATHON_M
    )
    if not fast_finish:
        return _steady(ctx, budget, "easy", "long run: easy, conversational")
    finish = min(budget * 0.2, 1800.0 if ctx.by_time else 6000.0)
    return [
        filler(ctx, budget - finish, StepKind.STEADY, "easy", "long run: easy, conversational"),
        filler(ctx, finish, StepKind.STEADY, "marathon", "finish at marathon pace"),
    ]


def _time_trial(ctx: RunCtx, budget: float | None, focus: Focus) -> tuple[list[RunStep], float]:
    """A fitness test (DOMAIN G): warm-up with strides, 5 km (endurance) or 3 km all out."""
    tt_m = 5000.0 if focus is Focus.ENDURANCE else 3000.0
    if budget is not None and ctx.paces is not None and ctx.by_time:
        need = 1500.0 + 600.0 + tt_m / 1000.0 * race_pace_s_per_km(ctx.paces, tt_m)
        if need > budget:
            tt_m = 3000.0
    elif budget is not None and not ctx.by_time and 3000.0 + 800.0 + 1000.0 + tt_m > budget:
        tt_m = 3000.0
    tt_ctx = RunCtx(ctx.paces, ctx.hr, ctx.by_time, ctx.weekly_km,
                  None if ctx.paces is None else race_pace_s_per_km(ctx.paces, tt_m))  # fmt: skip
    strides = _strides(ctx, 1, Phase.BASE)
    trial = make_step(tt_ctx, StepKind.WORK, "race", metres=tt_m,
                  note=f"time trial: {tt_m / 1000:g} km all out, even pacing")  # fmt: skip
    return [*strides, trial], tt_m


def _race(ctx: RunCtx, race_m: float) -> list[RunStep]:
    """Q5: the race itself; races up to 10 km list a warm-up apart (the session's
    distance stays the race distance, see ``core.planning.runs``); no cool-down."""
    race = make_step(ctx, StepKind.WORK, "race", metres=race_m, note="race: run your plan")
    if race_m > 10_000.0:
        return [race]
    return [make_step(ctx, StepKind.WARMUP, "easy", seconds=900.0, note="easy jog, a few strides"),
            race]  # fmt: skip


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


def _title(category: RunCategory, steps: Sequence[RunStep]) -> str:
    work = [s for s in steps if s.kind is StepKind.WORK] or [
        s for s in steps if s.kind is StepKind.STRIDES
    ]
    if not work or category in (RunCategory.EASY, RunCategory.RECOVERY, RunCategory.LONG):
        return _TITLES[category]
    w = work[0]
    amount = fmt_amount(w)
    return (
        f"{_TITLES[category]}: {w.repeat} × {amount}"
        if w.repeat > 1
        else (f"{_TITLES[category]}: {amount}")
    )


def prescribe_run(
    category: RunCategory,
    *,
    duration_min: float | None,
    distance_km: float | None,
    paces: TrainingPaces | None,
    phase: Phase,
    week_in_block: int,
    hr: HrZones | None,
    focus: Focus,
    race_distance_m: float,
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
    least = MIN_SIZE.get(category)
    if least is not None and budget is not None:
        need_min, need_km = least
        if (duration_min is not None and duration_min < need_min) or (
            duration_min is None and distance_km is not None and distance_km < need_km
        ):
            # One decimal, as the planner writes km (shown in miles for a miles athlete).
            size = f"{duration_min:g} min" if duration_min is not None else f"{distance_km:.1f} km"
            floor = f"{need_min:g} min" if duration_min is not None else f"{need_km:g} km"
            raise InputError(
                f"a {size} {category.value} session is too short for a warm-up, the work and "
                f"a cool-down: allow at least {floor}"
            )
    ctx = RunCtx(paces, hr, by_time or budget is None, weekly_km, race_pace)
    steps = _build(category, ctx, budget, phase, week_in_block, focus, race_distance_m)
    minutes, km = totals(steps, ctx)
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
    ctx: RunCtx,
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
                make_step(ctx, StepKind.WARMUP, "easy", seconds=900.0, note="easy, build into it"),
                *main,
                make_step(ctx, StepKind.COOLDOWN, "easy", seconds=600.0, note="easy jog"),
            ]
        return wrap(ctx, budget, main, warm_min(ctx))
    assert budget is not None  # checked by the caller
    if category is RunCategory.EASY:
        return _steady(ctx, budget, "easy", "easy, conversational")
    if category is RunCategory.RECOVERY:
        return _steady(ctx, budget, "recovery", "very easy, as slow as you like")
    if category is RunCategory.LONG:
        return _long(ctx, budget, phase, focus, race_m)
    if category is RunCategory.STRIDES:
        strides = _strides(ctx, week, phase)
        cool = COOLDOWN_MIN_S if ctx.by_time else COOLDOWN_MIN_M
        steady = max(budget - size_in_units(strides, ctx) - cool, 0.0)
        return [
            filler(ctx, steady, StepKind.STEADY, "easy", "easy, conversational"),
            *strides,
            filler(ctx, cool, StepKind.COOLDOWN, "easy", "easy jog"),
        ]
    rep = {
        RunCategory.INTERVALS: lambda: _interval_rep(ctx, phase, week, focus),
        RunCategory.THRESHOLD: lambda: _threshold_rep(ctx, phase, week),
        RunCategory.REPETITIONS: lambda: _repetition_rep(ctx, phase, week, focus),
        RunCategory.HILLS: lambda: _hill_rep(phase, week),
        RunCategory.RACE_PACE: lambda: _race_pace_rep(race_m, phase, week),
    }[category]()
    main = fit_reps(ctx, rep, room_for_main(ctx, budget))
    return wrap(ctx, budget, main, warm_min(ctx))


# ---------------------------------------------------------------------------
# Drill blocks folded into easy runs (DOMAIN G, R5)
# ---------------------------------------------------------------------------

PLYO_COMPLAINTS = frozenset({"achilles", "calf", "shin", "ankle", "plantar_fascia", "knee"})
"""Complaints that rule out the folded jump drills (as the library's pogo jumps/bounding)."""

PLYO_DRILLS = "2 × 10 pogo jumps, 2 × 20 m A-skips, 2 × 20 m bounding; walk back between"


def fold_drills(
    rx: RunPrescription,
    *,
    drills: str,
    base_strength_established: bool,
    heavy_lift_same_day: bool,
    paces: TrainingPaces | None = None,
    count: int = 6,
    injuries: frozenset[str] = frozenset(),
) -> RunPrescription:
    """Fold a short stride or plyometric block into the end of an easy or long run.

    ``drills`` is ``"strides"`` (``count`` × 20 s / 100 m) or ``"plyometrics"``
    (a ~5-min low-volume drill block). R5: plyometrics only once base strength
    is established, never on a heavy lifting day, and not with a lower-leg
    complaint the drills aggravate (``injuries``, DOMAIN G injury history);
    otherwise strides are folded in instead and the description says why. The run keeps its size:
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
    ctx = RunCtx(paces, None, steady.duration_s is not None, None, None)
    note = ""
    sore = sorted(set(injuries) & PLYO_COMPLAINTS)
    if drills == "plyometrics" and (not base_strength_established or heavy_lift_same_day or sore):
        drills = "strides"
        why = (
            "heavy lifting today"
            if heavy_lift_same_day
            else "base strength not established"
            if not base_strength_established
            else f"complaint: {', '.join(sore)}"
        )
        note = f" R5: strides instead of plyometrics ({why})."
    if drills == "plyometrics":
        drill_note = f"R5 drill block: {PLYO_DRILLS}"
        block = [
            make_step(ctx, StepKind.WORK, "none", seconds=300.0, note=drill_note)
            if ctx.by_time
            else make_step(ctx, StepKind.WORK, "none", metres=200.0, note=drill_note)
        ]
    else:
        rep = Rep(count, 20.0, 100.0, 60.0, 100.0, "repetition", by_time=True,
                   kind=StepKind.STRIDES, note="stride: quick and relaxed, not a sprint",
                   rec_note="walk or jog back")  # fmt: skip
        block = rep_steps(ctx, rep, count, 1.0)
    left = (steady.duration_s or steady.distance_m or 0.0) - size_in_units(block, ctx)
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
