"""Build a season plan: periodization → weekly scheduling → prescription.

``build_plan(athlete, start)`` returns a ``Plan`` whose every week was placed
by the exact scheduler under the rules of ``core.rules.catalogue``; whatever rule the
athlete's calendar forced it to break is listed in ``Plan.broken_rules``, and
every week is re-checked with the rule checks so that no hard break goes
unreported. ``replan_week`` re-places one week from a given day on (for the
daily coach). Pure: the caller passes the start date and ``today``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from runstrong.core.athlete import WEEKDAYS, Athlete, Slot, check_against_start
from runstrong.core.errors import InputError, ProfileError, RunstrongError
from runstrong.core.exercises import load_library
from runstrong.core.model import (
    Phase,
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    RunCategory,
    SessionKind,
    Severity,
    StrengthCategory,
)
from runstrong.core.planning.extras import (
    fit_travel_kit,
    travel_notes,
    travel_why,
    week_equipment,
    weight_goal_notes,
)
from runstrong.core.planning.injury_runs import active_complaints
from runstrong.core.planning.periodization import PlanOptions, WeekOutline, periodize
from runstrong.core.planning.runs import InjuryWeek, RunContext, RunDraft, injury_week_runs
from runstrong.core.planning.schedule import (
    EMPTY_SIG,
    DayCalendar,
    Demand,
    Penalty,
    Placed,
    Sig,
    day_sig,
    schedule_week,
)
from runstrong.core.prescription.session import planned_load
from runstrong.core.prescription.strength import (
    StrengthPrescription,
    daily_mobility,
    plan_week_strength,
)
from runstrong.core.rules.catalogue import RULE_BY_KEY, check_week
from runstrong.core.rules.predicates import (
    category_is_heavy,
    category_is_quality,
    gap_min,
    is_heavy_lift,
    is_quality_run,
)
from runstrong.core.science.paces import TrainingPaces, goal_check, training_paces, vdot_from_race
from runstrong.core.science.strength import e1rm

PLAN_FORMAT_VERSION = "1.0"
STRENGTH_MINUTES: dict[StrengthCategory, float] = {
    StrengthCategory.HEAVY: 60, StrengthCategory.MODERATE: 50, StrengthCategory.LIGHT: 40,
    StrengthCategory.POWER: 45, StrengthCategory.MAINTENANCE: 40,
}  # fmt: skip
PHASE_PURPOSE: dict[Phase, str] = {
    Phase.BASE: "base: aerobic volume, strength building with more sets at lower intensity",
    Phase.BUILD: "build: running load and intensity rise, strength complements it",
    Phase.PEAK: "peak: race-specific running, strength kept with low-volume maintenance",
    Phase.TAPER: "taper: volume falls, intensity and frequency kept",
    Phase.RACE: "race week: freshen up and race",
    Phase.TRANSITION: "transition: easy running and light strength to recover",
}
_REPORTED = {"drop-race", "drop-long", "drop-hard", "drop-strength", "drop-easy",
             "R4-downgrade", "R6-long-day"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Ctx:
    athlete: Athlete
    paces: TrainingPaces
    e1rm_kg: Mapping[str, float]
    level: str
    equipment: frozenset[str]
    cache: dict[tuple[object, ...], list[StrengthPrescription]] = dataclasses.field(
        default_factory=dict
    )
    block_start: dict[int, int] = dataclasses.field(default_factory=dict)
    """Mesocycle → index of its first week, so strength knows the week inside its block."""
    plan_start: dt.date | None = None
    """Origin of the injury phase-in weeks when a complaint has no ``since`` date."""


def athlete_vdot(athlete: Athlete) -> float:
    """The profile's VDOT, or the VDOT of its recent race (Daniels & Gilbert)."""
    if athlete.vdot is not None:
        return athlete.vdot
    assert athlete.recent_race is not None  # parse_profile guarantees one of them
    return vdot_from_race(athlete.recent_race.distance_m, athlete.recent_race.time_s)


def _level(years_lifting: float) -> str:
    return "beginner" if years_lifting < 1 else "intermediate" if years_lifting < 3 else "advanced"


