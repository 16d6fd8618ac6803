"""Steps of the daily coach (``services.coach.today``), one function per concern:
follow the log (R14), re-plan missed days (R22), rebuild future weeks (R1, new VDOT),
find the latest race, the day's fuel (R24) and a lighter rest of the week (R21).

Each step takes the plan and what was read from storage and returns a new plan
plus the ``Change`` records that explain it; none of them writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Mapping, Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.coaching.adaptation import Change, adapt_day
from runstrong.core.coaching.race_effort import race_effort
from runstrong.core.coaching.readiness import Flag, Readiness, Status
from runstrong.core.errors import RunstrongError
from runstrong.core.model import Plan, PlannedSession, RunCategory, SessionKind, Wellness
from runstrong.core.planning.build import WeekChanges, build_plan, replan_week
from runstrong.core.planning.periodization import PlanOptions
from runstrong.core.science.nutrition import NutritionTargets, daily_targets
from runstrong.core.science.paces import vdot_from_race
from runstrong.services import coach_history as hist
from runstrong.services.coach_events import Progression, days_off, of_type
from runstrong.services.coach_plan import (
    exercise_keys,
    follow_log,
    replace_day,
    sessions_on,
    splice_future,
    week_index_of,
)
from runstrong.storage.records import StoredActivity, StoredPlanEvent

MIN_RACE_M = 1500.0
"""Shortest race or time trial used to re-estimate VDOT."""


def describe(sessions: Sequence[PlannedSession]) -> str:
    """Short text of a list of sessions: "Thu easy run, Sun long run"."""
    if not sessions:
        return "nothing"
    return ", ".join(f"{s.date:%a} {s.category} {s.kind.value}" for s in sessions)


def follow_logs(
    plan: Plan,
    matches: Mapping[str, StoredActivity],
    events: Sequence[StoredPlanEvent],
    day: dt.date,
    *,
    hold: str | None = None,
) -> tuple[Plan, list[Change], list[int]]:
    """R14 for every matched lift not followed yet (oldest first); ``hold`` (a reason)
    turns every progression into a hold (no progression during a red streak)."""
    done = {e.activity_id for _, e in of_type(events, Progression)}
    changes: list[Change] = []
    followed: list[int] = []
    lifts = sorted(
        (
            (s, a)
            for s in plan.sessions()
            if s.kind is SessionKind.STRENGTH and s.date <= day and (a := matches.get(s.id))
        ),
        key=lambda p: p[0].date,
    )
    fresh = [(s, a) for s, a in lifts if a.id not in done and a.activity.sets]
    # Each exercise follows only its most recent logged lift: older lifts of the same
    # exercise are superseded, so progressions never compound.
    latest: dict[str, int] = {}
    for s, a in fresh:
        for key in exercise_keys(s):
            latest[key] = a.id
    for s, a in fresh:
        only = frozenset(k for k, aid in latest.items() if aid == a.id)
        if only:
            plan, ch = follow_log(
                plan,
                s,
                a.activity,
                after=max(s.date, day - dt.timedelta(days=1)),
                only=only,
                hold=hold,
            )
            changes.extend(ch)
        followed.append(a.id)
    return plan, changes, followed


def replan_missed(
    plan: Plan,
    athlete: Athlete | None,
    matches: Mapping[str, StoredActivity],
    day: dt.date,
    events: Sequence[StoredPlanEvent] = (),
) -> tuple[Plan, list[Change], list[str], list[str]]:
    """R22: sessions of this week's earlier days with no activity re-plan the week (the
    days ``plan skip`` made unavailable, read from ``events``, stay free)."""
    wi = week_index_of(plan, day)
    if wi is None:
        return plan, [], [], []
    week = plan.weeks[wi]
    missed = hist.missed_sessions(week.sessions, matches, before=day, since=week.start_date)
    # A race has its date: one without a logged activity is history, never moved or dropped.
    missed = [s for s in missed if s.category != RunCategory.RACE]
    if not missed:
        return plan, [], [], []
    ids = [s.id for s in missed]
    what = ", ".join(f"{s.category} {s.kind.value} of {s.date:%a %d %b}" for s in missed)
    if athlete is None:
        note = f"missed {what}; add a profile (runstrong plan new) so the week can be re-planned"
        return plan, [], [], [note]
    off = days_off(events, day, week.start_date + dt.timedelta(days=7))
    changes = WeekChanges(missed=frozenset(ids), unavailable=off)
    new = replan_week(plan, wi, changes, day, athlete=athlete)
    rest = [s for s in new.weeks[wi].sessions if s.date >= day]
    msg = (
        f"missed {what}: the rest of the week is re-planned without cramming "
        f"(key sessions kept, easy volume absorbs; R3–R5 hold): {describe(rest)}"
    )
    return new, [Change("R22", ids[0], msg)], ids, []


@functools.lru_cache(maxsize=8)
def season(athlete: Athlete, start: dt.date, consistency_ok: bool) -> Plan | None:
    """The planner's season for a rebuild (None when it refuses the profile). Pure, so
    kept for the last few profiles: the Today page previews the same R1/VDOT rebuild
    after every change of the log, and a season costs ~100–300 ms to build."""
    try:
        return build_plan(
            athlete, start, options=PlanOptions(consistency_ok=consistency_ok or None)
        )
    except RunstrongError:
        return None


def rebuild_future(
    plan: Plan, athlete: Athlete, day: dt.date, *, consistency_ok: bool, vdot: float | None
) -> Plan | None:
    """The weeks after ``day``'s week rebuilt by the planner; None if the plan has none."""
    wi = week_index_of(plan, day)
    if wi is None or wi + 1 >= len(plan.weeks):
        return None
    prof = athlete if vdot is None else dataclasses.replace(athlete, vdot=vdot)
    rebuilt = season(prof, plan.start_date, consistency_ok)
    if rebuilt is None or len(rebuilt.weeks) != len(plan.weeks):
        return None
    return splice_future(plan, rebuilt, wi + 1)


