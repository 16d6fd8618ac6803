"""Daniels' published VDOT table as data, and the correction it gives the raw equations.

The raw Daniels–Gilbert equations (``runstrong.core.science.daniels``) miss the
published table (Daniels' Running Formula, 3rd ed. 2014, Tables 5.1 and 5.2)
by up to 32 s in the marathon and 12 s/km in M pace. We hold the even rows
VDOT 30–84 of that table as packaged data (``data/vdot_table.json``) and, for
each quantity (nine race times, six training paces), model the log ratio
``r(V) = ln(published / reference(V))``:

1. ``r`` at the even rows is smoothed by a Whittaker–Henderson smoother
   (third differences) on the grid 30, 32, …, 86; 86 carries weight 0, so the
   smoother extends the curve past the last row in the same way it fills a
   held-out row. The smoothing strength λ of each quantity was chosen by
   leave-one-out cross-validation on the even rows (``select_lambda``) and is
   fixed in ``SMOOTHING_LAMBDA``; the printed values are whole seconds, so a
   light smoother averages the rounding instead of chasing it.
2. A natural cubic spline through the smoothed values gives ``r`` at any
   fractional VDOT (continuous, C²).
3. Inside VDOT 30–85 the full correction applies. Outside it fades linearly to
   zero over 2 VDOT units (28–30, 85–87), beyond which results are the raw
   equations: this keeps every mapping continuous and monotone.

This module reads its own packaged data files (read-only, once); it does no
other I/O. The smoothed values of step 1 ship precomputed
(``data/vdot_corrections.json``, ``scripts/gen_vdot_corrections.py``), so a
process builds the splines without fitting them to the table again.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from runstrong.core.science.daniels import pace_at_fraction_s_per_km, raw_race_time_s
from runstrong.core.science.numeric import NaturalCubicSpline, whittaker_smooth
from runstrong.core.units import METRES_PER_MILE, STANDARD_DISTANCES_M
from runstrong.package_data import package_text

MODEL_MIN_VDOT = 30.0
MODEL_MAX_VDOT = 85.0
FADE_WIDTH_VDOT = 2.0
GRID_STEP_VDOT = 2.0
GRID_END_VDOT = 86.0
SMOOTHING_ORDER = 3
LAMBDA_CANDIDATES: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0)

RACE_KEYS: tuple[str, ...] = tuple(STANDARD_DISTANCES_M)

_TABLE_RACE_KEY = {
    "1500m": "1500m",
    "mile": "mile",
    "3000m": "3000m",
    "2mile": "2mile",
    "5k": "5000m",
    "10k": "10000m",
    "15k": "15000m",
    "half_marathon": "half_marathon",
    "marathon": "marathon",
}

# Reference intensities (fraction of VDOT) for the paces not tied to a race pace. They sit in
# the ranges Daniels gives (E 59-74 %, T ~88 %, I 95-100 % of VO2max; Running Formula ch. 4)
# and match the published rows' middle; the table correction absorbs the rest.
EASY_FAST_FRACTION = 0.73
EASY_SLOW_FRACTION = 0.63
THRESHOLD_FRACTION = 0.88
INTERVAL_FRACTION = 0.975

SMOOTHING_LAMBDA: dict[str, float] = {
    "1500m": 1000.0,
    "mile": 0.1,
    "3000m": 100.0,
    "2mile": 300.0,
    "5k": 30.0,
    "10k": 30.0,
    "15k": 3.0,
    "half_marathon": 0.1,
    "marathon": 1.0,
    "easy_fast": 300.0,
    "easy_slow": 1000.0,
    "marathon_pace": 300.0,
    "threshold": 0.1,
    "interval": 300.0,
    "repetition": 0.3,
}
"""λ per quantity, the leave-one-out minimiser over ``LAMBDA_CANDIDATES`` (see ``select_lambda``).

