"""Re-place one week of a plan from a given day on (R22, for the daily coach). Pure."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from runstrong.core.athlete import Athlete
from runstrong.core.errors import ProfileError
from runstrong.core.model import (
    Plan,
    PlannedSession,
    PlanWeek,
    RuleBreak,
    RunCategory,
    SessionKind,
    Severity,
)
from runstrong.core.planning.context import (
    REPORTED,
    alternates,
    calendar_days,
    lifts_join_runs,
)
from runstrong.core.planning.extras import (
    fit_travel_kit,
)
from runstrong.core.planning.lift_caps import pre_quality_caps, race_lift_caps, still_broken
from runstrong.core.planning.schedule import (
    DaySig,
    Demand,
    Placed,
    day_sig,
    schedule_week,
)
from runstrong.core.planning.schedule_costs import DayCalendar, evaluate
from runstrong.core.planning.sessions import (
    _mobility_start,  # the planner's R16 placement, shared rather than copied
    unreported,
)
from runstrong.core.planning.ultra import (
    B2B_TITLE,
    back_to_back_week,
    keep_pair,
    replanned_notes,
)
from runstrong.core.rules.catalogue import RULE_BY_KEY
from runstrong.core.rules.predicates import (
    category_is_easy,
    category_is_quality,
    is_long_run,
    is_medium_long,
    week_long_is_quality,
)
from runstrong.core.rules.quality import is_longish

DOWNGRADE = "R4: heavy lift turned light: R3 could not hold."

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
    movable = _movable(week, changes, first)
    by_key = {s.id: s for s in movable}
    facts = week_facts(week, athlete, part=week.start_date < plan.start_date)  # Q2/Q4
    demands = [_demand_of(s, facts, athlete) for s in movable]
    days = calendar_days(athlete, first, (end - first).days, changes.unavailable)
    prev_date = first - dt.timedelta(days=1)
    prev_sessions = [s for s in plan.sessions() if s.date == prev_date]
    prev = _sig_of(prev_sessions, facts, athlete)
    result = schedule_week(demands, days, athlete.week.long_run_day, prev) if days else None
    pair = next((s.id for s in movable if s.title.startswith(B2B_TITLE)), None)
    if result is not None and pair is not None:  # Q7: the ultra's pair stays back to back
        result = keep_pair(demands, result, days, athlete.week.long_run_day, prev, pair)
    moved: list[PlannedSession] = []
    new_breaks: list[RuleBreak] = []
    if result is not None:
        moved = [_moved(by_key[p.demand.key], p, today, athlete) for p in result.placed]
        for pen in result.penalties:
            rule = RULE_BY_KEY[pen.rule]
            if rule.hard or pen.rule in REPORTED:
                # R22: a drop says which session went (it is no longer in the plan to name)
                gone = [dropped_label(by_key[k]) for k in pen.demand_keys if pen.rule in DROPS]
                new_breaks.append(
                    RuleBreak(
                        rule.rule_id,
                        Severity.HARD if rule.hard else Severity.SOFT,
                        (),
                        f"week {week_index + 1} (re-planned): {pen.message}"
                        + "".join(f" ({g})" for g in gone),
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
    moved = _race_capped(moved, athlete)  # Q5, as the season build
    sessions = sorted([*keep, *moved, *mobility], key=lambda s: (s.date, s.start))
    new_breaks.extend(
        unreported(sessions, athlete, prev_sessions if first == week.start_date else (), new_breaks)
    )
    new_week = dataclasses.replace(
        week,
        sessions=tuple(sessions),
        run_km=round(sum(s.distance_km or 0.0 for s in sessions), 1),
        notes=replanned_notes(  # Q7: the pair note says what the re-placed week holds
            week, sessions, changes.unavailable, changes.dropped, changes.missed
        ),
    )
    new_week = _pre_quality_capped(new_week, plan.weeks[week_index + 1 : week_index + 2], first)
    weeks = tuple(new_week if i == week_index else w for i, w in enumerate(plan.weeks))
    old = [b for b in plan.broken_rules if not (b.date and week.start_date <= b.date < end)]
    new_breaks = still_broken(new_breaks, [new_week])  # R3: what the caps resolved
    return dataclasses.replace(plan, weeks=weeks, broken_rules=(*old, *new_breaks))


DROPS = frozenset({"drop-race", "drop-long", "drop-hard", "drop-strength", "drop-easy"})
"""The scheduler's rule keys of a session that found no room."""


def dropped_label(s: PlannedSession) -> str:
    """How a re-plan's break names a session it dropped: "Easy run of Thu 10 Dec dropped"
    (the services find the reason of a dropped session by it, ``coach_drops``)."""
    return f"{s.title or s.category} of {s.date:%a %d %b} dropped"


