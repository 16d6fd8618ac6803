"""Week- and session-level checks of the plan audit (R1–R5, R12, R13, R16).

Each check has the signature ``(plan, athlete, limits) -> list[RuleBreak]``
and names its rule. ``core.audit.audit_plan`` runs them all. Pure.
"""

from __future__ import annotations

from collections import defaultdict

from runstrong.core.athlete import Athlete
from runstrong.core.audit_common import (
    MOBILITY_AREAS,
    MUSCLE_GROUPS,
    AuditLimits,
    contacts,
    day_name,
    end_min,
    is_hard_run,
    is_heavy_lift,
    is_plyometric,
    is_trunk_flexion,
    muscle_groups,
    normalise,
    run_category,
    start_min,
)
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    RuleBreak,
    RunCategory,
    SessionKind,
    Severity,
)

_FULL_STRENGTH_PHASES = (Phase.BASE, Phase.BUILD)
_EASY_RUNS = (RunCategory.EASY, RunCategory.RECOVERY, RunCategory.STRIDES)


def _strength(sessions: tuple[PlannedSession, ...]) -> list[PlannedSession]:
    return [s for s in sessions if s.kind is SessionKind.STRENGTH]


def check_r1_frequency(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R1: 2 strength sessions a week to start, 3 only after shown consistency,
    never more than 3 (HARD). Fewer than 2 in a base/build loading week is SOFT."""
    out: list[RuleBreak] = []
    consistent = athlete is not None and athlete.consistency_ok
    for i, week in enumerate(plan.weeks):
        lifts = _strength(week.sessions)
        ids = tuple(s.id for s in lifts)
        n = len(lifts)
        if n > 3:
            out.append(
                RuleBreak(
                    "R1",
                    Severity.HARD,
                    ids,
                    f"week {i + 1} has {n} strength sessions; never more than 3",
                    week.start_date,
                )
            )
        elif n == 3 and i < limits.consistency_weeks and not consistent:
            out.append(
                RuleBreak(
                    "R1",
                    Severity.SOFT,
                    ids,
                    f"week {i + 1} has 3 strength sessions before the athlete has shown "
                    f"{limits.consistency_weeks} consistent weeks; start with 2",
                    week.start_date,
                )
            )
        elif n < 2 and week.phase in _FULL_STRENGTH_PHASES and not week.deload:
            out.append(
                RuleBreak(
                    "R1",
                    Severity.SOFT,
                    ids,
                    f"week {i + 1} ({week.phase.value}) has {n} strength session"
                    f"{'' if n == 1 else 's'}; plan 2 (at most 3)",
                    week.start_date,
                )
            )
    return out


def check_r2_coverage(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R2: across a week's strength sessions, hips, glutes, hamstrings, quads,
    calves, core and upper body are all trained (SOFT per week that misses one)."""
    out: list[RuleBreak] = []
    for i, week in enumerate(plan.weeks):
        lifts = _strength(week.sessions)
        if not lifts:
            continue
        covered: set[str] = set()
        for s in lifts:
            for ex in s.exercises:
                covered |= muscle_groups(ex)
        missing = [g for g in MUSCLE_GROUPS if g not in covered]
        if missing:
            out.append(
                RuleBreak(
                    "R2",
                    Severity.SOFT,
                    tuple(s.id for s in lifts),
                    f"week {i + 1} strength misses {', '.join(missing)}; every week "
                    "trains hips, glutes, hamstrings, quads, calves, core and upper body",
                    week.start_date,
                )
            )
    return out


def _gap_h(a: PlannedSession, b: PlannedSession) -> float:
    """Hours from the end of the earlier session to the start of the later one."""
    first, second = (a, b) if start_min(a) <= start_min(b) else (b, a)
    return (start_min(second) - end_min(first)) / 60.0


def check_r3_r4_separation(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R3 (HARD): ≥ 24 h between a high-intensity run and a heavy strength session
    (end of the first to start of the second).

    R4 (SOFT): when a strength session shares a day with a hard run, it is not
    heavy (that is R3), it comes first, and the next day holds at most an easy
    run (easy, recovery or strides; no strength, no other run)."""
    out: list[RuleBreak] = []
    sessions = plan.sessions()
    hard_runs = [s for s in sessions if is_hard_run(s)]
    lifts = [s for s in sessions if s.kind is SessionKind.STRENGTH]
    by_day: dict[int, list[PlannedSession]] = defaultdict(list)
    for s in sessions:
        by_day[s.date.toordinal()].append(s)
    for run in hard_runs:
        for lift in lifts:
            gap = _gap_h(run, lift)
            if is_heavy_lift(lift) and gap < limits.separation_h:
                out.append(
                    RuleBreak(
                        "R3",
                        Severity.HARD,
                        (run.id, lift.id),
                        f"{run.category} run {run.id} and heavy strength {lift.id} are "
                        f"{max(gap, 0.0):.1f} h apart; a hard run and a heavy lift need "
                        f"at least {limits.separation_h:g} h between them",
                        min(run.date, lift.date),
                    )
                )
            if lift.date != run.date:
                continue
            if start_min(lift) > start_min(run):
                out.append(
                    RuleBreak(
                        "R4",
                        Severity.SOFT,
                        (run.id, lift.id),
                        f"on {day_name(run.date)} strength {lift.id} comes after the "
                        f"{run.category} run {run.id}; a same-day pair lifts first, "
                        "runs later",
                        run.date,
                    )
                )
            for nxt in by_day.get(run.date.toordinal() + 1, []):
                cat = run_category(nxt)
                too_much = nxt.kind is SessionKind.STRENGTH or (
                    nxt.kind is SessionKind.RUN and cat not in _EASY_RUNS
                )
                if too_much:
                    out.append(
                        RuleBreak(
                            "R4",
                            Severity.SOFT,
                            (run.id, lift.id, nxt.id),
                            f"the day after the same-day pair {run.id} + {lift.id} holds "
                            f"{nxt.kind.value} {nxt.category} ({nxt.id}); at most an "
                            "easy run is allowed",
                            nxt.date,
                        )
                    )
    return out


def check_r5_plyometrics(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R5: plyometrics never on a heavy lifting day (HARD), in low volume
    (≤ 100 ground contacts a session, SOFT; NSCA beginner range), and only once
    base strength exists (first weeks of a novice lifter, SOFT; INFO without a
    profile)."""
    out: list[RuleBreak] = []
    heavy_days = {s.date for s in plan.sessions() if is_heavy_lift(s)}
    novice = athlete is not None and athlete.years_lifting < 1.0
    early_noted = False
    for i, week in enumerate(plan.weeks):
        for s in week.sessions:
            plyo = [ex for ex in (*s.exercises, *s.mobility) if is_plyometric(ex)]
            if not plyo:
                continue
            names = ", ".join(ex.name for ex in plyo)
            if s.date in heavy_days:
                out.append(
                    RuleBreak(
                        "R5",
                        Severity.HARD,
                        (s.id,),
                        f"plyometrics ({names}) on {day_name(s.date)}, a heavy lifting "
                        "day; move them to a day without heavy lifting",
                        s.date,
                    )
                )
            total = sum(contacts(ex) for ex in plyo)
            if total > limits.max_plyo_contacts:
                out.append(
                    RuleBreak(
                        "R5",
                        Severity.SOFT,
                        (s.id,),
                        f"{s.id} has {total} plyometric ground contacts; keep it at "
                        f"{limits.max_plyo_contacts} or fewer",
                        s.date,
                    )
                )
            if i < limits.consistency_weeks:
                if novice:
                    out.append(
                        RuleBreak(
                            "R5",
                            Severity.SOFT,
                            (s.id,),
                            f"plyometrics ({names}) in week {i + 1} for an athlete with "
                            "under a year of lifting; build base strength first",
                            s.date,
                        )
                    )
                elif athlete is None and not early_noted:
                    early_noted = True
                    out.append(
                        RuleBreak(
                            "R5",
                            Severity.INFO,
                            (s.id,),
                            f"plyometrics in week {i + 1}: give --profile to check that "
                            "base strength is established",
                            s.date,
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
                RuleBreak(
                    "R12",
                    Severity.SOFT,
                    (s.id,),
                    f"trunk flexion ({', '.join(bad)}) on {day_name(s.date)}, a heavy "
                    "day; use anti-rotation or anti-extension core work instead",
                    s.date,
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
                RuleBreak(
                    "R13",
                    Severity.SOFT,
                    (s.id,),
                    f"{s.id} puts {paired} of {len(s.exercises)} exercises into "
                    f"{n_groups} superset(s); use at most one, for under half the session",
                    s.date,
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
                RuleBreak(
                    "R13",
                    Severity.SOFT,
                    (s.id,),
                    f"{s.id} prescribes near-maximal loads ({', '.join(maximal)}); "
                    "keep compound lifts at most 90 % e1RM or RPE 9",
                    s.date,
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
                RuleBreak(
                    "R16",
                    Severity.SOFT,
                    (s.id,),
                    f"{s.id} ends without mobility for {', '.join(missing)}; every "
                    "strength session ends with ankle, hip-flexor and thoracic work",
                    s.date,
                )
            )
    return out
