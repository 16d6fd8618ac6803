"""Place one week's sessions into the athlete's real windows (R0–R6, Q4–Q6), optimally.

The week is a constraint optimisation: every rule of ``core.rules.catalogue.RULES``
has a weight (hard rules a huge one), and ``schedule_week`` returns the placement
with the smallest total weight. Each day holds at most one run and one
strength session; every rule that links sessions only looks at the same day
or the two days before (R3's 24 h, R4's next day, Q4's 48 h between quality
runs), so the exact optimum is found by dynamic programming over the days: the
state is (day, sessions still to place, ``DaySig`` of the previous day, which
carries the day before it for Q4). Identical sessions (e.g. easy runs of the
same length) are counted, not enumerated, which removes symmetric solutions. A
session that cannot be placed anywhere is dropped at the weight of its
``drop-*`` rule, so a week always comes out (see docs/planner.md). The costs
live in ``core.planning.schedule_costs``.

Pure: no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from runstrong.core.planning.schedule_costs import (
    EMPTY_SIG,
    DayCalendar,
    DaySig,
    Demand,
    Penalty,
    Placed,
    SchedulerError,
    Sig,
    WeekSchedule,
    day_sig,
    end_sig,
    evaluate,
)
from runstrong.core.planning.schedule_options import DayOption
from runstrong.core.planning.schedule_search import WeekSearch, place, type_pools

__all__ = [
    "EMPTY_SIG",
    "DayCalendar",
    "DaySig",
    "Demand",
    "Penalty",
    "Placed",
    "SchedulerError",
    "Sig",
    "WeekSchedule",
    "day_sig",
    "end_sig",
    "evaluate",
    "schedule_below",
    "schedule_week",
]


def schedule_week(
    demands: Sequence[Demand],
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: DaySig = EMPTY_SIG,
) -> WeekSchedule:
    """The minimum-weight placement of ``demands`` on ``days`` (exact).

    ``previous`` is the signature (``day_sig``) of the day before ``days[0]``,
    so R3/R4/Q4 hold across the week boundary and when re-planning mid-week.
    """
    week = schedule_below(demands, days, long_run_day, previous, math.inf)
    if week is None:
        raise SchedulerError("the search found no week below an infinite budget")
    return week


def schedule_below(
    demands: Sequence[Demand],
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: DaySig,
    budget: float,
) -> WeekSchedule | None:
    """``schedule_week``'s placement if its weight is below ``budget``, else None.

    A caller that keeps a week only under some weight (``long_day.keep_long_day``) lets
    the search give up on every partial week that cannot beat it (issue 11). Below the
    budget the placement is ``schedule_week``'s: of the options that reach the least
    weight the search keeps the first, however it was pruned (``schedule_search``)."""
    key = _week_key(demands, days, long_run_day, previous)
    hit = _WEEKS.get(key)
    if hit is None:
        search = WeekSearch(demands, days, long_run_day, previous)
        total = search.optimum(budget)
        if total >= budget:
            return None  # not cached: only a lower bound is known
        hit = (total, search.picks())
        if len(_WEEKS) >= _WEEKS_MAX:
            _WEEKS.clear()
        _WEEKS[key] = hit
    total, picks = hit
    if total >= budget:
        return None
    pools = type_pools(demands)
    placed = place(picks, pools, [day.date for day in days])
    dropped = tuple(item for pool in pools for item in pool)
    cost, penalties = evaluate(placed, dropped, days, long_run_day, previous)
    if abs(cost - total) > 1e-6:
        raise SchedulerError(f"the solver's cost {total} differs from the week's {cost}")
    return WeekSchedule(tuple(placed), dropped, tuple(penalties), cost)


_WEEKS: dict[tuple[object, ...], tuple[float, tuple[DayOption, ...]]] = {}
"""The optimum and each day's option of the weeks solved so far, by ``_week_key``
(cleared when it holds ``_WEEKS_MAX``): a season re-places weeks of the same shape,
and the re-tries of one week (fewer easy runs, the long run pinned) repeat earlier ones."""
_WEEKS_MAX = 4096
_MONDAY = dt.date(2001, 1, 1)


def _week_key(
    demands: Sequence[Demand], days: Sequence[DayCalendar], long_run_day: int, previous: DaySig
) -> tuple[object, ...]:
    """What the search reads of a week, dates counted from its first day: the types
    (``Demand.type_key``, not the session keys) in order, the days' windows, which day
    is the long-run day, and the day before. Weeks with one key have one optimum, whose
    options place the sessions of either (``place``)."""
    first = days[0].date if days else _MONDAY
    shift = _MONDAY + dt.timedelta(days=first.weekday()) - first  # keeps the weekdays
    types = tuple(d.type_key(shift) for d in demands)
    week = tuple((day.date + shift, day.slots, day.two_a_days) for day in days)
    return types, week, long_run_day, previous
