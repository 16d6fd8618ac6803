"""Readiness: turn the morning check-in and recent sessions into one verdict (R18).

The check-in items are the ones DOMAIN.md names for R18: how the legs feel,
sleep, stress, soreness, stiffness (hips, lower back) and recent RPE against
target. Each item becomes a 0–1 "goodness"; the weighted mean gives a 0–100
score and each item past its threshold raises a named flag. Resting heart rate
and HRV are read against the athlete's own rolling baseline (7-day mean against
the 60-day one, Plews et al. 2012; Buchheit 2014). The items follow the short
wellness questionnaires validated in team and endurance sport (Hooper &
Mackinnon 1995, Sports Med 20:321; McLean et al. 2010, IJSPP 5:367), which
respond to training load better than objective markers (Saw et al. 2016, BJSM
50:281). The weights and cut-offs are coaching judgement on top of those scales,
documented in docs/coach.md so the athlete can see why a day was amber or red.

Pure: the caller passes the check-ins and the session history.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from runstrong.core.model import Wellness


class Status(StrEnum):
    """Traffic-light verdict of a readiness check."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    PARTIAL = "partial"
    UNKNOWN = "unknown"


class Flag(StrEnum):
    """Named reasons a day is not fully green (each maps to a rule)."""

    POOR_SLEEP = "poor_sleep"
    HIGH_STRESS = "high_stress"
    SORE = "sore"
    HEAVY_LEGS = "heavy_legs"
    STIFF_HIPS = "stiff_hips"
    TIRED_LOW_BACK = "tired_low_back"
    RPE_ABOVE_TARGET = "rpe_above_target"
    SORE_STREAK = "sore_streak"
    LOW_HRV = "low_hrv"
    HIGH_RESTING_HR = "high_resting_hr"


@dataclass(frozen=True, slots=True)
class RpeRecord:
    """A finished session's session RPE against the RPE it was planned at."""

    day: dt.date
    actual_rpe: float
    target_rpe: float


@dataclass(frozen=True, slots=True)
class Readiness:
    """The result of a readiness check: score 0–100, status, flags and reasons."""

    day: dt.date
    score: float | None
    status: Status
    flags: frozenset[Flag]
    reasons: tuple[str, ...]
    sore_streak_days: int = 0


# Thresholds (1–5 scales as documented on core.model.Wellness).
SORE_AT = 4  # soreness 4–5 counts as "sore"
STIFF_AT = 4  # hip stiffness / low-back fatigue 4–5 triggers R20
SORE_STREAK_DAYS = 3  # R21: "several days in a row"
RPE_EXCESS = 1.0  # mean session RPE this far above target over the last sessions → R19
RPE_WINDOW = 3  # how many recent sessions the RPE check looks at
MIN_SLEEP_H = 6.0  # below the 7–9 h adults need (Hirshkowitz et al. 2015, Sleep Health 1:40)
MIN_ITEMS = 3
"""Fewest questionnaire items before a status is given; fewer is a "partial check-in"."""
RED_SCORE = 35.0
"""Score below which the day is red: most items at their worse end of the scale."""
AMBER_SCORE = 50.0
"""Score below which the day is amber: the average item below mid-scale."""
RED_CAUSES = 2
"""Independent warning causes that make a day red on their own."""
BASELINE_DAYS = 60
"""Rolling baseline of resting HR and HRV (Plews et al. 2012, IJSPP 7:22; Buchheit 2014)."""
RECENT_DAYS = 7
"""The recent window compared with the baseline (7-day rolling mean, Plews et al. 2013)."""
MIN_BASELINE_VALUES = 14
MIN_RECENT_VALUES = 3
HRV_SWC_SD = 0.5
"""7-day ln(HRV) below the baseline by more than 0.5 SD of it (the smallest worthwhile
change of Plews et al. 2012) raises LOW_HRV."""
RHR_SD = 1.0
RHR_MIN_BPM = 3.0
"""7-day resting HR above the baseline by more than max(1 SD, 3 bpm) raises HIGH_RESTING_HR
(day-to-day resting HR varies by about 3–7 %, Buchheit 2014, Front Physiol 5:73)."""

_CAUSE = {
    Flag.SORE: "sore",
    Flag.SORE_STREAK: "sore",  # a streak is the same soreness, never counted twice
    Flag.LOW_HRV: "autonomic",
    Flag.HIGH_RESTING_HR: "autonomic",  # two readings of one system
}

_WEIGHTS = {
    "sleep_h": 1.0,
    "sleep_quality": 1.0,
    "stress": 0.75,
    "soreness": 1.25,
    "leg_feel": 1.25,
    "hip_stiffness": 0.75,
    "low_back_fatigue": 0.75,
    "mood": 0.5,
}


