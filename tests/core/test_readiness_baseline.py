"""Issue 13 part 3: readiness thresholds, partial check-ins, no flag counted twice, and
resting HR / HRV against the athlete's own rolling baseline (Plews/Buchheit)."""

from __future__ import annotations

import datetime as dt

from runstrong.core.coaching.readiness import (
    AMBER_SCORE,
    MIN_ITEMS,
    Flag,
    Status,
    assess,
)
from runstrong.core.model import Wellness

DAY = dt.date(2026, 3, 10)


def _back(days: int, **kw: float) -> Wellness:
    return Wellness(day=DAY - dt.timedelta(days=days), **kw)  # type: ignore[arg-type]


def test_soreness_and_its_streak_are_one_cause_not_two() -> None:
    history = [_back(d, soreness=4) for d in (1, 2)]
    today = Wellness(DAY, sleep_h=8, sleep_quality=4, stress=2, soreness=4, leg_feel=3, mood=4)
    r = assess(today, history)
    assert {Flag.SORE, Flag.SORE_STREAK} <= r.flags
    assert r.score is not None and r.score > 45  # above the old red line too
    assert r.status is Status.AMBER  # was RED: the same soreness counted twice


def test_mid_scale_check_in_is_green() -> None:
    w = Wellness(DAY, sleep_h=7, sleep_quality=3, stress=3, soreness=3, leg_feel=3, mood=3)
    r = assess(w)
    assert r.score is not None and r.score >= AMBER_SCORE
    assert r.status is Status.GREEN
    assert r.reasons == ("no warning signs in today's check-in",)


def test_one_item_gives_a_partial_check_in_not_a_verdict() -> None:
    r = assess(Wellness(DAY, sleep_h=5))
    assert r.status is Status.PARTIAL
    assert r.reasons[0] == (
        f"partial check-in: 1 of 8 items answered, at least {MIN_ITEMS} are needed for a "
        "verdict; the plan stands"
    )


def _baseline(hrv: float, rhr: float) -> list[Wellness]:
    # 60 days of baseline with day-to-day noise: HRV 60 ± 3 ms, resting HR 50 ± 1 bpm
    return [
        _back(d, hrv_ms=hrv + (3 if d % 2 else -3), resting_hr_bpm=rhr + (1 if d % 3 else -1))
        for d in range(7, 67)
    ]


GOOD = {"sleep_h": 8, "sleep_quality": 4, "stress": 2, "soreness": 1, "leg_feel": 4}


def test_low_hrv_and_high_resting_hr_against_the_baseline_raise_one_cause() -> None:
    recent = [_back(d, hrv_ms=48, resting_hr_bpm=56) for d in range(1, 7)]
    today = Wellness(DAY, hrv_ms=47, resting_hr_bpm=57, **GOOD)  # type: ignore[arg-type]
    r = assess(today, [*_baseline(60, 50), *recent])
    assert {Flag.LOW_HRV, Flag.HIGH_RESTING_HR} <= r.flags
    assert r.status is Status.AMBER  # one autonomic cause, not two
    assert any(x.startswith("HRV low against your baseline (7-day 48 ms") for x in r.reasons)
    assert any(x.startswith("resting HR up against your baseline (7-day 56 bpm") for x in r.reasons)


def test_hrv_within_the_baseline_raises_nothing() -> None:
    recent = [_back(d, hrv_ms=59, resting_hr_bpm=50) for d in range(1, 7)]
    today = Wellness(DAY, hrv_ms=61, resting_hr_bpm=50, **GOOD)  # type: ignore[arg-type]
    r = assess(today, [*_baseline(60, 50), *recent])
    assert r.status is Status.GREEN
    assert not r.flags


def test_no_baseline_no_autonomic_flag() -> None:
    today = Wellness(DAY, hrv_ms=20, resting_hr_bpm=80, **GOOD)  # type: ignore[arg-type]
    assert assess(today, [_back(d, hrv_ms=60) for d in range(1, 10)]).flags == frozenset()
