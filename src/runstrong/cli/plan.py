"""``runstrong plan new|show|explain``: build a season plan, look at it, ask why.

The database, SQLAlchemy and the exporters are imported only by the code paths
that use them, so ``plan new --no-save`` starts with the planner alone.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from runstrong.cli.console import out
from runstrong.cli.db import now_utc, open_database, open_plan_database, today_local
from runstrong.cli.options import AthleteOpt
from runstrong.cli.tables import date_column
from runstrong.core.athlete import WEEKDAYS
from runstrong.core.errors import InputError, NotFoundError
from runstrong.core.model import Plan, PlanWeek, SessionKind
from runstrong.core.planning.periodization import PlanOptions
from runstrong.core.rules.predicates import is_key_run
from runstrong.core.units import (
    DISPLAY_UNITS,
    format_distance_bare,
    format_distance_value,
    format_load,
    format_race_distance,
    localise,
    round_half_up,
    unit_name,
)
from runstrong.services import planning

if TYPE_CHECKING:
    from runstrong.services import plan_status

_DEFAULTS = PlanOptions()
"""The planner's own R11 defaults (rules.ramp.R11_LIMITS), shown by `plan new --help`."""

plan_app = typer.Typer(
    name="plan", help="Build a season plan, show it, explain it.", no_args_is_help=True
)

PlanFile = Annotated[
    Path | None,
    typer.Option("--plan", help="A plan JSON file (default: the last plan saved in the database)."),
]
Units = Annotated[
    str | None,
    typer.Option("--units", help="km or mi (default: the profile's or the plan file's units)."),
]


def _units(units: str | None, saved_units: str | None) -> str:
    """The display units asked for, else the saved profile's or the plan file's."""
    if units is None:
        return saved_units or "km"
    if units not in DISPLAY_UNITS:
        raise InputError(f"invalid --units {units!r}: use km or mi")
    return units


def _date(text: str | None, what: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what} {text!r} is not a date; write it as YYYY-MM-DD") from None


def _load(path: Path | None, athlete: str | None) -> tuple[Plan, str | None]:
    """The plan file at ``path``, else the saved plan of ``athlete`` (default: the
    default athlete), with the units of that athlete's profile (a file's own units)."""
    if path is not None:
        if athlete is not None:
            raise InputError("--athlete names whose saved plan to read; it cannot go with --plan")
        plan = planning.read_plan_file(path)
        return plan, plan.units
    from runstrong.cli.default_athlete import resolve_athlete
    from runstrong.storage.db import transaction

    database = open_database()
    with transaction(database) as session:
        if athlete is None and not planning.has_athletes(session):
            raise NotFoundError(
                "no saved plan yet: run runstrong plan new --profile FILE, or pass --plan FILE"
            )
        target = resolve_athlete(session, athlete, now=now_utc(), create_default=False)
    return planning.latest_plan(database, target), planning.profile_units(target.profile_toml)


