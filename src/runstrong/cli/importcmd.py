"""``runstrong import PATH...``: bulk-import activity files, folders and export archives.

A folder written by ``runstrong export`` is recognised and restored instead
(the same as ``runstrong import-export DIR``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from runstrong.cli.console import err, out
from runstrong.cli.db import now_utc, open_database
from runstrong.core.errors import InputError
from runstrong.services import export as export_service
from runstrong.services.athletes import resolve_athlete
from runstrong.services.imports import (
    ImportProgress,
    ImportReport,
    estimate_file_count,
    import_paths,
)
from runstrong.storage.db import transaction


class _RateColumn(ProgressColumn):
    """Files per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:.1f} files/s")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _print_report(report: ImportReport, athlete_name: str) -> None:
    out().print(
        f"Imported {_count(report.imported, 'activity', 'activities')} for {athlete_name!r} "
        f"from {_count(report.files, 'file', 'files')} "
        f"in {report.seconds:.1f} s.",
        markup=False,
    )
    out().print(f"Duplicates skipped: {report.duplicates}", markup=False)
    out().print(f"Not activities, skipped: {len(report.not_activities)}", markup=False)
    for problem in report.not_activities:
        out().print(
            f"  {problem.name}: {problem.reason}", markup=False, highlight=False, soft_wrap=True
        )
    out().print(f"Failed: {len(report.failed)}", markup=False)
    for problem in report.failed:
        out().print(
            f"  {problem.name}: {problem.reason}",
            markup=False,
            highlight=False,
            style="red",
            soft_wrap=True,
        )


def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Activity files (.fit/.gpx/.tcx, .gz too), folders, zips.")
    ],
    athlete: Annotated[
        str | None,
        typer.Option(help="Athlete to import for (default: the only or first one, else 'me')."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=0, help="Parser processes (default: all cores; 0: none).")
    ] = None,
) -> None:
    """Import activities: files, folders (recursively) and Strava/Garmin export archives.

    Importing the same files again adds nothing; the same activity from two
    sources (e.g. a Strava export and the watch's FIT file) is stored once.
    Exits 1 when any file failed (what could be read is still imported).
    """
    exports = [p for p in paths if export_service.is_export_dir(p)]
    if exports:
        if len(exports) != len(paths):
            raise InputError("a runstrong export folder must be imported on its own")
        for folder in exports:
            restore_export(folder)
        return
    factory = open_database()
    now = now_utc()
    with transaction(factory) as session:
        target = resolve_athlete(session, athlete, now=now)
    total = estimate_file_count(paths)
    with Progress(
        TextColumn("Importing"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=err(),
        transient=True,
    ) as progress:
        task = progress.add_task("import", total=total)

        def on_progress(p: ImportProgress) -> None:
            if total is not None and p.files_done > total:
                progress.update(task, total=p.files_done)
            progress.update(task, completed=p.files_done)

        report = import_paths(
            factory, paths, athlete_id=target.id, now=now, workers=workers, on_progress=on_progress
        )
    _print_report(report, target.name)
    if report.failed:
        # Like cp or rsync: the good files are in, but a script must see that some were not.
        raise typer.Exit(1)


def restore_export(folder: Path) -> None:
    """Load a ``runstrong export`` folder into the (empty) database."""
    factory = open_database()
    with transaction(factory) as session:
        counts = export_service.restore(session, folder, now=now_utc())
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    out().print(f"Restored export {folder}: {summary}.", markup=False)


def import_export_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by runstrong export.")],
) -> None:
    """Load a runstrong export (JSON or CSV) into an empty database."""
    restore_export(folder)


def register(app: typer.Typer) -> None:
    """Add ``import`` and ``import-export``."""
    app.command("import")(import_command)
    app.command("import-export")(import_export_command)
