"""``runstrong log lift|run|wellness|rpe|match|show``: the training log by hand.

Missing values are asked for when the terminal is interactive; otherwise a
missing required value is an error naming the flag.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from runstrong.cli.console import out
from runstrong.cli.db import local_tz, now_utc, open_database, today_local
from runstrong.cli.default_athlete import resolve_athlete
from runstrong.cli.options import (
    AthleteOpt,
    SleepOpt,
    SleepQualityOpt,
    SorenessOpt,
    StressOpt,
)
from runstrong.cli.tables import date_column
from runstrong.core.errors import DistanceError, InputError
from runstrong.core.units import format_distance_bare, parse_distance_in, unit_name
from runstrong.services import logging as service
from runstrong.services.log_input import (
    SET_SYNTAX,
    parse_day,
    parse_duration_s,
    parse_query_day,
    parse_set,
)
from runstrong.services.planning import profile_units
from runstrong.storage.db import transaction

log_app = typer.Typer(name="log", help="Log lifts, runs without a file, wellness; show the log.")

DateOpt = Annotated[
    str | None, typer.Option("--date", help="Day (YYYY-MM-DD, today, yesterday; default today).")
]
TimeOpt = Annotated[str | None, typer.Option("--time", help="Start time HH:MM (default 12:00).")]
ActivityIdArg = Annotated[int, typer.Argument(help="Activity id (see runstrong log show).")]


def interactive() -> bool:
    """Whether we may ask questions (stdin is a terminal)."""
    return sys.stdin.isatty()


def _ask(question: str, flag: str, *, optional: bool = False) -> str | None:
    if not interactive():
        if optional:
            return None
        raise InputError(f"missing {flag}: give it on the command line")
    answer = typer.prompt(question, default="" if optional else None, show_default=False)
    return str(answer).strip() or None


def _number(text: str, what: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise InputError(f"invalid {what} {text!r}: use a number") from None


def _time(text: str | None) -> dt.time | None:
    if text is None:
        return None
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise InputError(f"invalid time {text!r}: use HH:MM, e.g. 07:30") from None


@log_app.command("lift")
def lift_command(
    exercise: Annotated[
        str | None, typer.Option("--exercise", "-e", help="Exercise name (library names).")
    ] = None,
    sets: Annotated[
        list[str] | None,
        typer.Option("--set", "-s", help=f"Sets as {escape(SET_SYNTAX)}; repeatable."),
    ] = None,
    rpe: Annotated[float | None, typer.Option(help="RPE 1-10 for sets without their own.")] = None,
    rir: Annotated[float | None, typer.Option(help="Reps in reserve 0-10 for those sets.")] = None,
    session_rpe: Annotated[
        float | None, typer.Option(help="RPE 1-10 of the whole session (session-RPE load).")
    ] = None,
    minutes: Annotated[
        str | None, typer.Option(help="Session duration: minutes, MM:SS or H:MM:SS.")
    ] = None,
    notes: Annotated[str | None, typer.Option(help="Notes on the session.")] = None,
    date: DateOpt = None,
    at: TimeOpt = None,
    new_exercise: Annotated[
        bool, typer.Option("--new-exercise", help="Accept a name not in the library.")
    ] = False,
    athlete: AthleteOpt = None,
) -> None:
    """Log sets of one exercise; more exercises on the same day join that day's session."""
    exercise = exercise or _ask("Exercise", "--exercise")
    raw_sets = list(sets or [])
    if not raw_sets:
        answer = _ask("Sets (e.g. 3x8@60kg, comma-separated)", "--set")
        raw_sets = [part for part in (answer or "").split(",") if part.strip()]
    specs = [parse_set(text) for text in raw_sets]
    if minutes is None and interactive():
        minutes = _ask("Session minutes (blank if unknown)", "--minutes", optional=True)
    duration_s = None if minutes is None else parse_duration_s(minutes)
    if session_rpe is None and rpe is None and rir is None and interactive():
        answer = _ask("Session RPE 1-10 (blank to skip)", "--session-rpe", optional=True)
        session_rpe = None if answer is None else _number(answer, "RPE")
    now = now_utc()
    day = parse_day(date, today_local())
    with transaction(open_database()) as session:
        target = resolve_athlete(session, athlete, now=now)
        result = service.log_lift(
            session,
            target.id,
            day=day,
            tz=local_tz(),
            exercise=exercise or "",
            sets=specs,
            now=now,
            rpe=rpe,
            rir=rir,
            session_rpe=session_rpe,
            duration_s=duration_s,
            notes=notes,
            at=_time(at),
            allow_new=new_exercise,
        )
    verb = "Added to" if result.appended else "Logged"
    out().print(
        f"{verb} strength session {result.activity_id} of {target.name} on {day.isoformat()}: "
        f"{result.sets_added} sets of {result.exercise} ({result.total_sets} sets in the session).",
        markup=False,
    )


