"""Season-level and consistency checks of the plan audit.

C1–C3 (the file agrees with itself), R6 (the athlete's real week), R7–R11
(periodization and load), R14 (progression steps) and R17 (substitutions).
Each check has the signature ``(plan, athlete, limits) -> list[RuleBreak]``.

The planned acute:chronic workload ratio (R11) is a week's run_km divided by
the mean of the four weeks before it ("uncoupled" ACWR, Lolli et al. 2019, Br
J Sports Med 53:921–922; the same convention as ``core.periodization``), kept
at or under 1.3 (the upper edge of Gabbett's 0.8–1.3 band, Gabbett 2016, Br J
Sports Med 50:273–280). With a profile, the weeks before the plan count as
the athlete's current weekly km. Pure.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from runstrong.core import rules
from runstrong.core.athlete import Athlete
from runstrong.core.audit_common import (
    AuditLimits,
    is_plyometric,
    normalise,
    run_category,
    strength_category,
)
from runstrong.core.model import (
    ExercisePrescription,
    Focus,
    Phase,
    Plan,
    PlanWeek,
    RuleBreak,
    SessionKind,
    Severity,
    StrengthCategory,
)

PHASE_ORDER: tuple[Phase, ...] = (
    Phase.BASE,
    Phase.BUILD,
    Phase.PEAK,
    Phase.TAPER,
    Phase.RACE,
    Phase.TRANSITION,
)
_LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)
_TRAINING_KINDS = (SessionKind.RUN, SessionKind.STRENGTH, SessionKind.CROSS)


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


def check_r6_availability(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R6 (HARD): the planner's ``core.rules.check_r6`` (every session inside one
    of that weekday's windows, strength in a gym window, no session over the
    length limit, no overlaps, races exempt; SOFT: long run on the preferred day),
    plus one training session a day unless the athlete allows two-a-days.
    Without a profile: one INFO note."""
    if athlete is None:
        return [
            RuleBreak(
                "R6",
                Severity.INFO,
                (),
                "not checked: the athlete's week is unknown; pass --profile to check "
                "windows, session length and the long-run day (also R10 focus)",
            )
        ]
    wk = athlete.week
    out = rules.check_r6(plan.sessions(), wk)
    per_day: dict[dt.date, list[str]] = defaultdict(list)
    for s in plan.sessions():
        if s.kind in _TRAINING_KINDS:
            per_day[s.date].append(s.id)
    if not wk.two_a_days:
        for day, ids in per_day.items():
            if len(ids) > 1:
                out.append(
                    RuleBreak(
                        "R6",
                        Severity.HARD,
                        tuple(ids),
                        f"{len(ids)} training sessions on one day ({', '.join(ids)}) but "
                        "the athlete does not train twice a day",
                        day,
                    )
                )
    return out


