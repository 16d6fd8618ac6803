"""One day as the athlete sees it, for the web's Today page and ``GET …/today``.

The sessions, changes, readiness and fuelling are those of the daily coach
(``services.coach.today``, the same use case as ``runstrong today``), run as a
preview (nothing is written by looking at a page, except what ``record_once`` keeps:
R1's unlock and R26's new VDOT, once); beside them, what was logged that day and
which planned sessions it fulfilled (``matching.match_stored``).

Also the one mapping of a planned session to the activity it becomes when done
exactly as planned (the Today page's "Done as planned" and the demo athlete).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
import zoneinfo
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from runstrong.core.coaching.matching import MAX_SHIFT_DAYS, PLAN_SOURCE_PREFIX, TRAINING_KINDS
from runstrong.core.errors import NotFoundError, RunstrongError
from runstrong.core.model import Activity, Lap, PlannedSession, SessionKind, SetEntry, Sport
from runstrong.core.prescription.run_steps import step_metres, step_seconds
from runstrong.services import coach_history as hist
from runstrong.services.coach import (
    TodayReport,
    active_plan,
    athlete_profile,
    log_window,
    today,
)
from runstrong.services.coach_cache import Lru, cache_key, coach_version, database, parsed_plan
from runstrong.services.coach_events import R1Unlock, VdotUpdate, of_type
from runstrong.services.matching import LogWindow, match_stored, read_logged, read_window
from runstrong.services.plan_status import (
    DROPPED,
    MISSED,
    NOT_YET,
    REPLANNED,
    WeekSoFar,
    week_so_far,
)
from runstrong.storage import repository as repo
from runstrong.storage.db import IMMEDIATE_OPTION
from runstrong.storage.records import StoredActivity
from runstrong.storage.tables import PlanRow

log = logging.getLogger(__name__)

SPORT_OF_KIND = {
    SessionKind.RUN: Sport.RUNNING,
    SessionKind.STRENGTH: Sport.STRENGTH,
    SessionKind.CROSS: Sport.OTHER,
}


@dataclass(frozen=True, slots=True)
class DayView:
    """The coach's report for the day, what was logged, and which sessions are done."""

    report: TodayReport
    logged: tuple[StoredActivity, ...]
    done_ids: frozenset[str]
    week: WeekSoFar = ()
    """This week (``plan_status.week_so_far``, as ``runstrong today`` prints it)."""

    @property
    def day(self) -> dt.date:
        return self.report.day

    @property
    def has_plan(self) -> bool:
        return self.report.has_plan


class HasProfile(Protocol):
    """An athlete record: a stored row or ``repository.get_athlete``'s record."""

    @property
    def name(self) -> str: ...

    @property
    def profile_toml(self) -> str | None: ...


