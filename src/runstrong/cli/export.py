"""``runstrong export DIR``: write the whole training log to a folder, losslessly."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from runstrong.cli.console import out
from runstrong.cli.db import now_utc, open_database
from runstrong.services import export as service
from runstrong.storage.db import transaction


def export_command(
    folder: Annotated[Path, typer.Argument(help="A new or empty folder to write into.")],
    fmt: Annotated[str, typer.Option("--format", help="json or csv.")] = "json",
) -> None:
    """Export athletes, activities (laps, sets, streams), wellness and plans (JSON or CSV).

    Load it back with: runstrong import-export DIR (or runstrong import DIR).
    """
    with transaction(open_database()) as session:
        counts = service.export(session, folder, fmt=fmt, now=now_utc())
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    out().print(f"Exported {summary} to {folder} ({fmt}).", markup=False)


def register(app: typer.Typer) -> None:
    """Add ``export``."""
    app.command("export")(export_command)
