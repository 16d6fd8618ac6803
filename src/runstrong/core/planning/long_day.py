"""R6: the long run keeps the athlete's preferred long-run day unless a weightier rule
than the 48 h default between quality runs moves it (issue 12 item 2). Pure.

``R6-long-day`` (480) weighs more than one ``Q4-spacing`` gap of 36-48 h (430), so
quality runs move round the long run; but a week with three key runs (a taper long
run still counts while it is a quarter of the week) can leave two such gaps with the
long run on its day (860), and the solver moved it instead: the 100 km athlete's first
taper week ran its long run on Wednesday with Sunday open. Q4's 36 h floor, a lift
alone (Q6), a drop or a hard rule still move it (docs/planner.md, ``R6-long-day``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from runstrong.core.planning.schedule import (
    DayCalendar,
    Demand,
    Sig,
    WeekSchedule,
    schedule_below,
)
from runstrong.core.planning.schedule_options import run_placements
from runstrong.core.rules.catalogue import weight

_TRADED = ("Q4-spacing", "R6-long-day")
"""The rules the long run on its day may trade: the 48 h default for the preferred day."""


def _other_cost(result: WeekSchedule) -> float:
    return sum(weight(p.rule) for p in result.penalties if p.rule not in _TRADED)


def _budget(demands: Sequence[Demand], days: Sequence[DayCalendar], result: WeekSchedule) -> float:
    """A weight the pinned week stays below whenever it could be kept: the rules other
    than the traded ones weigh no more than ``result``'s, and the traded ones at most
    one ``Q4-spacing`` a day with a quality run and one ``R6-long-day`` a long run (a
    day's own and pair rules, ``schedule_costs.evaluate``), plus 1 to spare."""
    quality = min(sum(d.quality for d in demands), len(days))
    longs = sum(d.long for d in demands)
    traded = quality * weight("Q4-spacing") + longs * weight("R6-long-day")
    return _other_cost(result) + traded + 1.0


def keep_long_day(
    demands: Sequence[Demand],
    result: WeekSchedule,
    days: Sequence[DayCalendar],
    long_run_day: int,
    previous: Sig,
) -> WeekSchedule:
    """R6: ``result`` placed again with the long run fixed on the preferred day, when
    the solver put it elsewhere and that costs only gaps of 36-48 h between quality
    runs (no more drops, no other rule broken more); else ``result``."""
    long = next((p for p in result.placed if p.demand.long), None)
    if long is None or long.date.weekday() == long_run_day or long.demand.fixed_date:
        return result
    day = next((d for d in days if d.date.weekday() == long_run_day and d.slots), None)
    if day is None or not any(run_placements(day, d) for d in demands if d.long):
        return result  # no window of the day holds the long run: the search would drop it
    pinned = [dataclasses.replace(d, fixed_date=day.date) if d.long else d for d in demands]
    retry = schedule_below(pinned, days, long_run_day, previous, _budget(demands, days, result))
    if retry is None:
        return result  # its other rules alone would weigh more than the result's
    on_day = any(p.demand.long and p.date == day.date for p in retry.placed)
    fewer = len(retry.dropped) <= len(result.dropped)
    if on_day and fewer and _other_cost(retry) <= _other_cost(result) + 1e-6:
        return retry
    return result