@plan_app.command("new")
def new_command(
    profile: Annotated[Path, typer.Option("--profile", "-p", help="Athlete profile TOML file.")],
    start: Annotated[
        str | None,
        typer.Option("--start", help="First day of the plan, YYYY-MM-DD (default: today)."),
    ] = None,
    json_file: Annotated[
        Path | None, typer.Option("--json", help="Write the plan as JSON here.")
    ] = None,
    ics_file: Annotated[
        Path | None, typer.Option("--ics", help="Write an iCalendar file here.")
    ] = None,
    fit_dir: Annotated[
        Path | None, typer.Option("--fit-dir", help="Write FIT workout files into this directory.")
    ] = None,
    md_file: Annotated[
        Path | None, typer.Option("--md", help="Write a printable Markdown plan here.")
    ] = None,
    ramp_cap: Annotated[
        float,
        typer.Option(
            "--ramp-cap", min=0.0, max=0.5, help="Weekly running volume increase cap (R11)."
        ),
    ] = _DEFAULTS.ramp_cap,
    acwr_max: Annotated[
        float,
        typer.Option("--acwr-max", min=1.0, max=2.0, help="Upper bound of the planned ACWR (R11)."),
    ] = _DEFAULTS.acwr_band[1],
    save: Annotated[
        bool, typer.Option("--save/--no-save", help="Store the plan in the database.")
    ] = True,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="This profile is the athlete of its name planned from another file: "
            "replace that athlete's profile and active plan.",
        ),
    ] = False,
) -> None:
    """Build the season from START to the goal race plus a transition, and show the overview.

    The plan is saved for the athlete of the profile's name. Planning again from the
    same file updates that athlete; a profile from another file with a name already
    taken is refused (another athlete: rename it; the same one: pass --replace)."""
    first = _date(start, "--start") or today_local()
    database = open_plan_database() if save else None  # no ORM; on SQLite no SQLAlchemy
    result = planning.new_plan(
        profile,
        first,
        options=PlanOptions(ramp_cap=ramp_cap, acwr_band=(_DEFAULTS.acwr_band[0], acwr_max)),
        outputs=planning.Outputs(json_file, ics_file, fit_dir, md_file),
        database=database,
        now=now_utc(),
        replace=replace,
    )
    render_overview(result.plan, units=result.athlete.units)
    for path in result.written[:5]:
        out().print(f"Wrote {path}", markup=False, highlight=False)
    if len(result.written) > 5:
        out().print(f"… and {len(result.written) - 5} more files", markup=False)
    if database is not None and result.plan_id is not None:
        replaced = (
            f" (athlete id {result.athlete_id}, profile and plan replaced)"
            if result.replaced
            else ""
        )
        out().print(
            f"Saved as plan {result.plan_id} for {result.athlete.name}{replaced}.", markup=False
        )
    if result.athlete_id is not None:
        _keep_default(result.athlete_id)


def _keep_default(athlete_id: int) -> None:
    """The athlete a first plan is stored for becomes the default athlete (explicit,
    see ``cli.default_athlete``) when this database has none yet."""
    from runstrong.cli import default_athlete

    if default_athlete.chosen_id() is None:
        default_athlete.choose(athlete_id)


@plan_app.command("show")
def show_command(
    plan_file: PlanFile = None,
    week: Annotated[
        int | None, typer.Option("--week", "-w", min=1, help="Show this week (1 = first).")
    ] = None,
    units: Units = None,
    athlete: AthleteOpt = None,
) -> None:
    """Show the season overview, or one week day by day."""
    plan, saved_units = _load(plan_file, athlete)
    units = _units(units, saved_units)
    if week is not None and week > len(plan.weeks):
        raise InputError(f"--week {week} is not in the plan; it has weeks 1 to {len(plan.weeks)}")
    found: dict[str, plan_status.SessionStatus] = {}
    if plan_file is None and plan.weeks:  # what the log says was done (a file has no log)
        from runstrong.services import plan_status
        from runstrong.storage.db import transaction

        shown = plan.weeks if week is None else [plan.weeks[week - 1]]
        first, last = shown[0].start_date, shown[-1].start_date + dt.timedelta(days=6)
        with transaction(open_database()) as session:
            found = plan_status.statuses_of(session, plan, first, last, today_local(), units)
    if week is None:
        render_overview(plan, units=units, found=found)
        return
    render_week(plan.weeks[week - 1], units=units, found=found)


@plan_app.command("explain")
def explain_command(
    day: Annotated[str, typer.Argument(help="The day to explain: YYYY-MM-DD, today or tomorrow.")],
    plan_file: PlanFile = None,
    units: Units = None,
    athlete: AthleteOpt = None,
) -> None:
    """Say why each session of DAY is there: phase, purpose, rules, trade-offs."""
    relative = {"today": 0, "tomorrow": 1}.get(day.strip().lower())
    date = (
        today_local() + dt.timedelta(days=relative) if relative is not None else _date(day, "date")
    )
    assert date is not None
    plan, saved_units = _load(plan_file, athlete)
    units = _units(units, saved_units)
    if not plan.weeks[0].start_date <= date < plan.weeks[-1].start_date + dt.timedelta(days=7):
        raise InputError(
            f"{date} is outside the plan ({plan.weeks[0].start_date} to "
            f"{plan.weeks[-1].start_date + dt.timedelta(days=6)})"
        )
    from runstrong.core.planning.explain import explain_day
    from runstrong.exporters.text import session_lines, session_title

    items = explain_day(plan, date)
    if not items:
        out().print(
            f"{date} ({WEEKDAYS[date.weekday()]}): rest day, nothing planned.", markup=False
        )
        return
    for e in items:
        s = e.session
        out().print(
            f"{s.date} {s.start:%H:%M} {session_title(s, units) or s.category} — "
            f"week {e.week.index + 1}, "
            f"{e.week.phase.value}{' (deload)' if e.week.deload else ''}",
            markup=False,
            highlight=False,
        )
        for line in session_lines(s, units):
            if not line.startswith(("Why: ", "Rules: ")):
                out().print(f"  {line}", markup=False, highlight=False)
        for r in e.reasons:
            out().print(f"  Why: {localise(r, units)}", markup=False, highlight=False)
        for rule, summary in e.rules:
            out().print(f"  Rule {rule}: {localise(summary, units)}", markup=False, highlight=False)
        for t in e.trade_offs:
            out().print(f"  Trade-off: {localise(t, units)}", markup=False, highlight=False)
        for b in e.breaks:
            message = localise(b.message, units)
            out().print(f"  Broken {b.rule_id} ({b.severity.value}): {message}", markup=False)
        out().print("")


