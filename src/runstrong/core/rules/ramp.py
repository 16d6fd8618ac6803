"""R11: the one definition of how fast weekly running volume may rise.

The planner (``planning.periodization`` outlines each loading week at most at
``ramp_ceiling_km``; ``planning.build`` holds the weeks as placed to it) and the
audit (``audit.season.check_r11_ramp``) both call it, so ``runstrong check`` cannot
find an R11 rise the planner did not declare.

The reference week is the highest of the four weeks before (the chronic window):
after a deload (R8) the athlete returns to the level held before it without that
counting as a rise (Pfitzinger & Douglas, Advanced Marathoning, 2nd ed., ch. 4:
recovery weeks are followed by a return to the pre-recovery mileage; Daniels'
Running Formula, 3rd ed., ch. 3: hold a new level before raising it again), while
a level held more than four weeks ago no longer counts (its load has left the
chronic window). The rise is capped at 10 % of the reference (or 3 km, about one
short easy run, at low volume), and the week's km over the mean of those four
weeks (uncoupled acute:chronic ratio, Lolli et al. 2019) stays at or under 1.3
(Gabbett 2016, Br J Sports Med 50:273–280), or within the same 3 km; below a
10 km chronic mean the ratio is not judged. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RampLimits:
    """R11's thresholds, as data (the planner's options and the audit's limits)."""

    ramp_cap: float = 0.10
    """Largest rise over the reference week (fraction)."""
    ramp_floor_km: float = 3.0
    """A rise this small (km) is allowed at any volume."""
    acwr_high: float = 1.3
    """Upper edge of the acute:chronic band (Gabbett 2016)."""
    acwr_min_chronic_km: float = 10.0
    """Below this chronic weekly mean the ratio is not judged."""
    chronic_weeks: int = 4
    """Weeks in the reference and chronic window."""
    tolerance_km: float = 0.3
    """Slack for session distances rounded to 0.1 km (the audit's)."""


R11_LIMITS = RampLimits()


def week_load_km(run_km: float, days_before_start: int, current_km: float) -> float:
    """R11: a partial first week's load: its planned km and the current volume's share
    of its days before the plan starts (the athlete runs as usual until then)."""
    return run_km + current_km * max(days_before_start, 0) / 7


def plan_history_km(
    weeks_km: Sequence[float],
    current_km: float | None,
    days_before_start: int,
    limits: RampLimits = R11_LIMITS,
) -> list[float]:
    """R11: the weekly km the ramp is judged on, oldest first: ``chronic_weeks`` weeks
    at the current volume before the plan (none when it is unknown), then the plan's
    weeks, a partial first week with ``week_load_km``."""
    if current_km is None:
        return list(weeks_km)
    out = [current_km] * limits.chronic_weeks + list(weeks_km)
    if weeks_km:
        out[limits.chronic_weeks] = week_load_km(weeks_km[0], days_before_start, current_km)
    return out


def ramp_reference_km(before_km: Sequence[float], limits: RampLimits = R11_LIMITS) -> float:
    """R11: the week a new week is compared with: the highest of the ``chronic_weeks``
    weeks before it (``before_km``: every earlier week's km, oldest first)."""
    return max(before_km[-limits.chronic_weeks :], default=0.0)


def chronic_km(before_km: Sequence[float], limits: RampLimits = R11_LIMITS) -> float:
    """R11: the mean of the ``chronic_weeks`` weeks before (fewer at the start)."""
    window = before_km[-limits.chronic_weeks :]
    return sum(window) / len(window) if window else 0.0


def ramp_allowed_km(reference_km: float, limits: RampLimits = R11_LIMITS) -> float:
    """R11: the most a week may run over ``reference_km`` (10 %, or 3 km at low volume)."""
    return max(reference_km * (1 + limits.ramp_cap), reference_km + limits.ramp_floor_km)


def acwr_allowed_km(chronic: float, limits: RampLimits = R11_LIMITS) -> float | None:
    """R11: the most a week may run over a chronic mean of ``chronic`` km (ratio 1.3,
    or 3 km over it); None when the chronic mean is too small to judge."""
    if chronic < limits.acwr_min_chronic_km:
        return None
    return max(limits.acwr_high * chronic, chronic + limits.ramp_floor_km)


def ramp_ceiling_km(before_km: Sequence[float], limits: RampLimits = R11_LIMITS) -> float:
    """R11: the most the next week may run without either finding (before the audit's
    rounding slack); ``before_km`` holds every earlier week's km, oldest first (the
    weeks before the plan as the athlete's current volume)."""
    ceiling = ramp_allowed_km(ramp_reference_km(before_km, limits), limits)
    acwr = acwr_allowed_km(chronic_km(before_km, limits), limits)
    return ceiling if acwr is None else min(ceiling, acwr)
