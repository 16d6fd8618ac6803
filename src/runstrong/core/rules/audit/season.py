"""Season-level checks of the plan audit: R6 (the athlete's real week) and
R7–R11 (periodization and load).
Each check has the signature ``(plan, athlete, limits) -> list[RuleBreak]``.

The planned acute:chronic workload ratio (R11) is a week's run_km divided by
the mean of the four weeks before it ("uncoupled" ACWR, Lolli et al. 2019, Br
J Sports Med 53:921–922; the same convention as ``core.planning.periodization``), kept
at or under 1.3 (the upper edge of Gabbett's 0.8–1.3 band, Gabbett 2016, Br J
Sports Med 50:273–280). With a profile, the weeks before the plan count as
the athlete's current weekly km. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import runstrong.core.rules.catalogue as rules
from runstrong.core.athlete import Athlete, WeekAvailability
from runstrong.core.model import (
    Focus,
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    SessionKind,
    Severity,
    StrengthCategory,
)
from runstrong.core.rules.audit.common import AuditLimits, is_plyometric, km_text
from runstrong.core.rules.predicates import strength_category
from runstrong.core.rules.ramp import (
    RampLimits,
    acwr_allowed_km,
    chronic_km,
    plan_history_km,
    ramp_allowed_km,
    ramp_reference_km,
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
    windows: dict[dt.date, set[int]] = defaultdict(set)
    for s in plan.sessions():
        if s.kind in _TRAINING_KINDS:
            per_day[s.date].append(s.id)
            windows[s.date].add(_window_of(s, wk))
    if not wk.two_a_days:
        for day, ids in per_day.items():
            # Q6: a run and a lift back to back in one window are one session.
            if len(ids) > 1 and len(windows[day]) > 1:
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


def _window_of(s: PlannedSession, week: WeekAvailability) -> int:
    """Index of the day's window holding ``s`` (a distinct negative id when none does)."""
    start = s.start.hour * 60 + s.start.minute
    for i, slot in enumerate(week.slots_on(s.date)):
        if slot.window.start_min <= start and start + s.duration_min <= slot.window.end_min + 1e-6:
            return i
    return -1 - start


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
                RuleBreak.of_week(
                    "R7",
                    Severity.SOFT,
                    cur,
                    f"week {i + 1} is {cur.phase.value} after week {i} "
                    f"{prev.phase.value}; phases run base → build → peak → taper → race "
                    "→ transition",
                )
            )
    for i, week in enumerate(plan.weeks):
        if 0 <= (plan.race_date - week.start_date).days <= 6 and week.phase is not Phase.RACE:
            out.append(
                RuleBreak.of_week(
                    "R7",
                    Severity.SOFT,
                    week,
                    f"week {i + 1} holds the race ({plan.race_date.isoformat()}) but is "
                    f"a {week.phase.value} week; mark it race",
                )
            )
    loading_km: float | None = None
    for i, week in enumerate(plan.weeks):
        if week.phase in _LOADING and not week.deload:
            loading_km = week.run_km
        elif week.phase is Phase.TAPER and loading_km and week.run_km >= loading_km:
            out.append(
                RuleBreak.of_week(
                    "R7",
                    Severity.SOFT,
                    week,
                    f"taper week {i + 1} runs {km_text(week.run_km)}, not less than the "
                    f"{km_text(loading_km)} of the last loading week; a taper cuts volume",
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
                    RuleBreak.of_week(
                        "R8",
                        Severity.SOFT,
                        week,
                        f"week {i + 1} is the {streak}th loading week in a row; plan a "
                        f"deload after at most {limits.max_loading_weeks}",
                    )
                )
        if week.deload and i and not plan.weeks[i - 1].deload:
            prev = plan.weeks[i - 1]
            if week.run_km >= prev.run_km:
                out.append(
                    RuleBreak.of_week(
                        "R8",
                        Severity.SOFT,
                        week,
                        f"deload week {i + 1} runs {km_text(week.run_km)}, not less than the "
                        f"{km_text(prev.run_km)} of week {i}",
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
                    RuleBreak.of_session(
                        "R9",
                        Severity.SOFT,
                        s,
                        f"{s.id} is {s.category} strength in a {week.phase.value} week; "
                        "use maintenance or light sessions there",
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
        RuleBreak.of_week(
            "R10",
            Severity.SOFT,
            weeks[0],
            f"a {athlete.focus.value} athlete gets no power or plyometric work in build or "
            "peak; add explosive sessions",
        )
    ]


def _ramp_week(km: list[float], k: int, limits: RampLimits) -> int:
    """R11: the index in ``km`` of the reference week of week ``k`` (for the message):
    the latest of the highest of the ``chronic_weeks`` before it."""
    return max(range(max(0, k - limits.chronic_weeks), k), key=lambda j: (km[j], j))


def check_r11_ramp(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """R11 (SOFT), as the planner plans it (``rules.ramp``, one definition): run_km
    rises at most 10 % (or 3 km) over the highest of the four weeks before, so the
    return to the level before a deload is not a rise; the planned ACWR (see module
    docstring) stays at or under 1.3 (or within 3 km), not judged below a 10 km
    chronic mean. With a profile the weeks before the plan count as the athlete's
    current weekly km. Race weeks and the week after a race are exempt."""
    ramp = limits.ramp
    n = ramp.chronic_weeks
    weeks = plan.weeks
    days_before = (plan.start_date - weeks[0].start_date).days if weeks else 0
    current = athlete.weekly_km if athlete is not None else None
    km = plan_history_km([w.run_km for w in weeks], current, days_before, ramp)
    offset = len(km) - len(weeks)
    out: list[RuleBreak] = []
    for i, week in enumerate(weeks):
        k = i + offset
        if week.phase is Phase.RACE or k == 0:
            continue
        ref = ramp_reference_km(km[:k], ramp)
        after_race = i > 0 and weeks[i - 1].phase is Phase.RACE
        rises = km[k] > ramp_allowed_km(ref, ramp) + ramp.tolerance_km
        if i and not after_race and ref > 0 and rises:
            j = _ramp_week(km, k, ramp)
            what = f"week {j - offset + 1}" if j >= offset else "your current volume"
            out.append(_r11(week, f"week {i + 1} runs {km_text(km[k])}, {km[k] / ref - 1:.0%} "
                            f"more than the {km_text(ref)} of {what}; weekly increases are "
                            f"capped at {ramp.ramp_cap:.0%}"))  # fmt: skip
        chronic = chronic_km(km[:k], ramp)
        allowed = acwr_allowed_km(chronic, ramp) if k >= n else None
        if allowed is not None and km[k] > allowed + ramp.tolerance_km:
            out.append(_r11(week, f"week {i + 1} runs {km_text(km[k])}, {km[k] / chronic:.2f}× "
                            f"the previous {n}-week mean ({chronic:.1f} km); keep the "
                            f"acute:chronic ratio at or under {ramp.acwr_high:g}"))  # fmt: skip
    return out


def _r11(week: PlanWeek, message: str) -> RuleBreak:
    return RuleBreak.of_week("R11", Severity.SOFT, week, message)
