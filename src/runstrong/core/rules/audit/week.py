"""Week- and session-level checks of the plan audit (R1–R5, R12, R13, R16).

Each check has the signature ``(plan, athlete, limits) -> list[RuleBreak]``
and names its rule. ``core.audit.audit_plan`` runs them all. Pure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

import runstrong.core.rules.catalogue as rules
from runstrong.core.athlete import Athlete
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    RuleBreak,
    SessionKind,
    Severity,
)
from runstrong.core.rules.audit.common import (
    MOBILITY_AREAS,
    AuditLimits,
    contacts,
    day_name,
    is_plyometric,
    is_trunk_flexion,
)
from runstrong.core.rules.predicates import (
    is_heavy_lift,
    is_long_run,
    normalise,
    plyometrics_allowed,
    week_long_is_quality,
)

_FULL_STRENGTH_PHASES = (Phase.BASE, Phase.BUILD)


def _strength(sessions: tuple[PlannedSession, ...]) -> list[PlannedSession]:
    return [s for s in sessions if s.kind is SessionKind.STRENGTH]


def check_r1_frequency(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R1: 2 strength sessions a week to start, 3 only after shown consistency,
    never more than 3 (HARD, ``core.rules.check_r1``). Three in the first weeks
    without shown consistency, or fewer than 2 in a base/build loading week, is SOFT."""
    out: list[RuleBreak] = []
    consistent = athlete is not None and athlete.consistency_ok
    for i, week in enumerate(plan.weeks):
        lifts = _strength(week.sessions)
        ids = tuple(s.id for s in lifts)
        n = len(lifts)
        if n > rules.R1_MAX_STRENGTH:
            out.extend(rules.check_r1(week.sessions))
        elif n == rules.R1_MAX_STRENGTH and i < limits.consistency_weeks and not consistent:
            out.append(
                RuleBreak.of_week(
                    "R1",
                    Severity.SOFT,
                    week,
                    f"week {i + 1} has 3 strength sessions before the athlete has shown "
                    f"{limits.consistency_weeks} consistent weeks; start with 2",
                    ids=ids,
                )
            )
        elif n < 2 and week.phase in _FULL_STRENGTH_PHASES and not week.deload:
            out.append(
                RuleBreak.of_week(
                    "R1",
                    Severity.SOFT,
                    week,
                    f"week {i + 1} ({week.phase.value}) has {n} strength session"
                    f"{'' if n == 1 else 's'}; plan 2 (at most 3)",
                    ids=ids,
                )
            )
    return out


