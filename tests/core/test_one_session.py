"""Q6/R4: "one session" (a lift straight after the run, run first) has one definition,
``rules.predicates.lift_joins_run``, which the scheduler's costs and the audit's R4
order both ask (issue 12 part 4).

Before, the scheduler called a pair one session when it shared a window, and the
audit when the lift started within 15 min of the run's end: a quality run that ends
at 07:00 in one window and a lift at 07:10 in the next window was "strength after
the quality run" (R4-order) to the scheduler and one session to the audit.
"""

from __future__ import annotations

import datetime as dt

import pytest

from runstrong.core.model import PlannedSession, SessionKind
from runstrong.core.planning.schedule import Demand, Placed
from runstrong.core.planning.schedule_costs import day_rules
from runstrong.core.rules.catalogue import check_r4
from runstrong.core.rules.predicates import ONE_SESSION_GAP_MIN, lift_joins_run

DAY = dt.date(2027, 3, 2)
RUN = Demand("run0", SessionKind.RUN, "intervals", 60, hard=True, drop_rule="drop-hard")
LIFT = Demand("lift0", SessionKind.STRENGTH, "moderate", 45, drop_rule="drop-strength")


def test_one_session_is_run_first_and_the_lift_within_15_min() -> None:
    assert ONE_SESSION_GAP_MIN == 15
    assert lift_joins_run(360, 60, 420)  # lift at the run's end
    assert lift_joins_run(360, 60, 435)  # 15 min later
    assert not lift_joins_run(360, 60, 436)  # 16 min later: two sessions
    assert not lift_joins_run(360, 60, 300)  # lift first: not "run first"
    assert not lift_joins_run(360, 60, 410)  # overlapping the run


def _session(d: Demand, start_min: int) -> PlannedSession:
    return PlannedSession(
        id=d.key, date=DAY, start=dt.time(start_min // 60, start_min % 60), kind=d.kind,
        category=d.category, hard=d.hard, duration_min=float(d.duration_min), load=0.0,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("lift_start", "run_window", "lift_window", "out_of_order"),
    [
        (420, 0, 0, False),  # one window, lift straight after the run
        (430, 0, 1, False),  # next window, 10 min after the run's end: one session
        (450, 0, 1, True),  # next window, 30 min after: two sessions, R4's order broken
        (1080, 0, 1, True),  # evening lift after a morning quality run
    ],
)
def test_scheduler_and_audit_agree_on_one_session(
    lift_start: int, run_window: int, lift_window: int, out_of_order: bool
) -> None:
    run = Placed(RUN, DAY, 360, run_window, RUN.category, False)
    lift = Placed(LIFT, DAY, lift_start, lift_window, LIFT.category, False)
    scheduler = "R4-order" in day_rules(run, lift, long_run_day=6)
    audit = any(
        b.rule_id == "R4" and "comes after" in b.message
        for b in check_r4([_session(RUN, 360), _session(LIFT, lift_start)])
    )
    assert scheduler is out_of_order
    assert audit is out_of_order
