"""Consistency checks of the plan audit: the file agrees with itself.

C1 a run's ``hard`` flag agrees with its category (R3 sense), C2 a week's
``run_km`` is the sum of its runs, C3 weeks and sessions sit on the calendar
where they claim to. Each check is ``(plan, athlete, limits) -> list[RuleBreak]``.
Pure.
"""

from __future__ import annotations

from runstrong.core.athlete import Athlete
from runstrong.core.model import Plan, RuleBreak, SessionKind, Severity
from runstrong.core.rules.audit.common import AuditLimits, run_category


def check_c1_hard_flag(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """C1 (HARD): a run's ``hard`` flag equals the R3 sense of its category; a wrong
    flag would hide R3 breaks from every program that reads the plan."""
    out: list[RuleBreak] = []
    for s in plan.sessions():
        cat = run_category(s)
        if cat is not None and s.hard != cat.is_hard:
            out.append(
                RuleBreak(
                    "C1",
                    Severity.HARD,
                    (s.id,),
                    f"{s.id} is marked hard={str(s.hard).lower()} but category "
                    f"{cat.value} means hard={str(cat.is_hard).lower()}",
                    s.date,
                )
            )
    return out


def check_c2_totals(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """C2 (SOFT): each week's ``run_km`` equals the sum of its runs' ``distance_km``
    (± 0.1 km); every run states its distance."""
    out: list[RuleBreak] = []
    for i, week in enumerate(plan.weeks):
        runs = [s for s in week.sessions if s.kind is SessionKind.RUN]
        for s in runs:
            if s.distance_km is None:
                out.append(
                    RuleBreak(
                        "C2",
                        Severity.SOFT,
                        (s.id,),
                        f"run {s.id} has no distance_km; every run states its distance",
                        s.date,
                    )
                )
        total = sum(s.distance_km or 0.0 for s in runs)
        if abs(total - week.run_km) > limits.km_tolerance:
            out.append(
                RuleBreak(
                    "C2",
                    Severity.SOFT,
                    tuple(s.id for s in runs),
                    f"week {i + 1} says run_km {week.run_km:g} but its runs add up to "
                    f"{total:.1f} km",
                    week.start_date,
                )
            )
    return out


def check_c3_calendar(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """C3 (SOFT): weeks follow each other 7 days apart; sessions lie inside their week."""
    out: list[RuleBreak] = []
    for i, week in enumerate(plan.weeks):
        if i and (week.start_date - plan.weeks[i - 1].start_date).days != 7:
            out.append(
                RuleBreak(
                    "C3",
                    Severity.SOFT,
                    (),
                    f"week {i + 1} starts {week.start_date.isoformat()}, not 7 days after "
                    f"week {i} ({plan.weeks[i - 1].start_date.isoformat()})",
                    week.start_date,
                )
            )
        for s in week.sessions:
            offset = (s.date - week.start_date).days
            if not 0 <= offset <= 6:
                out.append(
                    RuleBreak(
                        "C3",
                        Severity.SOFT,
                        (s.id,),
                        f"{s.id} on {s.date.isoformat()} lies outside week {i + 1} "
                        f"({week.start_date.isoformat()} + 6 days)",
                        s.date,
                    )
                )
    return out