def _context(athlete: Athlete) -> _Ctx:
    known: dict[str, float] = {}
    lib = load_library()
    for i, r in enumerate(athlete.strength_results):
        try:
            name = lib.get(r.lift).id
        except RunstrongError as exc:
            raise ProfileError(f"'strength.results[{i}].lift': {exc}") from exc
        known[name] = max(known.get(name, 0.0), e1rm(r.load_kg, min(r.reps, 12)))
    return _Ctx(
        athlete,
        training_paces(athlete_vdot(athlete)),
        known,
        _level(athlete.years_lifting),
        frozenset(athlete.equipment) or frozenset({"none"}),
    )


def build_plan(athlete: Athlete, start: dt.date, *, options: PlanOptions | None = None) -> Plan:
    """The whole season from ``start`` to the goal race plus the transition."""
    check_against_start(athlete, start)
    ctx = dataclasses.replace(_context(athlete), plan_start=start)
    opts = options or PlanOptions()
    if opts.capacity_km is None:
        opts = dataclasses.replace(opts, capacity_km=capacity_km(athlete, ctx.paces))
    season = periodize(athlete, start, opts)
    for w in season.weeks:
        ctx.block_start.setdefault(w.mesocycle, w.index)
    notes = list(season.notes)
    if athlete.focus_from_goal:
        notes.append(f"Focus {athlete.focus.value} chosen from the goal distance (R10).")
    goal = athlete.goal
    if goal.target_time_s is not None:
        weeks_left = round(max((goal.date - start).days / 7, 1.0), 1)
        try:
            check = goal_check(ctx.paces.vdot, goal.distance_m, goal.target_time_s, weeks_left)
        except InputError as exc:  # e.g. faster than the world record: warn, plan anyway
            notes.append(f"Warning: goal target time ignored: {exc}")
        else:
            notes.append(("Goal: " if check.achievable else "Warning: goal ") + check.message)
    weeks: list[PlanWeek] = []
    breaks: list[RuleBreak] = []
    prev_sig: Sig = EMPTY_SIG
    prev_day: tuple[PlannedSession, ...] = ()
    top_actual = 0.0  # highest run_km of a loading week actually scheduled
    for planned in season.weeks:
        outline = _follow_actual(planned, weeks, top_actual, opts)
        week, week_breaks, prev_sig, prev_day = _plan_week(ctx, outline, prev_sig, prev_day)
        if outline.phase in _LOADING and not outline.deload:
            top_actual = max(top_actual, week.run_km)
        weeks.append(week)
        breaks.extend(week_breaks)
    notes.extend(travel_notes(athlete, weeks))
    notes.extend(weight_goal_notes(athlete, weeks))
    return Plan(
        format_version=PLAN_FORMAT_VERSION,
        athlete=athlete.name,
        start_date=start,
        race_date=goal.date,
        race_distance_m=goal.distance_m,
        vdot=round(ctx.paces.vdot, 1),
        weeks=tuple(weeks),
        broken_rules=tuple(breaks),
        target_time_s=goal.target_time_s,
        notes=tuple(notes),
    )


_LOADING = (Phase.BASE, Phase.BUILD, Phase.PEAK)


def _follow_actual(
    outline: WeekOutline, done: Sequence[PlanWeek], top_actual: float, opts: PlanOptions
) -> WeekOutline:
    """Keep R8/R11/R7 true of the weeks as scheduled, not only as outlined: when the
    calendar made earlier weeks shorter than planned, later targets follow them."""
    if not done or top_actual <= 0:
        return outline
    if outline.deload:
        cap = min(top_actual, done[-1].run_km) * 0.9
    elif outline.phase in _LOADING:
        cap = top_actual * (1 + opts.ramp_cap)
    elif outline.phase is Phase.TAPER:
        cap = top_actual * 0.7
    elif outline.phase is Phase.TRANSITION:
        cap = top_actual * 0.35
    else:
        return outline
    if outline.run_km <= cap:
        return outline
    return dataclasses.replace(
        outline, run_km=round(cap, 1), long_run_km=min(outline.long_run_km, cap * 0.35)
    )


def capacity_km(athlete: Athlete, paces: TrainingPaces) -> float:
    """R6: about how many km the athlete's run windows hold in a week (one run a day
    at easy pace, each run at most ``max_session_min``), with 15 % slack for the
    warm-ups and recoveries of quality sessions."""
    minutes = sum(
        min(
            max((s.window.minutes for s in day if s.run_ok), default=0),
            athlete.week.max_session_min,
        )
        for day in athlete.week.slots
    )
    easy_s_per_km = sum(paces.easy_s_per_km) / 2
    return round(minutes * 60 / easy_s_per_km * 0.85, 1)


