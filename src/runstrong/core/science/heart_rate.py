"""Heart-rate maximum estimates and training zones.

* HRmax: Tanaka H, Monahan KD, Seals DR, J Am Coll Cardiol 2001;37:153-156
  (208 − 0.7·age, from a meta-analysis of 351 studies) and the older Fox SM,
  Naughton JP, Haskell WL, Ann Clin Res 1971;3:404-432 (220 − age). Both are
  population averages with a standard deviation of ~10 bpm: a measured
  maximum always wins.
* Heart-rate reserve (Karvonen MJ, Kentala E, Mustala O, Ann Med Exp Biol
  Fenn 1957;35:307-315): target = rest + intensity × (max − rest). The five
  zones use 10 %-wide bands of reserve from 50 % to 100 %, a common
  convention (the band edges are not Karvonen's).
* Lactate-threshold zones: Joe Friel's running zones as % of LTHR (Friel,
  "Quick guide to setting zones"); LTHR ≈ mean HR of the last 20 min of a
  30-min solo all-out run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from runstrong.core.errors import InputError

MIN_AGE, MAX_AGE = 10, 100
HR_LIMITS_BPM = (25.0, 230.0)


@dataclass(frozen=True, slots=True)
class HrZone:
    """One heart-rate zone; an open end is ``None`` (below/above the named bound)."""

    name: str
    description: str
    low_bpm: float | None
    high_bpm: float | None
    low_pct: float | None
    high_pct: float | None
    basis: str


def _check_age(age: float) -> None:
    if not math.isfinite(age) or not MIN_AGE <= age <= MAX_AGE:
        raise InputError(f"invalid age {age:g}: use {MIN_AGE} to {MAX_AGE} years")


def _check_hr(value: float, what: str) -> None:
    low, high = HR_LIMITS_BPM
    if not math.isfinite(value) or not low <= value <= high:
        raise InputError(f"invalid {what} {value:g} bpm: use {low:g} to {high:g} bpm")


def hrmax_tanaka(age: float) -> float:
    """Age-predicted HRmax, 208 − 0.7·age (Tanaka, Monahan & Seals 2001)."""
    _check_age(age)
    return 208.0 - 0.7 * age


def hrmax_fox(age: float) -> float:
    """Age-predicted HRmax, 220 − age (Fox, Naughton & Haskell 1971)."""
    _check_age(age)
    return 220.0 - age


def karvonen_target_bpm(hrmax: float, hrrest: float, intensity: float) -> float:
    """Target HR at ``intensity`` (0–1) of heart-rate reserve (Karvonen et al. 1957)."""
    _check_reserve(hrmax, hrrest)
    return hrrest + intensity * (hrmax - hrrest)


def _check_reserve(hrmax: float, hrrest: float) -> None:
    _check_hr(hrmax, "maximum heart rate")
    _check_hr(hrrest, "resting heart rate")
    if hrrest >= hrmax:
        raise InputError(
            f"resting heart rate {hrrest:g} bpm must be below maximum heart rate {hrmax:g} bpm"
        )


_KARVONEN_ZONES = (
    ("Z1", "recovery", 0.50, 0.60),
    ("Z2", "easy aerobic", 0.60, 0.70),
    ("Z3", "steady / marathon", 0.70, 0.80),
    ("Z4", "threshold", 0.80, 0.90),
    ("Z5", "VO2max", 0.90, 1.00),
)


def hr_zones_karvonen(hrmax: float, hrrest: float) -> list[HrZone]:
    """Five zones as 10 % bands of heart-rate reserve, 50–100 % (Karvonen formula)."""
    _check_reserve(hrmax, hrrest)
    return [
        HrZone(
            name=name,
            description=description,
            low_bpm=hrrest + low * (hrmax - hrrest),
            high_bpm=hrrest + high * (hrmax - hrrest),
            low_pct=low * 100,
            high_pct=high * 100,
            basis="% heart-rate reserve",
        )
        for name, description, low, high in _KARVONEN_ZONES
    ]


_FRIEL_RUN_ZONES: tuple[tuple[str, str, float | None, float | None], ...] = (
    ("Z1", "recovery", None, 85.0),
    ("Z2", "aerobic", 85.0, 89.0),
    ("Z3", "tempo", 90.0, 94.0),
    ("Z4", "sub-threshold", 95.0, 99.0),
    ("Z5a", "super-threshold", 100.0, 102.0),
    ("Z5b", "aerobic capacity", 103.0, 106.0),
    ("Z5c", "anaerobic capacity", 106.0, None),
)


def hr_zones_lthr(lthr: float) -> list[HrZone]:
    """Friel's seven running zones as % of lactate-threshold heart rate."""
    _check_hr(lthr, "lactate-threshold heart rate")
    return [
        HrZone(
            name=name,
            description=description,
            low_bpm=None if low is None else lthr * low / 100,
            high_bpm=None if high is None else lthr * high / 100,
            low_pct=low,
            high_pct=high,
            basis="% lactate-threshold heart rate",
        )
        for name, description, low, high in _FRIEL_RUN_ZONES
    ]