_HIGH_IS_GOOD = frozenset({"sleep_quality", "leg_feel", "mood"})
"""1–5 scales where 5 is best; on the others (stress, soreness, stiffness) 5 is worst."""


def _goodness(w: Wellness) -> dict[str, float]:
    """Map each item present to 0 (worst) … 1 (best)."""
    out: dict[str, float] = {}
    for item in _WEIGHTS:
        value = getattr(w, item)
        if value is None:
            continue
        if item == "sleep_h":
            out[item] = min(max((value - 4.0) / 4.0, 0.0), 1.0)  # 4 h → 0, 8 h+ → 1
        elif item in _HIGH_IS_GOOD:
            out[item] = (value - 1) / 4
        else:
            out[item] = (5 - value) / 4
    return out


def sore_streak(history: Sequence[Wellness], day: dt.date) -> int:
    """Consecutive days ending on ``day`` with soreness ≥ SORE_AT (R21).

    A day without a check-in ends the streak: the coach does not assume soreness.
    """
    by_day = {w.day: w for w in history}
    streak = 0
    cursor = day
    while (w := by_day.get(cursor)) is not None and w.soreness is not None:
        if w.soreness < SORE_AT:
            break
        streak += 1
        cursor -= dt.timedelta(days=1)
    return streak


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    m = sum(values) / len(values)
    var = sum((v - m) ** 2 for v in values) / max(len(values) - 1, 1)
    return m, math.sqrt(var)


def autonomic_flags(history: Sequence[Wellness], day: dt.date) -> list[tuple[Flag, str]]:
    """Resting HR and HRV against the athlete's own rolling baseline.

    The recent value is the mean of the last ``RECENT_DAYS`` days up to ``day``; the
    baseline the mean and SD of the ``BASELINE_DAYS`` days before that window. HRV is
    compared on the log scale (ln rMSSD), as Plews et al. do. Needs at least
    ``MIN_BASELINE_VALUES`` baseline and ``MIN_RECENT_VALUES`` recent values.
    """
    recent_from = day - dt.timedelta(days=RECENT_DAYS - 1)
    base_from = recent_from - dt.timedelta(days=BASELINE_DAYS)
    out: list[tuple[Flag, str]] = []
    for item in ("hrv_ms", "resting_hr_bpm"):
        recent = [getattr(w, item) for w in history if recent_from <= w.day <= day]
        base = [getattr(w, item) for w in history if base_from <= w.day < recent_from]
        recent = [float(v) for v in recent if v is not None and v > 0]
        base = [float(v) for v in base if v is not None and v > 0]
        if len(recent) < MIN_RECENT_VALUES or len(base) < MIN_BASELINE_VALUES:
            continue
        if item == "hrv_ms":
            m, sd = _mean_sd([math.log(v) for v in base])
            now = sum(math.log(v) for v in recent) / len(recent)
            if now < m - HRV_SWC_SD * sd:
                out.append((Flag.LOW_HRV, (
                    f"HRV low against your baseline (7-day {math.exp(now):.0f} ms vs "
                    f"{math.exp(m):.0f} ms over the {BASELINE_DAYS} days before)"
                )))  # fmt: skip
        else:
            m, sd = _mean_sd(base)
            now = sum(recent) / len(recent)
            if now > m + max(RHR_SD * sd, RHR_MIN_BPM):
                out.append((Flag.HIGH_RESTING_HR, (
                    f"resting HR up against your baseline (7-day {now:.0f} bpm vs "
                    f"{m:.0f} bpm over the {BASELINE_DAYS} days before)"
                )))  # fmt: skip
    return out


def causes(flags: frozenset[Flag] | set[Flag]) -> set[str]:
    """The independent warning causes behind ``flags`` (stress is minor: not counted)."""
    return {_CAUSE.get(f, f.value) for f in flags if f is not Flag.HIGH_STRESS}


def _items_given(w: Wellness) -> int:
    return sum(1 for item in _WEIGHTS if getattr(w, item) is not None)