def _week_slots(athlete: Athlete, outline: WeekOutline) -> list[tuple[Slot, ...]]:
    """The 7 days' windows of this week (R17: travel days have their own)."""
    return [athlete.week.slots_on(outline.start_date + dt.timedelta(days=i)) for i in range(7)]


def _cap_min(athlete: Athlete, outline: WeekOutline) -> float:
    longest = max(
        (s.window.minutes for day in _week_slots(athlete, outline) for s in day if s.run_ok),
        default=0,
    )
    return float(min(athlete.week.max_session_min, longest))


def _gym_cap_min(athlete: Athlete, outline: WeekOutline) -> float:
    longest = max(
        (s.window.minutes for day in _week_slots(athlete, outline) for s in day if s.gym_ok),
        default=0,
    )
    return float(min(athlete.week.max_session_min, longest))


def _demands(
    ctx: _Ctx, outline: WeekOutline
) -> tuple[list[Demand], dict[str, RunDraft], list[StrengthCategory], list[float]]:
    athlete = ctx.athlete
    run_ctx = RunContext(
        ctx.paces,
        athlete.goal.distance_m,
        _cap_min(athlete, outline),
        outline.phase,
        outline.index,
        athlete.focus,
        outline.run_km,
    )
    drafts = injury_week_runs(
        outline.run_km,
        outline.long_run_km,
        outline.run_count,
        outline.hard_runs,
        tuple(r.distance_m / 1000 for r in outline.races),
        outline.phase in (Phase.BASE, Phase.BUILD, Phase.PEAK) and not outline.deload,
        run_ctx,
        InjuryWeek(
            athlete.injury_history, outline.start_date, ctx.plan_start or outline.start_date
        ),
    )
    demands: list[Demand] = []
    by_key: dict[str, RunDraft] = {}
    race_dates = [r.date for r in outline.races]
    for i, draft in enumerate(drafts):
        key = f"run{i}"
        cat = draft.category
        race = cat is RunCategory.RACE
        drop = (
            "drop-race" if race else "drop-long" if cat is RunCategory.LONG
            else "drop-hard" if cat.is_hard or cat is RunCategory.RACE_PACE else "drop-easy"
        )  # fmt: skip
        demands.append(
            Demand(
                key,
                SessionKind.RUN,
                cat.value,
                draft.duration_min,
                hard=cat.is_hard and not race,
                long=cat is RunCategory.LONG,
                race=race,
                fixed_date=race_dates[i] if race else None,
                drop_rule=drop,
            )
        )
        by_key[key] = draft
    cats = list(outline.strength)
    gym_cap = _gym_cap_min(athlete, outline)
    limits = [min(STRENGTH_MINUTES[c], gym_cap) for c in cats]
    sizing = week_equipment(
        athlete, ctx.equipment, [d.date for d in _days(athlete, outline.start_date, 7, frozenset())
                                 if any(s.gym_ok for s in d.slots)],
    )  # fmt: skip
    first = _strength(ctx, outline, cats, limits, sizing) if cats else []
    for i, (lift_cat, rx) in enumerate(zip(cats, first, strict=True)):
        demands.append(
            Demand(
                f"lift{i}",
                SessionKind.STRENGTH,
                lift_cat.value,
                5 * max(math.ceil(rx.duration_min / 5), 3),
                heavy=lift_cat.is_heavy,
                power=lift_cat is StrengthCategory.POWER,
                drop_rule="drop-strength",
            )
        )
    return demands, by_key, cats, limits


def _strength(
    ctx: _Ctx,
    outline: WeekOutline,
    cats: Sequence[StrengthCategory],
    limits: Sequence[float],
    equipment: frozenset[str],
) -> list[StrengthPrescription]:
    """R2 coverage across the week's sessions comes from ``plan_week_strength``
    (memoised per plan: the same week is sized before and filled after scheduling).
    R17: ``equipment`` is what every day holding a lift offers (travel weeks)."""
    key = (outline.phase, outline.mesocycle, outline.index, outline.deload, outline.plyo_ok,
           tuple(cats), tuple(limits), equipment)  # fmt: skip
    hit = ctx.cache.get(key)
    if hit is None:
        hit = ctx.cache[key] = _prescribe_strength(ctx, outline, cats, limits, equipment)
    return hit


