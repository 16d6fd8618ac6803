"""Was it done? Each planned session of a span beside the activity that fulfilled it,
for ``runstrong today`` and ``runstrong plan show``.

The match comes from ``services.matching.plan_matches``, the matcher the web
Calendar, the daily coach and the statistics read (hand corrections included), so
the terminal and the pages never disagree about what was done. A session is:

* **done as planned**: logged with "Done as planned", or on its day within
  ``AS_PLANNED_SHARE`` of its planned size (distance for runs, else minutes);
* **done differently**: on its day, but further from the planned size;
* **moved**: done on another day (up to the matcher's two-day shift, R22);
* **missed**: its day is over and nothing fulfilled it;
* **not logged yet**: it is today's and nothing is logged yet;
* **planned**: a later day's, nothing logged yet (``runstrong today``'s week list);
* **dropped**: today's, and the coach's preview of the day took it out (R22,
  ``services.day.as_adapted``);
* **missed** or **skipped** too for a session a re-plan took off its day (the coach's
  ``Missed`` event, ``plan skip``'s ``Skipped``), listed on the day it was planned for,
  with the day it went to ("re-planned to Fri 11 Dec (R22)") if it was moved.

Mobility and rest days get no status.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from runstrong.core.coaching.matching import PLAN_SOURCE_PREFIX, TRAINING_KINDS, size_mismatch
from runstrong.core.model import Plan, PlannedSession, PlanWeek
from runstrong.core.units import format_distance_bare, round_half_up
from runstrong.exporters.plan_json import load_plan
from runstrong.exporters.text import session_title
from runstrong.services.coach_cache import parsed_plan
from runstrong.services.coach_events import Missed, Skipped, of_type
from runstrong.services.matching import LogWindow, match_input, plan_matches
from runstrong.storage import repository as repo
from runstrong.storage.records import StoredActivity, StoredPlanEvent

AS_PLANNED_SHARE = 0.10
"""Within 10 % of the planned distance (runs) or minutes reads as done as planned."""

DONE_AS_PLANNED = "done as planned"
DONE_DIFFERENTLY = "done differently"
MOVED = "moved"
MISSED = "missed"
NOT_YET = "not logged yet"
PLANNED = "planned"
SKIPPED = "skipped"
"""R22: taken out with ``plan skip`` (its detail says where a key session went)."""
DROPPED = "dropped"
"""R22: a session of today's plan the coach's re-plan (or adaptation) took out."""
REPLANNED = "re-planned to"
"""R22: the detail of a missed session the coach's preview re-places on a later day."""


@dataclass(frozen=True, slots=True)
class SessionStatus:
    """Whether a planned session was done, and how (``detail`` says what was logged)."""

    session_id: str
    state: str
    detail: str = ""
    activity_id: int | None = None

    @property
    def text(self) -> str:
        return f"{self.state}: {self.detail}" if self.detail else self.state


WeekSoFar = tuple[tuple[PlannedSession, SessionStatus], ...]
"""This week's training sessions in time order, each with its status."""


def _size(km: float | None, minutes: float, units: str) -> str:
    """ "6 km in 40 min" (miles when ``units`` is "mi"), or "40 min": rounded as a
    runner writes them (``core.units``)."""
    if not km:
        return f"{round_half_up(minutes)} min"
    return f"{format_distance_bare(km * 1000, units)} in {round_half_up(minutes)} min"


def _status(
    s: PlannedSession, stored: StoredActivity | None, today: dt.date, units: str
) -> SessionStatus:
    if stored is None:
        return SessionStatus(s.id, MISSED if s.date < today else NOT_YET)
    a = stored.activity
    done = _size(
        a.distance_m / 1000.0 if a.distance_m else None,
        (a.moving_time_s or a.duration_s) / 60.0,
        units,
    )
    done_day = a.start.date()
    if done_day != s.date:
        return SessionStatus(s.id, MOVED, f"done {done_day:%a %d %b}, {done}", stored.id)
    by_button = a.source_name == PLAN_SOURCE_PREFIX + s.id
    if by_button or size_mismatch(s, match_input(stored)) <= AS_PLANNED_SHARE:
        return SessionStatus(s.id, DONE_AS_PLANNED, done, stored.id)
    detail = f"{done} (planned {_size(s.distance_km, s.duration_min, units)})"
    return SessionStatus(s.id, DONE_DIFFERENTLY, detail, stored.id)


def session_statuses(
    session: Session,
    athlete_id: int,
    plan: Plan,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    units: str = "km",
    window: LogWindow | None = None,
) -> dict[str, SessionStatus]:
    """Status of each training session planned from ``first`` to ``last``: every one
    up to ``today``, and later ones only when an activity already fulfilled them
    (distances in ``units``, "km" or "mi"); the log read from ``window`` when given."""
    matches, acts = plan_matches(session, athlete_id, plan, first, last, window)
    by_id = {a.id: a for a in acts}
    done = {m.session_id: by_id[m.activity_id] for m in matches}
    out: dict[str, SessionStatus] = {}
    for s in plan.sessions():
        if not first <= s.date <= last or s.kind not in TRAINING_KINDS:
            continue
        if s.date <= today or s.id in done:
            out[s.id] = _status(s, done.get(s.id), today, units)
    return out


