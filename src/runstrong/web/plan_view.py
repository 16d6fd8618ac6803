"""Plan helpers for pages: season summary, the week of a date, moving a session.

Moving a session rebuilds the plan value with the session on its new day (in
the week that holds that day) and audits the result, so the page can show
which rules the move broke.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runstrong.core.errors import NotFoundError
from runstrong.core.model import Plan, PlannedSession, PlanWeek


@dataclass(frozen=True, slots=True)
class WeekSummary:
    """One row of the season overview."""

    index: int
    start_date: dt.date
    end_date: dt.date
    phase: str
    deload: bool
    run_km: float
    load: float
    sessions: int
    strength_sessions: int


def season_summary(plan: Plan) -> list[WeekSummary]:
    return [
        WeekSummary(
            index=w.index,
            start_date=w.start_date,
            end_date=w.start_date + dt.timedelta(days=6),
            phase=w.phase.value,
            deload=w.deload,
            run_km=w.run_km,
            load=round(sum(s.load for s in w.sessions), 1),
            sessions=len(w.sessions),
            strength_sessions=sum(1 for s in w.sessions if s.kind.value == "strength"),
        )
        for w in plan.weeks
    ]


def phase_spans(plan: Plan) -> list[tuple[str, int]]:
    """Consecutive phases with their length in weeks (for the phase bar)."""
    spans: list[tuple[str, int]] = []
    for week in plan.weeks:
        if spans and spans[-1][0] == week.phase.value:
            spans[-1] = (spans[-1][0], spans[-1][1] + 1)
        else:
            spans.append((week.phase.value, 1))
    return spans


def week_index_for(plan: Plan, day: dt.date) -> int:
    """Index of the week holding ``day`` (clamped to the first/last week)."""
    if not plan.weeks:
        return 0
    for position, week in enumerate(plan.weeks):
        if week.start_date <= day < week.start_date + dt.timedelta(days=7):
            return position
    return 0 if day < plan.weeks[0].start_date else len(plan.weeks) - 1


def week_days(week: PlanWeek) -> list[tuple[dt.date, list[PlannedSession]]]:
    days = [week.start_date + dt.timedelta(days=i) for i in range(7)]
    return [
        (day, sorted((s for s in week.sessions if s.date == day), key=lambda s: s.start))
        for day in days
    ]


def find_session(plan: Plan, session_id: str) -> PlannedSession:
    for session in plan.sessions():
        if session.id == session_id:
            return session
    raise NotFoundError(f"no session with id {session_id!r} in this plan")


def sessions_on(plan: Plan, day: dt.date) -> list[PlannedSession]:
    return sorted((s for s in plan.sessions() if s.date == day), key=lambda s: s.start)