def _movable(week: PlanWeek, changes: WeekChanges, first: dt.date) -> list[PlannedSession]:
    """The runs and lifts to re-place from ``first`` on. R22: of a lost day (missed, or
    made unavailable) only the key sessions move; its easy runs are dropped, never
    squeezed into the days left."""

    def lost(s: PlannedSession) -> bool:
        return s.id in changes.missed or (s.date >= first and s.date in changes.unavailable)

    return [
        s
        for s in week.sessions
        if s.id not in changes.dropped
        and (_is_key(s) if lost(s) else s.date >= first)
        and s.kind in (SessionKind.RUN, SessionKind.STRENGTH)
    ]


def _moved(s: PlannedSession, p: Placed, today: dt.date, athlete: Athlete) -> PlannedSession:
    """R22: a session at its new place; R17: lifts on travel days fit the trip's kit.

    The session keeps its id: an id names a session, not a day's slot. Re-labelling a
    moved session with its new day's id handed it the identity (hand-corrected log
    matches, R21 cut and rebuild records, the base its rebuild share is measured
    against) of the session that used to sit there."""
    downgrade = (DOWNGRADE,) if p.downgraded else ()
    return fit_travel_kit(
        dataclasses.replace(
            s,
            date=p.date,
            start=p.start,
            category=p.category,
            why=(*s.why, f"Re-planned on {today} (R22).", *downgrade),
        ),
        athlete,
    )


def _race_capped(moved: Sequence[PlannedSession], athlete: Athlete) -> list[PlannedSession]:
    """Q5: a moved lift that now falls in a race's last 10 days is capped as the build
    caps it (``lift_caps.race_lift_caps``); one the build capped already keeps its cap."""
    capped = race_lift_caps(moved, athlete)
    return [
        s if any(n.startswith("Q5: race on") for n in s.why) else c
        for s, c in zip(moved, capped, strict=True)
    ]


def _pre_quality_capped(week: PlanWeek, after: Sequence[PlanWeek], first: dt.date) -> PlanWeek:
    """Q5: the season build's cap (``lift_caps.pre_quality_caps``: no lift at ≥ 80 % e1RM
    ending < 24 h before a quality run, in its week or the next) on the re-placed days
    from ``first`` on; the days before it are history and stay as they were."""
    capped = pre_quality_caps([week, *after])[0]
    sessions = tuple(
        new if old.date >= first else old
        for old, new in zip(week.sessions, capped.sessions, strict=True)
    )
    return dataclasses.replace(week, sessions=sessions)


def _overlap(a: PlannedSession, b: PlannedSession) -> bool:
    a0 = a.start.hour * 60 + a.start.minute
    b0 = b.start.hour * 60 + b.start.minute
    return a0 < b0 + b.duration_min and b0 < a0 + a.duration_min


def _is_key(s: PlannedSession) -> bool:
    return s.kind is SessionKind.STRENGTH or s.hard or s.category in ("long", "race_pace")


@dataclass(frozen=True, slots=True)
class WeekFacts:
    """What the scheduler's flags of a week's sessions depend on, as the season build
    sets them (``build._demands``)."""

    long_counts: bool
    """Q4: the long run counts as a quality run (``week_long_is_quality``)."""
    long_km: float
    """Q2: the week's long run, km (0 when it has none)."""
    free_eve: bool
    """Q2: the long run's eve is judged (not a Q7 pair week, not a part first week)."""


def week_facts(week: PlanWeek, athlete: Athlete, *, part: bool = False) -> WeekFacts:
    """Q2/Q4/Q7: ``WeekFacts`` of ``week`` as planned (the one predicates of
    ``rules.predicates``, ``rules.quality`` and ``ultra.back_to_back_week``); ``part``:
    the plan starts inside it (no long eve judged, as the build and the audit)."""
    runs = [s for s in week.sessions if s.kind is SessionKind.RUN]
    long_km = max((s.distance_km or 0.0 for s in runs if is_long_run(s)), default=0.0)
    pairs = back_to_back_week(athlete.goal.distance_m, week.phase, week.deload)
    return WeekFacts(week_long_is_quality(week.phase, week.sessions), long_km,
                     not pairs and not part)  # fmt: skip


def _demand_of(s: PlannedSession, facts: WeekFacts, athlete: Athlete) -> Demand:
    """The scheduler's demand for a placed session, with the season build's flags:
    Q6 ``joins_run`` (``context.lifts_join_runs``), Q4 ``alternate`` and ``quality``,
    Q2 ``longish`` and ``medium_long`` (never, or rather not, on the long run's eve:
    a re-plan obeys the planner's rules, issue 12 daily coach)."""
    cat = s.category
    alternate = alternates(athlete)
    if s.kind is SessionKind.STRENGTH:
        return Demand(s.id, s.kind, cat, math.ceil(s.duration_min), heavy=cat == "heavy",
                      power=cat == "power", drop_rule="drop-strength",
                      joins_run=lifts_join_runs(athlete), alternate=alternate)  # fmt: skip
    race = cat == RunCategory.RACE.value
    long_counts = facts.long_counts
    quality = s.hard or cat in ("race_pace", "race") or (cat == "long" and long_counts)
    hard = category_is_quality(s.category, s.hard)
    km = s.distance_km or 0.0
    eve = facts.free_eve and s.kind is SessionKind.RUN and category_is_easy(cat)
    return Demand(
        s.id, s.kind, cat, math.ceil(s.duration_min), hard=hard and not race,
        long=cat == "long", race=race, fixed_date=s.date if race else None,
        quality=quality, time_trial=cat == RunCategory.TIME_TRIAL.value, alternate=alternate,
        drop_rule="drop-race" if race else "drop-long" if cat == "long"
        else "drop-hard" if hard else "drop-easy",
        longish=eve and is_longish(km, facts.long_km),
        medium_long=eve and is_medium_long(km, facts.long_km),
    )  # fmt: skip


