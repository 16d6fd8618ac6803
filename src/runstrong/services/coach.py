"""The daily coach: today's sessions adapted to the athlete (R18–R24), the plan kept in
step with the log (R1, R14, R22, VDOT from races), and the day's fuelling targets.

``today(session, athlete_id, day, now=…)`` is the one use case the CLI (``runstrong
today``) and the web app call. In order, it:

1. stores the check-in if one is given (R18);
2. follows the log: the next loads of each lift logged since the last run of the
   coach follow ``core.strength.next_prescription`` (R14);
3. re-plans the rest of the week when a session of an earlier day of it has no
   matching activity (R22, via ``core.planner.replan_week``: key sessions kept, easy
   volume absorbs, no cramming, R3–R5 hold);
4. rebuilds the weeks after this one when a third strength session is earned (R1)
   or a race/time trial in the log gives a new VDOT (new paces);
5. assesses readiness and adapts today's sessions (R19–R23), with a lighter rest of
   the week on a sore streak (R21);
6. stores the result as a new plan version in the plan format (so ``runstrong
   check`` and the exports see it) plus plan events that explain it;
7. computes the day's nutrition targets for the adapted load (R24).

Re-running ``today`` for the same day re-adapts from the day's original sessions
(kept in the day's ``adapt`` event, found again by ``coach_originals`` also after a
skip or a move re-placed them), so reductions never compound.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from runstrong.core.athlete import Athlete
from runstrong.core.coaching.adaptation import (
    AdaptedDay,
    Change,
    InterferenceSignal,
    adapt_day,
    detect_interference,
    third_session_unlocked,
)
from runstrong.core.coaching.readiness import (
    BASELINE_DAYS,
    RECENT_DAYS,
    Flag,
    Readiness,
    assess,
)
from runstrong.core.errors import InputError, NotFoundError, RunstrongError
from runstrong.core.model import Plan, PlannedSession, Wellness
from runstrong.core.science.nutrition import NutritionTargets
from runstrong.exporters.plan_json import dump_plan
from runstrong.services import coach_history as hist
from runstrong.services import coach_steps as steps
from runstrong.services.coach_cache import parsed_plan, parsed_profile
from runstrong.services.coach_drops import dropped_by
from runstrong.services.coach_events import (
    CoachEvent,
    DayAdapted,
    LighterWeek,
    Missed,
    Progression,
    R1Unlock,
    Rebuild,
    VdotUpdate,
    content_digest,
    day_digest,
    encode,
    of_type,
)
from runstrong.services.coach_originals import base_sessions, mini_plan
from runstrong.services.coach_plan import (
    library_substitute,
    replace_day,
    sessions_on,
    week_index_of,
)
from runstrong.services.coach_rebuild import stepped_rebuild, weeks_since_cut
from runstrong.services.logging import check_wellness, log_wellness
from runstrong.services.matching import LogWindow, match_stored, read_logged, read_window
from runstrong.storage import repository as repo
from runstrong.storage.records import AthleteRecord, StoredActivity, StoredPlanEvent

HISTORY_DAYS = 42
"""How far back the coach reads the log (R1 needs four finished weeks, R23 28 days)."""
VDOT_CHANGE = 0.5
"""A race or time trial moving VDOT by at least this much re-paces future weeks."""


@dataclass(frozen=True, slots=True)
class TodayReport:
    """What the coach says for one day: readiness, sessions as adapted and why,
    plan-level changes (re-planning, R1, R14, VDOT, R21), and fuelling targets."""

    day: dt.date
    athlete: str
    has_plan: bool
    wellness: Wellness | None
    readiness: Readiness
    planned: tuple[PlannedSession, ...]
    sessions: tuple[PlannedSession, ...]
    changes: tuple[Change, ...]
    plan_changes: tuple[Change, ...]
    interference: InterferenceSignal | None
    nutrition: NutritionTargets | None
    notes: tuple[str, ...]
    plan_id: int | None
    profile_problem: str | None = None
    """Why the stored profile is unusable (names the field), or None."""
    earned_r1: bool = False
    """This run earned the R1 unlock (stored with it unless a preview: ``day.preview``)."""
    vdot_race: int | None = None
    """R26: the race whose new VDOT re-paced the weeks ahead in this run (its activity
    id; stored with it unless a preview, which ``day.preview`` records)."""


def log_window(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first local day of the activities and of the check-ins the coach reads for
    ``day`` (both up to ``day``): HISTORY_DAYS of log, the R18 baseline of wellness.
    ``services.day.preview`` keys its cache on exactly these rows."""
    return day - dt.timedelta(days=HISTORY_DAYS), day - dt.timedelta(
        days=BASELINE_DAYS + RECENT_DAYS
    )


