"""What kind of week each phase holds (R7, R9, R10): the taper and transition
lengths, the base/build/peak split, a loading week's quality runs and its
strength sessions. Pure tables and small functions, used by ``periodization``."""

from __future__ import annotations

import datetime as dt

from runstrong.core.model import Focus, Phase, RunCategory, StrengthCategory
from runstrong.core.rules.predicates import R5_BASE_WEEKS
from runstrong.core.rules.quality import Q6_SHORT_RUN_KM
from runstrong.core.units import HALF_MARATHON_M

TEN_K_M = 10000.0

LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)
"""The phases that load: their weeks ramp toward the peak (R11) unless they deload."""


def carries_strides(phase: Phase, deload: bool, novice: bool) -> bool:
    """R7/Q5: whether one easy run of the week carries strides: every full loading week,
    and a race week unless the athlete is on a novice tier (Pfitzinger & Douglas's race
    weeks run strides late in the week)."""
    return (phase in LOADING and not deload) or (phase is Phase.RACE and not novice)


def aligned_start(start: dt.date, race: dt.date) -> dt.date:
    """Part 7: the first day of the plan's first week. Weeks run seven days and end on
    the race's weekday, so the race ends its week; the first week is the real week
    holding ``start`` (partial when ``start`` is not its first day)."""
    return start - dt.timedelta(days=(start - race - dt.timedelta(days=1)).days % 7)


R8_MAX_LOADING_WEEKS = 3
"""R8: loading weeks in a row at most (3:1; the audit's ``max_loading_weeks``)."""


def deload_due(loaded: int, block: int, phases: list[Phase], i: int) -> bool:
    """R8/Q5: whether week ``i`` deloads after ``loaded`` loading weeks of a ``block``:1
    rhythm. A deload never directly precedes the taper (the taper is the recovery,
    and a deload before it would make it a month long): it is skipped when one more
    loading week stays within ``R8_MAX_LOADING_WEEKS``, else it comes a week early so
    that the last loading week before the taper is a full one."""
    nxt = phases[i + 1] if i + 1 < len(phases) else None
    after = phases[i + 2] if i + 2 < len(phases) else None
    if loaded >= block:
        return not (nxt is Phase.TAPER and loaded < R8_MAX_LOADING_WEEKS)
    return loaded == block - 1 >= 2 and after is Phase.TAPER and nxt in LOADING