def statuses_of(
    session: Session,
    plan: Plan,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    units: str = "km",
) -> dict[str, SessionStatus]:
    """``session_statuses`` for a plan shown by athlete name (``plan show``): empty when
    the plan is not the active plan of a local athlete (e.g. a plan file)."""
    record = repo.find_athlete(session, plan.athlete)
    if record is None:
        return {}
    stored = repo.active_plan(session, record.id)
    if stored is None or load_plan(stored.plan_json, source="saved plan") != plan:
        return {}
    return session_statuses(session, record.id, plan, first, last, today, units)


def week_so_far(
    session: Session,
    athlete_id: int,
    today: dt.date,
    units: str = "km",
    window: LogWindow | None = None,
) -> WeekSoFar:
    """This plan week's training sessions in time order with their status: done, moved
    or missed up to ``today``, not logged yet today, planned after it (R22: the athlete
    reads the re-planned week as one list), distances in ``units``; the log read from
    ``window`` when given (it must hold the week's days and the matcher's two days of
    shift each side)."""
    stored = repo.active_plan(session, athlete_id)
    if stored is None:
        return ()
    plan = parsed_plan(session, stored)
    week = next(
        (w for w in plan.weeks if w.start_date <= today < w.start_date + dt.timedelta(days=7)),
        None,
    )
    if week is None:
        return ()
    found = session_statuses(
        session, athlete_id, plan, week.start_date, today, today, units, window
    )  # later days are planned: the log is read up to today (the matcher's shift aside)
    listed = [
        (s, found.get(s.id, SessionStatus(s.id, PLANNED)))
        for s in week.sessions
        if s.kind in TRAINING_KINDS
    ]
    listed += _left_the_week(session, athlete_id, week, today)
    return tuple(sorted(listed, key=lambda x: (x[0].date, x[0].start)))


def _left_the_week(
    session: Session, athlete_id: int, week: PlanWeek, today: dt.date
) -> list[tuple[PlannedSession, SessionStatus]]:
    """R22: the sessions a re-plan took off their day this week (the coach's ``Missed``,
    ``plan skip``'s ``Skipped``), as the plan held them before it: a saved re-plan used to
    make a missed session vanish from the week list. A moved one says where it went. The
    other sessions such a re-plan took out (the events' ``dropped``) are "dropped", with
    why: they vanished from the list too."""
    end = week.start_date + dt.timedelta(days=7)
    rows = [e for e in repo.list_plan_events(session, athlete_id, since=week.start_date)
            if e.day < end]  # fmt: skip
    now = {s.id: s for s in week.sessions}
    changes: list[tuple[StoredPlanEvent, tuple[tuple[str, str], ...], str]] = [
        *((row, _plain(e.sessions), MISSED) for row, e in of_type(rows, Missed)),
        *((row, _plain(e.sessions), SKIPPED) for row, e in of_type(rows, Skipped)),
        *((row, e.dropped, DROPPED) for row, e in of_type(rows, Missed)),
        *((row, e.dropped, DROPPED) for row, e in of_type(rows, Skipped)),
    ]
    out: dict[str, tuple[PlannedSession, SessionStatus]] = {}
    for row, pairs, state in changes:
        wanted = [(i, why) for i, why in pairs if i not in out]
        stored = repo.plan_before(session, athlete_id, row.created_at) if wanted else None
        if stored is None:
            continue
        before = {s.id: s for s in parsed_plan(session, stored).sessions()}
        for sid, why in wanted:
            s = before.get(sid)
            if s is None or not week.start_date <= s.date < end or s.kind not in TRAINING_KINDS:
                continue
            if sid in now and (state == DROPPED or now[sid].date == s.date):
                continue  # a dropped session a later change brought back is listed as it is
            detail = f"{REPLANNED} {now[sid].date:%a %d %b} (R22)" if sid in now else why
            out[sid] = (s, SessionStatus(sid, state, detail))
    return list(out.values())


def _plain(ids: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple((i, "") for i in ids)


def week_entries(week: WeekSoFar, units: str = "km") -> list[dict[str, Any]]:
    """``week_so_far`` as plain values, the one shape of "This week" that
    ``runstrong today --json``, ``GET …/today`` and the Today page show: the session
    (id, date, kind, title in ``units``), its ``state`` (one of the seven above), the
    ``detail`` of what was logged, the fulfilling ``activity_id`` and the ``text``
    line the terminal prints."""
    return [
        {
            "session_id": s.id,
            "date": s.date.isoformat(),
            "kind": s.kind.value,
            "title": session_title(s, units) or s.category,
            "state": status.state,
            "detail": status.detail,
            "activity_id": status.activity_id,
            "text": status.text,
        }
        for s, status in week
    ]


def week_tally(sessions: tuple[PlannedSession, ...], found: dict[str, SessionStatus]) -> str:
    """One week's line for the season overview: "4/5 done, 1 missed" (training sessions
    up to today), or "" before the week starts."""
    due = [found[s.id] for s in sessions if s.id in found and found[s.id].state != NOT_YET]
    if not due:
        return ""
    done = sum(1 for x in due if x.activity_id is not None)
    missed = sum(1 for x in due if x.state == MISSED)
    return f"{done}/{len(due)} done" + (f", {missed} missed" if missed else "")