Race times are keyed as ``STANDARD_DISTANCES_M``; paces are ``easy_fast``,
``easy_slow``, ``marathon_pace`` (M, apart from the marathon race time),
``threshold``, ``interval`` and ``repetition``.
"""

_PACE_REFERENCES: dict[str, Callable[[float], float]] = {
    "easy_fast": lambda v: pace_at_fraction_s_per_km(v, EASY_FAST_FRACTION),
    "easy_slow": lambda v: pace_at_fraction_s_per_km(v, EASY_SLOW_FRACTION),
    # M is marathon race pace, R is mile race pace in Daniels' scheme.
    "marathon_pace": lambda v: raw_race_time_s(v, STANDARD_DISTANCES_M["marathon"]) / 42.195,
    "threshold": lambda v: pace_at_fraction_s_per_km(v, THRESHOLD_FRACTION),
    "interval": lambda v: pace_at_fraction_s_per_km(v, INTERVAL_FRACTION),
    "repetition": lambda v: raw_race_time_s(v, METRES_PER_MILE) / (METRES_PER_MILE / 1000),
}


def reference_value(name: str, vdot: float) -> float:
    """The uncorrected model value of quantity ``name`` at ``vdot`` (seconds, or s/km for paces)."""
    if name in STANDARD_DISTANCES_M:
        return raw_race_time_s(vdot, STANDARD_DISTANCES_M[name])
    return _PACE_REFERENCES[name](vdot)


@dataclass(frozen=True, slots=True)
class PublishedRow:
    """One row of the published table, paces converted to s/km."""

    vdot: float
    values: dict[str, float]


def repetition_pace_s_per_km(paces: dict[str, Any]) -> float:
    """R pace (s/km) from the printed 200/300/400 m times.

    Each printed time is rounded to the second, so each gives an interval for
    the true pace; we take the middle of their intersection (the mean of the
    conversions when rounding makes them disagree).
    """
    intervals = [
        ((float(paces[key]) - 0.5) * 1000 / metres, (float(paces[key]) + 0.5) * 1000 / metres)
        for key, metres in (("R_200m", 200), ("R_300m", 300), ("R_400m", 400))
        if key in paces
    ]
    low = max(lo for lo, _ in intervals)
    high = min(hi for _, hi in intervals)
    if low <= high:
        return (low + high) / 2
    return sum((lo + hi) / 2 for lo, hi in intervals) / len(intervals)


def rows_from_json(document: dict[str, Any]) -> list[PublishedRow]:
    """Convert the table JSON (``vdot_table.json`` layout) into rows of s and s/km."""
    rows = []
    for raw in document["rows"]:
        paces = raw["paces"]
        values = {key: float(raw["race_times_s"][_TABLE_RACE_KEY[key]]) for key in RACE_KEYS}
        values["easy_fast"] = float(paces["E_fast_s_per_km"])
        values["easy_slow"] = float(paces["E_slow_s_per_km"])
        values["marathon_pace"] = float(paces["M_s_per_km"])
        values["threshold"] = float(paces["T_s_per_km"])
        values["interval"] = paces["I_400m"] * 2.5
        values["repetition"] = repetition_pace_s_per_km(paces)
        rows.append(PublishedRow(vdot=float(raw["vdot"]), values=values))
    return rows


@cache
def published_rows() -> tuple[PublishedRow, ...]:
    """The packaged even rows of Daniels' table (VDOT 30, 32, …, 84)."""
    text = package_text("runstrong.core", "data/vdot_table.json")
    return tuple(rows_from_json(json.loads(text)))


SERIES_NAMES: tuple[str, ...] = tuple(SMOOTHING_LAMBDA)


def _grid() -> list[float]:
    count = round((GRID_END_VDOT - MODEL_MIN_VDOT) / GRID_STEP_VDOT) + 1
    return [MODEL_MIN_VDOT + GRID_STEP_VDOT * i for i in range(count)]


