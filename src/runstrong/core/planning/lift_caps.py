"""Q5/R3 caps on the placed plan's lifts: the race weeks' and those near a hard run.

The strength prescription doses a lift by its session's label and phase
(``prescription.strength_dose``); these caps act afterwards, on the placed plan,
where the calendar is known: no lift at ≥ 80 % e1RM in the 10 days before a race of
10 km or more (Q5), nor within 24 h of a quality run or before a key long run (Q5,
R3). Each cap keeps a lift's RPE and % e1RM in step on the one RPE↔%e1RM table
(``strength_dose.cap_intensity``), as the audit reads them
(``rules.predicates.effective_pct_e1rm``). Pure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from runstrong.core.athlete import WEEKDAYS, Athlete
from runstrong.core.model import (
    PlannedSession,
    PlanWeek,
    RuleBreak,
    SessionKind,
    StrengthCategory,
)
from runstrong.core.prescription.strength_dose import cap_intensity
from runstrong.core.rules.predicates import (
    abs_min,
    category_keeps_heavy_off,
    effective_pct_e1rm,
    gap_min,
    heavy_exercise,
    is_quality_run,
    is_r3_heavy,
    week_long_is_quality,
)
from runstrong.core.rules.quality import Q5_PRE_QUALITY_GAP_MIN as Q5_GAP_MIN

RACE_LIFT_DAYS = 10
"""Q5: days before a race of 10 km or more that hold no lift at ≥ 80 % e1RM and no
heavy lower-body session. Heavy and eccentric lower-body work impairs running
economy for 24–48 h (Doma & Deakin, Res Q Exerc Sport 2015; Doma et al., Sports Med
2019); a taper keeps intensity but cuts volume 41–60 % over 8–14 days (Bosquet et al.,
Med Sci Sports Exerc 2007), and a reduced strength dose keeps the gains (Rønnestad &
Mujika, Scand J Med Sci Sports 2014). Ten days leaves a margin past the damage window."""
RACE_LIFT_PCT = 0.75
"""Q5: the heaviest load (fraction of e1RM) inside ``RACE_LIFT_DAYS``: under
``rules.predicates.HEAVY_PCT_E1RM`` with a margin."""
RACE_LIFT_SETS = 2
RACE_LIFT_RPE = 5.0
"""Q5: race-week lifts leave five reps in reserve (the RIR scale's floor): 2 × 4 @ RPE 5
is 76 % e1RM on the RPE chart, where the old RPE 7 was 81 %, heavy."""


def race_lift_caps(sessions: Sequence[PlannedSession], athlete: Athlete) -> list[PlannedSession]:
    """Q5: strength sessions in the 10 days before a race of 10 km or more lift at most
    two sets at RPE 5 and 75 % e1RM, the two in step (``strength_dose.cap_intensity``);
    a heavy session there becomes maintenance."""
    races = [r.date for r in (*athlete.tune_ups, athlete.goal) if r.distance_m >= 10_000.0]
    out: list[PlannedSession] = []
    for s in sessions:
        race = next((r for r in races if 0 < (r - s.date).days <= RACE_LIFT_DAYS), None)
        if race is None or s.kind is not SessionKind.STRENGTH:
            out.append(s)
            continue
        exercises = tuple(
            cap_intensity(e, RACE_LIFT_PCT, RACE_LIFT_RPE, RACE_LIFT_SETS) for e in s.exercises
        )
        category = (
            StrengthCategory.MAINTENANCE.value
            if s.category == StrengthCategory.HEAVY.value
            else s.category
        )
        top = max((effective_pct_e1rm(e) or 0.0 for e in exercises), default=0.0)
        note = (
            f"Q5: race on {race}: at most {RACE_LIFT_SETS} sets at RPE {RACE_LIFT_RPE:g} "
            f"(five reps in reserve), loads at most {top:.0%} e1RM "
            f"(no heavy lifting in the last {RACE_LIFT_DAYS} days)."
        )
        out.append(
            dataclasses.replace(s, exercises=exercises, category=category, why=(*s.why, note))
        )
    return out


PRE_QUALITY_PCT = 0.75
"""Q5: the heaviest load (fraction of e1RM) of a lift that ends less than 24 h before
a quality run: under ``rules.predicates.HEAVY_PCT_E1RM``, so the lift leaves the legs
fresh for the key run (heavy lifting impairs running economy for 24–48 h: Doma &
Deakin 2015)."""
PRE_QUALITY_RPE = 7.5


def pre_quality_caps(weeks: Sequence[PlanWeek]) -> list[PlanWeek]:
    """Q5/R3: a lift at ≥ 80 % e1RM (``heavy_exercise``: given, or read from its reps and
    RPE) that ends less than 24 h before a quality run (Q5), starts less than 24 h after
    one, or ends less than 24 h before a key long run (R3, ``is_r3_heavy``), in its week
    or the next, lifts at most 75 % e1RM, its RPE in step (``cap_intensity``). The
    scheduler spaces lifts by their label (R3), and a maintenance session keeps its key
    lifts heavy (R9), so the one definition is applied here, on the placed plan."""
    flat = sorted(
        ((s, k) for k, w in enumerate(weeks) for s in w.sessions),
        key=lambda p: abs_min(p[0].date, p[0].start),
    )
    capped: dict[str, PlannedSession] = {}
    for lift, _ in flat:
        if lift.kind is not SessionKind.STRENGTH or not any(
            heavy_exercise(e) for e in lift.exercises
        ):
            continue
        run = _hard_within(lift, flat, weeks)
        if run is None:
            continue
        after = abs_min(run.date, run.start) > abs_min(lift.date, lift.start)
        note = (
            f"Q5/R3: the {run.category} run on {WEEKDAYS[run.date.weekday()]} {run.date} "
            f"{'follows' if after else 'comes'} within 24 h: loads at most "
            f"{PRE_QUALITY_PCT:.0%} e1RM, the RPE in step."
        )
        capped[lift.id] = dataclasses.replace(
            lift,
            exercises=tuple(
                cap_intensity(e, PRE_QUALITY_PCT, PRE_QUALITY_RPE, e.sets) for e in lift.exercises
            ),
            why=(*lift.why, note),
        )
    if not capped:
        return list(weeks)
    return [
        dataclasses.replace(w, sessions=tuple(capped.get(s.id, s) for s in w.sessions))
        for w in weeks
    ]


def _hard_within(
    lift: PlannedSession, flat: Sequence[tuple[PlannedSession, int]], weeks: Sequence[PlanWeek]
) -> PlannedSession | None:
    """R3/Q5: the first run (by start) that ``lift`` must keep 24 h from: a quality run on
    either side of it, or a key long run after it (``category_keeps_heavy_off``)."""
    start = abs_min(lift.date, lift.start)
    for s, k in flat:
        if abs_min(s.date, s.start) > start + lift.duration_min + Q5_GAP_MIN:
            return None  # later sessions start later still
        if s.kind is not SessionKind.RUN or gap_min(lift, s) >= Q5_GAP_MIN:
            continue
        if is_quality_run(s):
            return s
        after = abs_min(s.date, s.start) > start
        if after and category_keeps_heavy_off(
            s.category, s.hard, long_counts=week_long_is_quality(weeks[k].phase, weeks[k].sessions)
        ):
            return s
    return None


def still_broken(breaks: Sequence[RuleBreak], weeks: Sequence[PlanWeek]) -> list[RuleBreak]:
    """R3: ``breaks`` without the R3 breaks the caps resolved: a week's check sees a lift
    heavy by what it lifts (``is_r3_heavy``) before ``pre_quality_caps`` brings it under
    80 % e1RM; once no lift of the break is heavy, R3 holds and is not reported."""
    lifts = {s.id: s for w in weeks for s in w.sessions if s.kind is SessionKind.STRENGTH}
    return [
        b
        for b in breaks
        if b.rule_id != "R3"
        or not any(i in lifts and not is_r3_heavy(lifts[i]) for i in b.session_ids)
    ]
