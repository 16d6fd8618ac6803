"""``runstrong athlete add NAME`` and ``runstrong athlete list``."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from runstrong.cli.athlete_app import athlete_app, mount
from runstrong.cli.console import out
from runstrong.cli.db import now_utc, open_database


@athlete_app.command("add")
def add_command(
    name: Annotated[str, typer.Argument(help="The athlete's name (unique in this database).")],
) -> None:
    """Add an athlete to the database (several athletes can share one database)."""
    from runstrong.services import athletes as service
    from runstrong.storage.db import transaction

    with transaction(open_database()) as session:
        athlete = service.add_athlete(session, name, now=now_utc())
    out().print(f"Added athlete {athlete.name!r} (id {athlete.id}).", markup=False)


@athlete_app.command("list")
def list_command() -> None:
    """List the athletes in the database."""
    from runstrong.services import athletes as service
    from runstrong.storage.db import transaction

    with transaction(open_database()) as session:
        athletes = service.list_athletes(session)
    if not athletes:
        out().print("No athletes yet: add one with runstrong athlete add NAME.", markup=False)
        return
    table = Table("id", "name", "created", "profile")
    for a in athletes:
        table.add_row(
            str(a.id), a.name, a.created_at.date().isoformat(), "yes" if a.profile_toml else "no"
        )
    out().print(table)


def register(app: typer.Typer) -> None:
    """Mount the shared ``athlete`` sub-app (its commands are defined above)."""
    mount(app)
