"""``runstrong athlete init``: write a commented athlete profile (TOML).

Every question is also a flag; any flag left out is asked (with a default; answers
may come from a pipe), or with ``--yes`` takes its default, so the command runs
unattended. The answers are validated by
``core.athlete.parse_profile`` before anything is written.
"""

from __future__ import annotations

import datetime as dt
import os
import zoneinfo
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer

from runstrong.cli.athlete_app import athlete_app, mount
from runstrong.cli.console import out as stdout
from runstrong.cli.db import today_local
from runstrong.core.athlete import WEEKDAYS, Athlete, parse_profile
from runstrong.core.athlete.model import KM_PER_MI
from runstrong.core.athlete.profile import MAX_GAIN_M, TERRAINS
from runstrong.core.errors import ProfileError
from runstrong.core.units import format_race_distance
from runstrong.services.profile import goal_session_min, implausible_results, write_profile


def _list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _opt(help_text: str) -> Any:
    return typer.Option(help=help_text)


NOT_ASKED = frozenset({"out", "force", "yes", "weekly_mi", "longest_run_mi"})
IN_MILES = {"weekly_km": "weekly_mi", "longest_run_km": "longest_run_mi"}
"""The questions asked in miles when the answer to "Units" is mi."""


def local_zone_name() -> str:
    """The machine's IANA time zone (``TZ``, else ``/etc/localtime``'s target), else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = str(Path("/etc/localtime").readlink())
        candidates.append(target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "")
    except OSError:
        pass
    for name in candidates:
        if not name:
            continue
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return "UTC"


GOAL_WEEKS = 20


def default_goal_date(today: dt.date) -> dt.date:
    """The first Sunday at least ``GOAL_WEEKS`` weeks after ``today`` (room for a season)."""
    day = today + dt.timedelta(weeks=GOAL_WEEKS)
    return day + dt.timedelta(days=(6 - day.weekday()) % 7)


def _ask_missing(ctx: typer.Context, yes: bool) -> dict[str, Any]:
    """Every answer: from its flag, else asked (default shown), else with --yes the default."""
    answers = dict(ctx.params)
    for param in ctx.command.params:
        name = param.name
        if name is None or name in NOT_ASKED or yes:
            continue
        source = ctx.get_parameter_source(name)
        if source is None or source.name != "DEFAULT":  # given on the command line
            continue
        question = name.replace("_", " ").capitalize()
        default = answers[name]
        if name == "goal_date" and not default:
            default = answers[name] = default_goal_date(today_local()).isoformat()
        if name == "timezone" and not default:
            default = answers[name] = local_zone_name()
        if name == "max_session_min" and not default:
            default = answers[name] = _goal_session_min(answers)
        if name in IN_MILES and answers.get(IN_MILES[name]):
            continue  # given in miles on the command line
        if name in IN_MILES and answers.get("units") == "mi":
            name, question = IN_MILES[name], question.replace(" km", " mi")
            default = round(default / KM_PER_MI, 1)
        try:
            if isinstance(default, bool):
                answers[name] = typer.confirm(question, default=default)
            else:
                answers[name] = typer.prompt(question, default=default, type=type(default))
        except typer.Abort:
            flag = "--" + name.replace("_", "-")
            raise ProfileError(
                f"no answer to {question!r} (input ended): pass it as {flag}, or --yes to take"
                " the defaults"
            ) from None
    return answers


@athlete_app.command("init")
def init_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="Profile file to write.")] = Path(
        "athlete.toml"
    ),
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Ask nothing: questions not given as flags take defaults."
        ),
    ] = False,
    name: Annotated[str, _opt("Your name.")] = "me",
    sex: Annotated[str, _opt("female or male.")] = "female",
    birth_year: Annotated[int, _opt("Year of birth.")] = 1990,
    body_mass_kg: Annotated[float, _opt("Body mass in kg.")] = 65.0,
    units: Annotated[str, _opt("Display units: km or mi.")] = "km",
    timezone: Annotated[
        str, _opt("IANA time zone, e.g. Europe/Berlin (default: this machine's).")
    ] = "",
    weekly_km: Annotated[float, _opt("Kilometres you run per week now.")] = 30.0,
    weekly_mi: Annotated[float, _opt("Miles you run per week now (instead of km).")] = 0.0,
    longest_run_km: Annotated[float, _opt("Longest run of the last month, km.")] = 12.0,
    longest_run_mi: Annotated[
        float, _opt("Longest run of the last month, mi (instead of km).")
    ] = 0.0,
    years_running: Annotated[float, _opt("Years of regular running.")] = 2.0,
    race_distance: Annotated[str, _opt("Recent race distance (e.g. 10k; empty if none).")] = "5k",
    race_time: Annotated[
        str, _opt("Recent race time (h:mm:ss or mm:ss; empty if none).")
    ] = "25:00",
    race_date: Annotated[str, _opt("Recent race date YYYY-MM-DD (empty if unknown).")] = "",
    vdot: Annotated[float, _opt("VDOT if known (0 = use the race).")] = 0.0,
    years_lifting: Annotated[float, _opt("Years of regular strength training.")] = 0.0,
    equipment: Annotated[str, _opt("Equipment, comma separated (gym = everything, none).")] = "gym",
    goal_distance: Annotated[
        str, _opt("Goal race distance (1500m, 5k, 10k, half, marathon…).")
    ] = "10k",
    goal_date: Annotated[
        str, _opt("Goal race date YYYY-MM-DD (default: the Sunday 20 weeks or more from today).")
    ] = "",
    goal_time: Annotated[str, _opt("Goal target time (empty = none).")] = "",
    terrain: Annotated[str, _opt("Goal race ground: road, trail or mountain (Q7).")] = "road",
    elevation_gain_m: Annotated[
        float, _opt("Goal race total climb in metres, 0-10000 (Q7).")
    ] = 0.0,
    focus: Annotated[str, _opt("Focus: sprint, middle, endurance (empty = from the goal).")] = "",
    mon: Annotated[
        str, _opt("Monday windows, comma separated HH:MM-HH:MM (empty = none).")
    ] = "18:00-19:30",
    tue: Annotated[str, _opt("Tuesday windows.")] = "18:00-19:30",
    wed: Annotated[str, _opt("Wednesday windows.")] = "",
    thu: Annotated[str, _opt("Thursday windows.")] = "18:00-19:30",
    fri: Annotated[str, _opt("Friday windows.")] = "",
    sat: Annotated[str, _opt("Saturday windows.")] = "08:00-10:00",
    sun: Annotated[str, _opt("Sunday windows.")] = "08:00-11:00",
    gym_days: Annotated[
        str, _opt("Gym days, comma separated (empty = strength anywhere).")
    ] = "mon,thu",
    long_run_day: Annotated[str, _opt("Preferred long-run day.")] = "sun",
    max_session_min: Annotated[
        int,
        typer.Option(
            help="Longest session you can do, minutes (default: room for the goal race's "
            "long run at easy pace, at least 120; a marathon ~180-240).",
            show_default=False,
        ),
    ] = 0,
    two_a_days: Annotated[bool, _opt("Can you train twice on one day?")] = False,
    injuries: Annotated[
        str, _opt("Complaints to respect, comma separated (knee, achilles…).")
    ] = "",
) -> None:
    """Create an athlete profile by answering questions (or passing every answer as a flag)."""
    if out.exists() and not force:
        raise ProfileError(f"'{out}' already exists; pass --force to overwrite it")
    _write_answers(ctx, out, force=force, yes=yes)


def _write_answers(ctx: typer.Context, out: Path, *, force: bool, yes: bool) -> None:
    """Ask what is missing, check the answers, write the profile and say what was assumed."""
    _one_unit_each(ctx)
    answers = _ask_missing(ctx, yes)
    answers["goal_date"] = answers["goal_date"] or default_goal_date(today_local()).isoformat()
    answers["timezone"] = answers["timezone"] or local_zone_name()
    derived = _goal_session_min(answers)
    answers["max_session_min"] = answers["max_session_min"] or derived
    data = profile_mapping(answers)
    athlete = _check_answers(data, answers)
    write_profile(out, data, overwrite=force)
    _say_estimate(athlete)
    if not _given(ctx, "max_session_min") and answers["max_session_min"] == derived > 120:
        _say_session_min(athlete)
    stdout().print(
        f"Wrote {out}. Next: runstrong plan new --profile {out}", markup=False, highlight=False
    )


def _goal_session_min(answers: Mapping[str, Any]) -> int:
    """R6/Q2: the default longest session, from the answers so far (``goal_session_min``:
    room for the goal race's long run); 120 while they do not make a valid profile yet
    (the check after the last question names what is wrong)."""
    draft = profile_mapping({**answers, "max_session_min": 120})
    try:
        return goal_session_min(parse_profile(draft))
    except ProfileError:
        return 120


def _say_session_min(athlete: Athlete) -> None:
    """Say that the longest session was set from the goal race, and how to change it."""
    minutes = athlete.week.max_session_min
    race = format_race_distance(athlete.goal.distance_m, athlete.units)
    window = athlete.week.longest_run_window_min()
    shorter = (
        f"; your longest run window is {window} min, widen it to give the long run that room"
        if window < minutes
        else ""
    )
    stdout().print(
        f"Longest session: {minutes} min, room for the long run a {race} needs at easy "
        f"pace (--max-session-min, or max_session_min in the file, changes it){shorter}.",
        markup=False,
        highlight=False,
    )


def _say_estimate(athlete: Athlete) -> None:
    """A beginner without a race or VDOT: say what the plans will assume."""
    if athlete.vdot_estimated:
        stdout().print(
            f"No race and no VDOT: plans estimate a beginner's VDOT {athlete.vdot:g} from "
            "your weekly volume (slow, safe paces); a 5 km time trial or race replaces it.",
            markup=False,
            highlight=False,
        )


def _one_unit_each(ctx: typer.Context) -> None:
    """``--weekly-km 40 --weekly-mi 25`` is refused as the profile loader refuses both
    fields (before, the miles were kept without a word)."""
    for km, mi in IN_MILES.items():
        given = [n for n in (km, mi) if _given(ctx, n)]
        if len(given) == 2:
            flags = " and ".join(f"--{n.replace('_', '-')} {ctx.params[n]:g}" for n in given)
            raise ProfileError(f"{flags}: give the distance in km or in miles, not both")


def _given(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name != "DEFAULT"


_FLAGS = {"goal.target_time": "goal_time", "running.recent_race.time": "race_time"}


def _check_course(answers: Mapping[str, Any]) -> None:
    """Q7: the goal race's ground and climb, named by their flags."""
    terrain = str(answers["terrain"]).strip()
    if terrain not in TERRAINS:
        raise ProfileError(
            f"--terrain {terrain!r} is not allowed: use one of {', '.join(TERRAINS)}"
        )
    gain = answers["elevation_gain_m"]
    if not 0 <= gain <= MAX_GAIN_M:
        raise ProfileError(
            f"--elevation-gain-m {gain:g} is out of range: give the course's total climb, "
            f"0 to {MAX_GAIN_M:g} m"
        )


def _check_answers(data: Mapping[str, Any], answers: Mapping[str, Any]) -> Athlete:
    """What the profile parser cannot judge alone: a goal race after today, and race
    times a human can run (a typo like 48.30 reads as 48.3 seconds); the athlete."""
    _check_course(answers)
    athlete = parse_profile(data)
    today = today_local()
    if athlete.goal.date <= today:
        raise ProfileError(
            f"--goal-date {athlete.goal.date.isoformat()} is not after today "
            f"({today.isoformat()}): give the date of the race you are training for"
        )
    for field, message in implausible_results(athlete).items():
        typed = str(answers[_FLAGS[field]]).strip()
        hint = f"; did you mean {typed.replace('.', ':')}?" if ":" not in typed else ""
        flag = "--" + _FLAGS[field].replace("_", "-")
        raise ProfileError(f"{flag} {typed}: {message}{hint}")
    return athlete


def profile_mapping(a: Mapping[str, Any]) -> dict[str, Any]:
    """The profile mapping (the TOML file's tables) of the answers, keyed by option name."""
    data: dict[str, Any] = {key: a[key] for key in ("name", "sex", "birth_year")}
    data.update(body_mass_kg=a["body_mass_kg"], units=a["units"])
    if a.get("timezone"):
        data["timezone"] = a["timezone"]
    if a["focus"].strip():
        data["focus"] = a["focus"].strip()
    if _list(a["injuries"]):
        data["injuries"] = _list(a["injuries"])
    data["running"] = _running_table(a)
    data["strength"] = {"years_lifting": a["years_lifting"], "equipment": _list(a["equipment"])}
    goal: dict[str, Any] = {"distance": a["goal_distance"], "date": a["goal_date"]}
    if a["goal_time"].strip():
        goal["target_time"] = a["goal_time"].strip()
    if a.get("terrain", "road").strip() != "road":
        goal["terrain"] = a["terrain"].strip()
    if a.get("elevation_gain_m", 0.0) > 0:
        goal["elevation_gain_m"] = a["elevation_gain_m"]
    data["goal"] = goal
    data["week"] = _week_table(a)
    return data


def _running_table(a: Mapping[str, Any]) -> dict[str, Any]:
    running: dict[str, Any] = {}
    for km, mi in IN_MILES.items():  # a distance answered in miles is kept in miles
        running.update({mi: a[mi]} if a.get(mi) else {km: a[km]})
    running["years_running"] = a["years_running"]
    if a["vdot"] > 0:
        running["vdot"] = a["vdot"]
    distance, time, date = (a[k].strip() for k in ("race_distance", "race_time", "race_date"))
    if distance and time:
        recent: dict[str, Any] = {"distance": distance, "time": time}
        if date:
            recent["date"] = date
        running["recent_race"] = recent
    return running


def _week_table(a: Mapping[str, Any]) -> dict[str, Any]:
    week: dict[str, Any] = {day: _list(a[day]) for day in WEEKDAYS}
    if _list(a["gym_days"]):
        week["gym_days"] = _list(a["gym_days"])
    week.update(
        long_run_day=a["long_run_day"],
        max_session_min=a["max_session_min"],
        two_a_days=a["two_a_days"],
    )
    return week


def register(app: typer.Typer) -> None:
    """Mount the shared ``athlete`` sub-app (``init`` is defined above)."""
    mount(app)
