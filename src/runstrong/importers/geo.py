"""Distance and climb from sampled positions (used by GPX/TCX and FIT fallbacks).

Pure functions over sequences; no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_M = 6_371_008.8
"""Mean Earth radius (IUGG R1 = (2a + b) / 3 of WGS-84; Moritz, "Geodetic Reference
System 1980", Bulletin Géodésique 54, 1980)."""

ELEVATION_HYSTERESIS_M = 3.0
"""Climb is only counted once the altitude has risen this much above the last
low point; smaller wiggles (GPS/barometer noise) are ignored. runstrong's own
choice, documented in docs/file-formats.md."""


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of radius ``EARTH_RADIUS_M`` (haversine
    formula, R. W. Sinnott, "Virtues of the Haversine", Sky & Telescope 68(2), 1984)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def cumulative_distance_m(
    lats: Sequence[float | None], lons: Sequence[float | None], breaks: frozenset[int] = frozenset()
) -> list[float | None]:
    """Running distance along the points; ``None`` until the first position.

    An index in ``breaks`` starts a new track segment: no distance is added
    across the gap to the previous point.
    """
    out: list[float | None] = []
    total = 0.0
    prev: tuple[float, float] | None = None
    seen = False
    for i, (lat, lon) in enumerate(zip(lats, lons, strict=True)):
        if i in breaks:
            prev = None
        if lat is not None and lon is not None:
            if prev is not None:
                total += haversine_m(prev[0], prev[1], lat, lon)
            prev = (lat, lon)
            seen = True
        out.append(total if seen else None)
    return out


def elevation_gain_m(
    altitudes: Sequence[float | None], hysteresis_m: float = ELEVATION_HYSTERESIS_M
) -> float | None:
    """Total climb with a hysteresis band; ``None`` when there is no altitude.

    States: climbing (every rise counts, a drop of more than ``hysteresis_m``
    below the high point switches to descending) and descending/neutral (the
    low point follows every fall; a rise of more than ``hysteresis_m`` above it
    counts in full and switches to climbing).
    """
    values = [a for a in altitudes if a is not None]
    if not values:
        return None
    gain = 0.0
    ref = values[0]
    climbing = False
    for a in values[1:]:
        if climbing:
            if a > ref:
                gain += a - ref
                ref = a
            elif a < ref - hysteresis_m:
                climbing = False
                ref = a
        elif a < ref:
            ref = a
        elif a > ref + hysteresis_m:
            gain += a - ref
            ref = a
            climbing = True
    return gain
