"""What the plan build shares between its steps: the athlete's context (paces, e1RM,
level), the week's calendar and windows, and the strength sizing (R1, R2, R17). Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from runstrong.core.athlete import Athlete, Slot
from runstrong.core.errors import ProfileError, RunstrongError
from runstrong.core.exercises import load_library
from runstrong.core.model import (
    Phase,
    RunCategory,
    StrengthCategory,
)
from runstrong.core.planning.extras import week_equipment
from runstrong.core.planning.injury_runs import active_complaints
from runstrong.core.planning.periodization import (
    WeekOutline,
)
from runstrong.core.planning.runs import RunDraft
from runstrong.core.planning.schedule import (
    DayCalendar,
)
from runstrong.core.prescription.strength import (
    StrengthPrescription,
    plan_week_strength,
)
from runstrong.core.prescription.strength_pick import StrengthWeek
from runstrong.core.rules.predicates import category_is_key
from runstrong.core.rules.quality import (
    Q4_ALTERNATE_MAX_M,
    Q6_FEW_RUN_DAYS,
    Q6_SHARED_LIFT_MIN,
    Q6_SHORT_RUN_KM,
    Q7_ECCENTRIC_CLEAR_DAYS,
    trains_for_downhills,
)
from runstrong.core.science.paces import TrainingPaces, training_paces, vdot_from_race
from runstrong.core.science.strength import e1rm

PLAN_FORMAT_VERSION = "1.0"
STRENGTH_MINUTES: dict[StrengthCategory, float] = {
    StrengthCategory.HEAVY: 60, StrengthCategory.MODERATE: 50, StrengthCategory.LIGHT: 35,
    StrengthCategory.POWER: 45, StrengthCategory.MAINTENANCE: 40,
}  # fmt: skip
"""R0/R13: the longest session of each category. A light session (an R4 fallback, a
deload's) is shorter than a moderate one: 20-35 minutes, fewer lifts."""
PHASE_PURPOSE: dict[Phase, str] = {
    Phase.BASE: "base: aerobic volume, strength building with more sets at lower intensity",
    Phase.BUILD: "build: running load and intensity rise, strength complements it",
    Phase.PEAK: "peak: race-specific running, strength kept with low-volume maintenance",
    Phase.TAPER: "taper: volume falls, intensity and frequency kept",
    Phase.RACE: "race week: freshen up and race",
    Phase.TRANSITION: "transition: easy running and light strength to recover",
}
REPORTED = {"drop-race", "drop-long", "drop-hard", "drop-strength", "drop-easy",
             "R4-downgrade", "R4-order", "R6-long-day"}  # fmt: skip
QUALITY_NOTED: dict[str, str] = {
    "Q2-long-eve": "long-eve",
    "Q4-spacing-36": "quality-spacing",
    "Q4-tt-fresh": "tt-fresh",
    "Q2-medium-long-eve": "medium-long-eve",
    "Q4-high-low": "high-low",
    "Q5-race-eve": "race-eve-quality",
    "Q6-lift-alone": "lift-takes-run-day",
}
"""Q2/Q4/Q5/Q6 trade-offs the calendar forced (scheduler key → audit check): each is
named in its week's notes as ``"Q4 quality-spacing: sat 2027-01-09: …"`` (DOMAIN H
findings are of severity "quality", not rule breaks)."""


@dataclass(frozen=True, slots=True)
class PlanCtx:
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
    drafts: dict[WeekOutline, tuple[RunDraft, ...]] = dataclasses.field(default_factory=dict)
    """The week's runs before they have a day, per outline (``drafts_once``)."""
    minutes: dict[tuple[WeekOutline, bool], tuple[tuple[float, ...], tuple[int, ...]]] = (
        dataclasses.field(default_factory=dict)
    )
    """``lift_minutes`` per outline and ``alone`` (asked several times a week)."""
    caps: dict[WeekOutline, float] = dataclasses.field(default_factory=dict)
    """The longest a lift of the outline may take (``lift_limits``)."""
    plan_start: dt.date | None = None
    """Origin of the injury phase-in weeks when a complaint has no ``since`` date."""


def athlete_vdot(athlete: Athlete) -> float:
    """The profile's VDOT, or the VDOT of its recent race (Daniels & Gilbert)."""
    if athlete.vdot is not None:
        return athlete.vdot
    assert athlete.recent_race is not None  # parse_profile guarantees one of them
    return vdot_from_race(athlete.recent_race.distance_m, athlete.recent_race.time_s)


def lifting_level(years_lifting: float) -> str:
    return "beginner" if years_lifting < 1 else "intermediate" if years_lifting < 3 else "advanced"


def plan_context(athlete: Athlete) -> PlanCtx:
    known: dict[str, float] = {}
    lib = load_library()
    for i, r in enumerate(athlete.strength_results):
        try:
            name = lib.get(r.lift).id
        except RunstrongError as exc:
            raise ProfileError(f"'strength.results[{i}].lift': {exc}") from exc
        known[name] = max(known.get(name, 0.0), e1rm(r.load_kg, min(r.reps, 12)))
    return PlanCtx(
        athlete,
        training_paces(athlete_vdot(athlete)),
        known,
        lifting_level(athlete.years_lifting),
        frozenset(athlete.equipment) or frozenset({"none"}),
    )


def week_slots(athlete: Athlete, outline: WeekOutline) -> list[tuple[Slot, ...]]:
    """The 7 days' windows of this week (R17: travel days have their own)."""
    return [athlete.week.slots_on(outline.start_date + dt.timedelta(days=i)) for i in range(7)]


def run_cap_min(athlete: Athlete, outline: WeekOutline) -> float:
    longest = max(
        (s.window.minutes for day in week_slots(athlete, outline) for s in day if s.run_ok),
        default=0,
    )
    return float(min(athlete.week.max_session_min, longest))


def closed_days(athlete: Athlete, outline: WeekOutline) -> frozenset[dt.date]:
    """Days of the week with no training: before the plan's first day (part 7) and
    after the goal race (R7: the transition starts with the next week)."""
    race = athlete.goal.date
    days = [outline.start_date + dt.timedelta(days=i) for i in range(7)]
    return frozenset(
        d for d in days
        if d < (outline.first_day or outline.start_date)
        or (outline.start_date <= race < d)
    )  # fmt: skip


def day_caps(
    athlete: Athlete, outline: WeekOutline, lift_min: Sequence[float] = ()
) -> tuple[float, ...]:
    """Q3/Q6: minutes each open run day offers a run, largest first. When the days
    are too few for runs and lifts apart, a gym day keeps room for its lift after
    the run (one window, run first): the week's longest lift as sized (``lift_min``;
    a moderate session's minutes when not given). Each session stays within
    ``max_session_min`` (R6), so a window longer than it holds the lift beside a run
    of the full limit; with two-a-days the lift may take another window. Q1: a
    deload's shorter lifts leave its easy runs more room."""
    closed = closed_days(athlete, outline)
    limit = athlete.week.max_session_min
    caps: list[float] = []
    shared_room: list[float | None] = []  # minutes a run keeps beside a lift; None: no effect
    lift = max(lift_min, default=STRENGTH_MINUTES[StrengthCategory.MODERATE])
    for i, slots in enumerate(week_slots(athlete, outline)):
        if outline.start_date + dt.timedelta(days=i) in closed:
            continue
        run = max((s.window.minutes for s in slots if s.run_ok), default=0)
        if run <= 0:
            continue
        caps.append(float(min(run, limit)))
        both = [s.window.minutes for s in slots if s.run_ok and s.gym_ok]
        apart = athlete.week.two_a_days and sum(s.run_ok or s.gym_ok for s in slots) > 1
        if not any(s.gym_ok for s in slots):
            shared_room.append(None)
        elif both and not apart:
            shared_room.append(float(min(limit, max(both) - lift)))
        else:
            shared_room.append(caps[-1] if apart else caps[-1] - lift)
    lifts = len(outline.strength)
    if len(caps) < outline.run_count + lifts or not athlete.week.two_a_days:
        shared = sorted((i for i in range(len(caps)) if shared_room[i] is not None),
                        key=lambda i: caps[i])  # fmt: skip
        for i in shared[:lifts]:
            caps[i] = min(caps[i], shared_room[i] or 0.0)
    return tuple(sorted((c for c in caps if c > 0), reverse=True))


def gym_cap_min(athlete: Athlete, outline: WeekOutline) -> float:
    longest = max(
        (s.window.minutes for day in week_slots(athlete, outline) for s in day if s.gym_ok),
        default=0,
    )
    return float(min(athlete.week.max_session_min, longest))


def lifts_join_runs(athlete: Athlete) -> bool:
    """Q6: an athlete with few run days (``Q6_FEW_RUN_DAYS``): a lift joins a run day
    (``Demand.joins_run``), in the season build and in a re-plan alike."""
    return len(athlete.week.run_days()) <= Q6_FEW_RUN_DAYS


def alternates(athlete: Athlete) -> bool:
    """Q4: a 400 m–1500 m goal: the week's high and low days alternate
    (``Demand.alternate``), in the season build and in a re-plan alike."""
    return athlete.goal.distance_m <= Q4_ALTERNATE_MAX_M


def is_quality(category: RunCategory, long_counts: bool) -> bool:
    """Q4: a quality run for spacing: hard runs, race pace, races, and the long run
    when ``long_counts`` (``rules.predicates.long_run_is_quality``): the audit's
    ``category_is_key``, the one definition of a key run."""
    return category_is_key(category.value, category.is_hard, long_counts=long_counts)


def week_strength(
    ctx: PlanCtx,
    outline: WeekOutline,
    cats: Sequence[StrengthCategory],
    limits: Sequence[float],
    equipment: frozenset[str],
) -> list[StrengthPrescription]:
    """R2 coverage across the week's sessions comes from ``plan_week_strength``
    (memoised per plan: the same week is sized before and filled after scheduling).
    R17: ``equipment`` is what every day holding a lift offers (travel weeks)."""
    eccentric = eccentric_week(ctx.athlete, outline)
    key = (outline.phase, outline.mesocycle, outline.index, outline.deload, outline.plyo_ok,
           tuple(cats), tuple(limits), equipment, eccentric)  # fmt: skip
    hit = ctx.cache.get(key)
    if hit is None:
        week = StrengthWeek(
            phase=outline.phase,
            mesocycle=outline.mesocycle,
            # R14: progression steps count from the first week of the mesocycle (1-based).
            week_in_block=outline.index - ctx.block_start.get(outline.mesocycle, outline.index) + 1,
            deload=outline.deload,
            focus=ctx.athlete.focus,
            equipment=equipment,
            injuries=complaints(ctx, outline),
            known_e1rm_kg=ctx.e1rm_kg,
            level=ctx.level,
            plyometrics_ok=outline.plyo_ok,
            eccentric_quads=eccentric,
        )
        hit = ctx.cache[key] = plan_week_strength(cats, week, list(limits))
    return hit


def drafts_once(
    ctx: PlanCtx, outline: WeekOutline, draft: Callable[[PlanCtx, WeekOutline], list[RunDraft]]
) -> list[RunDraft]:
    """``draft(ctx, outline)``, the week's runs before they have a day, once per outline
    (``PlanCtx.drafts``): the build drafts a week again for each placement it retries."""
    if outline not in ctx.drafts:
        ctx.drafts[outline] = tuple(draft(ctx, outline))
    return list(ctx.drafts[outline])


def run_need_min(paces: TrainingPaces, outline: WeekOutline) -> float:
    """Q6: the minutes the week's average run other than the long run (and races)
    needs at the middle of the easy pace range, on the 5-minute grid; at least a
    short run's (``Q6_SHORT_RUN_KM``): below it ``runs.week_runs`` drops the run
    beside the lift, so a taper's or transition's short runs sized the lift to take
    the window and the run day went (a beginner's taper: one 3.2 km run, two lifts)."""
    races_km = sum(r.distance_m for r in outline.races) / 1000
    others = outline.run_count - len(outline.races) - (outline.long_run_km > 0)
    km = (outline.run_km - outline.long_run_km - races_km) / max(others, 1)
    if others > 0:
        km = max(km, Q6_SHORT_RUN_KM)
    minutes = max(km, 0.0) * sum(paces.easy_s_per_km) / 2 / 60
    return float(5 * math.ceil(minutes / 5))


def shared_lift_room(ctx: PlanCtx, outline: WeekOutline) -> float | None:
    """R0/Q6 (runs first, issue 12 part 4): a lift that must share a run's window
    (few run days, ``lifts_join_runs``, or too few days for the week's runs and lifts
    apart, ``_lifts_fit_apart``) takes only what the window leaves the run
    (``run_need_min``), never less than ``Q6_SHARED_LIFT_MIN``: the lift is shortened
    (fewer accessory lifts, R2 across the week) so the run keeps its minutes, rather
    than the lift taking them. The window is the smallest run window open to the gym
    (the scheduler may put a lift on any of them). None: the lifts need not share a
    window (no such window, or days enough for runs and lifts apart)."""
    athlete = ctx.athlete
    n_lifts = len(outline.strength)
    if not n_lifts:
        return None
    closed = closed_days(athlete, outline)
    shared: list[int] = []
    open_days = 0
    for i, slots in enumerate(week_slots(athlete, outline)):
        if outline.start_date + dt.timedelta(days=i) in closed:
            continue
        if not any(s.run_ok for s in slots):
            continue
        open_days += 1
        apart = athlete.week.two_a_days and sum(s.run_ok or s.gym_ok for s in slots) > 1
        both = [s.window.minutes for s in slots if s.run_ok and s.gym_ok]
        if both and not apart:
            shared.append(max(both))
    if not shared or (athlete.week.two_a_days and open_days >= outline.run_count + n_lifts):
        return None
    if not lifts_join_runs(athlete) and _lifts_fit_apart(athlete, outline):
        return None
    window = min(shared)
    return max(Q6_SHARED_LIFT_MIN, window - run_need_min(ctx.paces, outline))


def _lifts_fit_apart(athlete: Athlete, outline: WeekOutline) -> bool:
    """R6/Q6: the week's open days hold its runs and its lifts on days of their own:
    each lift on a gym day (gym-only days first), the runs on the run days left."""
    closed = closed_days(athlete, outline)
    days = [
        slots for i, slots in enumerate(week_slots(athlete, outline))
        if outline.start_date + dt.timedelta(days=i) not in closed
    ]  # fmt: skip
    run_days = sum(any(s.run_ok for s in d) for d in days)
    gym_days = sum(any(s.gym_ok for s in d) for d in days)
    gym_only = sum(any(s.gym_ok for s in d) and not any(s.run_ok for s in d) for d in days)
    n_lifts = len(outline.strength)
    taken = max(0, n_lifts - gym_only)  # run days a lift alone takes
    return gym_days >= n_lifts and run_days - taken >= outline.run_count


def lift_limits(
    ctx: PlanCtx, outline: WeekOutline, cats: Sequence[StrengthCategory] | None = None
) -> list[float]:
    """The week's lifts' time limits (``cats``: the lifts as placed, an R4 fallback's
    light session among them; the outline's by default): their category's minutes
    within the longest gym window, and within what a shared window leaves the run
    (R0/Q6, ``shared_lift_room``; the cap memoised per outline in ``PlanCtx.caps``)."""
    cap = ctx.caps.get(outline)
    if cap is None:
        cap = gym_cap_min(ctx.athlete, outline)
        room = shared_lift_room(ctx, outline)
        if room is not None:
            cap = min(cap, room)
        ctx.caps[outline] = cap
    return [min(STRENGTH_MINUTES[c], cap) for c in (outline.strength if cats is None else cats)]


def lift_minutes(
    ctx: PlanCtx, outline: WeekOutline, alone: bool = False
) -> tuple[list[float], list[int]]:
    """The week's lifts: each one's time limit and the minutes it asks of the scheduler
    (5-min steps, >= 15).

    Each lift is sized as the week's session it is: a later one only finishes the R2
    coverage of the earlier ones, so it can be short. With ``alone``, each lift asks for
    at least its size as the week's only lift: when the scheduler finds no room for an
    earlier lift, the ones it keeps are prescribed again in the minutes they were given
    (``sessions.week_sessions``), the first of them as the week's first session, which
    must then cover every R2 group itself.
    """
    hit = ctx.minutes.get((outline, alone))
    if hit is None:
        limits, minutes = _lift_minutes(ctx, outline, alone)
        hit = ctx.minutes[outline, alone] = (tuple(limits), tuple(minutes))
    return list(hit[0]), list(hit[1])


def _lift_minutes(ctx: PlanCtx, outline: WeekOutline, alone: bool) -> tuple[list[float], list[int]]:
    athlete = ctx.athlete
    cats = list(outline.strength)
    limits = lift_limits(ctx, outline)
    if not cats:
        return limits, []
    week_days = calendar_days(athlete, outline.start_date, 7, frozenset())
    gym_days = [d.date for d in week_days if any(s.gym_ok for s in d.slots)]
    kit = week_equipment(athlete, ctx.equipment, gym_days)
    minutes: list[int] = []
    for cat, limit, rx in zip(
        cats, limits, week_strength(ctx, outline, cats, limits, kit), strict=True
    ):
        need = rx.duration_min
        if alone:
            solo = week_strength(ctx, outline, [cat], [limit], kit)[0]
            # Durations are rounded to 0.1 min and a prescription keeps 3 s of slack
            # (``prescribe_strength``): 0.1 min more always fits the same session again.
            need = max(need, solo.duration_min + 0.1)
        minutes.append(5 * max(math.ceil(need / 5), 3))
    return limits, minutes


def eccentric_week(athlete: Athlete, outline: WeekOutline) -> bool:
    """Q7: the lifts of a build or peak week before a trail or mountain race with climb
    get slow-eccentric quad work, unless a day of the week lies in the race's last
    ``Q7_ECCENTRIC_CLEAR_DAYS`` days."""
    goal = athlete.goal
    last_day = outline.start_date + dt.timedelta(days=6)
    return (
        trains_for_downhills(goal)
        and outline.phase in (Phase.BUILD, Phase.PEAK)
        and (goal.date - last_day).days > Q7_ECCENTRIC_CLEAR_DAYS
    )


def complaints(ctx: PlanCtx, outline: WeekOutline) -> frozenset[str]:
    """Complaints the week's exercises respect: current ones and returning ones
    still being phased back in (DOMAIN G injury history)."""
    return active_complaints(
        ctx.athlete.injury_history, outline.start_date, ctx.plan_start or outline.start_date
    )


def calendar_days(
    athlete: Athlete, first: dt.date, n: int, skip: frozenset[dt.date]
) -> list[DayCalendar]:
    out = []
    for i in range(n):
        day = first + dt.timedelta(days=i)
        slots = () if day in skip else athlete.week.slots_on(day)
        out.append(DayCalendar(day, slots, athlete.week.two_a_days))
    return out


def long_room_min(ctx: PlanCtx, outline: WeekOutline) -> float:
    """Q1/Q3: the long run's room in ``outline``: its window within the session limit
    (``run_cap_min``) less a lift that joins it (``day_caps``: the rooms the week's runs
    are cut for), so that a week's note names the windows when the long run fills it."""
    caps = day_caps(ctx.athlete, outline, lift_minutes(ctx, outline)[1])
    return min(run_cap_min(ctx.athlete, outline), max(caps, default=math.inf))
