"""Exercise-level checks of the plan audit across the season: progression steps
(R14), rotation between mesocycles (R15) and substitutions (R17).
Each check is ``(plan, athlete, limits) -> list[RuleBreak]``. Pure.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

from runstrong.core.athlete import Athlete
from runstrong.core.model import (
    ExercisePrescription,
    Phase,
    Plan,
    PlanWeek,
    RuleBreak,
    SessionKind,
    Severity,
)
from runstrong.core.rules.audit.common import AuditLimits
from runstrong.core.rules.predicates import normalise, r14_follows, r14_key


def _load_rise(ref: ExercisePrescription, cur: ExercisePrescription) -> float | None:
    if ref.pct_e1rm and cur.pct_e1rm:
        return cur.pct_e1rm / ref.pct_e1rm - 1
    if ref.load_kg and cur.load_kg:
        return cur.load_kg / ref.load_kg - 1
    return None


def check_r14_progression(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R14 (SOFT): from one week's session of an exercise to its next (same session
    category), load rises ≤ 5 % (pct_e1rm or load_kg), sets rise by ≤ 1 and volume
    (sets × reps) never doubles. Sessions of one week are compared with the week
    before, not with each other (variation inside a week is not progression). A
    deload week is skipped: the week after it is compared with the last loading
    occurrence. Across a change of mesocycle (peak to taper, base to build) the
    week just before is compared (``predicates.r14_follows``)."""
    out: list[RuleBreak] = []
    last: dict[tuple[str, str], tuple[str, ExercisePrescription, int, int]] = {}
    loading = 0  # R14: loading weeks so far (deloads skipped)
    for week in plan.weeks:
        if week.deload:
            continue
        loading += 1
        this_week: dict[tuple[str, str], tuple[str, ExercisePrescription, int, int]] = {}
        for s in week.sessions:
            if s.kind is not SessionKind.STRENGTH:
                continue
            for ex in s.exercises:
                key = r14_key(ex, s.category)
                prev = last.get(key)
                if prev is not None and r14_follows(prev[2], prev[3], week.mesocycle, loading):
                    ref_id, ref = prev[0], prev[1]
                    problems = []
                    rise = _load_rise(ref, ex)
                    if rise is not None and rise > limits.load_step + 1e-9:
                        problems.append(f"load +{rise:.0%} (at most +{limits.load_step:.0%})")
                    if ex.sets - ref.sets > 1:
                        problems.append(f"sets {ref.sets} → {ex.sets} (at most one more)")
                    vol_ref, vol_cur = ref.sets * (ref.reps or 0), ex.sets * (ex.reps or 0)
                    if vol_ref and vol_cur >= 2 * vol_ref:
                        problems.append(f"volume {vol_ref} → {vol_cur} reps (doubled)")
                    if problems:
                        out.append(
                            RuleBreak(
                                "R14",
                                Severity.SOFT,
                                (ref_id, s.id),
                                f"{ex.name} from {ref_id} to {s.id}: {'; '.join(problems)}",
                                s.date,
                            )
                        )
                this_week[key] = (s.id, ex, week.mesocycle, loading)
        last.update(this_week)
    return out


def check_r15_rotation(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R15 (SOFT): exercises rotate between mesocycles. Two consecutive base/build
    mesocycles whose strength sessions use exactly the same exercises are flagged
    (key movements may stay; something must change)."""
    by_meso: dict[int, set[str]] = defaultdict(set)
    first_week: dict[int, PlanWeek] = {}
    for week in plan.weeks:
        if week.phase not in (Phase.BASE, Phase.BUILD):
            continue
        first_week.setdefault(week.mesocycle, week)
        for s in week.sessions:
            if s.kind is SessionKind.STRENGTH:
                by_meso[week.mesocycle] |= {normalise(e.name) for e in s.exercises}
    out: list[RuleBreak] = []
    mesos = sorted(m for m in by_meso if by_meso[m])
    for prev, cur in itertools.pairwise(mesos):
        if by_meso[prev] == by_meso[cur]:
            out.append(
                RuleBreak.of_week(
                    "R15",
                    Severity.SOFT,
                    first_week[cur],
                    f"mesocycle {cur} repeats every exercise of mesocycle {prev}; rotate "
                    "variants (other angles, same patterns) between mesocycles",
                )
            )
    return out


def check_r17_substitutions(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R17 (INFO): exercises that list no substitutions. A static plan cannot show
    the daily swaps themselves; the daily coach offers them from the library."""
    bare: dict[str, list[str]] = defaultdict(list)
    for s in plan.sessions():
        for ex in s.exercises:
            if not ex.substitutions:
                bare[ex.name].append(s.id)
    if not bare:
        return []
    ids = tuple(sorted({sid for v in bare.values() for sid in v}))
    return [
        RuleBreak(
            "R17",
            Severity.INFO,
            ids,
            f"{len(bare)} exercise(s) list no substitutions ({', '.join(sorted(bare))}); "
            "the daily coach offers library substitutions instead",
        )
    ]
