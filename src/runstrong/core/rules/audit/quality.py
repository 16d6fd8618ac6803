"""Plan-quality checks of volume and the long run (Q1, Q2, Q3, Q6).

Each check is ``(plan, athlete, limits) -> list[RuleBreak]`` with severity
``QUALITY``; its message starts with the check's name (``rules.quality``) so a
reader and the benchmark can tell the checks of one Q-id apart. A finding of an
explainable check whose week (or plan) notes name the Q-id becomes INFO. Pure.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from runstrong.core.athlete import Athlete
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    SessionKind,
    Severity,
)
from runstrong.core.rules.audit.common import (
    LOADING,
    AuditLimits,
    full_loading,
    km_text,
    peak_km,
    runs,
)
from runstrong.core.rules.audit.stated import Facts, long_target_km, names_day, verified
from runstrong.core.rules.predicates import is_easy_run, is_long_run, is_race
from runstrong.core.rules.quality import (
    CHECK_BY_NAME,
    EXPLAINABLE,
    LONG_BAND_SLACK_KM,
    NAMED_LIMITS,
    Q1_DELOAD_CUT,
    Q1_DELOAD_SLACK,
    Q1_TOLERANCE_KM,
    Q2_GROWTH_FRACTION,
    Q2_GROWTH_KM,
    Q2_LONGISH_SHARE,
    Q3_TOLERANCE_KM,
    Q6_FEW_RUN_DAYS,
    Q6_MIN_RUNS,
    Q6_SHARED_LIFT_MIN,
    Q6_SHORT_RUN_KM,
    Q7_BACK_TO_BACK_MIN_M,
    is_longish,
    long_band_high_km,
    long_growth_km,
)
from runstrong.core.science.paces import training_paces


def finding(
    check: str,
    message: str,
    week: PlanWeek | None,
    ids: Sequence[str] = (),
    *,
    plan_notes: Sequence[str] = (),
    on: dt.date | None = None,
    advice: str = "",
    facts: Facts | None = None,
) -> RuleBreak:
    """A QUALITY finding of ``check``, INFO when a note states the limit truly: for
    ``EXPLAINABLE`` checks a note of the week or ``plan_notes`` whose claim holds in
    the plan and profile (``stated.verified``, needs ``facts``); for ``NAMED_LIMITS``
    a note of the week that names the Q-id, the check and the day ``on``
    (``"Q4 quality-spacing: sat 2027-01-09: …"``). ``advice`` ends the message only
    when no note states the limit."""
    spec = CHECK_BY_NAME[check]
    stated: str | None = None
    if check in EXPLAINABLE:
        # a true note of the week that names the week's own km is quoted first
        own = [n for n in week.notes if f"{week.run_km:.1f} km" in n] if week else []
        notes = (*own, *(week.notes if week is not None else ()), *plan_notes)
        stated = verified(check, notes, week, facts)
    if check in NAMED_LIMITS and on is not None and week is not None:
        stated = next((n for n in week.notes if names_day(n, spec.rule_id, check, on)), None)
    text = f"{check}: {message}" + (f"; {advice}" if advice and stated is None else "")
    severity = Severity.QUALITY
    if stated is not None:
        severity, text = Severity.INFO, f"{text} (the plan states the limit: {stated})"
    return RuleBreak(spec.rule_id, severity, tuple(ids), text, week.start_date if week else None)


def check_q1_volume(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q1: the peak week reaches the athlete's current volume and no full loading
    week falls below it (profile needed; a note naming Q1 states the windows'
    limit); a deload week is 20–30 % lighter than the loading week before it."""
    out: list[RuleBreak] = []
    if athlete is not None:
        current = athlete.weekly_km
        top = peak_km(plan)
        if top + Q1_TOLERANCE_KM < current:
            out.append(
                finding(
                    "peak-below-current",
                    f"the peak week runs {km_text(top)}, below the athlete's current "
                    f"{km_text(current)} a week; volume should build from there",
                    None,
                    plan_notes=(*plan.notes, *(n for w in plan.weeks for n in w.notes)),
                    facts=Facts(plan, athlete, limits),
                )
            )
        for i, w in enumerate(plan.weeks):
            if full_loading(plan, w) and w.run_km + Q1_TOLERANCE_KM < current:
                out.append(
                    finding(
                        "loading-below-current",
                        f"week {i + 1} ({w.phase.value}) runs {km_text(w.run_km)}, below the "
                        f"current {km_text(current)} a week",
                        w,
                        plan_notes=plan.notes,
                        advice="state what the windows hold if they cannot hold more",
                        facts=Facts(plan, athlete, limits),
                    )
                )
    low, high = Q1_DELOAD_CUT
    for i in range(1, len(plan.weeks)):
        w, prev = plan.weeks[i], plan.weeks[i - 1]
        if not w.deload or prev.deload or prev.phase not in LOADING or prev.run_km <= 0:
            continue
        cut = 1 - w.run_km / prev.run_km
        if not low - Q1_DELOAD_SLACK <= cut <= high + Q1_DELOAD_SLACK:
            # a note of the week may state that no deload of whole runs fits the band
            # (Q6's 3 km runs; ``stated_deload``)
            out.append(
                finding(
                    "deload-depth",
                    f"deload week {i + 1} runs {km_text(w.run_km)}, {cut:.0%} less than the "
                    f"{km_text(prev.run_km)} of week {i}; cut {low:.0%}–{high:.0%}",
                    w,
                    facts=Facts(plan, athlete, limits),
                )
            )
    return out


