"""The month calendar: each day's planned sessions beside the activities logged, linked
where the daily coach matched them (``services.matching``), with weekly totals of
planned and done distance, time and load. The web's Calendar page and
``GET …/calendar`` render what this returns.

Weeks run Monday to Sunday and cover the whole month (with the days of the
neighbouring months that share its first and last weeks). Load is in session-RPE
units (Foster): planned sessions carry their planned load; a logged activity's
load is its session RPE × minutes, or the plan's load when it was done as planned
without a rating, and nothing when it has neither (no guess).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from runstrong.core.coaching.matching import Match
from runstrong.core.errors import InputError
from runstrong.core.model import Plan, PlannedSession, SessionKind
from runstrong.core.science.load import session_load
from runstrong.services.coach_cache import parsed_plan
from runstrong.services.matching import plan_matches, read_logged
from runstrong.storage import repository as repo
from runstrong.storage.records import StoredActivity

MIN_YEAR, MAX_YEAR = 1970, 2100


@dataclass(frozen=True, slots=True)
class LoggedItem:
    """One logged activity on the calendar; ``session_id`` is the planned session it
    fulfilled (None when it matched none)."""

    activity_id: int
    sport: str
    name: str
    start: dt.time
    duration_min: float
    distance_km: float | None
    load: float | None
    session_id: str | None


@dataclass(frozen=True, slots=True)
class CalendarDay:
    day: dt.date
    in_month: bool
    is_today: bool
    planned: tuple[PlannedSession, ...]
    logged: tuple[LoggedItem, ...]
    done_ids: frozenset[str]

    @property
    def is_race(self) -> bool:
        return any(s.category == "race" for s in self.planned)

    @property
    def is_rest(self) -> bool:
        training = [s for s in self.planned if s.kind in (SessionKind.RUN,
                    SessionKind.STRENGTH, SessionKind.CROSS)]  # fmt: skip
        return not training and not self.logged


@dataclass(frozen=True, slots=True)
class CalendarWeek:
    """Seven days, with the week's planned and done totals (the calendar's margin):
    kilometres of runs, minutes and load."""

    start: dt.date
    days: tuple[CalendarDay, ...]

    @property
    def planned_km(self) -> float:
        return round(
            sum(s.distance_km or 0.0 for s in self._planned() if s.kind is SessionKind.RUN), 1
        )

    @property
    def done_km(self) -> float:
        return round(sum(x.distance_km or 0.0 for x in self._logged()), 1)

    @property
    def planned_min(self) -> float:
        return round(sum(s.duration_min for s in self._planned() if s.kind is not SessionKind.REST))

    @property
    def done_min(self) -> float:
        return round(sum(x.duration_min for x in self._logged()))

    @property
    def planned_load(self) -> float:
        return round(sum(s.load for s in self._planned()))

    @property
    def done_load(self) -> float:
        return round(sum(x.load or 0.0 for x in self._logged()))

    def _planned(self) -> list[PlannedSession]:
        return [s for d in self.days for s in d.planned]

    def _logged(self) -> list[LoggedItem]:
        return [x for d in self.days for x in d.logged]


@dataclass(frozen=True, slots=True)
class MonthView:
    month: dt.date
    today: dt.date
    has_plan: bool
    weeks: tuple[CalendarWeek, ...]

    @property
    def previous(self) -> dt.date:
        return (self.month - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.month + dt.timedelta(days=32)).replace(day=1)


def parse_month(text: str | None, today: dt.date) -> dt.date:
    """``YYYY-MM`` → the first day of that month (default: this month)."""
    if not text:
        return today.replace(day=1)
    try:
        year, month = (int(p) for p in text.split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        raise InputError(f"invalid month {text!r}: use YYYY-MM, e.g. 2027-03") from None
    if not MIN_YEAR <= first.year <= MAX_YEAR:
        raise InputError(
            f"month {text!r} is out of range: use a year from {MIN_YEAR} to {MAX_YEAR}"
        )
    return first


def _item(
    stored: StoredActivity, session_id: str | None, planned: PlannedSession | None
) -> LoggedItem:
    a = stored.activity
    minutes = (a.moving_time_s or a.duration_s) / 60.0
    load: float | None = None
    if a.session_rpe is not None:
        load = session_load(a.session_rpe, minutes)
    elif planned is not None and a.source_name == f"plan:{planned.id}":
        load = planned.load
    return LoggedItem(
        activity_id=stored.id,
        sport=a.sport.value,
        name=a.name or a.sport.value.replace("_", " ").capitalize(),
        start=a.start.time().replace(tzinfo=None),
        duration_min=round(minutes, 1),
        distance_km=round(a.distance_m / 1000.0, 2) if a.distance_m else None,
        load=None if load is None else round(load, 1),
        session_id=session_id,
    )


def month_view(session: Session, athlete_id: int, month: dt.date, today: dt.date) -> MonthView:
    """The calendar of ``month`` (its first day) for the athlete, as of ``today``."""
    first = month - dt.timedelta(days=month.weekday())
    last_of_month = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    last = last_of_month + dt.timedelta(days=6 - last_of_month.weekday())
    stored = repo.active_plan(session, athlete_id)
    plan: Plan | None = None
    if stored is not None:
        plan = parsed_plan(session, stored)
    sessions = [s for s in plan.sessions() if first <= s.date <= last] if plan else []
    matches: tuple[Match, ...] = ()
    if plan is not None:
        matches, acts = plan_matches(session, athlete_id, plan, first, last)
    else:
        acts = read_logged(session, athlete_id, first, last)
    by_activity = {m.activity_id: m.session_id for m in matches}
    matched = set(by_activity.values())
    by_id = {s.id: s for s in sessions}
    weeks: list[CalendarWeek] = []
    day = first
    while day <= last:
        days: list[CalendarDay] = []
        for i in range(7):
            d = day + dt.timedelta(days=i)
            planned = tuple(sorted((s for s in sessions if s.date == d), key=lambda s: s.start))
            logged = tuple(
                _item(a, by_activity.get(a.id), by_id.get(by_activity.get(a.id, "")))
                for a in sorted(acts, key=lambda a: a.activity.start)
                if a.activity.start.date() == d
            )
            done = frozenset(s.id for s in planned if s.id in matched)
            days.append(CalendarDay(d, d.month == month.month, d == today, planned, logged, done))
        weeks.append(CalendarWeek(day, tuple(days)))
        day += dt.timedelta(days=7)
    return MonthView(month, today, plan is not None, tuple(weeks))
