"""How a week's easy km are shared among its easy runs (Q1, Q2, Q3): water-filling
under each run's window and under a share of the long run; and the long run's least
size beside them (Q6). Pure; used by ``runs.week_runs``."""

from __future__ import annotations

from collections.abc import Sequence

from runstrong.core.planning.week_runs import EASY_SHARE_MAX
from runstrong.core.rules.quality import Q6_SHORT_RUN_KM


def real_long_km(
    long_km: float, total_km: float, loading: bool, share: float = EASY_SHARE_MAX
) -> float:
    """Q2/Q6: a loading week's long run is a real run that its 3 km easy runs
    (``Q6_SHORT_RUN_KM``) stay under, at the largest ``share`` of it the week's easy
    runs may take (``week_runs.easy_shares``; 1.0 in a deload): a 5.8 km/week beginner
    ran 2.5, 2.5 and a 2.8 km "Long run". At ``EASY_SHARE_MAX`` for every week, a
    beginner with six run days (easy runs at 70 %) ran a 3.7 km long run alone: its
    easy runs, at most 2.6 km, were token runs, the week held 3.7 of 11.7 km and its
    deload could not be 20-30 % lighter (Q1) without a run under 3 km."""
    least = Q6_SHORT_RUN_KM / share
    if loading and 0 < long_km < least:
        return min(least, total_km)
    return long_km


def easy_sizes(
    rest: float, caps: Sequence[float], longest: float, shares: Sequence[float]
) -> tuple[list[float], float]:
    """Q2/Q1: the easy runs' km and their limit: at most the first share of the long run
    (``EASY_SHARE_OF_LONG``, so none is long-ish); only when those cannot hold the
    week's volume, the next (``EASY_SHARE_MAX``, still shorter than the long run)."""
    sizes: list[float] = []
    limit = longest
    for share in shares:
        limit = share * longest
        sizes = water_fill(rest, [min(c, limit) for c in caps])
        if sum(sizes) >= rest - 0.05:
            break
    return sizes, limit


def water_fill(total: float, caps: Sequence[float]) -> list[float]:
    """Share ``total`` as evenly as possible among runs of at most ``caps`` km each."""
    sizes = [0.0] * len(caps)
    left = total
    open_ = [i for i, c in enumerate(caps) if c > 0]
    while left > 0.05 and open_:
        even = left / len(open_)
        full = [i for i in open_ if caps[i] - sizes[i] <= even]
        if not full:
            for i in open_:
                sizes[i] += even
            break
        for i in full:
            left -= caps[i] - sizes[i]
            sizes[i] = caps[i]
        open_ = [i for i in open_ if i not in full]
    return [round(k, 1) for k in sizes]
