"""A scheduled week turned into sessions: prescriptions filled in, placement reasons,
daily mobility (R16), the rules the week broke, and the Q1/Q3 volume note. Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence

from runstrong.core.athlete import WEEKDAYS, Athlete
from runstrong.core.model import (
    Phase,
    PlannedSession,
    RuleBreak,
    RunCategory,
    SessionKind,
    Severity,
    StrengthCategory,
)
from runstrong.core.planning.context import (
    PHASE_PURPOSE,
    QUALITY_NOTED,
    REPORTED,
    PlanCtx,
    complaints,
    lift_limits,
    week_strength,
)
from runstrong.core.planning.extras import (
    travel_why,
    week_equipment,
)
from runstrong.core.planning.periodization import (
    WeekOutline,
)
from runstrong.core.planning.runs import RunDraft
from runstrong.core.planning.schedule import (
    Penalty,
    Placed,
)
from runstrong.core.planning.week_runs import EASY_SHARE_OF_LONG
from runstrong.core.prescription.session import planned_load
from runstrong.core.prescription.strength import (
    StrengthPrescription,
    daily_mobility,
)
from runstrong.core.rules.catalogue import RULE_BY_KEY, check_r2, check_week
from runstrong.core.rules.predicates import (
    gap_min,
    is_heavy_lift,
    is_quality_run,
)
from runstrong.core.rules.quality import Q1_TOLERANCE_KM

MOBILITY_MIN = 10


def volume_check(
    outline: WeekOutline,
    run_km: float,
    sessions: Sequence[PlannedSession],
    long_room_min: float,
    athlete: Athlete,
) -> tuple[str, ...]:
    """Q1/Q3: the week's note states what was placed when it differs from the outline,
    and what stopped it: the windows (the long run fills the longest one,
    ``long_room_min``), or the long run's step-by-step growth (Q2), which the other
    runs may not outgrow."""
    long = max(
        (s for s in sessions if s.category == "long"), key=lambda s: s.distance_km or 0.0,
        default=None,
    )  # fmt: skip
    longest = long.distance_km or 0.0 if long is not None else 0.0
    placed = f"placed {run_km:.1f} km" + (f", long run {longest:.1f} km" if longest else "")
    growing = outline.phase in (Phase.BASE, Phase.BUILD, Phase.PEAK)
    # Q1: a loading week placed short of the current volume says what held it, however
    # little it lost (its R11 note would claim a ceiling it does not reach)
    below = growing and not outline.deload and run_km + Q1_TOLERANCE_KM < athlete.weekly_km
    if run_km < outline.run_km - (0.05 if below else 1.0):
        if growing and long is not None and long.duration_min < long_room_min - 10:
            boxed = _boxed_runs(sessions, long, athlete)
            if boxed:
                return (
                    f"Q1/Q3: the week holds {run_km:.1f} km (planned {outline.run_km:.1f} km): "
                    f"the easy runs fill what their windows leave ({boxed}), the quality "
                    f"runs keep their workouts' size and the long run, {longest:.1f} km, "
                    "grows step by step (Q2).",
                )
            return (
                f"Q1/Q3: the week holds {run_km:.1f} km (planned {outline.run_km:.1f} km): "
                f"the long run, {longest:.1f} km, grows step by step (Q2) and no other run "
                "may outgrow it or its window.",
            )
        if outline.phase is Phase.RACE:  # Q5: no long run; easy runs short by design
            return (f"Q5/Q3: race week holds {run_km:.1f} km (planned {outline.run_km:.1f} "
                    f"km): easy runs of at most {outline.easy_cap_km:.1f} km on the run days "
                    "before the race, as the windows allow.",)  # fmt: skip
        if growing and long is not None and not below and (share := _share_held(sessions, long)):
            return (f"Q1/Q3: {run_km:.1f} km this week (planned {outline.run_km:.1f} km): "
                    f"the easy runs reach {share:.0f} % of the long run, {longest:.1f} km "
                    "(Q2: none may outgrow its share), which fills its window.",)  # fmt: skip
        return (f"Q1/Q3: the windows hold {run_km:.1f} km this week (planned "
                f"{outline.run_km:.1f} km; no easy run may outgrow its share of the long run, "
                "Q2).",)  # fmt: skip
    return (f"Week: {placed}.",)


def _boxed_runs(sessions: Sequence[PlannedSession], long: PlannedSession, athlete: Athlete) -> str:
    """Q1/Q3: the week's easy runs as ``tue 30 min beside the lift, thu 35 min`` when
    their windows, not the long run, are what held them: each fills its day's window
    (at most ``max_session_min``) less the lift that shares it, to the 5-minute grid
    and a little slack. Empty when there is none or one had room to spare (quality
    runs keep their workout's size, ``runs.week_runs``)."""
    easy = [s for s in sessions if s.kind is SessionKind.RUN and s is not long and not s.hard]
    parts: list[str] = []
    for run in sorted(easy, key=lambda s: s.date):
        window = max((w.window.minutes for w in athlete.week.slots_on(run.date) if w.run_ok),
                     default=0)  # fmt: skip
        lifts = [s for s in sessions if s.kind is SessionKind.STRENGTH and s.date == run.date]
        lift = sum(s.duration_min for s in lifts)
        if run.duration_min < min(window - lift, athlete.week.max_session_min) - BOXED_SLACK_MIN:
            return ""
        beside = " beside the lift" if lift else ""
        parts.append(f"{WEEKDAYS[run.date.weekday()]} {run.duration_min:.0f} min{beside}")
    return ", ".join(parts)


def _share_held(sessions: Sequence[PlannedSession], long: PlannedSession) -> float:
    """Q1/Q2/H: the share of the long run (in %) the week's longest easy run reaches when
    that share, not its window, is what held the easy runs (issue 12: a week at or over
    the current volume said "the windows hold" with easy runs at 70 % of the long run in
    windows with room to spare); 0 when no easy run is within rounding of its share."""
    easy = [s.distance_km or 0.0 for s in sessions
            if s.kind is SessionKind.RUN and s is not long and not s.hard
            and s.category in (RunCategory.EASY.value, RunCategory.STRIDES.value)]  # fmt: skip
    top = max(easy, default=0.0)
    longest = long.distance_km or 0.0
    if not longest or top + 0.1 < EASY_SHARE_OF_LONG * longest:
        return 0.0
    return round(100 * top / longest)


BOXED_SLACK_MIN = 10.0
"""Q1/Q3: a run within this many minutes of its room filled it (5-minute grid, rounding)."""


def quality_note(p: Penalty) -> str:
    """Q4/Q5/Q6: a trade-off the windows forced, as the week note the audit reads:
    ``"Q4 quality-spacing: sat 2027-01-09: …"`` (Q-id, audit check, the message)."""
    return f"{RULE_BY_KEY[p.rule].rule_id} {QUALITY_NOTED[p.rule]}: {p.message}"


def placement_reasons(
    sessions: Sequence[PlannedSession], prev_day: Sequence[PlannedSession], athlete: Athlete
) -> list[PlannedSession]:
    """Say where the scheduler put each session and which rule that placement honours."""
    around = [*prev_day, *sessions]
    out: list[PlannedSession] = []
    for s in sessions:
        notes: list[str] = []
        day = f"{WEEKDAYS[s.date.weekday()]} {s.start:%H:%M}"
        if is_quality_run(s) or is_heavy_lift(s):
            others = [
                o for o in around if (is_heavy_lift(o) if is_quality_run(s) else is_quality_run(o))
            ]
            if others:
                near = min(others, key=lambda o: abs(gap_min(s, o)))
                what = "heavy lift" if is_quality_run(s) else "hard run"
                notes.append(
                    f"R3: placed {day}, {gap_min(s, near) / 60:.0f} h from the nearest {what} "
                    f"({WEEKDAYS[near.date.weekday()]} {near.start:%H:%M}); at least 24 h needed."
                )
        if s.category == RunCategory.LONG.value and s.date.weekday() == athlete.week.long_run_day:
            notes.append(f"R6: on your preferred long-run day ({day}).")
        if not notes:
            gym = "gym " if s.kind is SessionKind.STRENGTH else ""
            if gym and athlete.travel_on(s.date) is not None:
                gym = "travel "  # R17: any window of a travel day suits a room session
            notes.append(f"R6: placed {day}, inside your {gym}window.")
        out.append(dataclasses.replace(s, why=(*s.why, *notes)))
    return out


def mobility_sessions(
    ctx: PlanCtx, outline: WeekOutline, sessions: Sequence[PlannedSession]
) -> list[PlannedSession]:
    """R16: ~10 minutes of mobility on days without strength, right after the day's
    run in the same window, or at the start of a free window (never outside, R6)."""
    out: list[PlannedSession] = []
    for i in range(7):
        day = outline.start_date + dt.timedelta(days=i)
        if day < (outline.first_day or outline.start_date):
            continue  # part 7: the plan has not started yet
        todays = [s for s in sessions if s.date == day]
        if any(s.kind is SessionKind.STRENGTH for s in todays) or any(
            s.category == "race" for s in todays
        ):
            continue
        start = _mobility_start(ctx.athlete, day, todays)
        if start is None:
            continue
        out.append(
            PlannedSession(
                id=f"w{outline.index + 1:02d}-{day:%a}-mobility".lower(),
                date=day,
                start=dt.time(start // 60, start % 60),
                kind=SessionKind.MOBILITY,
                category="daily",
                hard=False,
                duration_min=float(MOBILITY_MIN),
                load=round(planned_load(SessionKind.MOBILITY, "daily", MOBILITY_MIN), 1),
                title="Daily mobility (10 min)",
                mobility=daily_mobility(
                    equipment=week_equipment(ctx.athlete, ctx.equipment, [day]),
                    injuries=complaints(ctx, outline),
                    day_index=outline.index * 7 + i,
                    level=ctx.level,
                ),
                rules=("R16", "R6"),
                why=("R16: short daily mobility on a day without strength.",),
            )
        )
    return out


def _mobility_start(athlete: Athlete, day: dt.date, todays: Sequence[PlannedSession]) -> int | None:
    busy = [
        (
            s.start.hour * 60 + s.start.minute,
            s.start.hour * 60 + s.start.minute + math.ceil(s.duration_min),
        )
        for s in todays
    ]
    for slot in athlete.week.slots_on(day):
        w = slot.window
        inside = sorted(b for b in busy if w.start_min <= b[0] < w.end_min)
        start = inside[-1][1] if inside else w.start_min
        if start + MOBILITY_MIN <= w.end_min and all(
            start >= e or start + MOBILITY_MIN <= b for b, e in busy
        ):
            return start
    return None


def session_id(outline: WeekOutline, p: Placed) -> str:
    return f"w{outline.index + 1:02d}-{p.date:%a}-{p.demand.kind.value}".lower()


def week_sessions(
    ctx: PlanCtx,
    outline: WeekOutline,
    placed: Sequence[Placed],
    drafts: Mapping[str, RunDraft],
    penalties: Sequence[Penalty],
) -> list[PlannedSession]:
    purpose = PHASE_PURPOSE[outline.phase] + (" (deload week, R8)" if outline.deload else "")
    lifts = sorted(
        (p for p in placed if p.demand.kind is SessionKind.STRENGTH), key=lambda p: p.date
    )
    rx: list[StrengthPrescription] = []
    if lifts:
        cats = [StrengthCategory(p.category) for p in lifts]
        # R0/R4: a lift made light (R4 fallback) is sized as a light session, not in
        # the minutes its heavier self was given: a light session stays short.
        limits = [
            min(float(p.demand.duration_min), cap)
            for p, cap in zip(lifts, lift_limits(ctx, outline, cats), strict=True)
        ]
        if cats == list(outline.strength[: len(cats)]) and len(cats) == len(outline.strength):
            # Same sessions in the same order as when they were sized: same prescription.
            limits = lift_limits(ctx, outline)
        # R17: every session must be doable where it happens (home gym or hotel room).
        kit = week_equipment(ctx.athlete, ctx.equipment, [p.date for p in lifts])
        rx = week_strength(ctx, outline, cats, limits, kit)
    rx_by_key = {p.demand.key: r for p, r in zip(lifts, rx, strict=True)}
    out: list[PlannedSession] = []
    for p in sorted(placed, key=lambda p: (p.date, p.start_min)):
        trade = tuple(pen.message for pen in penalties if p.demand.key in pen.demand_keys)
        sid = session_id(outline, p)
        if p.demand.kind is SessionKind.RUN:
            out.append(_run_session(outline, p, drafts[p.demand.key], sid, purpose, trade))
        else:
            r = rx_by_key[p.demand.key]
            rules = ["R1", "R2", "R3", "R6", "R16"]
            if outline.phase in (Phase.PEAK, Phase.TAPER):
                rules.append("R9")
            if p.category == StrengthCategory.POWER.value:
                rules += ["R5", "R10"]
            if p.downgraded:
                rules.append("R4")
            why = (
                f"Phase {purpose}.",
                *outline.why,
                *travel_why(ctx.athlete, p.date, [q.date for q in lifts]),
                *r.notes,
                *(f"Trade-off: {t}" for t in trade),
            )
            out.append(
                PlannedSession(
                    id=sid,
                    date=p.date,
                    start=p.start,
                    kind=SessionKind.STRENGTH,
                    category=p.category,
                    hard=False,
                    duration_min=min(float(p.demand.duration_min), r.duration_min),
                    load=round(
                        planned_load(
                            SessionKind.STRENGTH,
                            p.category,
                            min(p.demand.duration_min, r.duration_min),
                        ),
                        1,
                    ),
                    title=r.title,
                    exercises=r.exercises,
                    mobility=r.mobility,
                    rules=tuple(dict.fromkeys(rules)),
                    why=why,
                )
            )
    return out


def _run_session(
    outline: WeekOutline,
    p: Placed,
    d: RunDraft,
    sid: str,
    purpose: str,
    trade: tuple[str, ...],
) -> PlannedSession:
    """One placed run as a plan session, with its rules and reasons."""
    rules = ["R6", "R7"]
    if d.category.is_hard:
        rules.append("R3")
    if d.category is RunCategory.LONG:
        rules.append("R11")
    why = (f"Phase {purpose}.", *outline.why, *d.why, *(f"Trade-off: {t}" for t in trade))
    return PlannedSession(
        id=sid,
        date=p.date,
        start=p.start,
        kind=SessionKind.RUN,
        category=d.category.value,
        hard=d.category.is_hard,
        duration_min=float(p.demand.duration_min),
        load=round(planned_load(SessionKind.RUN, d.category.value, p.demand.duration_min), 1),
        title=d.title,
        distance_km=d.km,
        steps=d.steps,
        rules=tuple(rules),
        why=why,
    )


def week_breaks(
    outline: WeekOutline,
    penalties: Sequence[Penalty],
    sessions: Sequence[PlannedSession],
    placed: Sequence[Placed],
) -> list[RuleBreak]:
    """Rules the week had to break: hard ones, drops, R4 fallbacks, long-run day, and R2
    when the lifts that found room (or fit their windows) miss a muscle group."""
    ids = {p.demand.key: session_id(outline, p) for p in placed}
    out: list[RuleBreak] = []
    for pen in penalties:
        rule = RULE_BY_KEY[pen.rule]
        if not rule.hard and pen.rule not in REPORTED:
            continue
        out.append(
            RuleBreak(
                rule.rule_id,
                Severity.HARD if rule.hard else Severity.SOFT,
                tuple(ids[k] for k in pen.demand_keys if k in ids),
                f"week {outline.index + 1}: {pen.message}",
                pen.date,
            )
        )
    out.extend(check_r2(sessions))
    return out


def unreported(
    sessions: Sequence[PlannedSession],
    athlete: Athlete,
    prev_day: Sequence[PlannedSession],
    reported: Sequence[RuleBreak],
) -> list[RuleBreak]:
    """Hard breaks the rule checks find that the solver did not already report."""
    seen = {(b.rule_id, frozenset(b.session_ids)) for b in reported}
    return [
        b
        for b in check_week(sessions, athlete.week, previous=prev_day)
        if b.severity is Severity.HARD and (b.rule_id, frozenset(b.session_ids)) not in seen
    ]
