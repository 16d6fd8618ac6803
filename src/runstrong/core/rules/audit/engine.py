"""Audit any plan against the coaching rules (R1–R17) and the load science.

``audit_plan`` reads a ``Plan`` — from the planner, written by hand or
converted from another program — and returns every violation it finds as a
``RuleBreak``: the rule id, the sessions involved, a severity and a sentence
that names the bad value and the limit. ``Severity.HARD`` marks what must
never happen (R3 and the absolute limits of R1, R5, R6 and the ``hard`` flag);
``SOFT`` marks defects a coach would fix; ``INFO`` what could not be checked.

Besides R-ids the audit uses three consistency ids (documented in
docs/rules.md): C1 the ``hard`` flag agrees with the run category, C2 a week's
``run_km`` equals the sum of its runs, C3 weeks and sessions sit on the
calendar where they claim to.

Pure: no I/O, no clock. Session times are local wall-clock times; gaps are
computed in local minutes (a DST change can shift a gap by one hour).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.model import Plan, RuleBreak, Severity
from runstrong.core.rules.audit import (
    consistency,
    novice,
    quality,
    race_week,
    season,
    strength,
    trail,
    week,
)
from runstrong.core.rules.audit.common import AuditLimits

__all__ = ["AuditLimits", "audit_plan", "hard_breaks", "quality_findings", "undeclared"]


_Check = Callable[[Plan, Athlete | None, AuditLimits], list[RuleBreak]]

CHECKS: tuple[_Check, ...] = (
    consistency.check_c1_hard_flag,
    consistency.check_c2_totals,
    consistency.check_c3_calendar,
    week.check_r1_frequency,
    week.check_r2_coverage,
    week.check_r3_r4_separation,
    week.check_r5_plyometrics,
    season.check_r6_availability,
    season.check_r7_phase_order,
    season.check_r8_deloads,
    season.check_r9_peak_strength,
    season.check_r10_focus,
    season.check_r11_ramp,
    week.check_r12_trunk_flexion,
    week.check_r13_supersets,
    strength.check_r14_progression,
    strength.check_r15_rotation,
    week.check_r16_mobility,
    strength.check_r17_substitutions,
    quality.check_q1_volume,
    quality.check_q2_long_run,
    quality.check_q2_long_band,
    quality.check_q2_long_eve,
    quality.check_q3_run_km,
    race_week.check_q4_spacing,
    race_week.check_q4_high_low,
    race_week.check_q5_race_weeks,
    quality.check_q6_runs_first,
    novice.check_beginner,
    trail.check_q7_trail,
)
"""Every check, in report order. Each is pure: (plan, athlete, limits) → breaks."""

_SEVERITY_ORDER = {Severity.HARD: 0, Severity.SOFT: 1, Severity.QUALITY: 2, Severity.INFO: 3}


def _rule_number(rule_id: str) -> tuple[str, int]:
    digits = "".join(ch for ch in rule_id if ch.isdigit())
    return (rule_id.rstrip("0123456789"), int(digits) if digits else 0)


def audit_plan(
    plan: Plan, *, athlete: Athlete | None = None, limits: AuditLimits | None = None
) -> list[RuleBreak]:
    """Every rule break found in ``plan``, hard ones first, then by date and rule.

    ``athlete`` enables the checks that need the athlete's real week (R6),
    history (R1, R5) and focus (R10); without it they report an INFO note.
    """
    lim = limits or AuditLimits()
    found: list[RuleBreak] = []
    for check in CHECKS:
        found.extend(check(plan, athlete, lim))
    return sorted(
        found,
        key=lambda b: (
            _SEVERITY_ORDER[b.severity],
            b.date.toordinal() if b.date else 0,
            _rule_number(b.rule_id),
            b.session_ids,
        ),
    )


def quality_findings(breaks: Sequence[RuleBreak]) -> list[RuleBreak]:
    """The breaks with ``Severity.QUALITY`` (``check --strict`` exits 1 on them)."""
    return [b for b in breaks if b.severity is Severity.QUALITY]


def hard_breaks(breaks: Sequence[RuleBreak]) -> list[RuleBreak]:
    """The breaks with ``Severity.HARD`` (those make ``runstrong check`` exit 1)."""
    return [b for b in breaks if b.severity is Severity.HARD]


def is_declared(found: RuleBreak, declared: Sequence[RuleBreak]) -> bool:
    """Whether the plan itself lists ``found`` in its ``broken_rules`` (same rule,
    and the same sessions or, when either lists none, the same date)."""
    for d in declared:
        if d.rule_id != found.rule_id:
            continue
        if set(found.session_ids) & set(d.session_ids):
            return True
        if not (found.session_ids and d.session_ids) and found.date == d.date:
            return True
    return False


def undeclared(plan: Plan, breaks: Sequence[RuleBreak]) -> list[RuleBreak]:
    """The breaks the plan does not declare in ``broken_rules`` (silent breaks)."""
    return [b for b in breaks if not is_declared(b, plan.broken_rules)]