def read_profile(text: str | None, name: str) -> tuple[Athlete | None, str | None]:
    """The athlete's parsed profile and, when the stored text no longer parses, the
    problem naming the field (issue 11: a broken profile is reported, never
    swallowed — it silently turned off the R1 unlock, VDOT rebuilds and fuel)."""
    if not text:
        return None, None
    try:
        return parsed_profile(text, name), None
    except RunstrongError as exc:
        return None, (
            f"the profile is broken: {exc}; fix it (runstrong plan new --profile FILE or "
            "Settings) — until then no re-planning, R1 unlock, VDOT update or fuel targets"
        )


def athlete_profile(text: str | None, name: str) -> Athlete | None:
    """The athlete's parsed profile, or None when there is none; a profile that no
    longer parses raises ``ProfileError`` naming the field."""
    if not text:
        return None
    return parsed_profile(text, name)


def _rebuild_step(
    plan: Plan, day: dt.date, events: Sequence[StoredPlanEvent], acts: Sequence[StoredActivity]
) -> tuple[Plan, list[Change], list[CoachEvent]]:
    """R21: step this week up after a lighter week, once per week (see coach_rebuild)."""
    wi = week_index_of(plan, day)
    if wi is None:
        return plan, [], []
    cuts = {e.week for _, e in of_type(events, LighterWeek)}
    done = {e.week for _, e in of_type(events, Rebuild)}
    gap = weeks_since_cut(cuts, wi)
    if gap is None or wi in done:
        return plan, [], []
    plan, changes = stepped_rebuild(plan, wi, day, gap, acts)
    return plan, changes, [Rebuild(wi)]


# ---------------------------------------------------------------------------
# The use case
# ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Read:
    """What the coach read for one day (no writes)."""

    record: AthleteRecord
    athlete: Athlete | None
    profile_problem: str | None
    wellness: list[Wellness]
    todays: Wellness | None


@dataclass(slots=True)
class _Steps:
    """The plan as the coach's steps leave it, with what they explain and record."""

    plan: Plan
    acts: list[StoredActivity]
    past: list[PlannedSession]
    matches: dict[str, StoredActivity]
    events: list[StoredPlanEvent]
    plan_changes: list[Change] = field(default_factory=list)
    new_events: list[CoachEvent] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    vdot_race: int | None = None  # R26: the unseen race that set a new VDOT


def _read_day(
    session: Session,
    athlete_id: int,
    day: dt.date,
    checkin: Mapping[str, Any] | None,
    save: bool,
) -> _Read:
    """The athlete, the day's check-in (stored first when ``save``) and the wellness rows
    of the R18 baseline; an unsaved check-in is laid over the stored day."""
    record = repo.get_athlete(session, athlete_id)
    athlete, profile_problem = read_profile(record.profile_toml, record.name)
    if checkin and any(v is not None for v in checkin.values()) and save:
        log_wellness(session, athlete_id, day, checkin)
    _, since = log_window(day)  # R18: HR/HRV baseline
    wellness = [w for w in repo.list_wellness(session, athlete_id, since=since) if w.day <= day]
    given = check_wellness({k: v for k, v in (checkin or {}).items() if v is not None})
    if given and not save:  # an empty check-in must not create a day of wellness
        base = next((w for w in wellness if w.day == day), Wellness(day=day))
        wellness = [w for w in wellness if w.day != day] + [dataclasses.replace(base, **given)]
    todays = next((w for w in wellness if w.day == day), None)
    return _Read(record, athlete, profile_problem, wellness, todays)


