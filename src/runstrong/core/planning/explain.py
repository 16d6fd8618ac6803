"""Why a planned session is there: phase, purpose, the rules that placed it, trade-offs.

Works on any ``Plan`` (the planner's or one loaded from JSON): it reads the
week's phase, the session's ``rules`` and ``why`` and the plan's broken rules.
Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from runstrong.core.model import Plan, PlannedSession, PlanWeek, RuleBreak

RULE_SUMMARIES: dict[str, str] = {
    "R0": "strength serves running: it never eats into the key runs",
    "R1": "two strength sessions a week (three after shown consistency), never more than three",
    "R2": "every week's strength covers hips, glutes, hamstrings, quads, calves, core, upper body",
    "R3": "at least 24 h between a hard run and a heavy lift",
    "R4": "when R3 cannot hold: light lift first, quality run later, easy day after",
    "R5": "plyometrics only with base strength, low volume, never on a heavy day",
    "R6": "fits your windows, gym days, session-length limit and long-run day",
    "R7": "season phases: base, build, peak, taper, race, transition",
    "R8": "a deload week after every 2–3 loading weeks",
    "R9": "peak and taper strength turns into low-volume maintenance",
    "R10": "focus profile: power for sprint/middle, steady posterior chain for endurance",
    "R11": "running volume ramps at most 10 % a week with the acute:chronic ratio in band",
    "R16": "every strength session ends with mobility",
}


@dataclass(frozen=True, slots=True)
class SessionExplanation:
    session: PlannedSession
    week: PlanWeek
    rules: tuple[tuple[str, str], ...]
    reasons: tuple[str, ...]
    trade_offs: tuple[str, ...]
    breaks: tuple[RuleBreak, ...]


def week_of(plan: Plan, day: dt.date) -> PlanWeek | None:
    for week in plan.weeks:
        if week.start_date <= day < week.start_date + dt.timedelta(days=7):
            return week
    return None


def explain_day(plan: Plan, day: dt.date) -> list[SessionExplanation]:
    """One explanation per session on ``day`` (empty if it is a rest day)."""
    week = week_of(plan, day)
    if week is None:
        return []
    out: list[SessionExplanation] = []
    for s in sorted((s for s in week.sessions if s.date == day), key=lambda s: s.start):
        reasons = tuple(w for w in s.why if not w.startswith("Trade-off: "))
        trades = tuple(w.removeprefix("Trade-off: ") for w in s.why if w.startswith("Trade-off: "))
        out.append(
            SessionExplanation(
                session=s,
                week=week,
                rules=tuple((r, RULE_SUMMARIES.get(r, "")) for r in s.rules),
                reasons=reasons,
                trade_offs=trades,
                breaks=tuple(b for b in plan.broken_rules if s.id in b.session_ids),
            )
        )
    return out
