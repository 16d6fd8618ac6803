"""What ``plan move`` may not break, and how it says so (R22 with R3–R6, Q2, Q4, Q5).

A move is refused when the week it leaves breaks a rule the week did not break
before: a hard rule of the catalogue (``rules.catalogue.check_week``: R3–R6) or one
of the plan audit's checks that the season scheduler also keeps (``MOVE_CHECKS``:
Q2's long-run eve, Q4's spacing of quality runs, Q5's race eve). The planner and a
skip obey them; a move that the athlete asks for must not slip past them.

Refusals are one line each: the rule id, the sessions by title and day (a session
keeps its id when it moves, so an id such as ``w10-fri-run`` may name a session that
now sits on Saturday: ids are never shown), the bad value and what is allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from runstrong.core.athlete import WEEKDAYS, Athlete, WeekAvailability
from runstrong.core.model import Plan, PlannedSession, PlanWeek, RuleBreak, SessionKind, Severity
from runstrong.core.rules.audit.common import AuditLimits
from runstrong.core.rules.audit.quality import check_q2_long_eve
from runstrong.core.rules.audit.race_week import check_q4_spacing, check_q5_race_weeks
from runstrong.core.rules.catalogue import check_week
from runstrong.core.rules.predicates import gap_min
from runstrong.core.rules.quality import (
    CHECK_BY_NAME,
    Q2_LONGISH_SHARE,
    Q4_DEFAULT_GAP_MIN,
    Q4_MIN_GAP_MIN,
    check_of,
)

MOVE_CHECKS = frozenset({"long-eve", "quality-spacing", "tt-fresh", "race-eve-quality"})
"""Q2/Q4/Q5: the audit checks a move must not newly break (the scheduler keeps them
too: ``Q2-long-eve``, ``Q4-spacing-36``, ``Q4-tt-fresh``, ``Q5-race-eve``)."""

BreakKey = tuple[str, str, frozenset[str]]


def _check_of(b: RuleBreak) -> str:
    """The audit check a QUALITY finding comes from (``rules.quality.check_of``), or ""."""
    spec = check_of(b.message) if b.severity is Severity.QUALITY else None
    return spec.name if spec is not None else ""


def _week_breaks(plan: Plan, wi: int, athlete: Athlete | None) -> list[RuleBreak]:
    """R3–R6 (hard) and the ``MOVE_CHECKS`` findings that touch week ``wi``."""
    week = plan.weeks[wi]
    eve = week.start_date - dt.timedelta(days=1)
    previous = [s for s in plan.sessions() if s.date == eve]
    avail = athlete.week if athlete is not None else None
    out = [
        b
        for b in check_week(week.sessions, avail, previous=previous)
        if b.severity is Severity.HARD
    ]
    if athlete is None:
        return out
    ids = {s.id for s in week.sessions}
    for check in (check_q2_long_eve, check_q4_spacing, check_q5_race_weeks):
        out.extend(
            b
            for b in check(plan, athlete, AuditLimits())
            if _check_of(b) in MOVE_CHECKS and ids & set(b.session_ids)
        )
    return out


def _key(b: RuleBreak) -> BreakKey:
    return (b.rule_id, _check_of(b), frozenset(b.session_ids))


def new_breaks(before: Plan, after: Plan, wi: int, athlete: Athlete | None) -> list[RuleBreak]:
    """The breaks of week ``wi`` in ``after`` that ``before`` did not have (hard first)."""
    old = {_key(b) for b in _week_breaks(before, wi, athlete)}
    return [b for b in _week_breaks(after, wi, athlete) if _key(b) not in old]


def named(s: PlannedSession) -> str:
    """A session as the athlete knows it: title, day and time (never its id)."""
    return f"{s.title or s.category} on {s.date:%a %d %b} {s.start:%H:%M}"


def refusal(b: RuleBreak, plan: Plan) -> str:
    """What ``b`` (found in the moved ``plan``) breaks, in one clause: the sessions by
    title and day, the bad value and what the rule allows."""
    by_id = {s.id: s for s in plan.sessions()}
    found = [by_id[i] for i in b.session_ids if i in by_id]
    check = _check_of(b)
    if check in ("quality-spacing", "tt-fresh") and len(found) == 2:
        a, c = sorted(found, key=lambda s: (s.date, s.start))
        need = (Q4_MIN_GAP_MIN if check == "quality-spacing" else Q4_DEFAULT_GAP_MIN) // 60
        what = (
            "between quality runs (the long run counts in build and peak weeks)"
            if check == "quality-spacing"
            else "between a long run and a time trial"
        )
        return (
            f"{named(a)} would end {gap_min(a, c) / 60:.1f} h before {named(c)} starts; "
            f"Q4 allows no less than {need} h {what}"
        )
    if check == "long-eve" and len(found) == 2:
        easy, long = found
        km, long_km = easy.distance_km or 0.0, long.distance_km or 0.0
        share = km / long_km if long_km else 0.0
        return (
            f"{named(easy)} ({km:g} km, {share:.0%} of the long run) would be the day "
            f"before {named(long)} ({long_km:g} km); Q2 allows at most "
            f"{Q2_LONGISH_SHARE:.0%} of the long run on its eve"
        )
    if check:
        who = ", ".join(named(s) for s in found)
        return f"{who}: {CHECK_BY_NAME[check].summary}"
    return b.message  # R3–R6: the catalogue's sentence names category, day and limit


def _days(days: Sequence[int]) -> str:
    return ", ".join(WEEKDAYS[d] for d in days) or "none"


def no_room(
    s: PlannedSession,
    day: dt.date,
    others: Sequence[PlannedSession],
    week: WeekAvailability,
    came_from: dt.date,
) -> str:
    """R6: why ``s`` (planned on ``came_from`` before the move) finds no room on ``day``
    beside ``others`` (the day's other sessions), and what is allowed: the gym days for
    a lift on a day without a gym window, the days with windows for a day without one,
    else the day's windows. A session a swap sends back is named as such: the athlete
    moved the other one."""
    slots = week.slots_on(day)
    usable = [x for x in slots if x.gym_ok] if s.kind is SessionKind.STRENGTH else slots
    windows = ", ".join(str(x.window) for x in slots)
    title = s.title or s.category
    minutes = f"{s.duration_min:.0f} min"
    size = [] if minutes in title else [minutes]  # "Daily mobility (10 min)" says it
    if came_from != day:
        size.append(f"from {came_from:%a %d %b}")
    said = f" ({', '.join(size)})" if size else ""
    need = f"{title}{said} cannot go on {day:%a %d %b}"
    if not slots:
        with_windows = [d for d in range(7) if week.slots[d]]
        return f"{need}: no training window that day (days with windows: {_days(with_windows)})"
    if not usable:
        return f"{need}: not a gym day (gym days: {_days(week.gym_days())})"
    beside = ", ".join(named(o) for o in others if o.kind is not SessionKind.REST)
    if not beside:
        return f"{need}: the windows that day ({windows}) cannot hold it"
    return f"{need}: the windows that day ({windows}) cannot hold it beside {beside}"


def move_lines(before: PlanWeek, after: PlanWeek) -> list[str]:
    """One line per session the move put on another day, the swapped ones included
    (they used to go unmentioned), in the week's order."""
    new = {s.id: s for s in after.sessions}
    return [
        f"moved: {s.title or s.category} {s.date:%a %d %b} → {new[s.id].date:%a %d %b}"
        for s in before.sessions
        if s.kind is not SessionKind.REST and s.id in new and new[s.id].date != s.date
    ]
