"""``runstrong plan skip DATE`` and ``runstrong plan move DATE --to DATE`` (R22).

Both act on the athlete's saved plan, re-plan the week around the change
(``services.coach_replan``) and save the result as the new active plan. The
services are imported inside the commands: the ``plan`` group also serves
``plan new``, which should not pay for the daily coach.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Annotated

import typer

from runstrong.cli.console import out
from runstrong.cli.db import now_utc, open_database, today_local
from runstrong.cli.options import AthleteOpt
from runstrong.cli.plan import plan_app
from runstrong.core.errors import InputError
from runstrong.core.model import PlannedSession, SessionKind
from runstrong.core.units import format_distance_bare, format_minutes, localise
from runstrong.services.planning import profile_units

if TYPE_CHECKING:
    from runstrong.services.coach_replan import WeekReplan

JsonOpt = Annotated[bool, typer.Option("--json", help="Print the re-planned week as JSON.")]


def _day(text: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"invalid {what} {text!r}: use YYYY-MM-DD") from None


def _line(s: PlannedSession, units: str) -> str:
    from runstrong.exporters.text import session_title

    km = f", {format_distance_bare(s.distance_km * 1000, units)}" if s.distance_km else ""
    title = session_title(s, units) or s.category
    return f"  {s.date:%a %d %b} {s.start:%H:%M}  {s.kind.value:<8} {title}" + (
        f"  {format_minutes(s.duration_min * 60)}{km}" if s.duration_min else ""
    )


def _render(result: WeekReplan, as_json: bool, athlete: str, units: str = "km") -> None:
    if as_json:
        from runstrong.services.coach_json import jsonable

        out().print_json(json.dumps(jsonable(result)))
        return
    for line in result.messages:
        out().print(localise(line, units), markup=False, highlight=False)
    out().print(f"Week {result.week_index + 1} now:", markup=False)
    for s in result.after:
        if s.kind is not SessionKind.REST:
            out().print(_line(s, units), markup=False, highlight=False)
    for b in result.new_breaks:
        out().print(
            f"Rule {b.rule_id} ({b.severity.value}): {localise(b.message, units)}",
            markup=False,
            highlight=False,
        )
    out().print(f"Saved as plan version {result.plan_id} for {athlete}.", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``plan skip`` and ``plan move`` to the ``plan`` command group."""
    del app  # the commands join the existing ``plan`` group

    @plan_app.command("skip")
    def skip_command(
        date: Annotated[str, typer.Argument(help="The day to skip (YYYY-MM-DD).")],
        session_id: Annotated[
            str | None, typer.Option("--session", help="Skip only this session id.")
        ] = None,
        athlete: AthleteOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Skip a day (or one session): key sessions move if a day is free, easy runs drop."""
        from runstrong.cli.default_athlete import resolve_athlete
        from runstrong.services.coach_replan import skip_day
        from runstrong.storage.db import transaction

        day = _day(date, "date")
        now = now_utc()
        with transaction(open_database()) as session:
            target = resolve_athlete(session, athlete, now=now, create_default=False)
            result = skip_day(
                session, target.id, day, today=today_local(), now=now, session_id=session_id
            )
        _render(result, as_json, target.name, profile_units(target.profile_toml))

    @plan_app.command("move")
    def move_command(
        date: Annotated[str, typer.Argument(help="The day whose sessions move (YYYY-MM-DD).")],
        to: Annotated[str, typer.Option("--to", help="The day they move to (same week).")],
        athlete: AthleteOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Move a day's sessions to another day of the week; refused if R3–R5 would break."""
        from runstrong.cli.default_athlete import resolve_athlete
        from runstrong.services.coach_replan import move_sessions
        from runstrong.storage.db import transaction

        day, target_day = _day(date, "date"), _day(to, "--to date")
        now = now_utc()
        with transaction(open_database()) as session:
            target = resolve_athlete(session, athlete, now=now, create_default=False)
            result = move_sessions(
                session, target.id, day, target_day, today=today_local(), now=now
            )
        _render(result, as_json, target.name, profile_units(target.profile_toml))
