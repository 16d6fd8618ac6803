"""``plan skip`` and ``plan move``: the athlete changes the week, the coach re-plans it (R22).

A skipped day is taken out of the week: its key sessions move to a free day if
the rules allow it, easy volume that no longer fits is dropped (no cramming),
and R3–R5 keep holding (``core.planner.replan_week``). A moved day swaps with
the target day's session of the same kind; the move is refused when it would
break a hard rule the week did not already break. Both store a new plan version
and a plan event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.coaching.readiness import Status
from runstrong.core.errors import ConflictError, InputError, NotFoundError, RunstrongError
from runstrong.core.model import Plan, PlannedSession, RuleBreak, SessionKind, Severity
from runstrong.core.planning.build import WeekChanges, build_plan, replan_week
from runstrong.core.planning.replan import place_day
from runstrong.core.planning.ultra import replanned_notes
from runstrong.core.rules.catalogue import check_r6
from runstrong.exporters.plan_json import dump_plan
from runstrong.services.coach import active_plan, athlete_profile
from runstrong.services.coach import today as coach_today
from runstrong.services.coach_drops import change_lines, dropped_by
from runstrong.services.coach_events import Moved, Skipped, days_off, encode
from runstrong.services.coach_move import move_lines, new_breaks, no_room, refusal
from runstrong.services.coach_plan import move_day, replace_day, sessions_on, week_index_of
from runstrong.services.coach_skip import Skip, is_key, keep_the_rest
from runstrong.services.matching import kind_of, read_logged
from runstrong.storage import repository as repo

log = logging.getLogger(__name__)

Planner = Callable[[Athlete, dt.date], Plan]


def rebuild_plan(
    session: Session,
    athlete_id: int,
    athlete: Athlete,
    start: dt.date,
    *,
    now: dt.datetime,
    planner: Planner = build_plan,
) -> tuple[int, Plan]:
    """Build the season from ``start`` and store it as the active plan.

    A build that fails raises ``ConflictError`` naming the reason, and the stored
    plan is untouched (issue 13: a failed rebuild used to answer 201 with the old
    plan). Returns the new plan's id and the plan.
    """
    had = repo.active_plan(session, athlete_id) is not None
    keep = "; the stored plan is unchanged" if had else "; no plan was stored"
    try:
        plan = planner(athlete, start)
    except RunstrongError as exc:
        raise ConflictError(f"the plan could not be rebuilt: {exc}{keep}") from None
    except Exception:  # an unexpected planner bug: logged, reported, nothing stored
        log.exception("planner failed for athlete %s", athlete_id)
        raise ConflictError(
            f"the plan could not be rebuilt: the planner failed unexpectedly (logged){keep}"
        ) from None
    stored = repo.add_plan(
        session, athlete_id, dump_plan(plan), format_version=plan.format_version, now=now
    )
    return stored.id, plan


@dataclass(frozen=True, slots=True)
class WeekReplan:
    """A week before and after a skip or move, and what changed."""

    week_index: int
    before: tuple[PlannedSession, ...]
    after: tuple[PlannedSession, ...]
    messages: tuple[str, ...]
    plan_id: int
    new_breaks: tuple[RuleBreak, ...] = ()


def skip_day(
    session: Session,
    athlete_id: int,
    day: dt.date,
    *,
    today: dt.date,
    now: dt.datetime,
    session_id: str | None = None,
) -> WeekReplan:
    """R22: take ``day`` (or one session of it) out of the plan and re-plan the week."""
    _plan_id, plan = active_plan(session, athlete_id)
    record = repo.get_athlete(session, athlete_id)
    athlete = athlete_profile(record.profile_toml, record.name)
    if athlete is None:
        raise InputError(
            "re-planning needs the athlete's profile",
            cli_hint=": build the plan with runstrong plan new --profile FILE",
        )
    wi = week_index_of(plan, day)
    if wi is None:
        raise InputError(f"{day.isoformat()} is not in the plan")
    week = plan.weeks[wi]
    if week.start_date + dt.timedelta(days=7) <= today:
        raise InputError(f"{day.isoformat()} is in a past week: only this week and later re-plan")
    todays = [s for s in sessions_on(plan, day) if s.kind is not SessionKind.REST]
    if session_id is not None:
        todays = [s for s in todays if s.id == session_id]
        if not todays:
            known = ", ".join(s.id for s in sessions_on(plan, day)) or "none"
            raise InputError(f"no session {session_id!r} on {day.isoformat()} (there: {known})")
    if not todays:
        raise InputError(f"nothing planned on {day.isoformat()} to skip")
    ids = frozenset(s.id for s in todays)
    start = max(today, week.start_date)
    closed = closed_today(session, athlete_id, today, now) if start == today else None
    if closed is not None:  # today takes no moved session; its own stay as they are
        start = today + dt.timedelta(days=1)
    end = week.start_date + dt.timedelta(days=7)
    off = days_off(repo.list_plan_events(session, athlete_id, since=start), start, end)
    if day < start:
        changes = WeekChanges(missed=ids, unavailable=off)
    elif session_id is None:
        changes = WeekChanges(unavailable=off | {day})
    else:
        changes = WeekChanges(dropped=ids, unavailable=off)
    new = replan_week(plan, wi, changes, start, athlete=athlete)
    whole = session_id is None and day >= start
    moving = () if session_id is not None and day >= start else tuple(filter(is_key, todays))
    open_days = tuple(
        d
        for d in (start + dt.timedelta(days=i) for i in range((end - start).days))
        if d not in off and not (whole and d == day)
    )
    # R22: the skipped key sessions move, nothing else (the re-plan when the rules force it)
    new = keep_the_rest(plan, Skip(wi, ids, moving, open_days, today), athlete, new) or new
    after = new.weeks[wi].sessions
    lines = change_lines(week.sessions, after, ids, new.broken_rules) or [
        "nothing else had to change"
    ]
    if closed is not None:
        lines.append(_not_onto_today(today, closed))
    stored = repo.add_plan(
        session, athlete_id, dump_plan(new), format_version=new.format_version, now=now
    )
    kind, payload = encode(
        Skipped(
            tuple(sorted(ids)),
            tuple(lines),
            day.isoformat() if whole else "",
            dropped_by(week.sessions, after, ids, new.broken_rules),
        )
    )
    repo.add_plan_event(session, athlete_id, day, kind, payload, now=now)
    fresh = tuple(b for b in new.broken_rules if b not in plan.broken_rules)
    return WeekReplan(wi, week.sessions, after, tuple(lines), stored.id, fresh)


def closed_today(session: Session, athlete_id: int, today: dt.date, now: dt.datetime) -> str | None:
    """R22 with R18/R19: why today takes no session that a skip or a move would put on
    it, or None. A day the athlete already trained (an activity is logged) or whose
    readiness is red (as ``runstrong today`` assesses it, nothing stored) is not a free
    day. The one definition for ``plan skip`` and ``plan move`` (CLI, web, API)."""
    logged = read_logged(session, athlete_id, today, today)
    if logged:
        what = ", ".join(sorted({kind_of(a.activity).value for a in logged}))
        return f"you already trained today ({what} logged; R22)"
    readiness = coach_today(session, athlete_id, today, now=now, save=False).readiness
    if readiness.status is Status.RED:
        return "readiness is red today (R19)"
    return None


def _not_onto_today(today: dt.date, closed: str) -> str:
    return f"nothing moves onto today ({today:%a %d %b}): {closed}"


def _arrivals(before: Plan, after: Plan, day: dt.date) -> list[PlannedSession]:
    """The runs and lifts on ``day`` in ``after`` that were not there in ``before``."""
    there = {s.id for s in sessions_on(before, day)}
    return [
        s
        for s in sessions_on(after, day)
        if s.id not in there and s.kind in (SessionKind.RUN, SessionKind.STRENGTH)
    ]


def _fit_windows(
    plan: Plan,
    wi: int,
    day_from: dt.date,
    to: dt.date,
    athlete: Athlete,
    keep: str | None = None,
    origin: dict[str, dt.date] | None = None,
) -> tuple[Plan, list[str]]:
    """R6 after a move: each changed day's sessions take start times inside that
    weekday's windows (the scheduler's placement, ``place_day``); a clock time carried
    over from the old day could sit outside them. Returns the plan and one line per
    session whose time changed or (mobility) that gave way; refused when a run or a
    lift finds no room, or ``keep`` (the one session the athlete moved) does."""
    lines: list[str] = []
    for d in sorted((day_from, to)):
        todays = sessions_on(plan, d)
        if not any(b.severity is Severity.HARD for b in check_r6(todays, athlete.week)):
            continue  # the day's times already fit: leave them
        before = [s for s in plan.sessions() if s.date == d - dt.timedelta(days=1)]
        placed = place_day(todays, plan.weeks[wi], athlete, before)
        for s in placed.no_room:
            if s.kind is SessionKind.MOBILITY and s.id != keep:  # optional (R16): gives way
                lines.append(f"dropped: {s.title or s.category} on {d:%a %d %b}: no room (R6)")
                continue
            others = [o for o in todays if o.id != s.id]
            came = (origin or {}).get(s.id, d)
            raise InputError(
                f"moving {day_from.isoformat()} to {to.isoformat()} would break R6: "
                f"{no_room(s, d, others, athlete.week, came)}; pick another day",
                cli_hint=" or use runstrong plan skip",
            )
        old = {s.id: s for s in todays}
        for s in placed.sessions:
            if s.start != old[s.id].start:
                lines.append(
                    f"time: {s.title or s.category} on {d:%a %d %b} "
                    f"{old[s.id].start:%H:%M} → {s.start:%H:%M}, inside your window (R6)"
                )
        plan = replace_day(plan, d, placed.sessions)
    return plan, lines


def move_sessions(
    session: Session,
    athlete_id: int,
    day: dt.date,
    to: dt.date,
    *,
    today: dt.date,
    now: dt.datetime,
    session_id: str | None = None,
) -> WeekReplan:
    """R22: move ``day``'s sessions (or only ``session_id``: the web's drag) to ``to`` in
    the same week (swapping same-kind sessions), re-placed in the day's windows (R6);
    refused when that breaks a hard rule (R3–R6) the week did not break. ``runstrong
    plan move``, the Plan and Calendar pages and the API all move through here."""
    if min(day, to) < today:
        raise InputError(
            f"cannot move {day.isoformat()} to {to.isoformat()}: days before today "
            f"({today.isoformat()}) are history",
            cli_hint="; use runstrong plan skip for a missed day",
        )
    _plan_id, plan = active_plan(session, athlete_id)
    record = repo.get_athlete(session, athlete_id)
    athlete = athlete_profile(record.profile_toml, record.name)
    new, moved = move_day(plan, day, to, session_id)
    arriving = _arrivals(plan, new, today)
    closed = closed_today(session, athlete_id, today, now) if arriving else None
    if closed is not None:  # R22/R19: the day moved to, or a same-kind swap back onto today
        names = ", ".join(s.title or s.category for s in arriving)
        verb = "swap back" if day == today else "move"
        raise InputError(
            f"cannot move {day.isoformat()} to {to.isoformat()}: {names} would {verb} onto "
            f"today ({today:%a %d %b}), but {closed}; a session moves onto today only while "
            "nothing is logged today and readiness is not red: pick a later day of the week",
            cli_hint=" or use runstrong plan skip",
        )
    wi = week_index_of(plan, day)
    assert wi is not None
    retimed: list[str] = []
    if athlete is not None:
        origin = {s.id: s.date for s in plan.weeks[wi].sessions}
        new, retimed = _fit_windows(new, wi, day, to, athlete, session_id, origin)
    moved_week = new.weeks[wi]  # Q7: the pair note says what the week now holds
    notes = replanned_notes(plan.weeks[wi], moved_week.sessions)
    weeks = (*new.weeks[:wi], dataclasses.replace(moved_week, notes=notes), *new.weeks[wi + 1 :])
    new = dataclasses.replace(new, weeks=weeks)
    broken = new_breaks(plan, new, wi, athlete)  # R3–R6 hard, Q2/Q4/Q5 as the planner
    if broken:
        raise InputError(
            f"moving {day.isoformat()} to {to.isoformat()} would break {broken[0].rule_id}: "
            f"{refusal(broken[0], new)}; pick another day",
            cli_hint=" or use runstrong plan skip",
        )
    lines = [*move_lines(plan.weeks[wi], new.weeks[wi]), *retimed]
    stored = repo.add_plan(
        session, athlete_id, dump_plan(new), format_version=new.format_version, now=now
    )
    kind, payload = encode(Moved(to.isoformat(), tuple(s.id for s in moved)))
    repo.add_plan_event(session, athlete_id, day, kind, payload, now=now)
    return WeekReplan(wi, plan.weeks[wi].sessions, new.weeks[wi].sessions, tuple(lines), stored.id)


def move_session(
    session: Session,
    athlete_id: int,
    session_id: str,
    to: dt.date,
    *,
    today: dt.date,
    now: dt.datetime,
) -> WeekReplan:
    """The web's drag of one session to ``to``: ``move_sessions`` for that session
    alone, so a drop re-places it in the day's windows exactly as ``plan move`` does
    (``NotFoundError`` when the plan has no such session)."""
    _plan_id, plan = active_plan(session, athlete_id)
    found = next((s for s in plan.sessions() if s.id == session_id), None)
    if found is None:
        raise NotFoundError(f"no session with id {session_id!r} in this plan")
    return move_sessions(
        session, athlete_id, found.date, to, today=today, now=now, session_id=session_id
    )
