"""World records used as the plausibility limit for race results.

A result faster than the men's world record (the fastest performance by
anyone) at its distance is rejected as a typo or a wrong distance. Records are
as ratified or reported up to 2025; update this table when one falls. For a
distance between two anchors, the record curve is interpolated linearly in
log(time) against log(distance) (Riegel's observation that this curve is
nearly straight, Am Sci 1981;69:285-290). Outside 400 m–100 km the pace model
is not used at all (below 1500 m it is an extrapolation, ``core.science.cameron``).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from runstrong.core.errors import DistanceError, ImplausibleResultError
from runstrong.core.units import METRES_PER_MILE, distance_label, format_duration


@dataclass(frozen=True, slots=True)
class WorldRecord:
    """One anchor of the record curve."""

    distance_m: float
    time_s: float
    shown: str
    holder: str
    year: int


WORLD_RECORDS: tuple[WorldRecord, ...] = (
    WorldRecord(400.0, 43.03, "43.03", "Wayde van Niekerk", 2016),
    WorldRecord(800.0, 100.91, "1:40.91", "David Rudisha", 2012),
    WorldRecord(1000.0, 131.96, "2:11.96", "Noah Ngeny", 1999),
    WorldRecord(1500.0, 206.00, "3:26.00", "Hicham El Guerrouj", 1998),
    WorldRecord(METRES_PER_MILE, 223.13, "3:43.13", "Hicham El Guerrouj", 1999),
    WorldRecord(3000.0, 437.55, "7:17.55", "Jakob Ingebrigtsen", 2024),
    WorldRecord(2 * METRES_PER_MILE, 474.10, "7:54.10", "Jakob Ingebrigtsen (world best)", 2022),
    WorldRecord(5000.0, 755.36, "12:35.36", "Joshua Cheptegei", 2020),
    WorldRecord(10000.0, 1571.00, "26:11.00", "Joshua Cheptegei", 2020),
    # 15 km road: Kiplimo's split inside his 2025 half-marathon record (5 km splits sum to 40:07).
    WorldRecord(15000.0, 2407.0, "40:07", "Jacob Kiplimo (road, world best)", 2025),
    WorldRecord(21097.5, 3402.0, "56:42", "Jacob Kiplimo", 2025),
    WorldRecord(42195.0, 7235.0, "2:00:35", "Kelvin Kiptum", 2023),
    WorldRecord(100000.0, 21935.0, "6:05:35", "Aleksandr Sorokin (road)", 2022),
)
"""Men's outdoor world records / world bests, shortest first."""

MIN_DISTANCE_M = WORLD_RECORDS[0].distance_m
"""The shortest distance the pace model takes (400 m: the record curve's first anchor)."""
MAX_DISTANCE_M = WORLD_RECORDS[-1].distance_m
"""The longest distance the pace model takes (100 km: the record curve's last anchor)."""


def check_distance_in_range(distance_m: float) -> None:
    """Raise ``DistanceError`` unless 400 m ≤ ``distance_m`` ≤ 100 km (the model's range)."""
    if not math.isfinite(distance_m) or not MIN_DISTANCE_M <= distance_m <= MAX_DISTANCE_M:
        raise DistanceError(
            f"distance {distance_label(distance_m)} is outside the model's range: use 400m to 100km"
        )


def record_time_s(distance_m: float) -> float:
    """Fastest time on record for ``distance_m`` (exact at anchors, log-log in between)."""
    check_distance_in_range(distance_m)
    records = WORLD_RECORDS
    for record in records:
        if math.isclose(record.distance_m, distance_m, rel_tol=0, abs_tol=1e-6):
            return record.time_s
    for low, high in itertools.pairwise(records):
        if low.distance_m <= distance_m <= high.distance_m:
            slope = math.log(high.time_s / low.time_s) / math.log(high.distance_m / low.distance_m)
            return low.time_s * math.pow(distance_m / low.distance_m, slope)
    raise AssertionError("unreachable: distance range checked above")


def check_plausible(distance_m: float, time_s: float) -> None:
    """Raise ``ImplausibleResultError`` when ``time_s`` beats the record for ``distance_m``."""
    limit_s = record_time_s(distance_m)
    if time_s >= limit_s:
        return
    shown = f"{distance_label(distance_m)} in {_show(time_s)}"
    for record in WORLD_RECORDS:
        if math.isclose(record.distance_m, distance_m, rel_tol=0, abs_tol=1e-6):
            raise ImplausibleResultError(
                f"implausible result: {shown} is faster than the world record "
                f"{record.shown} ({record.holder}, {record.year}); check the distance and time"
            )
    low = max((r for r in WORLD_RECORDS if r.distance_m < distance_m), key=_distance)
    high = min((r for r in WORLD_RECORDS if r.distance_m > distance_m), key=_distance)
    raise ImplausibleResultError(
        f"implausible result: {shown} is faster than the world-record curve "
        f"({_show(limit_s)}, interpolated between "
        f"{distance_label(low.distance_m)} {low.shown} and "
        f"{distance_label(high.distance_m)} {high.shown}); check the distance and time"
    )


def _distance(record: WorldRecord) -> float:
    return record.distance_m


def _show(time_s: float) -> str:
    """Whole seconds when the time is whole, else hundredths (as records are printed)."""
    whole = math.isclose(time_s, round(time_s), abs_tol=0.005)
    return format_duration(time_s, decimals=0 if whole else 2)