def _distance_m(text: str, units: str) -> float:
    """A bare number is in the profile's ``units`` (``8.5`` is 8.5 km, or 8.5 miles for
    ``units = "mi"``); a unit or a name wins (``8000m``, ``10km``, ``6mi``, ``half``)."""
    try:
        return parse_distance_in(text, units)
    except DistanceError:
        name = unit_name(units)
        raise InputError(
            f"invalid distance {text!r}: use a number of {name} (8.5) or one with a unit"
            " (8000m, 8k, 5mi)"
        ) from None


@log_app.command("run")
def run_command(
    distance: Annotated[
        str | None,
        typer.Option(
            help='Distance in your profile\'s units (8.5 is km, or miles with units = "mi"); '
            "a unit wins (8000m, 10km, 6mi)."
        ),
    ] = None,
    duration: Annotated[
        str | None, typer.Option(help="Duration: minutes, MM:SS or H:MM:SS.")
    ] = None,
    rpe: Annotated[float | None, typer.Option(help="Session RPE 1-10.")] = None,
    notes: Annotated[str | None, typer.Option(help="Notes on the run.")] = None,
    kind: Annotated[str, typer.Option(help="run, trail or treadmill.")] = "run",
    date: DateOpt = None,
    at: TimeOpt = None,
    athlete: AthleteOpt = None,
) -> None:
    """Log a run that has no watch file (distance in the profile's units)."""
    now = now_utc()
    day = parse_day(date, today_local())
    with transaction(open_database()) as session:
        target = resolve_athlete(session, athlete, now=now)
    units = profile_units(target.profile_toml)
    asked = distance or _ask(f"Distance ({unit_name(units)})", "--distance") or ""
    distance_m = _distance_m(asked, units)
    duration = duration or _ask("Duration (minutes, MM:SS or H:MM:SS)", "--duration")
    duration_s = parse_duration_s(duration or "")
    with transaction(open_database()) as session:
        activity_id = service.log_run(
            session,
            target.id,
            day=day,
            tz=local_tz(),
            distance_m=distance_m,
            duration_s=duration_s,
            now=now,
            rpe=rpe,
            notes=notes,
            kind=kind,
            at=_time(at),
            units=units,
        )
    out().print(
        f"Logged run {activity_id} of {target.name} on {day.isoformat()}: "
        f"{format_distance_bare(distance_m, units, 1)} "
        f"in {service.format_duration(duration_s)}.",
        markup=False,
    )


@log_app.command("wellness")
def wellness_command(
    sleep: SleepOpt = None,
    sleep_quality: SleepQualityOpt = None,
    stress: StressOpt = None,
    soreness: SorenessOpt = None,
    # The short names are the ones `runstrong today` uses for the same check-in items.
    leg_feel: Annotated[
        int | None, typer.Option("--leg-feel", "--legs", help="1 dead … 5 fresh.")
    ] = None,
    hip_stiffness: Annotated[
        int | None, typer.Option("--hip-stiffness", "--hips", help="1 none … 5 very stiff.")
    ] = None,
    low_back: Annotated[
        int | None,
        typer.Option("--low-back", "--back", help="Lower back fatigue, 1 none … 5."),
    ] = None,
    mood: Annotated[int | None, typer.Option(help="1 low … 5 great.")] = None,
    mass: Annotated[float | None, typer.Option(help="Body mass in kg.")] = None,
    rhr: Annotated[float | None, typer.Option(help="Resting heart rate (bpm).")] = None,
    hrv: Annotated[float | None, typer.Option(help="HRV (ms, e.g. rMSSD).")] = None,
    nutrition: Annotated[str | None, typer.Option(help="Nutrition notes.")] = None,
    hydration: Annotated[str | None, typer.Option(help="Hydration notes.")] = None,
    notes: Annotated[str | None, typer.Option(help="Other notes.")] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(help="Empty a field, by its option name (e.g. --clear hrv); repeatable."),
    ] = None,
    date: DateOpt = None,
    athlete: AthleteOpt = None,
) -> None:
    """Log (or change) the day's wellness check-in; fields not given keep their value."""
    changes: dict[str, Any] = {
        "sleep_h": sleep,
        "sleep_quality": sleep_quality,
        "stress": stress,
        "soreness": soreness,
        "leg_feel": leg_feel,
        "hip_stiffness": hip_stiffness,
        "low_back_fatigue": low_back,
        "mood": mood,
        "body_mass_kg": mass,
        "resting_hr_bpm": rhr,
        "hrv_ms": hrv,
        "nutrition_notes": nutrition,
        "hydration_notes": hydration,
        "notes": notes,
    }
    option_fields = dict(zip(_WELLNESS_OPTIONS, changes, strict=True))
    cleared = [option_fields.get(name.strip().lstrip("-"), name) for name in clear or []]
    if all(v is None for v in changes.values()) and not cleared:
        if not interactive():
            raise InputError("nothing to log: give at least one field, e.g. --sleep 7.5")
        for key, (what, _, low, high, _) in service.WELLNESS_CHECKS.items():
            answer = _ask(f"{what} ({low:g}-{high:g}, blank to skip)", key, optional=True)
            if answer is not None:
                try:
                    changes[key] = float(answer)
                except ValueError:
                    raise InputError(f"invalid {what} {answer!r}: use a number") from None
    now = now_utc()
    day = parse_day(date, today_local())
    with transaction(open_database()) as session:
        target = resolve_athlete(session, athlete, now=now)
        stored = service.log_wellness(session, target.id, day, changes, cleared)
    out().print(
        f"Wellness of {target.name} for {day.isoformat()}: {service.wellness_summary(stored)}",
        markup=False,
    )