def smoothed_log_ratios(
    name: str, rows: tuple[PublishedRow, ...], lam: float, held_out: float | None = None
) -> tuple[list[float], list[float]]:
    """Grid and smoothed ``ln(published/reference)`` for ``name``; ``held_out`` gets weight 0."""
    grid = _grid()
    by_vdot = {row.vdot: row for row in rows}
    ys: list[float] = []
    weights: list[float] = []
    for vdot in grid:
        row = by_vdot.get(vdot)
        if row is None or vdot == held_out:
            ys.append(0.0)
            weights.append(0.0)
        else:
            ys.append(math.log(row.values[name] / reference_value(name, vdot)))
            weights.append(1.0)
    return grid, whittaker_smooth(ys, weights, lam, SMOOTHING_ORDER)


def computed_corrections() -> dict[str, Any]:
    """Step 1 of the model from the published rows: the grid and each quantity's
    smoothed log ratios on it (about 250 root searches and 15 smoothings, ~8 ms).
    ``data/vdot_corrections.json`` holds the result (``scripts/gen_vdot_corrections.py``)."""
    rows = published_rows()
    smoothed = {}
    for name in SERIES_NAMES:
        _, smoothed[name] = smoothed_log_ratios(name, rows, SMOOTHING_LAMBDA[name])
    return {"grid": _grid(), "smoothed": smoothed}


@cache
def _splines() -> dict[str, NaturalCubicSpline]:
    """Step 2: a spline through each quantity's smoothed log ratios, as
    :func:`computed_corrections` gives them, read from the packaged copy (the same
    floats: JSON keeps every digit; a test keeps the copy current). Computing them
    took ~10 ms of the first plan or pace table of every process (issue 11 item 8)."""
    data = json.loads(package_text("runstrong.core", "data/vdot_corrections.json"))
    return {name: NaturalCubicSpline(data["grid"], data["smoothed"][name]) for name in SERIES_NAMES}


def fade_weight(vdot: float) -> float:
    """1 inside VDOT 30–85, falling linearly to 0 over 2 units outside it."""
    if vdot < MODEL_MIN_VDOT:
        return max(0.0, 1.0 - (MODEL_MIN_VDOT - vdot) / FADE_WIDTH_VDOT)
    if vdot > MODEL_MAX_VDOT:
        return max(0.0, 1.0 - (vdot - MODEL_MAX_VDOT) / FADE_WIDTH_VDOT)
    return 1.0


def log_correction(name: str, vdot: float) -> float:
    """``ln(corrected/reference)`` for quantity ``name`` at ``vdot`` (0 far outside 30–85)."""
    weight = fade_weight(vdot)
    if weight == 0.0:
        return 0.0
    clamped = min(max(vdot, MODEL_MIN_VDOT), MODEL_MAX_VDOT)
    return weight * _splines()[name](clamped)


def corrected_value(name: str, vdot: float) -> float:
    """Reference value × table correction: a race time (s) or a pace (s/km)."""
    return reference_value(name, vdot) * math.exp(log_correction(name, vdot))


@dataclass(frozen=True, slots=True)
class HoldOut:
    """Leave-one-out result for one published value."""

    name: str
    vdot: float
    published: float
    predicted: float

    @property
    def error(self) -> float:
        return self.predicted - self.published


def leave_one_out(
    name: str, lam: float | None = None, rows: tuple[PublishedRow, ...] | None = None
) -> list[HoldOut]:
    """Predict each published row of ``name`` from all the others (that row gets weight 0)."""
    table = published_rows() if rows is None else rows
    strength = SMOOTHING_LAMBDA[name] if lam is None else lam
    out = []
    for row in table:
        grid, smoothed = smoothed_log_ratios(name, table, strength, held_out=row.vdot)
        predicted = reference_value(name, row.vdot) * math.exp(smoothed[grid.index(row.vdot)])
        out.append(HoldOut(name, row.vdot, row.values[name], predicted))
    return out


def select_lambda(name: str, rows: tuple[PublishedRow, ...] | None = None) -> float:
    """The λ in ``LAMBDA_CANDIDATES`` with the smallest leave-one-out RMS error for ``name``."""

    def rms(lam: float) -> float:
        errors = [h.error for h in leave_one_out(name, lam, rows)]
        return math.sqrt(sum(e * e for e in errors) / len(errors))

    return min(LAMBDA_CANDIDATES, key=rms)
