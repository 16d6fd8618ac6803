"""R8/Q5: the taper's shape (issue 12 item 2, coach review session 6): no deload week
directly before the taper, and taper long runs that fall week by week."""

from __future__ import annotations

import pytest
from coachqa import coachqa_plan

from runstrong.core.model import Phase, PlanWeek, SessionKind
from runstrong.core.rules.audit.engine import audit_plan


def _long_km(week: PlanWeek) -> float:
    return max(
        (s.distance_km or 0.0 for s in week.sessions
         if s.kind is SessionKind.RUN and s.category == "long"),
        default=0.0,
    )  # fmt: skip


@pytest.mark.parametrize("name", ["a6", "a7"])
def test_the_week_before_the_taper_is_a_full_loading_week(name: str) -> None:
    _, plan = coachqa_plan(name)
    first = next(i for i, w in enumerate(plan.weeks) if w.phase is Phase.TAPER)
    before = plan.weeks[first - 1]
    assert not before.deload
    assert plan.weeks[first].run_km <= 0.75 * before.run_km


def test_a_pfitzinger_taper_shortens_its_long_runs_week_by_week() -> None:
    _, plan = coachqa_plan("a3")
    longs = [_long_km(w) for w in plan.weeks if w.phase is Phase.TAPER]
    assert len(longs) == 2  # with the race week, a three-week taper
    assert longs[0] > longs[1] > 0


@pytest.mark.parametrize("name", ["a2", "a3", "a4", "a4b", "a6", "a7", "a8"])
def test_planned_tapers_pass_the_taper_checks(name: str) -> None:
    athlete, plan = coachqa_plan(name)
    checks = {b.message.split(":", 1)[0] for b in audit_plan(plan, athlete=athlete)}
    assert not checks & {"taper-long-shape", "taper-after-deload", "taper-shape"}
