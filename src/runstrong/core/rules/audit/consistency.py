"""Consistency checks of the plan audit: the file agrees with itself.

C1 a run's ``hard`` flag agrees with its category (R3 sense), C2 every run
states its distance (the sum is quality check Q3), C3 weeks and sessions sit on the calendar
where they claim to. Each check is ``(plan, athlete, limits) -> list[RuleBreak]``.
Pure.
"""

from __future__ import annotations

from runstrong.core.athlete import Athlete
from runstrong.core.model import Plan, RuleBreak, SessionKind, Severity
from runstrong.core.rules.audit.common import AuditLimits
from runstrong.core.rules.predicates import run_category


def check_c1_hard_flag(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """C1 (HARD): a run's ``hard`` flag equals the R3 sense of its category; a wrong
    flag would hide R3 breaks from every program that reads the plan."""
    out: list[RuleBreak] = []
    for s in plan.sessions():
        cat = run_category(s)
        if cat is not None and s.hard != cat.is_hard:
            out.append(
                RuleBreak.of_session(
                    "C1",
                    Severity.HARD,
                    s,
                    f"{s.id} is marked hard={str(s.hard).lower()} but category "
                    f"{cat.value} means hard={str(cat.is_hard).lower()}",
                )
            )
    return out


def check_c2_totals(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """C2 (SOFT): every run states its ``distance_km`` (that ``run_km`` is their sum is
    the quality check Q3, ``rules.audit.quality.check_q3_run_km``)."""
    return [
        RuleBreak.of_session(
            "C2",
            Severity.SOFT,
            s,
            f"run {s.id} has no distance_km; every run states its distance",
        )
        for s in plan.sessions()
        if s.kind is SessionKind.RUN and s.distance_km is None
    ]


def check_c3_calendar(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """C3 (SOFT): weeks follow each other 7 days apart; sessions lie inside their week."""
    out: list[RuleBreak] = []
    for i, week in enumerate(plan.weeks):
        if i and (week.start_date - plan.weeks[i - 1].start_date).days != 7:
            out.append(
                RuleBreak.of_week(
                    "C3",
                    Severity.SOFT,
                    week,
                    f"week {i + 1} starts {week.start_date.isoformat()}, not 7 days after "
                    f"week {i} ({plan.weeks[i - 1].start_date.isoformat()})",
                )
            )
        for s in week.sessions:
            offset = (s.date - week.start_date).days
            if not 0 <= offset <= 6:
                out.append(
                    RuleBreak.of_session(
                        "C3",
                        Severity.SOFT,
                        s,
                        f"{s.id} on {s.date.isoformat()} lies outside week {i + 1} "
                        f"({week.start_date.isoformat()} + 6 days)",
                    )
                )
    return out