_WELLNESS_OPTIONS = (
    "sleep",
    "sleep-quality",
    "stress",
    "soreness",
    "leg-feel",
    "hip-stiffness",
    "low-back",
    "mood",
    "mass",
    "rhr",
    "hrv",
    "nutrition",
    "hydration",
    "notes",
)


@log_app.command("rpe")
def rpe_command(
    activity_id: ActivityIdArg,
    rpe: Annotated[float, typer.Option(help="Session RPE 1-10.")],
    athlete: AthleteOpt = None,
) -> None:
    """Set the session RPE of an activity, imported or logged, of the (default) athlete.

    An activity of another athlete is refused unless --athlete names that athlete.
    """
    with transaction(open_database()) as session:
        target = resolve_athlete(session, athlete, now=now_utc(), create_default=False)
        activity = service.set_session_rpe(session, activity_id, rpe, athlete_id=target.id)
    out().print(
        f"Session RPE of activity {activity_id} of {target.name} ({activity.sport.value}, "
        f"{activity.start.date().isoformat()}) set to {rpe:g}.",
        markup=False,
    )


@log_app.command("match")
def match_command(
    activity_id: ActivityIdArg,
    session_id: Annotated[
        str | None,
        typer.Argument(help="Planned session id it fulfilled (see runstrong plan show)."),
    ] = None,
    none: Annotated[
        bool, typer.Option("--none", help="The activity fulfilled no planned session.")
    ] = False,
    athlete: AthleteOpt = None,
) -> None:
    """Correct which planned session an activity fulfilled (or --none)."""
    from runstrong.services.coach import active_plan
    from runstrong.services.matching import correct_match

    if (session_id is None) == (not none):
        raise InputError("give a planned session id (e.g. w03-tue-run) or --none, not both")
    with transaction(open_database()) as session:
        target = resolve_athlete(session, athlete, now=now_utc())
        _, plan = active_plan(session, target.id)
        correct_match(session, target.id, activity_id, session_id, plan=plan, now=now_utc())
    what = f"planned session {session_id}" if session_id else "no planned session"
    out().print(f"Activity {activity_id} of {target.name} now fulfils {what}.", markup=False)


@log_app.command("show")
def show_command(
    since: Annotated[
        str | None, typer.Option(help="First day shown (YYYY-MM-DD; default 4 weeks ago).")
    ] = None,
    athlete: AthleteOpt = None,
) -> None:
    """List activities and wellness check-ins by day."""
    today = today_local()
    first = parse_query_day(since, "--since", today) if since else today - dt.timedelta(days=27)
    with transaction(open_database()) as session:
        target = resolve_athlete(session, athlete, now=now_utc())
        lines = service.log_lines(
            session, target.id, since=first, tz=local_tz(), units=profile_units(target.profile_toml)
        )
    if not lines:
        out().print(f"Nothing logged for {target.name} since {first.isoformat()}.", markup=False)
        return
    table = Table(date_column("day"), "id", "kind", "what", "RPE", title=f"Log of {target.name}")
    for line in lines:
        table.add_row(
            line.day.isoformat(),
            "" if line.activity_id is None else str(line.activity_id),
            line.kind,
            line.summary,
            "" if line.rpe is None else f"{line.rpe:g}",
        )
    out().print(table)


def register(app: typer.Typer) -> None:
    """Add the ``log`` command group."""
    app.add_typer(log_app, name="log")