def _complaints(ctx: _Ctx, outline: WeekOutline) -> frozenset[str]:
    """Complaints the week's exercises respect: current ones and returning ones
    still being phased back in (DOMAIN G injury history)."""
    return active_complaints(
        ctx.athlete.injury_history, outline.start_date, ctx.plan_start or outline.start_date
    )


def _prescribe_strength(
    ctx: _Ctx,
    outline: WeekOutline,
    cats: Sequence[StrengthCategory],
    limits: Sequence[float],
    equipment: frozenset[str],
) -> list[StrengthPrescription]:
    return plan_week_strength(
        cats,
        phase=outline.phase,
        mesocycle=outline.mesocycle,
        # R14: progression steps count from the first week of the mesocycle (1-based).
        week_in_block=outline.index - ctx.block_start.get(outline.mesocycle, outline.index) + 1,
        deload=outline.deload,
        focus=ctx.athlete.focus,
        equipment=equipment,
        injuries=_complaints(ctx, outline),
        known_e1rm_kg=ctx.e1rm_kg,
        level=ctx.level,
        max_minutes=list(limits),
        plyometrics_ok=outline.plyo_ok,
    )


def _days(athlete: Athlete, first: dt.date, n: int, skip: frozenset[dt.date]) -> list[DayCalendar]:
    out = []
    for i in range(n):
        day = first + dt.timedelta(days=i)
        slots = () if day in skip else athlete.week.slots_on(day)
        out.append(DayCalendar(day, slots, athlete.week.two_a_days))
    return out


def _plan_week(
    ctx: _Ctx,
    outline: WeekOutline,
    prev_sig: Sig,
    prev_day: tuple[PlannedSession, ...],
) -> tuple[PlanWeek, list[RuleBreak], Sig, tuple[PlannedSession, ...]]:
    athlete = ctx.athlete
    demands, drafts, _, _ = _demands(ctx, outline)
    # R7: the goal race ends the loading; the days after it in the race week are rest
    # (the transition phase starts with the next week).
    race = athlete.goal.date
    after_race = frozenset(
        race + dt.timedelta(days=i) for i in range(1, (outline.end_date - race).days + 1)
    ) if outline.start_date <= race <= outline.end_date else frozenset()  # fmt: skip
    days = _days(athlete, outline.start_date, 7, after_race)
    result = schedule_week(demands, days, athlete.week.long_run_day, prev_sig)
    easy_dropped = sum(d.drop_rule == "drop-easy" for d in result.dropped)
    if easy_dropped:
        # Fewer, longer easy runs keep the week's volume when a day has no room (R6, R11).
        fewer = dataclasses.replace(outline, run_count=outline.run_count - easy_dropped)
        demands, drafts, _, _ = _demands(ctx, fewer)
        retry = schedule_week(demands, days, athlete.week.long_run_day, prev_sig)
        if retry.cost <= result.cost:
            result = retry
    sessions = _placement_reasons(
        _sessions(ctx, outline, result.placed, drafts, result.penalties), prev_day, athlete
    )
    sessions = sorted(
        [*sessions, *_daily_mobility(ctx, outline, sessions)], key=lambda s: (s.date, s.start)
    )
    breaks = _breaks(outline, result.penalties, sessions, result.placed)
    breaks.extend(_unreported(sessions, athlete, prev_day, breaks))
    run_km = round(sum(s.distance_km or 0.0 for s in sessions), 1)
    week = PlanWeek(
        index=outline.index,
        start_date=outline.start_date,
        phase=outline.phase,
        deload=outline.deload,
        run_km=run_km,
        mesocycle=outline.mesocycle,
        sessions=tuple(sessions),
        notes=outline.why,
    )
    last = outline.end_date
    last_run = next(
        (p for p in result.placed if p.date == last and p.demand.kind is SessionKind.RUN), None
    )
    last_lift = next(
        (p for p in result.placed if p.date == last and p.demand.kind is SessionKind.STRENGTH), None
    )
    return week, breaks, day_sig(last_run, last_lift), tuple(s for s in sessions if s.date == last)


MOBILITY_MIN = 10