def taper_weeks(distance_m: float, pre_race_weeks: int) -> int:
    """Taper length (R7): the weeks cut before the race week, which tapers too (its
    running besides the race is a third to a half of the peak, ``race_week``). One
    week up to the half marathon (with the race week a 7–14 day taper), two from the
    marathon on (a three-week taper with the race week): Mujika & Padilla (2003) and
    Bosquet et al. (2007) find 8–14 days best, short races taper 7–10 days, the half
    10–14, the marathon 2–3 weeks (docs/planner.md). Never more than a quarter of the
    pre-race weeks (at least 1)."""
    weeks = 2 if distance_m > HALF_MARATHON_M * 1.2 else 1
    return max(1, min(weeks, pre_race_weeks // 4))


def transition_weeks(distance_m: float) -> int:
    """Easy weeks after the race: 1 up to 10 km, 2 for longer races."""
    return 1 if distance_m <= TEN_K_M else 2


TRANSITION_SHARE = 0.35
"""R7: a transition week runs about a third of the peak week, easy."""
TRANSITION_MIN_KM = 2 * Q6_SHORT_RUN_KM
"""R7/Q6: a transition week keeps at least two real easy runs (``Q6_SHORT_RUN_KM``
each), never more than ``TRANSITION_MAX_SHARE`` of the peak: at a beginner's 14 km
peak a third of it was one 1.5 km run labelled a long run."""
TRANSITION_MAX_SHARE = 0.6


def transition_km(peak_km: float) -> float:
    """R7: a transition week's km: ``TRANSITION_SHARE`` of the peak week, at least two
    easy runs (``TRANSITION_MIN_KM``), at most ``TRANSITION_MAX_SHARE`` of the peak.
    The week has no long run (``week_runs.long_run_for_week``): easy running only."""
    return min(max(TRANSITION_SHARE * peak_km, TRANSITION_MIN_KM), TRANSITION_MAX_SHARE * peak_km)


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


def quality_runs(
    phase: Phase, focus: Focus, distance_m: float, mesocycle: int
) -> list[RunCategory]:
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
    if phase is Phase.PEAK and distance_m > HALF_MARATHON_M * 1.2:
        return [RunCategory.THRESHOLD, RunCategory.RACE_PACE]
    return [RunCategory.THRESHOLD, RunCategory.INTERVALS]


def strength_sessions(
    phase: Phase, focus: Focus, plyo_ok: bool, third: bool
) -> list[StrengthCategory]:
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


def lighter(category: StrengthCategory) -> StrengthCategory:
    return {
        StrengthCategory.HEAVY: StrengthCategory.MODERATE,
        StrengthCategory.MODERATE: StrengthCategory.LIGHT,
        StrengthCategory.POWER: StrengthCategory.LIGHT,
    }.get(category, category)


def week_strength(
    focus: Focus,
    phase: Phase,
    plyo_ok: bool,
    third: bool,
    deload: bool,
    rising: bool,
    why: list[str],
) -> list[StrengthCategory]:
    """R1/R8/R9/R11: the week's strength sessions, lighter in deloads and rising weeks.
    ``plyo_ok``: base strength is established (``rules.predicates.base_strength_established``,
    R5); before it no session is heavy (R7/R14, ``heavy_lifting_allowed``)."""
    strength = strength_sessions(
        phase, focus, plyo_ok, third and phase in (Phase.BASE, Phase.BUILD) and not deload
    )
    if not plyo_ok and StrengthCategory.HEAVY in strength:
        strength = [lighter(c) if c is StrengthCategory.HEAVY else c for c in strength]
        why.append(
            "R7/R14: base strength first (under a year of lifting): moderate loads, "
            "no heavy session before the plan's week "
            f"{R5_BASE_WEEKS + 1}"
        )
    if deload:
        strength = [lighter(c) for c in strength]
    if rising:
        strength = [lighter(c) if c is not StrengthCategory.POWER else c for c in strength]
        why.append("R11: mileage rising: strength shifts to lighter loads at higher speed")
    return strength


TAPER_SHORT = (0.68,)
"""R7: up to the half marathon, the week before the race week runs about a third under
the peak (the 10 km coach's 20–30 %, a little more so that the whole taper stays in
``TAPER_CUT_RANGE`` even when the race week runs half the peak besides a 1500 m race)."""
TAPER_LONG: dict[int, tuple[float, ...]] = {1: (0.65,), 2: (0.75, 0.60)}
"""R7: from the marathon on, two taper weeks at 75 % and 60 % of the peak before the
race week (one at 65 % in a season under 8 weeks): with the race week, a three-week
taper (Pfitzinger & Douglas, *Advanced Marathoning*, ch. 7)."""
TAPER_CUT_RANGE = (0.41, 0.60)
"""R7: the whole taper, race week included (its running besides the race), runs this
much under the peak on average (``taper_cut``): Bosquet et al. (2007), meta-analysis of
27 studies, volume cut by 41–60 % over about two weeks with intensity and frequency
kept. With the race week's running besides the race (``race_week``: a third to a half
of the peak), the factors above land inside it while the race is at most
``TAPER_CUT_RACE_SHARE`` of the peak (a race near the peak week leaves its week little
easy running, and the cut deepens)."""
TAPER_CUT_RACE_SHARE = 0.8


def taper_factors(distance_m: float, weeks: int) -> tuple[float, ...]:
    """R7: the taper weeks' volume as fractions of the peak, by race distance: one week
    about a third under the peak up to the half marathon (``TAPER_SHORT``), two falling
    weeks from the marathon on (``TAPER_LONG``); ``weeks`` from ``taper_weeks``."""
    if distance_m > HALF_MARATHON_M * 1.2:
        return TAPER_LONG[min(max(weeks, 1), 2)]
    return TAPER_SHORT


def taper_cut(taper_km: list[float], besides_race_km: float, peak_km: float) -> float:
    """R7: how far the taper runs under the peak on average: its taper weeks and the race
    week's running besides the race (``TAPER_CUT_RANGE``)."""
    weeks = [*taper_km, besides_race_km]
    return 1 - sum(weeks) / (len(weeks) * peak_km) if peak_km > 0 else 0.0


TRANSITION_FACTORS = (0.35, 0.35)
"""R7: transition volume as a fraction of the peak."""


def loading_block(masters: bool, years_running: float, loading_weeks: int | None) -> int:
    """R8: loading weeks per deload. 3:1 by default, 2:1 for masters (≥ 40 years)
    or athletes with under 2 years of running; ``loading_weeks`` (the option) wins."""
    if loading_weeks is not None:
        return max(1, min(loading_weeks, 4))
    if masters or years_running < 2:
        return 2
    return 3


TUNE_UP_FACTOR = 0.8
"""R7/Q5: a loading week that holds a tune-up race is a mini-taper: 80 % of the
loading volume (15–25 % lighter), the loading weeks around it untouched. Pfitzinger
& Douglas (Advanced Marathoning) ease off for a few days around a tune-up race
rather than cutting a whole week; docs/planner.md."""


TT_NOTE = "Time trial opens the build: it re-estimates your training paces"
"""DOMAIN G: the note on the week periodization puts the time trial in."""
