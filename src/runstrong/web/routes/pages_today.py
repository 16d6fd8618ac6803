"""Today page: adapted sessions with reasons, check-in, done-as-planned, log what was done."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from pydantic import ValidationError
from starlette.responses import Response

from runstrong.core.errors import InputError
from runstrong.core.model import Sport
from runstrong.core.units import distance_in, per_unit_km, unit_name
from runstrong.services import day as days
from runstrong.services.day import athlete_zone, day_view, local_day
from runstrong.services.logging import library_names, save_activity, save_wellness
from runstrong.services.plan_status import week_entries
from runstrong.services.planning import profile_units
from runstrong.web.deps import DB, CurrentUser, ScopedAthlete, csrf_protect, utcnow
from runstrong.web.forms import FormData, blank_to_none, field_errors
from runstrong.web.nutrition import display_rows
from runstrong.web.schemas import MAX_DISTANCE_M, ActivityCreate, SetCreate, WellnessCreate
from runstrong.web.templating import flash_redirect, render

router = APIRouter(dependencies=[Depends(csrf_protect)], include_in_schema=False)
SET_ROWS = 6
WELLNESS_SCALES = (
    ("sleep_quality", "Sleep quality", "poor", "excellent"),
    ("leg_feel", "Legs", "dead", "fresh"),
    ("soreness", "Soreness", "none", "very sore"),
    ("stress", "Stress", "none", "very high"),
    ("hip_stiffness", "Hip stiffness", "none", "very stiff"),
    ("low_back_fatigue", "Lower back", "fresh", "very tired"),
    ("mood", "Mood", "low", "great"),
)


def _page(
    request: Request,
    db: DB,
    athlete: Any,
    day: dt.date,
    status: int = 200,
    minutes: int | None = None,
    **extra: Any,
) -> Response:
    units = profile_units(athlete.profile_toml)
    view = day_view(
        db,
        athlete.id,
        day,
        now=utcnow(),
        minutes_available=minutes,
        units=units,
        record=True,
    )
    values: dict[str, Any] = {}
    if view.report.wellness is not None:
        values = {k: v for k, v in vars_of(view.report.wellness).items() if v is not None}
    ctx: dict[str, Any] = {
        "athlete": athlete,
        "nav": "today",
        "view": view,
        "scales": WELLNESS_SCALES,
        "values": values,
        "lift_values": {},
        "set_rows": SET_ROWS,
        "exercise_names": library_names(),
        "nutrition": nutrition_for(athlete, view),
        "minutes": minutes,
        "week": [
            dict(e, day=s.date)
            for (s, _), e in zip(view.week, week_entries(view.week, units), strict=True)
        ],
    }
    ctx.update(extra)
    return render(request, "today.html", ctx, status_code=status)


def vars_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


def nutrition_for(athlete: Any, view: Any) -> Any:
    """Today's fuelling targets (R24) as the daily coach computed them."""
    targets = view.report.nutrition
    if targets is None:
        return None
    return {"rows": display_rows(targets), "reasons": targets.reasons, "warnings": targets.warnings}


@router.get("/a/{athlete_id}/today")
def today_page(
    request: Request,
    athlete: ScopedAthlete,
    db: DB,
    user: CurrentUser,
    minutes: int | None = Query(default=None, ge=0, le=1440),
) -> Response:
    """``?minutes=N``: the athlete has only N minutes today; sessions are fitted (R22)."""
    return _page(request, db, athlete, local_day(athlete, utcnow()), minutes=minutes)


@router.post("/a/{athlete_id}/wellness")
def wellness_submit(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, form: FormData
) -> Response:
    day = local_day(athlete, utcnow())
    data = blank_to_none(form)
    data.pop("csrf_token", None)
    data.setdefault("day", day.isoformat())
    try:
        checkin = WellnessCreate.model_validate(data)
    except ValidationError as exc:
        return _page(request, db, athlete, day, 422, values=form, wellness_errors=field_errors(exc))
    try:
        save_wellness(db, athlete.id, checkin.to_model(), today=day)
    except InputError as exc:
        errors = {"day": web_message(exc)}
        return _page(request, db, athlete, day, 422, values=form, wellness_errors=errors)
    return flash_redirect(
        request, "Check-in saved. Today's sessions reflect it.", f"/a/{athlete.id}/today"
    )


@router.post("/a/{athlete_id}/today/done/{session_id}")
def done_as_planned(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, session_id: str
) -> Response:
    days.done_as_planned(db, athlete.id, session_id, now=utcnow())
    return flash_redirect(request, "Logged as done as planned.", f"/a/{athlete.id}/today")