def _no_plan_report(day: dt.date, read: _Read) -> TodayReport:
    """Readiness and fuel only: there is no plan to adapt."""
    readiness = assess(read.todays, read.wellness, day=day)
    food, note = steps.nutrition_for(read.athlete, read.wellness, ())
    # "No plan yet" is ``has_plan``: each shell says how to build one in its own words.
    notes = tuple(n for n in (read.profile_problem, note) if n)
    return TodayReport(
        day, read.record.name, False, read.todays, readiness, (), (), (), (), None, food,
        notes, None, read.profile_problem,
    )  # fmt: skip


def _start_steps(session: Session, athlete_id: int, day: dt.date, original: Plan, read: _Read,
                 window: LogWindow | None) -> _Steps:  # fmt: skip
    """The log of the coach's history window (from ``window`` when the caller read it)
    matched to the plan, and the plan events."""
    first, _ = log_window(day)
    events = repo.list_plan_events(session, athlete_id, since=original.start_date)
    window = window or read_window(session, athlete_id, first, day)
    acts = window.between(first, day)
    past = [s for s in original.sessions() if first <= s.date <= day]
    matches = match_stored(past, acts, window.overrides, not_before=original.start_date)
    notes = [read.profile_problem] if read.profile_problem else []
    return _Steps(original, acts, past, matches, events, notes=notes)


def _follow_and_replan(st: _Steps, read: _Read, day: dt.date) -> None:
    """R14: next loads follow the lifts logged so far; R22: missed sessions earlier
    this week re-plan the rest of it."""
    st.plan, ch, followed = steps.follow_logs(
        st.plan, st.matches, st.events, day, hold=hist.red_streak(read.wellness, day)
    )
    st.plan_changes += ch
    st.new_events += [Progression(i) for i in followed]
    before = st.plan
    st.plan, ch, missed, more = steps.replan_missed(
        st.plan, read.athlete, st.matches, day, st.events
    )
    st.plan_changes += ch
    st.notes += more
    wi = week_index_of(before, day)
    if missed and wi is not None:  # R22: what else the re-plan took out, and why
        was, now = before.weeks[wi].sessions, st.plan.weeks[wi].sessions
        dropped = dropped_by(was, now, missed, st.plan.broken_rules)
        st.new_events.append(Missed(tuple(missed), dropped))


def _vdot_from_race(st: _Steps, day: dt.date) -> float | None:
    """R26: a race or time trial not seen yet; the new VDOT when it moves the plan's
    by at least VDOT_CHANGE (None otherwise)."""
    race = steps.latest_race(st.plan, st.acts, st.matches)
    seen = {e.activity_id for _, e in of_type(st.events, VdotUpdate)}
    if race is None or race[0].id in seen:
        return None
    rebuild_vdot: float | None = None
    old = st.plan.vdot
    if old is None or abs(race[1] - old) >= VDOT_CHANGE:
        rebuild_vdot, st.vdot_race = round(race[1], 1), race[0].id
        msg = (f"race/time trial on {hist.local_day(race[0].activity)}: VDOT "
               f"{old if old is not None else '?'} → {rebuild_vdot}; paces of the coming "
               "weeks re-estimated")  # fmt: skip
        st.plan_changes.append(Change("R26", "", msg))
    st.new_events.append(VdotUpdate(race[0].id, round(race[1], 2)))
    return rebuild_vdot