def _placement_reasons(
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


def _daily_mobility(
    ctx: _Ctx, outline: WeekOutline, sessions: Sequence[PlannedSession]
) -> list[PlannedSession]:
    """R16: ~10 minutes of mobility on days without strength, right after the day's
    run in the same window, or at the start of a free window (never outside, R6)."""
    out: list[PlannedSession] = []
    for i in range(7):
        day = outline.start_date + dt.timedelta(days=i)
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
                    injuries=_complaints(ctx, outline),
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


def _session_id(outline: WeekOutline, p: Placed) -> str:
    return f"w{outline.index + 1:02d}-{p.date:%a}-{p.demand.kind.value}".lower()


def _sessions(
    ctx: _Ctx,
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
        limits = [float(p.demand.duration_min) for p in lifts]
        if cats == list(outline.strength[: len(cats)]) and len(cats) == len(outline.strength):
            # Same sessions in the same order as when they were sized: same prescription.
            gym_cap = _gym_cap_min(ctx.athlete, outline)
            limits = [min(STRENGTH_MINUTES[c], gym_cap) for c in cats]
        # R17: every session must be doable where it happens (home gym or hotel room).
        kit = week_equipment(ctx.athlete, ctx.equipment, [p.date for p in lifts])
        rx = _strength(ctx, outline, cats, limits, kit)
    rx_by_key = {p.demand.key: r for p, r in zip(lifts, rx, strict=True)}
    out: list[PlannedSession] = []
    for p in sorted(placed, key=lambda p: (p.date, p.start_min)):
        trade = tuple(pen.message for pen in penalties if p.demand.key in pen.demand_keys)
        sid = _session_id(outline, p)
        if p.demand.kind is SessionKind.RUN:
            d = drafts[p.demand.key]
            rules = ["R6", "R7"]
            if d.category.is_hard:
                rules.append("R3")
            if d.category is RunCategory.LONG:
                rules.append("R11")
            why = (f"Phase {purpose}.", *outline.why, *d.why, *(f"Trade-off: {t}" for t in trade))
            out.append(
                PlannedSession(
                    id=sid,
                    date=p.date,
                    start=p.start,
                    kind=SessionKind.RUN,
                    category=d.category.value,
                    hard=d.category.is_hard,
                    duration_min=float(p.demand.duration_min),
                    load=round(
                        planned_load(SessionKind.RUN, d.category.value, p.demand.duration_min), 1
                    ),
                    title=d.title,
                    distance_km=d.km,
                    steps=d.steps,
                    rules=tuple(rules),
                    why=why,
                )
            )
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


def _breaks(
    outline: WeekOutline,
    penalties: Sequence[Penalty],
    sessions: Sequence[PlannedSession],
    placed: Sequence[Placed],
) -> list[RuleBreak]:
    """Rules the week had to break: hard ones, drops, R4 fallbacks, long-run day."""
    ids = {p.demand.key: _session_id(outline, p) for p in placed}
    out: list[RuleBreak] = []
    for pen in penalties:
        rule = RULE_BY_KEY[pen.rule]
        if not rule.hard and pen.rule not in _REPORTED:
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
    return out


def _unreported(
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


# ---------------------------------------------------------------------------
# Re-planning one week
# ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeekChanges:
    """What changed in a week: days lost, sessions missed (to move if they fit,
    never crammed: R22) and sessions to drop."""

    unavailable: frozenset[dt.date] = frozenset()
    missed: frozenset[str] = frozenset()
    dropped: frozenset[str] = frozenset()


def replan_week(
    plan: Plan,
    week_index: int,
    changes: WeekChanges,
    today: dt.date,
    *,
    athlete: Athlete,
) -> Plan:
    """Re-place the sessions of week ``week_index`` from ``today`` on, keeping what
    lies before ``today``. Missed key sessions are moved if a day is free and the
    rules allow it; easy runs that no longer fit are dropped. Hard rules hold
    across the kept days (R3–R5); breaks are reported in ``broken_rules``."""
    if not 0 <= week_index < len(plan.weeks):
        raise ProfileError(f"week {week_index + 1} is not in the plan (1–{len(plan.weeks)})")
    week = plan.weeks[week_index]
    first = max(today, week.start_date)
    end = week.start_date + dt.timedelta(days=7)
    keep = [s for s in week.sessions if s.date < first and s.id not in changes.missed]
    movable = [
        s
        for s in week.sessions
        if s.id not in changes.dropped
        and (s.date >= first or (s.id in changes.missed and _is_key(s)))
        and s.kind in (SessionKind.RUN, SessionKind.STRENGTH)
    ]
    by_key = {s.id: s for s in movable}
    demands = [_demand_of(s) for s in movable]
    days = _days(athlete, first, (end - first).days, changes.unavailable)
    prev_date = first - dt.timedelta(days=1)
    prev_sessions = [s for s in plan.sessions() if s.date == prev_date]
    prev_run = next((s for s in prev_sessions if s.kind is SessionKind.RUN), None)
    prev_lift = next((s for s in prev_sessions if s.kind is SessionKind.STRENGTH), None)
    prev = day_sig(
        _placed_of(prev_run) if prev_run else None, _placed_of(prev_lift) if prev_lift else None
    )
    result = schedule_week(demands, days, athlete.week.long_run_day, prev) if days else None
    moved: list[PlannedSession] = []
    new_breaks: list[RuleBreak] = []
    if result is not None:
        for p in result.placed:
            s = by_key[p.demand.key]
            cat = p.category
            moved.append(
                fit_travel_kit(
                    dataclasses.replace(
                        s,
                        id=f"w{week_index + 1:02d}-{p.date:%a}-{s.kind.value}".lower(),
                        date=p.date,
                        start=p.start,
                        category=cat,
                        why=(*s.why, f"Re-planned on {today} (R22).")
                        + (
                            ("R4: heavy lift turned light: R3 could not hold.",)
                            if p.downgraded
                            else ()
                        ),
                    ),
                    athlete,
                )
            )
        for pen in result.penalties:
            rule = RULE_BY_KEY[pen.rule]
            if rule.hard or pen.rule in _REPORTED:
                new_breaks.append(
                    RuleBreak(
                        rule.rule_id,
                        Severity.HARD if rule.hard else Severity.SOFT,
                        (),
                        f"week {week_index + 1} (re-planned): {pen.message}",
                        pen.date,
                    )
                )
    mobility = [
        s
        for s in week.sessions
        if s.kind is SessionKind.MOBILITY
        and s.date >= first
        and s.date not in changes.unavailable
        and not any(m.date == s.date and _overlap(m, s) for m in moved)
    ]
    sessions = sorted([*keep, *moved, *mobility], key=lambda s: (s.date, s.start))
    new_breaks.extend(
        _unreported(
            sessions, athlete, prev_sessions if first == week.start_date else (), new_breaks
        )
    )
    new_week = dataclasses.replace(
        week, sessions=tuple(sessions), run_km=round(sum(s.distance_km or 0.0 for s in sessions), 1)
    )
    weeks = tuple(new_week if i == week_index else w for i, w in enumerate(plan.weeks))
    old = [b for b in plan.broken_rules if not (b.date and week.start_date <= b.date < end)]
    return dataclasses.replace(plan, weeks=weeks, broken_rules=(*old, *new_breaks))


def _overlap(a: PlannedSession, b: PlannedSession) -> bool:
    a0 = a.start.hour * 60 + a.start.minute
    b0 = b.start.hour * 60 + b.start.minute
    return a0 < b0 + b.duration_min and b0 < a0 + a.duration_min


def _is_key(s: PlannedSession) -> bool:
    return (
        s.kind is SessionKind.STRENGTH or is_quality_run(s) or s.category in ("long", "race_pace")
    )


def _demand_of(s: PlannedSession) -> Demand:
    cat = s.category
    if s.kind is SessionKind.STRENGTH:
        return Demand(s.id, s.kind, cat, math.ceil(s.duration_min),
                      heavy=category_is_heavy(cat), power=cat == "power",
                      drop_rule="drop-strength")  # fmt: skip
    race = cat == RunCategory.RACE.value
    quality = category_is_quality(cat, s.hard)
    return Demand(
        s.id, s.kind, cat, math.ceil(s.duration_min), hard=quality and not race,
        long=cat == "long", race=race, fixed_date=s.date if race else None,
        drop_rule="drop-race" if race else "drop-long" if cat == "long"
        else "drop-hard" if quality else "drop-easy",
    )  # fmt: skip


def _placed_of(s: PlannedSession) -> Placed:
    d = _demand_of(s)
    return Placed(d, s.date, s.start.hour * 60 + s.start.minute, 0, s.category, d.heavy)
