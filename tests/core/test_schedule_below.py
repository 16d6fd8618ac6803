"""``schedule_below``: the week ``schedule_week`` places when its weight is under the
budget, else None (``long_day.keep_long_day`` keeps a pinned week only under a weight,
issue 11 item 8)."""

from __future__ import annotations

import datetime as dt

from runstrong.core.athlete import Slot, TimeWindow
from runstrong.core.model import SessionKind
from runstrong.core.planning import schedule
from runstrong.core.planning.schedule import (
    EMPTY_SIG,
    DayCalendar,
    Demand,
    schedule_below,
    schedule_week,
)

MON = dt.date(2026, 11, 30)
SUNDAY = 6
LONG = Demand("long", SessionKind.RUN, "long", 120, long=True, drop_rule="drop-long")
DROP_LONG = 4_000.0  # the catalogue's weight of "drop-long"


def _hour_each_morning() -> list[DayCalendar]:
    window = TimeWindow(dt.time(6), dt.time(7))
    return [DayCalendar(MON + dt.timedelta(days=i), (Slot(window, True, False),)) for i in range(7)]


def test_a_week_at_or_over_the_budget_is_none() -> None:
    schedule._WEEKS.clear()  # the search itself, not a cached optimum
    days = _hour_each_morning()  # no window holds the 120-minute long run: it is dropped
    assert schedule_below([LONG], days, SUNDAY, EMPTY_SIG, DROP_LONG) is None
    assert schedule_below([LONG], days, SUNDAY, EMPTY_SIG, 100.0) is None


def test_a_week_under_the_budget_is_the_week_schedule_week_places() -> None:
    schedule._WEEKS.clear()
    days = _hour_each_morning()
    below = schedule_below([LONG], days, SUNDAY, EMPTY_SIG, DROP_LONG + 0.5)
    assert below is not None
    assert below.cost == DROP_LONG
    assert below.dropped == (LONG,)
    assert below == schedule_week([LONG], days, SUNDAY)
    # and from the week cache, which schedule_week filled
    assert schedule_below([LONG], days, SUNDAY, EMPTY_SIG, DROP_LONG) is None
