"""``runstrong athlete add NAME``, ``athlete use NAME`` and ``athlete list``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.athlete_app import athlete_app, mount
from runstrong.cli.console import out
from runstrong.cli.db import now_utc, open_database
from runstrong.cli.tables import date_column


@athlete_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The athlete's name (unique in this database).")],
) -> None:
    """Add an athlete to the database (several athletes can share one database)."""
    from runstrong.cli import default_athlete
    from runstrong.services import athletes as service
    from runstrong.storage.db import transaction

    with transaction(open_database()) as session:
        athlete = service.add_athlete(session, name, now=now_utc())
        others = [a for a in service.list_athletes(session) if a.id != athlete.id]
    out().print(f"Added athlete {athlete.name!r} (id {athlete.id}).", markup=False)
    default = default_athlete.chosen_id()
    current = next((a for a in others if a.id == default), None)
    if current is not None:
        out().print(
            f"The default athlete is still {current.name!r}; commands act on "
            f"{athlete.name!r} with --athlete {athlete.name!r}, or after: "
            f"runstrong athlete use {athlete.name!r}",
            markup=False,
        )


@athlete_app.command("use")
def use_command(
    name: Annotated[str, typer.Argument(help="The athlete commands act on from now on.")],
) -> None:
    """Make NAME the default athlete: the one commands act on without --athlete."""
    from runstrong.cli import default_athlete
    from runstrong.services import athletes as service
    from runstrong.storage.db import transaction

    with transaction(open_database()) as session:
        athlete = service.resolve_athlete(session, name, now=now_utc())
    default_athlete.choose(athlete.id)
    out().print(
        f"Default athlete: {athlete.name!r} (id {athlete.id}); --athlete NAME still picks "
        "another for one command.",
        markup=False,
    )


@athlete_app.command("list")
def list_command() -> None:
    """List the athletes in the database."""
    from runstrong.cli import default_athlete
    from runstrong.services import athletes as service
    from runstrong.storage.db import transaction

    with transaction(open_database()) as session:
        athletes = service.list_athletes(session)
    if not athletes:
        out().print("No athletes yet: add one with runstrong athlete add NAME.", markup=False)
        return
    default = default_athlete.chosen_id()
    table = Table("id", "name", date_column("created"), "profile", "default")
    for a in athletes:
        table.add_row(
            str(a.id),
            a.name,
            a.created_at.date().isoformat(),
            "yes" if a.profile_toml else "no",
            "yes" if a.id == default else "",
        )
    out().print(table)


def register(app: typer.Typer) -> None:
    """Mount the shared ``athlete`` sub-app (its commands are defined above)."""
    mount(app)
