"""Progress metrics and recovery-vs-performance statistics (R25, R26).

Pure functions over values the services read from the log:

* best efforts over fixed distances from a distance/time stream, sprint
  velocity from a speed stream, efficiency factor and pace at a fixed heart
  rate for easy runs (an aerobic-threshold proxy, R26);
* personal bests over time;
* which recovery habits go with better key sessions (R25) — the statistics
  live in ``core.coaching.habits`` and are re-exported here.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

# The R25 statistics live in ``habits``; re-exported here for existing callers.
from runstrong.core.coaching.habits import (
    Finding,
    fisher_ci,
    habit_findings,
    hedges_g,
    pearson_r,
)

STANDARD_EFFORTS_M: tuple[float, ...] = (400.0, 1000.0, 1609.344, 5000.0, 10000.0, 21097.5, 42195.0)


# ---------------------------------------------------------------------------
# Efforts from streams
# ---------------------------------------------------------------------------


def best_efforts(
    t_s: Sequence[float],
    distance_m: Sequence[float | None],
    targets_m: Sequence[float] = STANDARD_EFFORTS_M,
) -> dict[float, float]:
    """Fastest elapsed time (s) to cover each target distance within one activity.

    Two-pointer sweep over the cumulative distance stream; the time for a
    window is interpolated linearly inside the sample where the target is
    reached, so a 1 Hz stream gives sub-second resolution. Targets longer than
    the activity are left out.
    """
    pts = [(t, d) for t, d in zip(t_s, distance_m, strict=False) if d is not None]
    if len(pts) < 2:
        return {}
    times = [p[0] for p in pts]
    dists = [p[1] for p in pts]
    # Cumulative distance must not go backwards (GPS resets): keep a running max.
    for i in range(1, len(dists)):
        if dists[i] < dists[i - 1]:
            dists[i] = dists[i - 1]
    out: dict[float, float] = {}
    for target in targets_m:
        if dists[-1] - dists[0] < target:
            continue
        best = math.inf
        for i in range(len(dists)):
            goal = dists[i] + target
            j = bisect.bisect_left(dists, goal, lo=i + 1)
            if j >= len(dists):
                break
            d0, d1 = dists[j - 1], dists[j]
            frac = 0.0 if d1 == d0 else (goal - d0) / (d1 - d0)
            t_end = times[j - 1] + frac * (times[j] - times[j - 1])
            best = min(best, t_end - times[i])
        if math.isfinite(best) and best > 0:
            out[target] = best
    return out


def sprint_velocity(
    t_s: Sequence[float], speed_m_s: Sequence[float | None], window_s: float = 5.0
) -> float | None:
    """Highest mean speed (m/s) held over at least ``window_s`` seconds (R26).

    Integrates speed over time (left Riemann sum on the samples) so gaps and
    irregular sampling weigh correctly; None when the stream is shorter than
    the window.
    """
    pts = [(t, v) for t, v in zip(t_s, speed_m_s, strict=False) if v is not None]
    if len(pts) < 2:
        return None
    cum = [0.0]
    for (t0, v0), (t1, _) in itertools.pairwise(pts):
        cum.append(cum[-1] + v0 * (t1 - t0))
    times = [p[0] for p in pts]
    best: float | None = None
    for i, t0 in enumerate(times):
        j = bisect.bisect_left(times, t0 + window_s, lo=i + 1)
        if j >= len(times):
            break
        mean = (cum[j] - cum[i]) / (times[j] - t0)
        best = mean if best is None else max(best, mean)
    return best


def efficiency_factor(distance_m: float, moving_time_s: float, avg_hr_bpm: float) -> float:
    """Efficiency factor for a run: speed in metres per minute per heartbeat per minute.

    The running analogue of Coggan's EF (normalised power / heart rate): higher
    means more speed for the same cardiac cost. Compare it only between easy,
    steady runs on similar terrain.
    """
    if distance_m <= 0 or moving_time_s <= 0 or avg_hr_bpm <= 0:
        raise ValueError("efficiency factor needs positive distance, time and heart rate")
    return (distance_m / (moving_time_s / 60.0)) / avg_hr_bpm


@dataclass(frozen=True, slots=True)
class LinearFit:
    slope: float
    intercept: float
    r: float
    n: int

    def at(self, x: float) -> float:
        return self.intercept + self.slope * x


def linear_fit(xs: Sequence[float], ys: Sequence[float]) -> LinearFit | None:
    """Ordinary least squares y = a + b·x; None with fewer than 3 points or no spread."""
    n = len(xs)
    if n < 3 or n != len(ys):
        return None
    mx = sum(xs) / n
    my = sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    if sxx == 0:
        return None
    slope = sxy / sxx
    # Square roots taken apart: sxx·syy can underflow to 0 for tiny spreads.
    denom = math.sqrt(sxx) * math.sqrt(syy)
    r = max(-1.0, min(1.0, sxy / denom)) if denom > 0 else 0.0
    return LinearFit(slope=slope, intercept=my - slope * mx, r=r, n=n)


def pace_at_heart_rate(
    hr_bpm: Sequence[float], speed_m_s: Sequence[float], at_hr_bpm: float
) -> float | None:
    """Pace (s/km) at a fixed heart rate from easy runs' (avg HR, avg speed) pairs.

    A least-squares line of speed on heart rate, read at ``at_hr_bpm``: a
    falling value over months is a faster aerobic threshold proxy (R26).
    """
    fit = linear_fit(hr_bpm, speed_m_s)
    if fit is None:
        return None
    v = fit.at(at_hr_bpm)
    return 1000.0 / v if v > 0 else None


# ---------------------------------------------------------------------------
# Personal bests
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonalBest:
    """A value that beat every earlier one of the same key (effort or lift)."""

    key: str
    day: dt.date
    value: float
    previous: float | None
    lower_is_better: bool

    @property
    def improvement(self) -> float | None:
        """Relative improvement over the previous best (positive = better)."""
        if self.previous is None or self.previous == 0:
            return None
        if self.lower_is_better:
            return (self.previous - self.value) / self.previous
        return (self.value - self.previous) / self.previous


def personal_bests(
    entries: Sequence[tuple[dt.date, str, float]], *, lower_is_better: bool
) -> list[PersonalBest]:
    """Every time a key's value beat all its earlier values, in date order (R26)."""
    best: dict[str, float] = {}
    out: list[PersonalBest] = []
    for day, key, value in sorted(entries, key=lambda e: (e[0], e[1])):
        prev = best.get(key)
        better = prev is None or (value < prev if lower_is_better else value > prev)
        if better:
            out.append(PersonalBest(key, day, value, prev, lower_is_better))
            best[key] = value
    return out


__all__ = [
    "Finding",
    "LinearFit",
    "PersonalBest",
    "best_efforts",
    "efficiency_factor",
    "fisher_ci",
    "habit_findings",
    "hedges_g",
    "linear_fit",
    "pace_at_heart_rate",
    "pearson_r",
    "personal_bests",
    "sprint_velocity",
]