def _long_runs(plan: Plan) -> list[tuple[int, PlanWeek, PlannedSession | None]]:
    out: list[tuple[int, PlanWeek, PlannedSession | None]] = []
    for i, w in enumerate(plan.weeks):
        if full_loading(plan, w):
            # a tune-up race stands in for the long run of its week
            longs = [s for s in runs(w) if is_long_run(s)] or [s for s in runs(w) if is_race(s)]
            best = max(longs, key=lambda s: s.distance_km or 0.0, default=None)
            out.append((i, w, best))
    return out


def check_q2_long_run(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q2: in every full loading week the long run (a tune-up race in its week) is the
    longest run; it grows by
    at most +2 km or +10 % (the larger) from one loading week to the next; the
    longest long run reaches ``rules.quality.long_run_need_km`` for the race and
    the athlete's level (or a plan note naming Q2 states what stopped it)."""
    out: list[RuleBreak] = []
    previous: float | None = None
    for i, w, long in _long_runs(plan):
        if long is None:
            out.append(finding("long-not-longest", f"week {i + 1} has no long run", w))
            continue
        km = long.distance_km or 0.0
        # Q2: no run is longer than the long run, and an easy run is strictly shorter (a
        # quality run that cannot shrink below its warm-up and work may equal it)
        longer = [
            s
            for s in runs(w)
            if s.id != long.id and (s.distance_km or 0.0) >= (km if is_easy_run(s) else km + 0.05)
        ]
        if longer:
            top = max(longer, key=lambda s: s.distance_km or 0.0)
            out.append(
                finding(
                    "long-not-longest",
                    f"week {i + 1}: the {top.category} run {top.id} "
                    f"({km_text(top.distance_km or 0.0)}) "
                    f"is {'longer than' if (top.distance_km or 0.0) > km + 0.05 else 'as long as'} "
                    f"the long run ({km_text(km)})",
                    w,
                    (top.id, long.id),
                )
            )
        if previous is not None and previous > 0:
            allowed = long_growth_km(previous)
            if km > allowed + 0.05:
                out.append(
                    finding(
                        "long-run-growth",
                        f"week {i + 1}: the long run grows from {km_text(previous)} to "
                        f"{km_text(km)}; "
                        f"at most +{km_text(Q2_GROWTH_KM)} or +{Q2_GROWTH_FRACTION:.0%}",
                        w,
                        (long.id,),
                    )
                )
        previous = km if previous is None else max(previous, km)
    longest = max((s.distance_km or 0.0 for _, _, s in _long_runs(plan) if s), default=0.0)
    target = long_target_km(plan, athlete)
    if longest + 0.05 < target:
        out.append(
            finding(
                "long-run-target",
                f"the longest long run is {km_text(longest)}; a "
                f"{km_text(plan.race_distance_m / 1000)} race asks for about {target:.1f} km",
                None,
                # a plan note states the limit (window, session, growth, half the week);
                # a week's Q2 note ("made easy: the long run needs its window") does not
                plan_notes=plan.notes,
                facts=Facts(plan, athlete, limits),
            )
        )
    return out


def check_q2_long_band(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q2 (issue 12 item 2): no long run is longer than its race band's high end
    (``rules.quality.LONG_BAND_KM``: up to 3000 m, 16 km) by more than
    ``LONG_BAND_SLACK_KM``, nor than the athlete's current longest run (which the plan
    may hold from week 1): an 800 m runner's 37.1 km long run is not training for it."""
    high = long_band_high_km(plan.race_distance_m)
    allowed = max(high, athlete.longest_run_km if athlete is not None else 0.0)
    out: list[RuleBreak] = []
    for i, w in enumerate(plan.weeks):
        for s in runs(w):
            km = s.distance_km or 0.0
            if is_long_run(s) and km > allowed + LONG_BAND_SLACK_KM:
                out.append(
                    finding(
                        "long-run-above-band",
                        f"week {i + 1}: the long run {s.id} ({km_text(km)}) is above the "
                        f"{km_text(high)} a {km_text(plan.race_distance_m / 1000)} race's "
                        "long run reaches",
                        w,
                        (s.id,),
                    )
                )
    return out


def check_q2_long_eve(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q2: the day before a long run, in its week, holds no easy run of
    ``Q2_LONGISH_SHARE`` of it or more (``is_longish``: two long runs back to back),
    except in the build and peak loading weeks of a goal from ``Q7_BACK_TO_BACK_MIN_M``,
    which pair them on purpose (Q7), and in a part first week. The eve of a long run on
    the week's first day lies in the week before, sized against that week's long run:
    not judged here."""
    out: list[RuleBreak] = []
    for i, w in enumerate(plan.weeks):
        easy_by_day: dict[dt.date, list[PlannedSession]] = {}
        for s in w.sessions:
            if is_easy_run(s):
                easy_by_day.setdefault(s.date, []).append(s)
        pairs = plan.race_distance_m >= Q7_BACK_TO_BACK_MIN_M and (
            w.phase in (Phase.BUILD, Phase.PEAK) and not w.deload
        )
        if pairs or w.start_date < plan.start_date:  # Q7 pairs; a part first week
            continue
        for long in (s for s in runs(w) if is_long_run(s)):
            km = long.distance_km or 0.0
            eve = long.date - dt.timedelta(days=1)
            for s in easy_by_day.get(eve, ()):
                if is_longish(s.distance_km or 0.0, km):
                    share = (s.distance_km or 0.0) / km
                    out.append(
                        finding(
                            "long-eve",
                            f"week {i + 1}: the {s.category} run {s.id} ({s.distance_km:g} km, "
                            f"{share:.0%} of the long run) is the day before the long run "
                            f"{long.id} ({km:g} km); at most {Q2_LONGISH_SHARE:.0%} there",
                            w,
                            (s.id, long.id),
                            on=long.date,
                        )
                    )
    return out


def check_q3_run_km(plan: Plan, athlete: Athlete | None, limits: AuditLimits) -> list[RuleBreak]:
    """Q3: a week's ``run_km`` equals the sum of its runs' ``distance_km`` (± 0.1 km),
    so a run that was shortened or dropped shows in the week's total."""
    out: list[RuleBreak] = []
    for i, w in enumerate(plan.weeks):
        rs = runs(w)
        total = sum(s.distance_km or 0.0 for s in rs)
        if abs(total - w.run_km) > Q3_TOLERANCE_KM + 1e-9:
            out.append(
                finding(
                    "run-km-sum",
                    f"week {i + 1} says run_km {w.run_km:g} but its runs add up to {total:.1f} km",
                    w,
                    tuple(s.id for s in rs),
                )
            )
    return out


def check_q6_runs_first(
    plan: Plan, athlete: Athlete | None, limits: AuditLimits
) -> list[RuleBreak]:
    """Q6: an athlete with few run days (≤ 4 a week) never gets a lift-only day; a
    lift joins a run day (run first, lift after). Needs the profile. A note naming
    the day explains the finding only when no lift of ``Q6_SHARED_LIFT_MIN`` could
    have shared a run's window (``_could_share``): a run day given to a lift that a
    shorter lift would have left to a run stays a quality finding."""
    if athlete is None or len(athlete.week.run_days()) > Q6_FEW_RUN_DAYS:
        return []
    out: list[RuleBreak] = []
    vdot = plan.vdot or athlete.vdot  # no pace known: no short run is assumed to fit
    short_run_min = (
        Q6_SHORT_RUN_KM * sum(training_paces(vdot).easy_s_per_km) / 120 if vdot else math.inf
    )
    for w in plan.weeks:
        run_days = {s.date for s in runs(w)}
        for s in w.sessions:
            if s.kind is SessionKind.STRENGTH and s.date not in run_days:
                why = _could_share(athlete, w, s.date, short_run_min)
                message = (
                    f"{s.id} lifts on {s.date.isoformat()} without a run; with "
                    f"{len(athlete.week.run_days())} run days a week the lift joins a run day"
                )
                if why:
                    message += f"; a {Q6_SHARED_LIFT_MIN:g}-min lift could have: {why}"
                # a note explains the lift-only day only when no shorter lift could join
                out.append(
                    finding("lift-takes-run-day", message, w, (s.id,), on=None if why else s.date)
                )
    return out


def _could_share(athlete: Athlete, week: PlanWeek, day: dt.date, short_run_min: float) -> str:
    """Q6: how a lift of ``Q6_SHARED_LIFT_MIN`` could have shared a run's window in
    ``week`` instead of taking ``day`` alone ("" when it could not): after a run of the
    week (not a race) in a window open to both, on a day with no lift yet (R6); or on
    ``day`` itself beside a short easy run (``Q6_SHORT_RUN_KM``, ``short_run_min`` at
    easy pace) in a base, build or peak week whose km (less races) hold ``Q6_MIN_RUNS``
    such runs and that has fewer runs."""
    lift_days = {s.date for s in week.sessions if s.kind is SessionKind.STRENGTH}
    for r in (r for r in runs(week) if r.date not in lift_days and not is_race(r)):
        end = r.start.hour * 60 + r.start.minute + r.duration_min
        for slot in athlete.week.slots_on(r.date):
            w = slot.window
            inside = w.start_min <= end - r.duration_min and end <= w.end_min
            if slot.run_ok and slot.gym_ok and inside and w.end_min - end >= Q6_SHARED_LIFT_MIN:
                return f"joined {r.id} in its window {w}"
    km = sum(s.distance_km or 0.0 for s in runs(week) if not is_race(s))
    wanted = min(len(athlete.week.run_days()), Q6_MIN_RUNS)
    if week.phase not in LOADING or len(runs(week)) >= wanted or km < wanted * Q6_SHORT_RUN_KM:
        return ""  # R7/Q5: the taper and race weeks keep their own shape
    for slot in athlete.week.slots_on(day):
        w = slot.window
        if slot.run_ok and slot.gym_ok and w.minutes >= short_run_min + Q6_SHARED_LIFT_MIN:
            return f"followed a {Q6_SHORT_RUN_KM:g} km run in {day.strftime('%a').lower()} {w}"
    return ""
