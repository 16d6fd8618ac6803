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
from runstrong.core.planning.schedule_search import WeekSearch

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
    search = WeekSearch(demands, days, long_run_day, previous)
    total = search.optimum()
    placed = search.walk()
    dropped = search.dropped()
    cost, penalties = evaluate(placed, dropped, days, long_run_day, previous)
    if abs(cost - total) > 1e-6:
        raise SchedulerError(f"the solver's cost {total} differs from the week's {cost}")
    return WeekSchedule(tuple(placed), dropped, tuple(penalties), cost)