def athlete_zone(record: HasProfile) -> zoneinfo.ZoneInfo:
    """The athlete's time zone from the profile (UTC when there is none or it is unknown)."""
    profile = athlete_profile(record.profile_toml, record.name)
    try:
        return zoneinfo.ZoneInfo(profile.timezone if profile is not None else "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_day(record: HasProfile, now: dt.datetime) -> dt.date:
    """The athlete's calendar date at ``now``: training days are local dates."""
    return now.astimezone(athlete_zone(record)).date()


PREVIEWS: Lru[tuple[Any, ...], TodayReport] = Lru(64)
"""(database, athlete, day, minutes, ``coach_version``) → the coach's preview."""
DAYS: Lru[tuple[Any, ...], DayView] = Lru(64)
"""(database, athlete, day, minutes, units, ``coach_version``) → the day's view."""
GLANCES: Lru[tuple[Any, ...], WeekGlance] = Lru(64)
"""(database, athlete, day, ``coach_version``) → the Coach page's row."""


def preview(
    session: Session,
    athlete_id: int,
    day: dt.date,
    *,
    now: dt.datetime,
    minutes_available: float | None = None,
    record: bool = False,
) -> TodayReport:
    """``coach.today(..., save=False)`` for ``day``, reused while ``coach_version`` is
    unchanged: any write the coach would see (log, check-in, plan, events, hand
    matches, profile) changes it. A preview writes nothing, and ``now`` only dates
    writes, so the report depends on nothing else.

    One exception, with ``record`` (the web's Today and Coach pages and
    ``GET …/today``): when the preview earns R1's third strength session or finds a race
    that sets a new VDOT (R26), that is recorded at once by the CLI's own path
    (``record_once``); see there for why."""
    version = coach_version(session, athlete_id)
    report = _report(session, athlete_id, day, now, minutes_available, version, None)
    if record:
        _record_if_due(session, athlete_id, report, now)
    return report


def _report(
    session: Session,
    athlete_id: int,
    day: dt.date,
    now: dt.datetime,
    minutes_available: float | None,
    version: tuple[Any, ...] | None,
    window: LogWindow | None,
) -> TodayReport:
    """The preview kept under ``version`` (read by the caller before anything else),
    computed from ``window`` (the log the caller read) when it is not kept."""
    key = cache_key(version, database(session), athlete_id, day, minutes_available)
    report = PREVIEWS.get(key)
    if report is None:
        report = today(session, athlete_id, day, now=now, minutes_available=minutes_available,
                       save=False, window=window)  # fmt: skip
        PREVIEWS.put(key, report)
    return report


def warm_previews(session: Session, *, now: dt.datetime, limit: int, budget_s: float) -> int:
    """Fill ``PREVIEWS`` with today's preview for the athletes whose active plan was
    stored last (at most ``limit``, and no new one once ``budget_s`` seconds have gone);
    returns how many were previewed. The web's start-up warm-up calls it so a new
    process's first Today page (or ``GET …/today``) finds its preview made.

    It is exactly the call those pages make first (``preview`` of the athlete's local
    day, no ``minutes_available``), so what they show cannot differ; it only moves the
    cost (a preview that finds a race not recorded yet rebuilds the weeks ahead with the
    planner, R26, which is most of such a Today page) before the first request. It
    reads and never writes: ``record`` is off, so an R1 unlock or an R26 race a preview
    finds is recorded by the first real look (``record_once``). The version key
    (``coach_version``) still decides: a write between start-up and the first look
    makes that look compute afresh."""
    start = time.monotonic()
    query = select(PlanRow.athlete_id).where(PlanRow.active.is_(True))
    ids = session.scalars(query.order_by(PlanRow.id.desc()).limit(limit)).all()
    done = 0
    for athlete_id in ids:
        if time.monotonic() - start >= budget_s:
            break
        try:
            day = local_day(repo.get_athlete(session, athlete_id), now)
            preview(session, athlete_id, day, now=now)
        except RunstrongError:  # e.g. a broken profile: its page says so when asked
            log.info("no start-up preview for athlete %s", athlete_id, exc_info=True)
            continue
        done += 1
    return done


def _record_if_due(
    session: Session, athlete_id: int, report: TodayReport, now: dt.datetime
) -> None:
    """Record what ``report`` found that must be kept (``record_once``); a busy lock or
    an error leaves it to the next look, and the page still shows."""
    if not report.earned_r1 and report.vdot_race is None:
        return
    try:
        record_once(session, athlete_id, report, now=now)  # this look still says "R1/R26: …"
    except (RunstrongError, OperationalError):  # e.g. the lock stayed busy: next look
        log.warning("coach of athlete %s not recorded yet", athlete_id, exc_info=True)


def record_once(
    session: Session, athlete_id: int, report: TodayReport, *, now: dt.datetime
) -> bool:
    """Store what a preview (``report``) found that must be kept, once: R1's third
    strength session, R26's new VDOT from a race or time trial; True when this call
    stored it.

    Why a GET may write here, and only here: everything else the coach decides is
    derived again from the log on each look, but these two are paid once. R1's unlock
    is sticky (it never locks again) while its condition is not — four good weeks
    followed by a missed lift no longer earn it, so a web-only athlete never seen on the
    earning day would lose it. R26's race moves the paces of the weeks ahead: unstored,
    the Plan page, calendar, ICS and week view keep the old paces, every new process
    rebuilds the weeks ahead again on its first look, and the change is gone once the
    race leaves the coach's 42 days of log. Both are recorded by ``coach.today(save=
    True)``, the path ``runstrong today`` takes (event, weeks ahead rebuilt, the day's
    other coaching stored as the CLI stores it). Idempotent: it ends the request's read
    transaction, takes the write lock (``BEGIN IMMEDIATE`` on SQLite, the athlete's
    coach lock on PostgreSQL: ``repository.lock_coach``) and checks under it that the
    unlock or the race is not stored yet, so two requests racing record it once; after
    that no preview finds them again, so later looks write nothing."""
    if session.in_transaction():
        session.commit()  # a read transaction cannot safely turn into a write one
    with session.begin():
        session.connection(execution_options={IMMEDIATE_OPTION: True})
        repo.lock_coach(session, athlete_id)
        stored = repo.active_plan(session, athlete_id)
        if stored is None:
            return False
        since = parsed_plan(session, stored).start_date  # what the coach reads (coach.py)
        events = repo.list_plan_events(session, athlete_id, since=since)
        unlock = report.earned_r1 and not of_type(events, R1Unlock)
        seen = {e.activity_id for _, e in of_type(events, VdotUpdate)}
        race = report.vdot_race is not None and report.vdot_race not in seen
        if not (unlock or race):
            return False
        stored_report = today(session, athlete_id, report.day, now=now, save=True)
        return stored_report.earned_r1 or stored_report.vdot_race is not None


def as_adapted(week: WeekSoFar, report: TodayReport) -> WeekSoFar:
    """This week with today's sessions as the coach adapted them (R18–R22), so the Today
    page, ``GET …/today`` and ``runstrong today`` list the same session ("Strength light
    (base) (adapted)", not the plan's "Strength moderate (base)") whether or not the
    adapted plan was stored yet. A missed session the coach's preview re-places on
    today (R22) stays on its own day, missed, "re-planned to" today: taking the new date
    listed Monday's missed lift as a missed Thursday lift above Wednesday. A session of
    today the preview took out is "dropped" (it read "not logged yet")."""
    adapted = {s.id: s for s in report.sessions}
    out = []
    for s, status in week:
        new = adapted.get(s.id, s)
        if s.date == report.day and s.id not in adapted and status.state == NOT_YET:
            out.append((s, dataclasses.replace(status, state=DROPPED, detail="re-planned (R22)")))
        elif new.date == s.date:
            out.append((new, status))
        elif status.state == MISSED:
            detail = f"{REPLANNED} {new.date:%a %d %b} (R22)"
            out.append((s, dataclasses.replace(status, detail=detail)))
        else:
            out.append((s, status))
    return tuple(out)


def day_view(
    session: Session,
    athlete_id: int,
    day: dt.date,
    *,
    now: dt.datetime,
    minutes_available: float | None = None,
    units: str = "km",
    record: bool = False,
) -> DayView:
    """The day's view: the daily coach as a preview (``save=False``) plus the log, and
    this week so far with each session's status (distances in ``units``);
    ``record`` as for ``preview``. Kept, like the preview, while
    ``coach_version`` is unchanged; when it changed, the log of the coach's window is
    read once for the coach, the day and the week (``matching.read_window``)."""
    version = coach_version(session, athlete_id)
    key = cache_key(version, database(session), athlete_id, day, minutes_available, units)
    view = DAYS.get(key)
    if view is None:
        first, _ = log_window(day)
        # The coach reads first…day; the week's statuses its days and two days of shift.
        window = read_window(session, athlete_id, first, day + dt.timedelta(days=MAX_SHIFT_DAYS))
        report = _report(session, athlete_id, day, now, minutes_available, version, window)
        logged = tuple(window.between(day, day))
        matches = match_stored(report.planned, logged, window.overrides)
        week = as_adapted(week_so_far(session, athlete_id, day, units, window), report)
        view = DayView(report, logged, frozenset(matches), week)
        DAYS.put(key, view)
    if record:
        _record_if_due(session, athlete_id, view.report, now)
    return view


def _laps_of(session: PlannedSession, start: dt.datetime) -> tuple[Lap, ...]:
    """One lap per step of a structured run (a step's repeats run together), as a watch
    with lap keys would record it; none when a step's time or distance is unknown."""
    laps: list[Lap] = []
    for step in session.steps:
        seconds, metres = step_seconds(step), step_metres(step)
        if seconds is None or metres is None:
            return ()
        laps.append(Lap(start=start, duration_s=seconds, distance_m=metres))
        start += dt.timedelta(seconds=seconds)
    return tuple(laps)


def activity_from_session(session: PlannedSession, zone: dt.tzinfo) -> Activity:
    """The activity a planned session becomes when it is done exactly as planned
    (``source_name`` ``plan:<id>`` ties it to the session; a structured run has a lap
    per step, so its effort can be told from its warm-up, R26)."""
    start = dt.datetime.combine(session.date, session.start, zone)
    rows = [ex for ex in session.exercises for _ in range(ex.sets)]
    sets = tuple(
        SetEntry(ex.name, ex.reps, ex.load_kg, ex.rpe, duration_s=ex.duration_s, order=i)
        for i, ex in enumerate(rows)
    )
    return Activity(
        sport=SPORT_OF_KIND.get(session.kind, Sport.OTHER),
        start=start,
        duration_s=session.duration_min * 60,
        distance_m=session.distance_km * 1000 if session.distance_km else None,
        name=session.title or f"{session.category.replace('_', ' ')} {session.kind.value}",
        description="Done as planned.",
        source_format="manual",
        source_name=PLAN_SOURCE_PREFIX + session.id,
        sets=sets,
        laps=_laps_of(session, start),
    )


def done_as_planned(
    session: Session, athlete_id: int, session_id: str, *, now: dt.datetime
) -> int | None:
    """Log the planned session ``session_id`` as done exactly as planned and return the
    new activity id; None when it is already logged. ``NotFoundError`` when there is
    no plan or no such session."""
    _, plan = active_plan(session, athlete_id)
    planned = next((s for s in plan.sessions() if s.id == session_id), None)
    if planned is None:
        raise NotFoundError(f"no planned session with id {session_id!r} in the current plan")
    logged = read_logged(session, athlete_id, planned.date, planned.date)
    if any(a.activity.source_name == PLAN_SOURCE_PREFIX + session_id for a in logged):
        return None
    zone = athlete_zone(repo.get_athlete(session, athlete_id))
    activity = activity_from_session(planned, zone)
    return repo.add_activity(session, athlete_id, activity, now=now)


@dataclass(frozen=True, slots=True)
class WeekGlance:
    """The last seven days of one athlete for the Coach page: planned sessions against
    the sessions the log fulfilled, today's readiness, the last logged day."""

    athlete_id: int
    planned_7d: int
    done_7d: int
    readiness: str
    reasons: tuple[str, ...]
    last_activity: dt.date | None

    @property
    def compliance_pct(self) -> int | None:
        return None if self.planned_7d == 0 else round(100 * self.done_7d / self.planned_7d)


def week_glance(
    session: Session, athlete_id: int, *, now: dt.datetime, record: bool = False
) -> WeekGlance:
    """Planned vs done over the last seven days (the coach's own matching of the log to
    the plan) and today's readiness as the daily coach assesses it; kept while
    ``coach_version`` is unchanged, the log read once. ``record`` (the Coach
    page) as for ``preview``."""
    version = coach_version(session, athlete_id)
    day = local_day(repo.get_athlete(session, athlete_id), now)
    key = cache_key(version, database(session), athlete_id, day)
    glance = GLANCES.get(key)
    if glance is None:
        glance = _glance(session, athlete_id, day, now, version)
        GLANCES.put(key, glance)
    if record:
        report = _report(session, athlete_id, day, now, None, version, None)  # kept: no work
        _record_if_due(session, athlete_id, report, now)
    return glance


def _glance(
    session: Session,
    athlete_id: int,
    day: dt.date,
    now: dt.datetime,
    version: tuple[Any, ...] | None,
) -> WeekGlance:
    first = day - dt.timedelta(days=6)
    window = read_window(session, athlete_id, log_window(day)[0], day)
    report = _report(session, athlete_id, day, now, None, version, window)
    planned: list[PlannedSession] = []
    plan_start: dt.date | None = None
    if report.has_plan:
        _, plan = active_plan(session, athlete_id)
        plan_start = plan.start_date
        planned = [s for s in plan.sessions() if first <= s.date <= day and s.kind in
                   TRAINING_KINDS]  # fmt: skip
    logged = window.between(first, day)
    done = match_stored(planned, logged, window.overrides, not_before=plan_start)
    return WeekGlance(
        athlete_id=athlete_id,
        planned_7d=len(planned),
        done_7d=len(done),
        readiness=report.readiness.status.value,
        reasons=report.readiness.reasons,
        last_activity=max((hist.local_day(a.activity) for a in logged), default=None),
    )