def _placed_of(s: PlannedSession, facts: WeekFacts, athlete: Athlete) -> Placed:
    d = _demand_of(s, facts, athlete)
    return Placed(d, s.date, s.start.hour * 60 + s.start.minute, 0, s.category, d.heavy)


def _sig_of(sessions: Sequence[PlannedSession], facts: WeekFacts, athlete: Athlete) -> DaySig:
    """The scheduler's signature of a day that holds ``sessions``."""
    run = next((s for s in sessions if s.kind is SessionKind.RUN), None)
    lift = next((s for s in sessions if s.kind is SessionKind.STRENGTH), None)
    return day_sig(
        _placed_of(run, facts, athlete) if run else None,
        _placed_of(lift, facts, athlete) if lift else None,
    )


def week_cost(plan: Plan, week_index: int, athlete: Athlete) -> float:
    """R22/Q2/Q4: what the season scheduler's costs (``schedule_costs.evaluate``: R0,
    R3–R6, Q2's long eve, Q4's spacing … with the weights of ``rules.catalogue``) make
    of week ``week_index`` as ``plan`` places it, the day before it included. A re-plan
    that moves a session weighs its days as the planner would (``coach_skip``)."""
    week = plan.weeks[week_index]
    facts = week_facts(week, athlete, part=week.start_date < plan.start_date)
    training = [s for s in week.sessions if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)]
    placed = [_placed_of(s, facts, athlete) for s in training]
    days = [DayCalendar(week.start_date + dt.timedelta(days=i), ()) for i in range(7)]
    eve = week.start_date - dt.timedelta(days=1)
    before = [s for s in plan.sessions() if s.date == eve]
    prev = week_facts(plan.weeks[week_index - 1], athlete) if week_index else facts
    long_day = athlete.week.long_run_day
    cost, _ = evaluate(placed, (), days, long_day, _sig_of(before, prev, athlete))
    return cost


@dataclass(frozen=True, slots=True)
class PlacedDay:
    """A day's sessions at their new clock times, and what found no room."""

    sessions: tuple[PlannedSession, ...]
    no_room: tuple[PlannedSession, ...]


def place_day(
    sessions: Sequence[PlannedSession],
    week: PlanWeek,
    athlete: Athlete,
    previous: Sequence[PlannedSession] = (),
) -> PlacedDay:
    """R6 for a day that received moved sessions (``plan move``, R22): the scheduler's
    own placement of the day's runs and lifts inside that weekday's windows (a lift in
    a gym window, no overlap, run-then-lift or two-a-days as the profile allows), with
    R3/R4 seen from ``previous`` (the day before); then mobility in the first free gap
    of a window (R16). Sessions keep their ids, size and content; only start times
    change. A session that fits nowhere is returned in ``no_room``."""
    facts = week_facts(week, athlete)  # Q2/Q4 (``week``: the day's)
    if not sessions:
        return PlacedDay((), ())
    day = sessions[0].date
    training = [s for s in sessions if s.kind in (SessionKind.RUN, SessionKind.STRENGTH)]
    by_key = {s.id: s for s in training}
    result = schedule_week(
        [_demand_of(s, facts, athlete) for s in training],
        calendar_days(athlete, day, 1, frozenset()),
        athlete.week.long_run_day,
        _sig_of(previous, facts, athlete),
    )
    placed = [
        dataclasses.replace(
            by_key[p.demand.key],
            start=p.start,
            category=p.category,
            why=(*by_key[p.demand.key].why, *([DOWNGRADE] if p.downgraded else [])),
        )
        for p in result.placed
    ]
    no_room = [by_key[d.key] for d in result.dropped]
    others: list[PlannedSession] = []
    for s in sessions:
        if s.kind is SessionKind.MOBILITY:
            start = _mobility_start(athlete, day, [*placed, *others])
            if start is None:
                no_room.append(s)
            else:
                others.append(dataclasses.replace(s, start=dt.time(start // 60, start % 60)))
        elif s.id not in by_key:
            others.append(s)  # rest days and cross-training keep what they had
    ordered = sorted([*placed, *others], key=lambda s: s.start)
    return PlacedDay(tuple(ordered), tuple(no_room))