def latest_race(
    plan: Plan, acts: Sequence[StoredActivity], matches: Mapping[str, StoredActivity]
) -> tuple[StoredActivity, float] | None:
    by_activity = {a.id: sid for sid, a in matches.items()}
    planned = {s.id: s for s in plan.sessions()}
    best: tuple[StoredActivity, float] | None = None
    for a in acts:
        act = a.activity
        sid = by_activity.get(a.id)
        session = planned.get(sid) if sid else None
        if not hist.race_like(act, session):
            continue
        effort = race_effort(act, session)  # R26: the all-out part, not the warm-up
        if effort is None or effort.distance_m < MIN_RACE_M:
            continue
        try:
            vdot = vdot_from_race(effort.distance_m, effort.time_s)
        except RunstrongError:
            continue
        if best is None or act.start >= best[0].activity.start:
            best = (a, vdot)
    return best


def nutrition_for(
    athlete: Athlete | None, history: Sequence[Wellness], sessions: Sequence[PlannedSession]
) -> tuple[NutritionTargets | None, str | None]:
    mass = next((w.body_mass_kg for w in reversed(history) if w.body_mass_kg), None)
    if mass is None and athlete is not None:
        mass = athlete.body_mass_kg
    if mass is None:
        return None, "no body mass known (profile or check-in --mass): no fuelling targets"
    try:
        deficit = (
            athlete.nutrition.daily_deficit_kcal
            if athlete is not None and athlete.nutrition is not None
            else None
        )  # DOMAIN G: the profile's weight goal is checked against the day's load
        todays = [s for s in sessions if s.kind is not SessionKind.REST]
        return daily_targets(mass, todays, weight_goal_kcal_deficit=deficit), None
    except RunstrongError as exc:
        return None, f"no fuelling targets: {exc}"


def lighter_week(plan: Plan, day: dt.date, readiness: Readiness) -> tuple[Plan, list[Change]]:
    """R21: the days after ``day`` in its week become lighter too."""
    wi = week_index_of(plan, day)
    if wi is None:
        return plan, []
    week = plan.weeks[wi]
    only = Readiness(
        day=day,
        score=readiness.score,
        status=Status.GREEN,
        flags=frozenset({Flag.SORE_STREAK}),
        reasons=readiness.reasons,
        sore_streak_days=readiness.sore_streak_days,
    )
    changes: list[Change] = []
    for offset in range(1, 7):
        d = day + dt.timedelta(days=offset)
        if d >= week.start_date + dt.timedelta(days=7):
            break
        todays = sessions_on(plan, d)
        if not todays:
            continue
        adapted = adapt_day(d, todays, only)
        plan = replace_day(plan, d, adapted.sessions)
        changes.extend(adapted.changes)
    return plan, changes
