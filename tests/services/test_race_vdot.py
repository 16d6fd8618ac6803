"""R26 end to end: a time trial done as planned (warm-up, strides, the trial, cool-down,
one lap per step as a watch records it) keeps the plan's VDOT; the whole session's
average pace used to re-estimate the demo runner's paces from VDOT 42.5 down to 35."""

from __future__ import annotations

import datetime as dt

import pytest

from runstrong.core.athlete import parse_profile
from runstrong.core.model import StepKind
from runstrong.core.science.paces import vdot_from_race
from runstrong.services import coach_steps
from runstrong.services.day import activity_from_session
from runstrong.services.demo import demo_profile
from runstrong.services.planning import build_plan
from runstrong.storage.records import StoredActivity

NOW = dt.datetime(2026, 12, 7, 12, tzinfo=dt.UTC)


def test_a_time_trial_done_as_planned_keeps_the_plans_vdot() -> None:
    plan = build_plan(parse_profile(demo_profile(dt.date(2026, 12, 7))), dt.date(2026, 10, 1))
    trial = next(s for s in plan.sessions() if s.category == "time_trial")
    assert plan.vdot is not None and trial.distance_km is not None
    done = StoredActivity(1, 1, activity_from_session(trial, dt.UTC), NOW)
    assert done.activity.distance_m == trial.distance_km * 1000  # the whole session
    found = coach_steps.latest_race(plan, [done], {trial.id: done})
    assert found is not None
    # The VDOT of the trial itself, at the middle of its prescribed pace range.
    (work,) = [s for s in trial.steps if s.kind is StepKind.WORK]
    assert work.distance_m is not None and work.pace_s_per_km is not None
    seconds = work.distance_m / 1000 * sum(work.pace_s_per_km) / 2
    assert found[1] == pytest.approx(vdot_from_race(work.distance_m, seconds), abs=0.05)
    assert abs(found[1] - plan.vdot) < 2.0  # and near the plan's own
