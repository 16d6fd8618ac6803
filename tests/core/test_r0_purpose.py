"""R0: strength serves running — lifting never eats into the key runs when the week has room.

R0 is enforced through the scheduler's soft rules (``core.rules.RULES`` keys
starting with "R0-"): with a roomy week the optimum keeps heavy lifting away
from the day before a key run and off quality-run days; with a cramped week
the trade-off is made and reported as an R0 penalty, never silently.
"""

from __future__ import annotations

import datetime as dt

import pytest

from runstrong.core.athlete import Slot, TimeWindow
from runstrong.core.model import SessionKind
from runstrong.core.planning.schedule import DayCalendar, Demand, schedule_week
from runstrong.core.rules.catalogue import RULES, weight

MON = dt.date(2026, 11, 30)


def _slot() -> Slot:
    return Slot(TimeWindow(dt.time(17, 0), dt.time(20, 0)), True, True)


def _days(n: int) -> list[DayCalendar]:
    return [DayCalendar(MON + dt.timedelta(i), (_slot(),), True) for i in range(n)]


DEMANDS = [
    Demand("int", SessionKind.RUN, "intervals", 60, hard=True, drop_rule="drop-hard"),
    Demand("long", SessionKind.RUN, "long", 90, long=True, drop_rule="drop-long"),
    Demand("easy", SessionKind.RUN, "easy", 40),
    Demand("heavy", SessionKind.STRENGTH, "heavy", 50, heavy=True, drop_rule="drop-strength"),
    Demand("mod", SessionKind.STRENGTH, "moderate", 45, drop_rule="drop-strength"),
]


def test_r0_rules_are_soft_data() -> None:
    r0 = [r for r in RULES if r.rule_id == "R0"]
    assert r0 and all(not r.hard for r in r0)


def test_r0_roomy_week_keeps_lifting_away_from_key_runs() -> None:
    week = schedule_week(DEMANDS, _days(7), long_run_day=6)
    assert not week.dropped
    assert not [p for p in week.penalties if p.rule.startswith("R0")]
    by_key = {p.demand.key: p for p in week.placed}
    quality_day = by_key["int"].date
    key_days = {quality_day, by_key["long"].date}
    for lift in ("heavy", "mod"):
        assert by_key[lift].date != quality_day  # no lifting on the quality-run day
    assert by_key["heavy"].date + dt.timedelta(days=1) not in key_days  # not the eve of a key run


def test_r0_cramped_week_reports_the_trade_off() -> None:
    # Three days for five sessions, one window a day: something gives, and it is named.
    week = schedule_week(DEMANDS, _days(3), long_run_day=2)
    assert len(week.placed) + len(week.dropped) == len(DEMANDS)
    assert week.penalties
    assert all(p.rule in {r.key for r in RULES} for p in week.penalties)
    assert week.cost == pytest.approx(sum(weight(p.rule) for p in week.penalties))