def assess(
    today: Wellness | None,
    history: Sequence[Wellness] = (),
    rpe_records: Sequence[RpeRecord] = (),
    *,
    day: dt.date | None = None,
) -> Readiness:
    """R18: readiness verdict for ``today``'s check-in (on ``day``, the day assessed,
    which is what a missing check-in reports as its day).

    ``history`` holds earlier check-ins (it may include today's; up to
    ``BASELINE_DAYS`` + ``RECENT_DAYS`` of them for the HR/HRV baseline); ``rpe_records``
    the most recent finished sessions. Status: RED when the score is below
    ``RED_SCORE`` or ``RED_CAUSES`` independent causes are up (soreness and a sore
    streak are one cause, low HRV and high resting HR another); AMBER below
    ``AMBER_SCORE`` or with one cause; GREEN otherwise. Fewer than ``MIN_ITEMS``
    questionnaire items give PARTIAL (flags still raised, no verdict); no check-in
    at all gives UNKNOWN, and the plan stands.
    """
    if today is None:
        return Readiness(
            day=day if day is not None else max((w.day for w in history), default=dt.date.min),
            score=None,
            status=Status.UNKNOWN,
            flags=frozenset(),
            reasons=("no check-in for today: the plan stands as written",),
        )
    flags: set[Flag] = set()
    reasons: list[str] = []
    if (today.sleep_h is not None and today.sleep_h < MIN_SLEEP_H) or (
        today.sleep_quality is not None and today.sleep_quality <= 2
    ):
        flags.add(Flag.POOR_SLEEP)
        reasons.append("short or poor sleep")
    if today.stress is not None and today.stress >= 4:
        flags.add(Flag.HIGH_STRESS)
        reasons.append(f"high stress ({today.stress}/5)")
    if today.soreness is not None and today.soreness >= SORE_AT:
        flags.add(Flag.SORE)
        reasons.append(f"sore ({today.soreness}/5)")
    if today.leg_feel is not None and today.leg_feel <= 2:
        flags.add(Flag.HEAVY_LEGS)
        reasons.append(f"legs feel heavy ({today.leg_feel}/5)")
    if today.hip_stiffness is not None and today.hip_stiffness >= STIFF_AT:
        flags.add(Flag.STIFF_HIPS)
        reasons.append(f"stiff hips ({today.hip_stiffness}/5)")
    if today.low_back_fatigue is not None and today.low_back_fatigue >= STIFF_AT:
        flags.add(Flag.TIRED_LOW_BACK)
        reasons.append(f"tired lower back ({today.low_back_fatigue}/5)")
    recent = sorted((r for r in rpe_records if r.day < today.day), key=lambda r: r.day)
    recent = recent[-RPE_WINDOW:]
    if recent:
        excess = sum(r.actual_rpe - r.target_rpe for r in recent) / len(recent)
        if excess >= RPE_EXCESS:
            flags.add(Flag.RPE_ABOVE_TARGET)
            reasons.append(
                f"recent sessions felt harder than planned (RPE +{excess:.1f} over target "
                f"across the last {len(recent)})"
            )
    streak = sore_streak([*history, today], today.day)
    if streak >= SORE_STREAK_DAYS:
        flags.add(Flag.SORE_STREAK)
        reasons.append(f"sore {streak} days in a row")
    for flag, why in autonomic_flags(
        [*(w for w in history if w.day != today.day), today], today.day
    ):
        flags.add(flag)
        reasons.append(why)
    return _verdict(today, flags, reasons, streak)


def _verdict(today: Wellness, flags: set[Flag], reasons: list[str], streak: int) -> Readiness:
    """Score and status from the items and the flags (see ``assess``)."""

    good = _goodness(today)
    score: float | None = None
    if good:
        total_w = sum(_WEIGHTS[k] for k in good)
        score = round(100.0 * sum(_WEIGHTS[k] * v for k, v in good.items()) / total_w, 1)
    n_items = _items_given(today)
    found = causes(flags)
    if n_items < MIN_ITEMS:
        status = Status.PARTIAL
        reasons.insert(0, (
            f"partial check-in: {n_items} of {len(_WEIGHTS)} items answered, at least "
            f"{MIN_ITEMS} are needed for a verdict; the plan stands"
        ))  # fmt: skip
    elif (score is not None and score < RED_SCORE) or len(found) >= RED_CAUSES:
        status = Status.RED
    elif (score is not None and score < AMBER_SCORE) or found:
        status = Status.AMBER
    else:
        status = Status.GREEN
    if status is Status.AMBER and not found and score is not None:
        reasons.append(f"score {score:g} is below {AMBER_SCORE:g}: most items below mid-scale")
    if status is Status.RED and len(found) < RED_CAUSES and score is not None:
        reasons.append(f"score {score:g} is below {RED_SCORE:g}")
    if not reasons:
        reasons.append("no warning signs in today's check-in")
    return Readiness(
        day=today.day,
        score=score,
        status=status,
        flags=frozenset(flags),
        reasons=tuple(reasons),
        sore_streak_days=streak,
    )
