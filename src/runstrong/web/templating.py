"""Jinja2 environment and the one ``render`` helper every page uses.

``render`` adds what the base layout needs: the CSRF token for forms, the
logged-in user, the athlete being viewed and any flash messages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.responses import HTMLResponse, RedirectResponse

from runstrong.core.units import (
    format_distance_bare,
    format_distance_value,
    format_elevation,
    format_load,
    format_pace_in,
    localise,
    round_half_up,
    unit_name,
)
from runstrong.exporters.text import exercise_dose, session_title, step_amount

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"


def _pace(pace_s_per_km: float | None) -> str:
    """Format seconds per km as m:ss /km."""
    if pace_s_per_km is None or pace_s_per_km <= 0:
        return "–"
    total = round(pace_s_per_km)
    return f"{total // 60}:{total % 60:02d}"


def _duration(duration_s: float | None) -> str:
    """Format seconds as h:mm:ss or m:ss."""
    if duration_s is None:
        return "–"
    total = round(duration_s)
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def _date(value: dt.date | dt.datetime | None, fmt: str = "%a %d %b %Y") -> str:
    return "" if value is None else value.strftime(fmt)


def _units(ctx: Any) -> str:
    return str(ctx.get("units") or "km")


@pass_context
def _dist(ctx: Any, distance_m: float | None, digits: int = 1) -> str:
    """Distance with its unit in the athlete's display units, one decimal at most
    ("5 km", "5.2 km", "12.4 mi"): the one rule for lists, activities and weeks."""
    return "–" if distance_m is None else format_distance_bare(distance_m, _units(ctx), digits)


@pass_context
def _elev(ctx: Any, elevation_m: float | None) -> str:
    """A climb stored in metres, in the display units ("120 m", or "394 ft" for mi)."""
    return "–" if elevation_m is None else format_elevation(elevation_m, _units(ctx))


@pass_context
def _dist_value(ctx: Any, distance_km: float | None) -> str:
    """A distance in km as a bare number in the display units, rounded as a runner writes
    it (tables whose header names the unit: ``16``, ``8.8``)."""
    return "–" if distance_km is None else format_distance_value(distance_km * 1000, _units(ctx))


@pass_context
def _unit(ctx: Any) -> str:
    """The display unit's label, "km" or "mi"."""
    return unit_name(_units(ctx))


@pass_context
def _pace_u(ctx: Any, pace_s_per_km: float | None) -> str:
    """Pace in the athlete's units: m:ss /km or m:ss /mi."""
    if pace_s_per_km is None or pace_s_per_km <= 0:
        return f"– /{_unit(ctx)}"
    return format_pace_in(pace_s_per_km, _units(ctx)).replace("/", " /")


@pass_context
def _localise(ctx: Any, text: str | None) -> str:
    """Planner text written in km (notes, reasons, rule messages) in the display units."""
    return localise(str(text or ""), _units(ctx))


@pass_context
def _step_amount(ctx: Any, step: Any) -> str:
    """The amount of a run step ("3.9 km", "400 m", "20 min") in the athlete's units,
    through the one wording of ``exporters.text`` (rounded as a runner writes it)."""
    return step_amount(step, _units(ctx))


@pass_context
def _session_title(ctx: Any, session: Any) -> str:
    """A planned session's title with its work amount rounded as a runner writes it
    ("Threshold: 3.9 km", not the planner's "Threshold: 3.88 km") and in the profile's
    units: ``exporters.text.session_title``, the one the CLI and the exports use."""
    return session_title(session, _units(ctx))


def _minutes(duration_min: float | None) -> str:
    """Minutes as a whole number, halves up (``core.units.round_half_up``)."""
    return "–" if duration_min is None else str(round_half_up(duration_min))


def _load(load: float | None) -> str:
    """A session-RPE load as a whole number (``core.units.format_load``)."""
    return "–" if load is None else format_load(load)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
    env = templates.env
    env.filters["pace"] = _pace
    env.filters["duration"] = _duration
    env.filters["date"] = _date
    env.filters["dist"] = _dist
    env.filters["pace_u"] = _pace_u
    env.filters["dist_value"] = _dist_value
    env.filters["elev"] = _elev
    env.filters["units_text"] = _localise
    env.globals["unit"] = _unit
    env.filters["step_amount"] = _step_amount
    env.filters["session_title"] = _session_title
    env.filters["exercise_dose"] = exercise_dose
    env.filters["minutes"] = _minutes
    env.filters["load"] = _load
    env.globals["app_name"] = "runstrong"
    return templates


def render(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """Render template ``name`` with the layout's common context."""
    templates: Jinja2Templates = request.app.state.templates
    session = getattr(request.state, "session", None)
    ctx: dict[str, Any] = {
        "csrf_token": session.csrf if session is not None else "",
        "user": getattr(request.state, "user", None),
        "flash": session.pop_flash(request.url.path) if session is not None else [],
        "errors": {},
        "values": {},
    }
    if context:
        ctx.update(context)
    athlete = ctx.get("athlete")
    if athlete is not None and "units" not in ctx:
        from runstrong.web.profile_form import display_profile

        profile = display_profile(athlete)
        ctx["units"] = profile.units if profile is not None else "km"
    if athlete is None and ctx["user"] is not None:
        ctx["nav_athlete"] = _nav_athlete(request, ctx["user"].id)
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    athlete_id = getattr(athlete, "id", None)
    if isinstance(athlete_id, int) and request.cookies.get(LAST_ATHLETE_COOKIE) != str(athlete_id):
        response.set_cookie(LAST_ATHLETE_COOKIE, str(athlete_id), httponly=True, samesite="lax")
    return response


def flash_redirect(request: Request, message: str, url: str) -> RedirectResponse:
    """After a form's POST: see ``url`` (303), which shows ``message`` as a flash (that
    page only: ``SessionData.pop_flash``)."""
    request.state.session.add_flash(message, urlsplit(url).path)
    return RedirectResponse(url, status_code=303)


LAST_ATHLETE_COOKIE = "rs_last_athlete"


def _nav_athlete(request: Request, user_id: int) -> Any:
    """The athlete whose Today/Calendar/Plan/Log/Progress links the menu shows on a page
    with no athlete of its own (Settings, Athletes, API docs): the last one viewed, if the
    user may still see it, else the only one; None when neither exists (one menu on
    every page, issue 15)."""
    from runstrong.services import accounts

    factory = getattr(request.app.state, "db", None)
    if factory is None:
        return None
    with factory() as db:
        visible = accounts.visible_athletes(db, user_id)
    last = request.cookies.get(LAST_ATHLETE_COOKIE, "")
    chosen = [a for a in visible if str(a.id) == last]
    if chosen:
        return chosen[0]
    return visible[0] if len(visible) == 1 else None
