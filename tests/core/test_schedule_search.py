"""The scheduler's search (issue 12 part 10d): the placement does not depend on how the
search was pruned, and the pruning keeps a dense week's search small."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from test_scheduling import MON, easy, hard, heavy, long_run, moderate, slot, small_weeks

from runstrong.core.planning.schedule import EMPTY_SIG, DayCalendar, Demand, schedule_week
from runstrong.core.planning.schedule_search import INF, WeekSearch


def exhaustive(demands: list[Demand], days: list[DayCalendar], long_day: int) -> WeekSearch:
    """The same search with no budget at all: every state's optimum is computed."""
    search = WeekSearch(demands, days, long_day, EMPTY_SIG)
    search.solve(0, search.counts0, EMPTY_SIG, INF, search.runs0, search.lifts0)
    return search


@settings(max_examples=40, deadline=None)
@given(small_weeks())
def test_placement_is_the_one_of_the_unpruned_search(
    week: tuple[list[Demand], list[DayCalendar], int],
) -> None:
    demands, days, long_day = week
    result = schedule_week(demands, days, long_day)
    plain = exhaustive(demands, days, long_day)
    assert result.placed == tuple(plain.walk())
    assert result.dropped == plain.dropped()


def crowded_week(n_days: int, two_a_days: bool) -> tuple[list[Demand], list[DayCalendar]]:
    """Two windows a day, 7 runs and 3 lifts (bench_plan's dense case has 7 days and
    two-a-days; with fewer days or one session a window some sessions must go)."""
    days = [
        DayCalendar(
            MON + dt.timedelta(i), (slot("06:00", "07:30"), slot("17:30", "19:30")), two_a_days
        )
        for i in range(n_days)
    ]
    demands = [easy("e1", 45), easy("e2", 45), easy("e3", 50), easy("e4", 40),
               hard("i", 60), hard("t", 55, "threshold"), long_run(110),
               heavy("h1"), heavy("h2"), moderate()]  # fmt: skip
    return demands, days


def test_crowded_weeks_place_as_the_unpruned_search() -> None:
    for n_days, two_a_days in ((7, True), (6, False), (4, True)):
        demands, days = crowded_week(n_days, two_a_days)
        search = WeekSearch(demands, days, n_days - 1, EMPTY_SIG)
        total = search.optimum()
        plain = exhaustive(demands, days, n_days - 1)
        assert total == plain.memo[plain.state(0, plain.counts0, EMPTY_SIG)][0]
        assert search.walk() == plain.walk()


def test_a_week_that_must_drop_sessions_searches_few_states() -> None:
    """6 days, no two-a-days, 10 sessions: the optimum (2,535) drops one. Measured:
    1,157 states with the greedy week as a budget; the budgets 64, 1,024, 16,384, ∞
    alone kept 3,777."""
    demands, days = crowded_week(6, False)
    search = WeekSearch(demands, days, 5, EMPTY_SIG)
    assert search.optimum() == 2535.0
    assert len(search.memo) <= 1500


def test_a_week_of_a_solved_shape_places_its_own_sessions_on_its_own_days() -> None:
    """``schedule_week`` keeps each week shape's optimum (``schedule._week_key``): a later
    week of the same shape, other session keys and dates, gets its own sessions placed
    on its own dates, as a search of that week alone places them."""
    demands, days = crowded_week(6, False)
    schedule_week(demands, days, 5)
    later_demands = [dataclasses.replace(d, key=f"{d.key}-w2") for d in demands]
    later_days = [dataclasses.replace(day, date=day.date + dt.timedelta(7)) for day in days]
    result = schedule_week(later_demands, later_days, 5)
    alone = WeekSearch(later_demands, later_days, 5, EMPTY_SIG)
    alone.optimum()
    assert result.placed == tuple(alone.walk())
    assert result.dropped == alone.dropped()
    assert {p.demand.key for p in result.placed} <= {d.key for d in later_demands}
    assert {p.date for p in result.placed} <= {day.date for day in later_days}