def _rebuild_weeks_ahead(st: _Steps, read: _Read, day: dt.date) -> None:
    """R1 (a third strength session earned) and R26 (a new VDOT): rebuild the weeks
    after this one."""
    athlete = read.athlete
    if athlete is None:
        return
    unlocked_before = bool(of_type(st.events, R1Unlock)) or bool(athlete.consistency_ok)
    consistency = unlocked_before
    if not unlocked_before:
        weeks = hist.week_compliance(st.plan, st.matches, read.wellness, before=day)
        ok, why = third_session_unlocked(weeks)
        if ok:
            consistency = True
            st.plan_changes.append(Change("R1", "", why + ": a third weekly strength session "
                                          "is planned from next week"))  # fmt: skip
            st.new_events.append(R1Unlock(why))
    rebuild_vdot = _vdot_from_race(st, day)
    if consistency == unlocked_before and rebuild_vdot is None:
        return
    vdot = rebuild_vdot if rebuild_vdot is not None else st.plan.vdot
    rebuilt = steps.rebuild_future(st.plan, athlete, day, consistency_ok=consistency, vdot=vdot)
    if rebuilt is None:
        st.notes.append("the weeks ahead could not be rebuilt; the plan stands")
        return
    # R14: the rebuilt weeks come from the planner; anchor them again on the
    # last logged top set of each exercise (never the plan's own ramp).
    st.plan, _, _ = steps.follow_logs(rebuilt, st.matches, (), day)


def _adapt_today(
    st: _Steps, read: _Read, day: dt.date, minutes_available: float | None
) -> tuple[Readiness, InterferenceSignal | None, list[PlannedSession], AdaptedDay]:
    """R18–R23: readiness and today's sessions adapted to it (then R21's lighter week)."""
    earlier = [s for s in st.past if s.date < day]
    readiness = assess(read.todays, read.wellness, hist.rpe_records(earlier, st.matches), day=day)
    signal = detect_interference(
        hist.key_run_outcomes(earlier, st.matches),
        hist.strength_load(st.acts, day - dt.timedelta(days=14), day),
        hist.strength_load(st.acts, day - dt.timedelta(days=28), day - dt.timedelta(days=14)),
    )
    # R19–R23 adapt the day as planned (never an adapted copy: cuts never compound);
    # a session already done today is history and keeps what the plan held.
    done = {s.id for s in sessions_on(st.plan, day) if s.id in st.matches}
    originals = base_sessions(st.plan, day, st.events, done)
    todo = [s for s in originals if s.id not in done]
    athlete = read.athlete
    equipment = athlete.equipment if athlete is not None and athlete.equipment else None
    adapted = adapt_day(
        day,
        todo,
        readiness,
        minutes_available=minutes_available,
        interference=signal,
        substitute=library_substitute(equipment),
    )
    whole = sorted([*(s for s in originals if s.id in done), *adapted.sessions],
                   key=lambda s: s.start)  # fmt: skip
    adapted = dataclasses.replace(adapted, sessions=tuple(whole))
    if week_index_of(st.plan, day) is not None:
        st.plan = replace_day(st.plan, day, adapted.sessions)
        if adapted.changes:
            st.new_events.append(
                DayAdapted(
                    original=mini_plan(st.plan, day, todo),
                    adapted=day_digest(adapted.sessions),
                    readiness=readiness.status.value,
                    changes=tuple((c.rule_id, c.session_id, c.message) for c in adapted.changes),
                    sessions=tuple(
                        (s.id, content_digest(s)) for s in adapted.sessions if s.id not in done
                    ),
                )
            )
    _lighter_week(st, day, readiness)
    return readiness, signal, originals, adapted


def _lighter_week(st: _Steps, day: dt.date, readiness: Readiness) -> None:
    """R21: a lighter rest of the week on a sore streak, once per week."""
    wi = week_index_of(st.plan, day)
    if Flag.SORE_STREAK not in readiness.flags or wi is None:
        return
    if wi not in {e.week for _, e in of_type(st.events, LighterWeek)}:
        st.plan, ch = steps.lighter_week(st.plan, day, readiness)
        st.plan_changes += ch
        st.new_events.append(LighterWeek(wi))


def _store(
    session: Session,
    athlete_id: int,
    day: dt.date,
    st: _Steps,
    original: Plan,
    plan_id: int,
    now: dt.datetime,
) -> int:
    """The adapted plan as a new plan version (when it changed) and the coach's events;
    returns the id of the plan now active."""
    if st.plan != original:
        plan_id = repo.add_plan(
            session, athlete_id, dump_plan(st.plan), format_version=st.plan.format_version,
            now=now,
        ).id  # fmt: skip
    for event in st.new_events:
        kind, payload = encode(event)
        repo.add_plan_event(session, athlete_id, day, kind, payload, now=now)
    return plan_id


