"""How a week's easy km are shared among its easy runs (Q1, Q2, Q3): water-filling
under each run's window and under a share of the long run. Pure; used by
``runs.week_runs``."""

from __future__ import annotations

from collections.abc import Sequence


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
