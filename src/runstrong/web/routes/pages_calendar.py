"""Calendar: a month grid of planned sessions and logged activities (linked where the
coach matched them), weekly totals in the margin; page and ``GET …/calendar`` API.
Both render ``services.calendar.month_view``; moving a session uses the same API and
rule re-check as the week view."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.responses import Response

from runstrong.services.calendar import (
    CalendarDay,
    CalendarWeek,
    LoggedItem,
    MonthView,
    month_view,
    parse_month,
)
from runstrong.services.coach import active_plan
from runstrong.services.day import local_day
from runstrong.services.matching import correct_match
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, utcnow
from runstrong.web.routes.api import ERRORS
from runstrong.web.routes.pages_progress import profile_units
from runstrong.web.schemas import planned_session_fields
from runstrong.web.templating import render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
api = APIRouter(prefix="/api/v1", dependencies=[Depends(csrf_protect)], responses=ERRORS)

MonthQuery = Annotated[
    str | None,
    Query(
        pattern=r"^(19[7-9][0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])$",
        description="The month shown, YYYY-MM, 1970-01 to 2100-12 (default: this month).",
    ),
]


@router.get("/a/{athlete_id}/calendar")
def calendar_page(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, month: MonthQuery = None
) -> Response:
    today = local_day(athlete, utcnow())
    view = month_view(db, athlete.id, parse_month(month, today), today)
    return render(request, "calendar.html", {"athlete": athlete, "nav": "calendar", "m": view})


class CalendarLoggedPublic(BaseModel):
    activity_id: int
    sport: str
    name: str
    start: str
    duration_min: float
    distance_km: float | None
    load: float | None
    session_id: str | None

    @classmethod
    def of(cls, x: LoggedItem) -> CalendarLoggedPublic:
        return cls(**asdict(x) | {"start": x.start.strftime("%H:%M")})


class CalendarSessionPublic(BaseModel):
    id: str
    start: str
    kind: str
    category: str
    hard: bool
    title: str
    duration_min: float
    distance_km: float | None
    load: float
    done: bool


class CalendarDayPublic(BaseModel):
    date: dt.date
    in_month: bool
    rest: bool
    race: bool
    planned: list[CalendarSessionPublic]
    logged: list[CalendarLoggedPublic]

    @classmethod
    def of(cls, d: CalendarDay, units: str) -> CalendarDayPublic:
        planned = [
            CalendarSessionPublic(**planned_session_fields(s, units), done=s.id in d.done_ids)
            for s in d.planned
        ]
        logged = [CalendarLoggedPublic.of(x) for x in d.logged]
        return cls(
            date=d.day,
            in_month=d.in_month,
            rest=d.is_rest,
            race=d.is_race,
            planned=planned,
            logged=logged,
        )


class CalendarWeekPublic(BaseModel):
    start: dt.date
    planned_km: float
    done_km: float
    planned_min: float
    done_min: float
    planned_load: float
    done_load: float
    days: list[CalendarDayPublic]

    @classmethod
    def of(cls, w: CalendarWeek, units: str) -> CalendarWeekPublic:
        return cls(
            start=w.start,
            planned_km=w.planned_km,
            done_km=w.done_km,
            planned_min=w.planned_min,
            done_min=w.done_min,
            planned_load=w.planned_load,
            done_load=w.done_load,
            days=[CalendarDayPublic.of(d, units) for d in w.days],
        )


class CalendarPublic(BaseModel):
    month: str
    previous: str
    next: str
    has_plan: bool
    weeks: list[CalendarWeekPublic]


def calendar_public(view: MonthView, units: str = "km") -> CalendarPublic:
    return CalendarPublic(
        month=view.month.strftime("%Y-%m"),
        previous=view.previous.strftime("%Y-%m"),
        next=view.next.strftime("%Y-%m"),
        has_plan=view.has_plan,
        weeks=[CalendarWeekPublic.of(w, units) for w in view.weeks],
    )


@api.get("/athletes/{athlete_id}/calendar", response_model=CalendarPublic, tags=["calendar"])
def calendar(athlete: ScopedAthlete, db: DB, month: MonthQuery = None) -> CalendarPublic:
    """A month of planned sessions and logged activities (``done`` and ``session_id`` say
    which were matched), with weekly planned/done totals."""
    today = local_day(athlete, utcnow())
    view = month_view(db, athlete.id, parse_month(month, today), today)
    return calendar_public(view, profile_units(athlete))


class MatchUpdate(BaseModel):
    """Which planned session an activity fulfilled; null: none."""

    session_id: str | None = Field(default=None, min_length=1, max_length=64)


class MatchPublic(BaseModel):
    activity_id: int
    session_id: str | None


@api.put(
    "/athletes/{athlete_id}/activities/{activity_id}/match",
    response_model=MatchPublic,
    tags=["calendar"],
)
def correct_activity_match(
    athlete: ScopedAthlete,
    db: DB,
    activity_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: MatchUpdate,
) -> MatchPublic:
    """Correct by hand which planned session an activity fulfilled (the coach reads it
    for compliance, R1, R22 and R23)."""
    _, plan = active_plan(db, athlete.id)
    correct_match(db, athlete.id, activity_id, body.session_id, plan=plan, now=utcnow())
    return MatchPublic(activity_id=activity_id, session_id=body.session_id)
