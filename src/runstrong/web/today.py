"""What the Today page (and ``GET /api/v1/athletes/{id}/today``) shows.

Composes the active plan, today's check-in and the daily coach of
``core.coaching.readiness`` (R18) and ``core.coaching.adaptation`` (R19–R23); logs a planned
session as done by turning its prescription into a manual activity.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.coaching.adaptation import AdaptedDay, adapt_day
from runstrong.core.coaching.readiness import assess
from runstrong.core.model import Activity, PlannedSession, SessionKind, SetEntry, Sport, Wellness
from runstrong.storage import repository
from runstrong.storage.tables import AthleteRow
from runstrong.web.plan_view import sessions_on
from runstrong.web.planning import current_plan
from runstrong.web.profile_form import profile_athlete

PLAN_SOURCE_PREFIX = "plan:"


def athlete_zone(athlete: AthleteRow) -> zoneinfo.ZoneInfo:
    """The athlete's time zone from the profile (UTC when unknown or invalid)."""
    loaded = profile_athlete(athlete.profile_toml)
    name = loaded.timezone if loaded else "UTC"
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_day(athlete: AthleteRow, now: dt.datetime) -> dt.date:
    return now.astimezone(athlete_zone(athlete)).date()


@dataclass(frozen=True)
class TodayView:
    day: dt.date
    planned: tuple[PlannedSession, ...]
    adapted: AdaptedDay
    wellness: Wellness | None
    done_ids: frozenset[str]
    logged: tuple[Activity, ...]
    has_plan: bool


def today_view(
    db: Session, athlete: AthleteRow, day: dt.date, minutes_available: float | None = None
) -> TodayView:
    """The day's view; ``minutes_available`` is the time the athlete has today (R22)."""
    plan = current_plan(db, athlete.id)
    planned = tuple(sessions_on(plan, day)) if plan else ()
    history = [
        w
        for w in repository.list_wellness(db, athlete.id, since=day - dt.timedelta(days=14))
        if w.day <= day
    ]
    wellness = next((w for w in history if w.day == day), None)
    readiness = assess(wellness, history)
    adapted = adapt_day(day, planned, readiness, minutes_available=minutes_available)
    zone = athlete_zone(athlete)
    start = dt.datetime.combine(day, dt.time(0), zone)
    logged = tuple(
        s.activity
        for s in repository.list_activities(
            db, athlete.id, since=start, until=start + dt.timedelta(days=1)
        )
    )
    done = frozenset(
        a.source_name[len(PLAN_SOURCE_PREFIX) :]
        for a in logged
        if a.source_name and a.source_name.startswith(PLAN_SOURCE_PREFIX)
    )
    return TodayView(day, planned, adapted, wellness, done, logged, plan is not None)


def activity_from_session(session: PlannedSession, zone: zoneinfo.ZoneInfo) -> Activity:
    """The activity a session becomes when it is done exactly as planned."""
    sport = {
        SessionKind.RUN: Sport.RUNNING,
        SessionKind.STRENGTH: Sport.STRENGTH,
    }.get(session.kind, Sport.OTHER)
    sets: list[SetEntry] = []
    for ex in session.exercises:
        for _ in range(ex.sets):
            sets.append(
                SetEntry(
                    exercise=ex.name,
                    reps=ex.reps,
                    load_kg=ex.load_kg,
                    rpe=ex.rpe,
                    duration_s=ex.duration_s,
                    order=len(sets),
                )
            )
    return Activity(
        sport=sport,
        start=dt.datetime.combine(session.date, session.start, zone),
        duration_s=session.duration_min * 60,
        distance_m=session.distance_km * 1000 if session.distance_km else None,
        name=session.title or f"{session.category} {session.kind.value}",
        description="Done as planned.",
        source_format="manual",
        source_name=PLAN_SOURCE_PREFIX + session.id,
        sets=tuple(sets),
    )
