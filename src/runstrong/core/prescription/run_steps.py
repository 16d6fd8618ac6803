"""Building blocks of structured runs: paces and HR per intensity, steps, repeats,
Daniels' volume caps, and the warm-up/cool-down fill that makes a session add up.

Pure helpers for ``core.prescription.run``; a step's pace range is (fast, slow)
s/km from ``core.paces.TrainingPaces`` and its HR range (low, high) bpm from a
``core.science.heart_rate`` zone list.

Quality volume per session is capped as in Daniels' Running Formula (3rd ed.,
ch. 4 and 5): I-pace work ≤ the lesser of 10 km and 8 % of weekly mileage;
T-pace work ≤ 10 % of weekly mileage; R-pace work ≤ the lesser of 8 km and 5 %
of weekly mileage; M-pace blocks ≤ the lesser of 29 km and 20 %. Without
paces the caps apply to work time (I 24 min, T 40 min, R 10 min, M 90 min,
roughly the distance caps at a VDOT-45 runner's paces).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.model import RunStep, StepKind
from runstrong.core.science.heart_rate import HrZone
from runstrong.core.science.paces import TrainingPaces, equivalent_pace_s_per_km

HrZones = Sequence[HrZone]
"""Heart-rate zones as returned by ``hr_zones_karvonen`` / ``hr_zones_lthr``."""

# Daniels' per-session caps: (absolute metres, fraction of weekly volume, minutes without paces)
VOLUME_CAPS: dict[str, tuple[float, float, float]] = {
    "interval": (10_000.0, 0.08, 24.0),
    "threshold": (math.inf, 0.10, 40.0),
    "repetition": (8_000.0, 0.05, 10.0),
    "marathon": (29_000.0, 0.20, 90.0),
}

WARMUP_MIN_S, COOLDOWN_MIN_S = 600.0, 300.0
WARMUP_MIN_M, COOLDOWN_MIN_M = 2000.0, 1000.0
# Zone names per intensity, first match wins (Karvonen Z1–Z5, Friel Z1–Z5c).
HR_ZONE_NAMES: dict[str, tuple[str, ...]] = {
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
class RunCtx:
    """What every step builder needs: paces/HR (optional), the session's unit
    (``by_time``), weekly volume for the caps, and the race pace for race work."""

    paces: TrainingPaces | None
    hr: HrZones | None
    by_time: bool
    weekly_km: float | None
    race_pace_s_per_km: float | None


def race_pace_s_per_km(paces: TrainingPaces, race_distance_m: float) -> float:
    """Race pace without a goal time: the VDOT's equivalent race time over the distance
    (``core.science.paces.equivalent_pace_s_per_km``, Daniels' Table 5.1; below 1500 m
    Cameron's extrapolation, Q7). It was interpolated between the training paces with
    I pace as 4 km race pace, which made a 27:00 5 km runner race at 26:10–26:40."""
    return equivalent_pace_s_per_km(paces.vdot, race_distance_m)


def pace_range(ctx: RunCtx, intensity: str) -> tuple[float, float] | None:
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
    for name in HR_ZONE_NAMES.get(intensity, ()):
        z = zones.get(name)
        if z is not None and z.low_bpm is not None and z.high_bpm is not None:
            return (round(z.low_bpm), round(z.high_bpm))
    return None


def make_step(
    ctx: RunCtx,
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
        pace_s_per_km=pace_range(ctx, intensity),
        hr_bpm=hr_range(ctx.hr, intensity),
        repeat=repeat,
        note=note,
    )


def mid_pace(step: RunStep) -> float | None:
    return None if step.pace_s_per_km is None else sum(step.pace_s_per_km) / 2.0


def step_size(
    step: RunStep, easy_s_per_km: float | None = None
) -> tuple[float | None, float | None]:
    """Time (s) and distance (m) of a step including repeats. The one the step does not
    set comes from its pace (else ``easy_s_per_km``), and is None without one."""
    seconds, metres = step.duration_s, step.distance_m
    pace = mid_pace(step) or easy_s_per_km
    if pace is not None:
        if seconds is None and metres is not None:
            seconds = metres / 1000.0 * pace
        elif metres is None and seconds is not None:
            metres = seconds / pace * 1000.0
    return (
        None if seconds is None else seconds * step.repeat,
        None if metres is None else metres * step.repeat,
    )


def step_seconds(step: RunStep, easy_s_per_km: float | None = None) -> float | None:
    """Time of a step including repeats (distance steps need a pace)."""
    return step_size(step, easy_s_per_km)[0]


def step_metres(step: RunStep, easy_s_per_km: float | None = None) -> float | None:
    """Distance of a step including repeats (time steps need a pace)."""
    return step_size(step, easy_s_per_km)[1]


def totals(steps: Sequence[RunStep], ctx: RunCtx) -> tuple[float | None, float | None]:
    easy = None if ctx.paces is None else sum(ctx.paces.easy_s_per_km) / 2.0
    sizes = [step_size(s, easy) for s in steps]
    secs = [seconds for seconds, _ in sizes]
    dist = [metres for _, metres in sizes]
    minutes = None if None in secs else sum(x or 0.0 for x in secs) / 60.0
    km = None if None in dist else sum(x or 0.0 for x in dist) / 1000.0
    return minutes, km


def size_in_units(steps: Sequence[RunStep], ctx: RunCtx) -> float:
    """Size of steps in the session's own unit (s or m)."""
    minutes, km = totals(steps, ctx)
    return (minutes or 0.0) * 60.0 if ctx.by_time else (km or 0.0) * 1000.0


# ---------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rep:
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


def volume_cap(ctx: RunCtx, key: str | None, by_distance: bool) -> float:
    if key is None:
        return math.inf
    absolute_m, fraction, minutes = VOLUME_CAPS[key]
    if not by_distance:
        return minutes * 60.0
    weekly = math.inf if ctx.weekly_km is None else fraction * ctx.weekly_km * 1000.0
    return min(absolute_m, weekly)


def works_by_distance(ctx: RunCtx, rep: Rep) -> bool:
    if not ctx.by_time:
        return True  # a distance-sized session is built in metres throughout
    return not rep.by_time and ctx.paces is not None


def rep_steps(ctx: RunCtx, rep: Rep, n: int, scale: float) -> list[RunStep]:
    by_distance = works_by_distance(ctx, rep)
    work = (
        make_step(ctx, rep.kind, rep.intensity, metres=rep.work_m * scale, repeat=n, note=rep.note)
        if by_distance
        else make_step(ctx, rep.kind, rep.intensity, seconds=rep.work_s * scale, repeat=n,
                   note=rep.note)
    )  # fmt: skip
    if (rep.rec_s <= 0 and rep.rec_m <= 0) or n == 1:
        # a single block (a race-pace or tempo block) goes straight into the cool-down:
        # recoveries come only between repeats (issue 12 item 6)
        return [work]
    rec = (
        make_step(ctx, StepKind.RECOVERY, rep.rec_intensity, seconds=rep.rec_s, repeat=n,
              note=rep.rec_note)
        if ctx.by_time
        else make_step(ctx, StepKind.RECOVERY, rep.rec_intensity, metres=rep.rec_m, repeat=n,
                   note=rep.rec_note)
    )  # fmt: skip
    return [work, rec]


def fit_reps(ctx: RunCtx, rep: Rep, room: float) -> list[RunStep]:
    """The most reps (≤ rep.n) that fit the volume cap and ``room`` (session units)."""
    by_distance = works_by_distance(ctx, rep)
    amount = rep.work_m if by_distance else rep.work_s
    cap = volume_cap(ctx, rep.cap, by_distance)
    scale = min(1.0, cap / amount)
    fits = rep.n if math.isinf(cap) else math.floor(cap / (amount * scale) + 1e-9)
    n = max(1, min(rep.n, fits))
    while n > 1 and size_in_units(rep_steps(ctx, rep, n, scale), ctx) > room:
        n -= 1
    size = size_in_units(rep_steps(ctx, rep, n, scale), ctx)
    if size > room > 0:  # one rep is still too long: shorten it (tempo/race blocks)
        scale *= max(0.25, room / size)
    return rep_steps(ctx, rep, n, scale)


def filler(ctx: RunCtx, amount: float, kind: StepKind, intensity: str, note: str) -> RunStep:
    if ctx.by_time:
        return make_step(ctx, kind, intensity, seconds=amount, note=note)
    return make_step(ctx, kind, intensity, metres=amount, note=note)


def wrap(ctx: RunCtx, budget: float, main: list[RunStep], warm_least: float) -> list[RunStep]:
    """Warm-up and cool-down absorb what the main set leaves of ``budget``."""
    cool_min = COOLDOWN_MIN_S if ctx.by_time else COOLDOWN_MIN_M
    rest = max(budget - size_in_units(main, ctx), 0.0)
    if rest >= warm_least + cool_min:
        warm = max(warm_least, rest * 0.6)
        cool = rest - warm
        if cool < cool_min:
            cool, warm = cool_min, rest - cool_min
    else:
        warm, cool = rest * 0.6, rest * 0.4
    return [
        filler(ctx, warm, StepKind.WARMUP, "easy", "easy, build into it"),
        *main,
        filler(ctx, cool, StepKind.COOLDOWN, "easy", "easy jog"),
    ]


def warm_min(ctx: RunCtx, hard: bool = True) -> float:
    if ctx.by_time:
        return 900.0 if hard else WARMUP_MIN_S
    return 3000.0 if hard else WARMUP_MIN_M


def room_for_main(ctx: RunCtx, budget: float) -> float:
    cool_min = COOLDOWN_MIN_S if ctx.by_time else COOLDOWN_MIN_M
    return budget - warm_min(ctx, hard=False) - cool_min


def fmt_time(seconds: float) -> str:
    s = round(seconds)
    return (
        f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
    )


def fmt_amount(step: RunStep) -> str:
    if step.distance_m is not None:
        m = step.distance_m
        return f"{m / 1000:.3g} km" if m >= 1000 else f"{m:.0f} m"
    return fmt_time(step.duration_s or 0.0)


def describe_step(step: RunStep) -> str:
    """One line for a step: "5 × 1000 m @ 3:50-3:56/km, HR 165-178 (note)"."""
    text = fmt_amount(step)
    if step.repeat > 1:
        text = f"{step.repeat} × {text}"
    if step.pace_s_per_km is not None:
        fast, slow = step.pace_s_per_km
        text += f" @ {fmt_time(fast)}-{fmt_time(slow)}/km"
    if step.hr_bpm is not None:
        text += f", HR {step.hr_bpm[0]}-{step.hr_bpm[1]}"
    label = step.kind.value.replace("warmup", "warm-up").replace("cooldown", "cool-down")
    return f"{label}: {text}" + (f" ({step.note})" if step.note else "")
