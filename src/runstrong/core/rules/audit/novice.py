"""Checks of what a beginner is given (Q4, Q6, R7).

Quality findings: a novice runner gets no quality running until the tier says so
(Q4, ``rules.quality.is_novice``); no run day holds a token run shorter than
``Q6_SHORT_RUN_KM`` (Q6: the lift shrinks, the run stays a real run). A SOFT rule
finding, as R5's plyometrics before base strength: a lifter without base strength
gets no heavy session (R7/R14, ``rules.predicates.heavy_lifting_allowed``). The
planner reads the same predicates, so it and ``runstrong check`` cannot disagree.
Pure.
"""

from __future__ import annotations

from runstrong.core.athlete import Athlete
from runstrong.core.model import Plan, RuleBreak, SessionKind, Severity
from runstrong.core.rules.audit.common import AuditLimits, km_text, runs
from runstrong.core.rules.audit.quality import finding
from runstrong.core.rules.predicates import (
    R5_BASE_WEEKS,
    heavy_exercise,
    heavy_lifting_allowed,
    is_heavy_lift,
    is_quality_run,
    is_race,
)
from runstrong.core.rules.quality import Q6_SHORT_RUN_KM, is_novice

_ROUNDING_KM = 0.05
"""Distances are rounded to 0.1 km per session."""


def check_novice_quality(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """Q4: a runner on a novice tier (``is_novice``: couch-to-5k, first 10 km, half or
    marathon) gets no quality running — no hills, threshold, intervals, repetitions,
    time trial or race-pace run; races (the goal and tune-ups) are not training.
    Needs the profile."""
    if athlete is None or not is_novice(
        athlete.years_running, athlete.weekly_km, plan.race_distance_m
    ):
        return []
    out: list[RuleBreak] = []
    for i, w in enumerate(plan.weeks):
        for s in runs(w):
            if is_quality_run(s) and not is_race(s):
                message = (
                    f"week {i + 1} holds a {s.category} run ({s.id}) for a novice runner "
                    f"({athlete.years_running:g} years, {km_text(athlete.weekly_km)} a week): "
                    "the novice tier's runs are easy, with strides and a growing long run"
                )
                out.append(finding("novice-quality", message, w, (s.id,), on=s.date))
    return out


def check_short_runs(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q6: no run day holds a token run: every run but a race is at least
    ``Q6_SHORT_RUN_KM`` (the shortest easy run the planner keeps). A run day's room
    beside a lift is the lift's to give up (run first), and a week whose km cannot
    hold such runs has fewer of them."""
    out: list[RuleBreak] = []
    for i, w in enumerate(plan.weeks):
        for s in runs(w):
            km = s.distance_km or 0.0
            if is_race(s) or km <= 0 or km >= Q6_SHORT_RUN_KM - _ROUNDING_KM:
                continue
            message = (
                f"week {i + 1}: {s.id} ({s.title}) runs {km_text(km)}, under the "
                f"{km_text(Q6_SHORT_RUN_KM)} a run day keeps; merge it into the week's other "
                "runs or give it the room a lift beside it takes"
            )
            out.append(finding("short-run", message, w, (s.id,)))
    return out


def check_novice_heavy_lift(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R7/R14 (SOFT): a lifter without base strength (under a year of lifting, in the
    plan's first ``R5_BASE_WEEKS`` weeks, ``heavy_lifting_allowed``) gets no heavy
    session: no heavy-category lift and no exercise at ≥ 80 % e1RM. Needs the profile."""
    if athlete is None:
        return []
    out: list[RuleBreak] = []
    for i, w in enumerate(plan.weeks):
        if heavy_lifting_allowed(athlete.years_lifting, i):
            continue
        for s in w.sessions:
            if s.kind is not SessionKind.STRENGTH:
                continue
            heavy = [e.name for e in s.exercises if heavy_exercise(e)]
            if not heavy and not is_heavy_lift(s):
                continue
            what = f"lifts at ≥ 80 % e1RM ({', '.join(heavy)})" if heavy else "is a heavy session"
            message = (
                f"week {i + 1}: {s.id} {what} for an athlete with "
                f"{athlete.years_lifting:g} years of lifting; base strength first "
                f"(moderate loads in the plan's first {R5_BASE_WEEKS} weeks, R7/R14)"
            )
            out.append(RuleBreak.of_session("R7", Severity.SOFT, s, message))
    return out


def check_beginner(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q4/Q6/R7: the checks of this module, in report order."""
    return [
        *check_novice_quality(plan, athlete, limits),
        *check_short_runs(plan, athlete, limits),
        *check_novice_heavy_lift(plan, athlete, limits),
    ]