def today(
    session: Session,
    athlete_id: int,
    day: dt.date,
    *,
    now: dt.datetime,
    checkin: Mapping[str, Any] | None = None,
    minutes_available: float | None = None,
    save: bool = True,
    window: LogWindow | None = None,
) -> TodayReport:
    """The daily coach for ``day`` (see the module docstring for the steps).

    ``checkin`` holds wellness fields (names of ``core.model.Wellness``) to store
    first; ``minutes_available`` is the time the athlete has today (R22); with
    ``save=False`` nothing is written (a preview); ``window``: the log the caller read.
    """
    if minutes_available is not None and not 0 <= minutes_available <= 24 * 60:
        raise InputError(f"minutes {minutes_available:g} is out of range: use 0 to 1440")
    if save:  # stores: runs of the coach that store take turns (day.record_once)
        repo.lock_coach(session, athlete_id)
    read = _read_day(session, athlete_id, day, checkin, save)
    stored = repo.active_plan(session, athlete_id)
    if stored is None:
        return _no_plan_report(day, read)
    original = parsed_plan(session, stored)
    st = _start_steps(session, athlete_id, day, original, read, window)
    _follow_and_replan(st, read, day)
    _rebuild_weeks_ahead(st, read, day)
    # R21: the weeks after a lighter week rebuild in steps.
    st.plan, ch, ev = _rebuild_step(st.plan, day, st.events, st.acts)
    st.plan_changes += ch
    st.new_events += ev
    readiness, signal, originals, adapted = _adapt_today(st, read, day, minutes_available)
    plan_id = stored.id
    if save:
        plan_id = _store(session, athlete_id, day, st, original, stored.id, now)
    food, note = steps.nutrition_for(read.athlete, read.wellness, adapted.sessions)
    if note:
        st.notes.append(note)
    return TodayReport(
        day=day,
        athlete=read.record.name,
        has_plan=True,
        wellness=read.todays,
        readiness=readiness,
        planned=tuple(originals),
        sessions=adapted.sessions,
        changes=adapted.changes,
        plan_changes=tuple(st.plan_changes),
        interference=signal,
        nutrition=food,
        notes=tuple(st.notes),
        plan_id=plan_id,
        profile_problem=read.profile_problem,
        earned_r1=any(isinstance(e, R1Unlock) for e in st.new_events),
        vdot_race=st.vdot_race,
    )


def active_plan(session: Session, athlete_id: int) -> tuple[int, Plan]:
    """The athlete's active plan and its id (``NotFoundError`` when there is none)."""
    stored = repo.active_plan(session, athlete_id)
    if stored is None:
        raise NotFoundError(
            "no saved plan yet", cli_hint=": run runstrong plan new --profile FILE to build one"
        )
    return stored.id, parsed_plan(session, stored)


def follow_lifts(
    session: Session, athlete_id: int, day: dt.date, *, now: dt.datetime
) -> tuple[Change, ...]:
    """R14 right after logging: the next loads of each lift logged up to ``day`` (and
    not followed yet) follow ``core.strength.next_prescription``; the plan is saved.
    ``today`` does the same as its first step, so calling this is optional; it lets a
    log screen show the next loads at once."""
    stored = repo.active_plan(session, athlete_id)
    if stored is None:
        return ()
    original = parsed_plan(session, stored)
    first = day - dt.timedelta(days=HISTORY_DAYS)
    acts = read_logged(session, athlete_id, first, day)
    past = [s for s in original.sessions() if first <= s.date <= day]
    events = repo.list_plan_events(session, athlete_id, since=original.start_date)
    plan, changes, followed = steps.follow_logs(
        original,
        match_stored(
            past, acts, repo.match_overrides(session, athlete_id), not_before=original.start_date
        ),
        events,
        day,
    )
    if plan != original:
        repo.add_plan(
            session, athlete_id, dump_plan(plan), format_version=plan.format_version, now=now
        )
    for i in followed:
        kind, payload = encode(Progression(i))
        repo.add_plan_event(session, athlete_id, day, kind, payload, now=now)
    return tuple(changes)