def activity_from_form(
    form: dict[str, str], zone: Any, day: dt.date, units: str = "km"
) -> ActivityCreate:
    """Build an ``ActivityCreate`` from the log form (sets rows ``set.N.field``); the
    distance is typed in the athlete's display ``units``."""
    data = blank_to_none(form)
    sets = []
    for i in range(SET_ROWS):
        row = {k: data.get(f"set.{i}.{k}") for k in ("exercise", "reps", "load_kg", "rpe")}
        count_raw = data.get(f"set.{i}.sets") or "1"
        if not any(row.values()):
            continue
        try:
            count = max(1, min(20, int(count_raw)))
        except ValueError:
            count = 1
        sets.extend([row] * count)
    start_time = data.get("start_time") or "12:00"
    try:
        start = dt.datetime.combine(day, dt.time.fromisoformat(start_time), zone)
    except ValueError:
        start = dt.datetime.combine(day, dt.time(12), zone)
    minutes = data.get("duration_min")
    distance = data.get("distance_km")
    payload: dict[str, Any] = {
        "sport": data.get("sport") or Sport.STRENGTH.value,
        "start": start,
        "duration_s": _scaled(minutes, 60),
        "distance_m": _scaled(distance, 1000 * per_unit_km(units)),
        "session_rpe": data.get("session_rpe"),
        "name": data.get("name"),
        "sets": [SetCreate.model_validate(s).model_dump() for s in sets],
    }
    return ActivityCreate.model_validate(payload)


def _scaled(text: str | None, factor: float) -> float | str | None:
    """``text`` as a number times ``factor``; non-numbers pass through for the validator."""
    if text is None:
        return None
    try:
        return float(text) * factor
    except ValueError:
        return text


@router.post("/a/{athlete_id}/log/new")
def log_activity(
    request: Request, athlete: ScopedAthlete, db: DB, user: CurrentUser, form: FormData
) -> Response:
    zone = athlete_zone(athlete)
    day = local_day(athlete, utcnow())
    units = profile_units(athlete.profile_toml)

    def again(errors: dict[str, str]) -> Response:
        return _page(request, db, athlete, local_day(athlete, utcnow()), 422,
                     lift_values=form, lift_errors=errors)  # fmt: skip

    if form.get("day"):
        try:
            day = dt.date.fromisoformat(form["day"])
        except ValueError:
            return again({"day": "Pick a date (YYYY-MM-DD)."})
    try:
        created = activity_from_form(form, zone, day, units)
    except ValidationError as exc:
        return again(form_errors(field_errors(exc), form.get("distance_km"), units))
    try:
        activity_id = save_activity(
            db, athlete.id, created.to_model(), now=utcnow(), tz=zone, units=units,
            match_names=True, allow_new=form.get("new_exercise") == "on",
        )  # fmt: skip
    except InputError as exc:
        return again({LOG_FIELDS.get(exc.field or "", "form"): web_message(exc)})
    return flash_redirect(request, "Activity logged.", f"/a/{athlete.id}/log/{activity_id}")


LOG_FIELDS = {
    "start": "day",
    "duration_s": "duration_min",
    "distance_m": "distance_km",
    "load_kg": "sets",
    "exercise": "sets",
}
"""The log form's field for a model field an error names (``RunstrongError.field``)."""


def web_message(exc: InputError) -> str:
    """A service error as the form shows it: capitalised, and for an unknown exercise the
    form's way to log it as written (the CLI's is ``--new-exercise``)."""
    text = str(exc)
    text = text[:1].upper() + text[1:] + ("" if text.endswith(("?", ".")) else ".")
    if exc.field == "exercise":
        text += " To log it as written, tick “Add unknown names as new exercises”."
    return text


def form_errors(errors: dict[str, str], distance: str | None, units: str) -> dict[str, str]:
    """pydantic's errors under the form's field names; a distance out of range is said in
    the units it was typed in (the model holds metres)."""
    if "duration_s" in errors:
        errors["duration_min"] = errors.pop("duration_s")
    if "distance_m" in errors:
        in_metres = errors.pop("distance_m")
        errors["distance_km"] = distance_problem(distance, units) or in_metres
    return errors


def distance_problem(text: str | None, units: str) -> str | None:
    """ "-1 mi is too low: use 0 mi or more" for a typed distance outside ``ActivityCreate``'s
    0 to ``MAX_DISTANCE_M``, in the display ``units``; None when it is inside (or no number)."""
    shown = (text or "").strip()
    try:
        value = float(shown)
    except ValueError:
        return None
    unit = unit_name(units)
    if value < 0:
        return f"{shown} {unit} is too low: use 0 {unit} or more"
    if value * 1000 * per_unit_km(units) > MAX_DISTANCE_M:
        top = round(distance_in(MAX_DISTANCE_M / 1000, units), 1)
        return f"{shown} {unit} is too high: use {top:g} {unit} or less"
    return None
