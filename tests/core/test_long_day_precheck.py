"""R6: ``keep_long_day`` pins the long run on the preferred day only when a window of
that day holds it; otherwise the pinned search could only drop it, so none is made
(issue 11 item 8: about 45 % of its searches over random athletes were of that kind)."""

from __future__ import annotations

import datetime as dt

import pytest

from runstrong.core.athlete import Slot, TimeWindow
from runstrong.core.model import SessionKind
from runstrong.core.planning import long_day
from runstrong.core.planning.schedule import (
    EMPTY_SIG,
    DayCalendar,
    Demand,
    WeekSchedule,
    schedule_below,
    schedule_week,
)

MON = dt.date(2026, 11, 30)
SUNDAY = 6
LONG = Demand("long", SessionKind.RUN, "long", 120, long=True, drop_rule="drop-long")
EASY = Demand("easy", SessionKind.RUN, "easy", 40)


def _days(sunday: tuple[str, str]) -> list[DayCalendar]:
    def slot(a: str, b: str) -> Slot:
        return Slot(TimeWindow(dt.time.fromisoformat(a), dt.time.fromisoformat(b)), True, False)

    windows = {2: ("06:00", "07:00"), 5: ("08:00", "11:00"), 6: sunday}
    return [
        DayCalendar(MON + dt.timedelta(days=i), (slot(*windows[i]),) if i in windows else ())
        for i in range(7)
    ]


def _searches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []

    def counted(*args: object) -> WeekSchedule | None:
        calls.append(1)
        return schedule_below(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(long_day, "schedule_below", counted)
    return calls


def test_no_search_when_the_long_run_day_cannot_hold_the_long_run(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    days = _days(("07:00", "08:00"))  # 60 minutes on Sunday: the 120-minute run cannot go
    result = schedule_week([LONG, EASY], days, SUNDAY)
    assert [p.date.weekday() for p in result.placed if p.demand.long] == [5]
    calls = _searches(monkeypatch)
    assert long_day.keep_long_day([LONG, EASY], result, days, SUNDAY, EMPTY_SIG) is result
    assert calls == []