def check_r2_coverage(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R2: across a week's strength sessions, hips, glutes, hamstrings, quads,
    calves, core and upper body are all trained (SOFT per week that misses one);
    the planner's own ``core.rules.catalogue.check_r2``, week by week."""
    out: list[RuleBreak] = []
    for week in plan.weeks:
        for b in rules.check_r2(week.sessions):
            out.append(replace(b, date=week.start_date))
    return out


def check_r3_r4_separation(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R3 (HARD) and R4 (SOFT) over the whole season, so pairs across week
    boundaries are seen: the planner's own checks ``core.rules.check_r3`` (24 h
    from the end of a hard run to the start of a heavy lift and vice versa) and
    ``core.rules.check_r4`` (a same-day pair lifts first; the next day holds at
    most an easy run)."""
    sessions = plan.sessions()
    key_longs = frozenset(
        s.id
        for w in plan.weeks
        if week_long_is_quality(w.phase, w.sessions)
        for s in w.sessions
        if is_long_run(s)
    )  # R3: the long run in build and peak (issue 12 item 5)
    return [*rules.check_r3(sessions, key_longs), *rules.check_r4(sessions)]


def check_r5_plyometrics(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R5: plyometrics never on a heavy lifting day (HARD, ``core.rules.check_r5``), in low volume
    (≤ 100 ground contacts a session, SOFT; NSCA beginner range), and only once
    base strength exists (``predicates.plyometrics_allowed``, the planner's definition
    too: not in the first six weeks of a lifter with under a year, SOFT; INFO without
    a profile)."""
    # Exercises named like jumps count even without their flag (hand-written plans).
    flagged = [
        replace(
            s,
            exercises=tuple(replace(e, plyometric=is_plyometric(e)) for e in s.exercises),
        )
        for s in plan.sessions()
    ]
    out = rules.check_r5(flagged)
    early_noted = False
    for i, week in enumerate(plan.weeks):
        for s in week.sessions:
            plyo = [ex for ex in (*s.exercises, *s.mobility) if is_plyometric(ex)]
            if not plyo:
                continue
            names = ", ".join(ex.name for ex in plyo)
            total = sum(contacts(ex) for ex in plyo)
            if total > limits.max_plyo_contacts:
                out.append(
                    RuleBreak.of_session(
                        "R5",
                        Severity.SOFT,
                        s,
                        f"{s.id} has {total} plyometric ground contacts; keep it at "
                        f"{limits.max_plyo_contacts} or fewer",
                    )
                )
            if athlete is not None:  # the planner's own R5 definition (one predicate)
                if not plyometrics_allowed(athlete.years_lifting, i):
                    out.append(
                        RuleBreak.of_session(
                            "R5",
                            Severity.SOFT,
                            s,
                            f"plyometrics ({names}) in week {i + 1} for an athlete with "
                            "under a year of lifting; build base strength first",
                        )
                    )
            elif i < limits.consistency_weeks and not early_noted:
                early_noted = True
                out.append(
                    RuleBreak.of_session(
                        "R5",
                        Severity.INFO,
                        s,
                        f"plyometrics in week {i + 1}: give --profile to check that "
                        "base strength is established",
                    )
                )
    return out


def check_r12_trunk_flexion(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R12: no heavy trunk flexion (crunch-type exercises) on heavy lifting days (SOFT)."""
    out: list[RuleBreak] = []
    heavy_days = {s.date for s in plan.sessions() if is_heavy_lift(s)}
    for s in plan.sessions():
        if s.date not in heavy_days:
            continue
        bad = [ex.name for ex in s.exercises if is_trunk_flexion(ex)]
        if bad:
            out.append(
                RuleBreak.of_session(
                    "R12",
                    Severity.SOFT,
                    s,
                    f"trunk flexion ({', '.join(bad)}) on {day_name(s.date)}, a heavy "
                    "day; use anti-rotation or anti-extension core work instead",
                )
            )
    return out


def check_r13_supersets(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R13: supersets only sparingly (≤ 1 pair/group per session and under half of
    its exercises), and no near-maximal loads (> 90 % e1RM or RPE > 9) (SOFT)."""
    out: list[RuleBreak] = []
    for s in plan.sessions():
        if s.kind is not SessionKind.STRENGTH:
            continue
        groups: dict[str, int] = defaultdict(int)
        for ex in s.exercises:
            if ex.superset:
                groups[ex.superset] += 1
        paired = sum(n for n in groups.values() if n > 1)
        n_groups = sum(1 for n in groups.values() if n > 1)
        if n_groups > 1 or (s.exercises and paired * 2 > len(s.exercises)):
            out.append(
                RuleBreak.of_session(
                    "R13",
                    Severity.SOFT,
                    s,
                    f"{s.id} puts {paired} of {len(s.exercises)} exercises into "
                    f"{n_groups} superset(s); use at most one, for under half the session",
                )
            )
        maximal = [
            ex.name
            for ex in s.exercises
            if (ex.pct_e1rm is not None and ex.pct_e1rm > 0.90)
            or (ex.rpe is not None and ex.rpe > 9.0)
        ]
        if maximal:
            out.append(
                RuleBreak.of_session(
                    "R13",
                    Severity.SOFT,
                    s,
                    f"{s.id} prescribes near-maximal loads ({', '.join(maximal)}); "
                    "keep compound lifts at most 90 % e1RM or RPE 9",
                )
            )
    return out


def _areas(s: PlannedSession) -> set[str]:
    found: set[str] = set()
    for ex in s.mobility:
        text = " ".join([normalise(ex.name), *(normalise(m) for m in ex.muscles)])
        for area, words in MOBILITY_AREAS.items():
            if any(w in text for w in words):
                found.add(area)
    return found


def check_r16_mobility(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R16: every strength session ends with mobility for ankle dorsiflexion, hip
    flexors and thoracic spine (SOFT per session missing any)."""
    out: list[RuleBreak] = []
    for s in plan.sessions():
        if s.kind is not SessionKind.STRENGTH:
            continue
        missing = [a for a in MOBILITY_AREAS if a not in _areas(s)]
        if missing:
            out.append(
                RuleBreak.of_session(
                    "R16",
                    Severity.SOFT,
                    s,
                    f"{s.id} ends without mobility for {', '.join(missing)}; every "
                    "strength session ends with ankle, hip-flexor and thoracic work",
                )
            )
    return out
