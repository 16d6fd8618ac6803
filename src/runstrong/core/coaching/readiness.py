"""Readiness: turn the morning check-in and recent sessions into one verdict (R18).

The check-in items are the ones DOMAIN.md names for R18: how the legs feel,
sleep, stress, soreness, stiffness (hips, lower back) and recent RPE against
target. Each item becomes a 0–1 "goodness"; the weighted mean gives a 0–100
score and each item past its threshold raises a named flag. The thresholds are
coaching judgement, not a published instrument: they are deliberately simple
so the athlete can see why a day was marked amber or red.

Pure: the caller passes the check-ins and the session history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from runstrong.core.model import Wellness


class Status(StrEnum):
    """Traffic-light verdict of a readiness check."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"
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
MIN_SLEEP_H = 6.0

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


def assess(
    today: Wellness | None,
    history: Sequence[Wellness] = (),
    rpe_records: Sequence[RpeRecord] = (),
) -> Readiness:
    """R18: readiness verdict for ``today``'s check-in.

    ``history`` holds earlier check-ins (it may include today's); ``rpe_records``
    the most recent finished sessions. Status: RED when the score is below 45 or
    two or more flags are up; AMBER below 70 or with one flag; GREEN otherwise.
    With no check-in at all the status is UNKNOWN and the plan stands.
    """
    if today is None:
        return Readiness(
            day=max((w.day for w in history), default=dt.date.min),
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

    good = _goodness(today)
    score: float | None = None
    if good:
        total_w = sum(_WEIGHTS[k] for k in good)
        score = round(100.0 * sum(_WEIGHTS[k] * v for k, v in good.items()) / total_w, 1)
    major = flags - {Flag.HIGH_STRESS}
    if (score is not None and score < 45) or len(major) >= 2:
        status = Status.RED
    elif (score is not None and score < 70) or flags:
        status = Status.AMBER
    else:
        status = Status.GREEN
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
