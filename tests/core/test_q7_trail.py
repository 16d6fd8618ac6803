"""Q7 (issue 12 part 6): a trail or mountain race with climb gets slow-eccentric quad
strength in build and peak, never in the race's last 10 days, explained in ``why``;
the quality audit flags a trail plan without hill work, eccentric strength or (from
50 km) back-to-back long runs in peak."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from planner_profiles import START, profile

from runstrong.core.athlete import parse_profile
from runstrong.core.exercises import load_library
from runstrong.core.model import Phase, Plan, PlannedSession, PlanWeek, SessionKind
from runstrong.core.planning.build import build_plan
from runstrong.core.rules.audit.engine import audit_plan

LIB = load_library()
TRAIL: dict[str, Any] = {
    "goal.distance": "50000m", "goal.terrain": "trail", "goal.elevation_gain_m": 2200,
    "goal.target_time": None, "running.weekly_km": 55, "running.longest_run_km": 22,
}  # fmt: skip


def _plan(**changes: Any) -> Plan:
    return build_plan(parse_profile(profile(**changes)), START)


def _eccentric(s: PlannedSession) -> list[str]:
    return [ex.name for ex in s.exercises if LIB.get(ex.name).eccentric]


def _lifts(plan: Plan, phases: tuple[Phase, ...]) -> list[PlannedSession]:
    return [
        s
        for w in plan.weeks
        if w.phase in phases
        for s in w.sessions
        if s.kind is SessionKind.STRENGTH
    ]


def test_q7_trail_lifts_in_build_and_peak_train_eccentric_quads() -> None:
    plan = _plan(**TRAIL)
    race_day = plan.race_date
    hard_phases = _lifts(plan, (Phase.BUILD, Phase.PEAK))
    early = [s for s in hard_phases if (race_day - s.date).days > 17]
    assert early and all(_eccentric(s) for s in early)
    assert all(any(y.startswith("Q7: ") and "downhills" in y for y in s.why) for s in early)
    late = [s for s in plan.sessions() if 0 <= (race_day - s.date).days <= 10]
    assert late and not [s.id for s in late if s.kind is SessionKind.STRENGTH and _eccentric(s)]


def test_q7_a_road_race_gets_no_extra_eccentric_slot() -> None:
    road = _plan(**{**TRAIL, "goal.terrain": "road", "goal.elevation_gain_m": 0})
    lifts = _lifts(road, (Phase.BUILD, Phase.PEAK))
    assert lifts and not [y for s in lifts for y in s.why if y.startswith("Q7: ")]


def _q7(plan: Plan, athlete_changes: dict[str, Any]) -> list[tuple[str, str]]:
    athlete = parse_profile(profile(**athlete_changes))
    return [
        (b.severity.value, b.message.split(":", 1)[0])
        for b in audit_plan(plan, athlete=athlete)
        if b.rule_id == "Q7"
    ]


def _edit_sessions(plan: Plan, edit: Any) -> Plan:
    weeks = tuple(
        dataclasses.replace(w, sessions=tuple(edit(w, s) for s in w.sessions)) for w in plan.weeks
    )
    return dataclasses.replace(plan, weeks=weeks)


def _flat(week: PlanWeek, s: PlannedSession) -> PlannedSession:
    if s.kind is not SessionKind.RUN:
        return s
    category = "easy" if s.category == "hills" else s.category
    why = tuple(y for y in s.why if "hill" not in y.lower())
    return dataclasses.replace(s, category=category, title="Run", why=why, steps=())


def _no_eccentric(week: PlanWeek, s: PlannedSession) -> PlannedSession:
    kept = tuple(ex for ex in s.exercises if not LIB.get(ex.name).eccentric)
    return dataclasses.replace(s, exercises=kept)


def _single_long(week: PlanWeek, s: PlannedSession) -> PlannedSession:
    long_days = {x.date for x in week.sessions if x.category == "long"}
    beside = {d + dt.timedelta(days=k) for d in long_days for k in (-1, 1)}
    if s.kind is SessionKind.RUN and s.date in beside:
        return dataclasses.replace(s, duration_min=30.0)
    return s


def test_q7_audit_passes_the_planners_trail_plan_and_ignores_road() -> None:
    assert _q7(_plan(**TRAIL), TRAIL) == []
    road = {**TRAIL, "goal.terrain": "road", "goal.elevation_gain_m": 0}
    assert _q7(_edit_sessions(_plan(**road), _flat), road) == []


def test_q7_audit_finds_a_trail_plan_without_hills_or_eccentric_strength() -> None:
    plan = _plan(**TRAIL)
    assert _q7(_edit_sessions(plan, _flat), TRAIL) == [("quality", "hill-work")]
    assert _q7(_edit_sessions(plan, _no_eccentric), TRAIL) == [("quality", "eccentric-strength")]


def test_q7_audit_wants_back_to_back_long_runs_from_50_km_or_a_stated_limit() -> None:
    plan = _edit_sessions(_plan(**TRAIL), _single_long)
    assert _q7(plan, TRAIL) == [("quality", "back-to-back")]
    note = "Q7: back-to-back long runs do not fit this week: your windows."
    # a note of a plan week that asks for a pair and has none states the limit
    peak = next(i for i, w in enumerate(plan.weeks) if w.phase is Phase.PEAK and not w.deload)
    weeks = list(plan.weeks)
    weeks[peak] = dataclasses.replace(weeks[peak], notes=(*weeks[peak].notes, note))
    assert _q7(dataclasses.replace(plan, weeks=tuple(weeks)), TRAIL) == [("info", "back-to-back")]
    # rules.audit.stated: a plan note of no week claims nothing a week can be checked on
    stated = dataclasses.replace(plan, notes=(*plan.notes, note))
    assert _q7(stated, TRAIL) == [("quality", "back-to-back")]
    shorter = {**TRAIL, "goal.distance": "30000m"}
    assert _q7(_edit_sessions(_plan(**shorter), _single_long), shorter) == []
