"""Whether a note that says why a deload week is not 20–30 % lighter tells the truth
(Q1/R8, with Q6's shortest run; used by ``stated.VERIFIERS``). Pure.

A deload runs at least ``Q6_SHORT_RUN_KM`` a run (no token run, Q6) and no run of it
is longer than the long run of the loading week before (a deload shortens it, R8). A
week of ``n`` runs then runs at least ``n`` × 3 km; with one run fewer at most ``n - 1``
times that long run. When the first is above the band's lighter end and the second
below its deeper end, no deload of whole runs lies in the band: a beginner whose
loading week ran a 4.3 km long run and a 3 km easy run (7.3 km) deloads with two 3 km
runs (6.0 km, 18 % lighter), not one run of 5.5 km, longer than any run before it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from runstrong.core.model import PlanWeek
from runstrong.core.rules.audit.common import LOADING, runs
from runstrong.core.rules.quality import Q1_DELOAD_CUT, Q1_DELOAD_SLACK, Q6_SHORT_RUN_KM

if TYPE_CHECKING:
    from runstrong.core.rules.audit.stated import Facts

_ROUNDED_KM = 0.06
"""A number printed to 0.1 km matches a figure within this (``stated.ROUNDED_KM``)."""
_NUM = r"(\d+(?:\.\d+)?)"
DELOAD_FLOOR = re.compile(
    rf"^Q1: this deload runs {_NUM} km, (\d+)% less than the {_NUM} km of the week before, "
    rf"not 20-30 %: its (\d+) runs? at the {_NUM} km floor \(Q6: no shorter run\) make "
    rf"{_NUM} km, and one run fewer, none longer than that week's {_NUM} km long "
    rf"run, at most {_NUM} km\.$"
)


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= _ROUNDED_KM


def verify_deload_depth(note: str, week: PlanWeek | None, facts: Facts) -> bool:
    """Q1 deload-depth: the note's week is a deload after a loading week of the plan,
    its km, cut, run count and the week before's km and long run are the plan's, its
    runs are at least 3 km each and together no more (the floor), and neither its runs
    at 3 km nor one run fewer at the long run before reach the band (``Q1_DELOAD_CUT``
    with the audit's slack)."""
    m = DELOAD_FLOOR.match(note)
    plan = facts.plan
    if m is None or week is None or week not in plan.weeks:
        return False
    i = plan.weeks.index(week)
    if i == 0 or not week.deload:
        return False
    before = plan.weeks[i - 1]
    if before.deload or before.phase not in LOADING or before.run_km <= 0:
        return False
    km, cut, prev_km, n = float(m.group(1)), int(m.group(2)), float(m.group(3)), int(m.group(4))
    floor, least, long_km, most = (float(g) for g in m.group(5, 6, 7, 8))
    mine, theirs = runs(week), runs(before)
    long_before = max((s.distance_km or 0.0 for s in theirs), default=0.0)
    low, high = Q1_DELOAD_CUT
    return (
        _near(km, week.run_km)
        and _near(prev_km, before.run_km)
        and abs(cut - 100 * (1 - week.run_km / before.run_km)) <= 0.5 + 1e-9
        and n == len(mine)
        and floor == Q6_SHORT_RUN_KM
        and all((s.distance_km or 0.0) >= floor - _ROUNDED_KM for s in mine)
        and _near(least, n * floor)
        and week.run_km <= least + 0.1
        and _near(long_km, long_before)
        and _near(most, (n - 1) * long_before)
        and n * floor > (1 - low + Q1_DELOAD_SLACK) * before.run_km
        and (n - 1) * long_before < (1 - high - Q1_DELOAD_SLACK) * before.run_km
    )