def render_overview(
    plan: Plan, units: str = "km", found: dict[str, plan_status.SessionStatus] | None = None
) -> None:
    """Season table; ``units`` "mi" shows volumes, notes and rules in miles; with
    ``found`` (what the log fulfilled) a "done" column tallies each week up to today."""
    if found:
        from runstrong.services import plan_status
    race = format_race_distance(plan.race_distance_m, units)
    out().print(
        f"Season plan for {plan.athlete}: {plan.start_date} → {race} on {plan.race_date}, "
        f"VDOT {plan.vdot}",
        markup=False,
        highlight=False,
    )
    table = Table(
        "wk",
        date_column("starts"),
        "phase",
        "meso",
        unit_name(units),
        "runs",
        "quality",
        "strength",
    )
    if found:
        table.add_column("done")
    for w in plan.weeks:
        runs = [s for s in w.sessions if s.kind is SessionKind.RUN]
        quality = ", ".join(s.category for s in runs if is_key_run(s, long_counts=False))
        lifts = ", ".join(s.category for s in w.sessions if s.kind is SessionKind.STRENGTH)
        table.add_row(
            str(w.index + 1),
            w.start_date.isoformat(),
            w.phase.value + (" (deload)" if w.deload else ""),
            str(w.mesocycle),
            format_distance_value(w.run_km * 1000, units),
            str(len(runs)),
            quality or "-",
            lifts or "-",
            *([plan_status.week_tally(w.sessions, found)] if found else []),
        )
    out().print(table)
    for note in plan.notes:
        out().print(f"Note: {localise(note, units)}", markup=False, highlight=False)
    if plan.broken_rules:
        out().print(f"Rules the calendar forced to break ({len(plan.broken_rules)}):", markup=False)
        for b in plan.broken_rules:
            out().print(
                f"  {b.rule_id} ({b.severity.value}): {localise(b.message, units)}",
                markup=False,
                highlight=False,
            )
    else:
        out().print("No rule had to be broken.", markup=False)


def render_week(
    week: PlanWeek, units: str = "km", found: dict[str, plan_status.SessionStatus] | None = None
) -> None:
    """One week day by day; ``units`` "mi" shows distances, titles and notes in miles;
    with ``found`` a "done" column says whether each session up to today was done, and how."""
    from runstrong.exporters.text import session_title

    out().print(
        f"Week {week.index + 1} from {week.start_date}: {week.phase.value}"
        f"{' (deload)' if week.deload else ''}, "
        f"{format_distance_bare(week.run_km * 1000, units)}",
        markup=False,
        highlight=False,
    )
    table = Table(date_column("day"), "time", "kind", "session", "min", unit_name(units), "load")
    if found:
        table.add_column("done")
    for s in week.sessions:
        status = found.get(s.id) if found else None
        table.add_row(
            f"{WEEKDAYS[s.date.weekday()]} {s.date:%d %b}",
            s.start.strftime("%H:%M"),
            s.kind.value,
            session_title(s, units) or s.category,
            str(round_half_up(s.duration_min)),
            format_distance_value(s.distance_km * 1000, units) if s.distance_km else "",
            format_load(s.load),
            *([status.text if status else ""] if found else []),
        )
    out().print(table)
    for note in week.notes:
        out().print(f"Note: {localise(note, units)}", markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``plan`` command group to ``app``."""
    app.add_typer(plan_app, name="plan")