def check_r7_phase_order(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R7 (SOFT): phases run base → build → peak → taper → race → transition
    (any may be absent, none may come back), the race date lies in a race week,
    and taper weeks run less than the last loading week before them."""
    out: list[RuleBreak] = []
    for i in range(1, len(plan.weeks)):
        prev, cur = plan.weeks[i - 1], plan.weeks[i]
        if PHASE_ORDER.index(cur.phase) < PHASE_ORDER.index(prev.phase):
            out.append(
                RuleBreak(
                    "R7",
                    Severity.SOFT,
                    (),
                    f"week {i + 1} is {cur.phase.value} after week {i} "
                    f"{prev.phase.value}; phases run base → build → peak → taper → race "
                    "→ transition",
                    cur.start_date,
                )
            )
    for i, week in enumerate(plan.weeks):
        if 0 <= (plan.race_date - week.start_date).days <= 6 and week.phase is not Phase.RACE:
            out.append(
                RuleBreak(
                    "R7",
                    Severity.SOFT,
                    (),
                    f"week {i + 1} holds the race ({plan.race_date.isoformat()}) but is "
                    f"a {week.phase.value} week; mark it race",
                    week.start_date,
                )
            )
    loading_km: float | None = None
    for i, week in enumerate(plan.weeks):
        if week.phase in _LOADING and not week.deload:
            loading_km = week.run_km
        elif week.phase is Phase.TAPER and loading_km and week.run_km >= loading_km:
            out.append(
                RuleBreak(
                    "R7",
                    Severity.SOFT,
                    (),
                    f"taper week {i + 1} runs {week.run_km:g} km, not less than the "
                    f"{loading_km:g} km of the last loading week; a taper cuts volume",
                    week.start_date,
                )
            )
    return out


def check_r8_deloads(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R8 (SOFT): a deload week after at most 3 loading weeks (base/build/peak), and
    a deload week runs less than the week before it."""
    out: list[RuleBreak] = []
    streak = 0
    for i, week in enumerate(plan.weeks):
        if week.deload or week.phase not in _LOADING:
            streak = 0
        else:
            streak += 1
            if streak == limits.max_loading_weeks + 1:
                out.append(
                    RuleBreak(
                        "R8",
                        Severity.SOFT,
                        (),
                        f"week {i + 1} is the {streak}th loading week in a row; plan a "
                        f"deload after at most {limits.max_loading_weeks}",
                        week.start_date,
                    )
                )
        if week.deload and i and not plan.weeks[i - 1].deload:
            prev = plan.weeks[i - 1]
            if week.run_km >= prev.run_km:
                out.append(
                    RuleBreak(
                        "R8",
                        Severity.SOFT,
                        (),
                        f"deload week {i + 1} runs {week.run_km:g} km, not less than the "
                        f"{prev.run_km:g} km of week {i}",
                        week.start_date,
                    )
                )
    return out


def check_r9_peak_strength(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """R9 (SOFT): in peak and taper weeks strength is maintenance, light or power work."""
    out: list[RuleBreak] = []
    for week in plan.weeks:
        if week.phase not in (Phase.PEAK, Phase.TAPER):
            continue
        for s in week.sessions:
            cat = strength_category(s)
            if cat in (StrengthCategory.HEAVY, StrengthCategory.MODERATE):
                out.append(
                    RuleBreak(
                        "R9",
                        Severity.SOFT,
                        (s.id,),
                        f"{s.id} is {s.category} strength in a {week.phase.value} week; "
                        "use maintenance or light sessions there",
                        s.date,
                    )
                )
    return out


def check_r10_focus(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R10 (SOFT): sprint and middle-distance athletes get explosive work (a power
    session or plyometrics) somewhere in build or peak. Needs the profile; not
    asked of a novice lifter (under a year), for whom R5 comes first."""
    if athlete is None or athlete.focus is Focus.ENDURANCE or athlete.years_lifting < 1.0:
        return []
    weeks = [w for w in plan.weeks if w.phase in (Phase.BUILD, Phase.PEAK)]
    if not weeks:
        return []
    explosive = any(
        strength_category(s) is StrengthCategory.POWER or any(map(is_plyometric, s.exercises))
        for w in weeks
        for s in w.sessions
    )
    if explosive:
        return []
    return [
        RuleBreak(
            "R10",
            Severity.SOFT,
            (),
            f"a {athlete.focus.value} athlete gets no power or plyometric work in build or "
            "peak; add explosive sessions",
            weeks[0].start_date,
        )
    ]


def _ramp_reference(weeks: tuple[PlanWeek, ...], i: int, lookback: int) -> int | None:
    """R11: the index of the week that week ``i`` is compared with: the highest of
    the ``lookback`` weeks before it, so a return to a level held recently (after
    a deload or a short dip) is not a rise. None right after a race week."""
    if weeks[i - 1].phase is Phase.RACE:
        return None
    window = range(max(0, i - lookback), i)
    return max(window, key=lambda j: (weeks[j].run_km, j))


def check_r11_ramp(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R11 (SOFT): run_km rises at most ``ramp_cap`` (10 %) over the highest of the
    four weeks before (so the first week, rebounds after a deload or a dip, and
    the week after a race are not rises; race weeks are exempt); and the planned
    ACWR (see module docstring) stays at or under 1.3. At low volume a rise of up
    to ``ramp_floor_km`` (3 km, about one short easy run) is allowed whatever the
    percentage, for both checks; the ACWR is not judged below a chronic mean of
    ``acwr_min_chronic_km`` (10 km), where one short run swings the ratio."""
    out: list[RuleBreak] = []
    weeks = plan.weeks
    for i in range(1, len(weeks)):
        if weeks[i].phase is Phase.RACE:
            continue
        j = _ramp_reference(weeks, i, limits.chronic_weeks)
        if j is None or weeks[j].run_km <= 0:
            continue
        ref = weeks[j].run_km
        allowed = max(ref * (1 + limits.ramp_cap), ref + limits.ramp_floor_km)
        allowed += limits.ramp_tolerance_km
        if weeks[i].run_km > allowed:
            rise = weeks[i].run_km / ref - 1
            out.append(
                RuleBreak(
                    "R11",
                    Severity.SOFT,
                    (),
                    f"week {i + 1} runs {weeks[i].run_km:g} km, {rise:.0%} more than the "
                    f"{ref:g} km of week {j + 1}; weekly increases are capped at "
                    f"{limits.ramp_cap:.0%}",
                    weeks[i].start_date,
                )
            )
    # Planned ACWR on weekly km, as the planner plans it (core.periodization);
    # weeks before the plan count as the athlete's current weekly_km when known.
    n = limits.chronic_weeks
    before = [athlete.weekly_km] * n if athlete is not None else []
    km = [*before, *(w.run_km for w in weeks)]
    offset = len(before)
    for i in range(len(weeks)):
        k = i + offset
        if k < n or weeks[i].phase is Phase.RACE:
            continue
        chronic = sum(km[k - n : k]) / n
        too_steep = km[k] - chronic > limits.ramp_floor_km
        if (
            chronic >= limits.acwr_min_chronic_km
            and km[k] > limits.acwr_high * chronic + limits.ramp_tolerance_km
            and too_steep
        ):
            out.append(
                RuleBreak(
                    "R11",
                    Severity.SOFT,
                    (),
                    f"week {i + 1} runs {km[k]:g} km, {km[k] / chronic:.2f}× the previous "
                    f"{n}-week mean ({chronic:.1f} km); keep the acute:chronic ratio at or "
                    f"under {limits.acwr_high:g}",
                    weeks[i].start_date,
                )
            )
    return out


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
    category, same mesocycle), load rises ≤ 5 % (pct_e1rm or load_kg), sets rise by
    ≤ 1 and volume (sets × reps) never doubles. Sessions of one week are compared
    with the week before, not with each other (variation inside a week is not
    progression). A deload week is skipped: the week after it is compared with
    the last loading occurrence."""
    out: list[RuleBreak] = []
    last: dict[tuple[str, str, int], tuple[str, ExercisePrescription]] = {}
    for week in plan.weeks:
        this_week: dict[tuple[str, str, int], tuple[str, ExercisePrescription]] = {}
        for s in week.sessions:
            if s.kind is not SessionKind.STRENGTH:
                continue
            for ex in s.exercises:
                key = (normalise(ex.name), s.category, week.mesocycle)
                if week.deload:
                    continue
                if key in last:
                    ref_id, ref = last[key]
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
                this_week[key] = (s.id, ex)
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
                RuleBreak(
                    "R15",
                    Severity.SOFT,
                    (),
                    f"mesocycle {cur} repeats every exercise of mesocycle {prev}; rotate "
                    "variants (other angles, same patterns) between mesocycles",
                    first_week[cur].start_date,
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
