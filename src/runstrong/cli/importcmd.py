"""``runstrong import PATH...``: bulk-import activity files, folders and export archives.

A folder written by ``runstrong export`` is recognised and restored instead
(the same as ``runstrong import-export DIR``).

Exit status (docs/user-guide.md): 0 every file imported (or already stored,
or not an activity); 1 some files failed, each listed, the rest imported;
2 the import itself could not run (bad option, unknown athlete, database
unreachable, an unexpected error), never with a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

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
from sqlalchemy.exc import SQLAlchemyError

from runstrong.cli.console import err, out
from runstrong.cli.db import now_utc, open_database, shown_url
from runstrong.cli.default_athlete import resolve_athlete
from runstrong.core.errors import InputError, RunstrongError, cli_message
from runstrong.services import athletes as athlete_service
from runstrong.services import export as export_service
from runstrong.services.imports import (
    ImportProblem,
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
    if report.replaced:
        out().print(
            f"Stored in place of a poorer copy of the same workout: {report.replaced}",
            markup=False,
        )
    _file_list("Not activities, skipped", report.not_activities)
    if report.notes:
        _file_list("Notes", report.notes)
    _file_list("Failed", report.failed, style="red")


def _file_list(title: str, problems: list[ImportProblem], style: str | None = None) -> None:
    """``title: N``, then one ``  name: reason`` line a file (names are printed as they are)."""
    out().print(f"{title}: {len(problems)}", markup=False)
    for problem in problems:
        out().print(
            f"  {problem.name}: {problem.reason}",
            markup=False,
            highlight=False,
            style=style,
            soft_wrap=True,
        )


def import_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Activity files (.fit/.gpx/.tcx, .gz too), folders, zips.")
    ],
    athlete: Annotated[
        str | None,
        typer.Option(
            help="Athlete to import for (default: the default athlete, see runstrong athlete use)."
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=0, help="Parser processes (default: all cores; 0: none).")
    ] = None,
) -> None:
    """Import activities: files, folders (recursively) and Strava/Garmin export archives.

    Importing the same files again adds nothing; the same activity from two
    sources (e.g. a Strava export and the watch's FIT file) is stored once.
    Exit status: 0 all imported; 1 some files failed (each listed, the others
    are imported); 2 the import itself could not run.
    """
    try:
        failed = _import(paths, athlete, workers)
    except RunstrongError as exc:
        _fail(cli_message(exc))
    except (SQLAlchemyError, OSError) as exc:
        _fail(f"the import could not run ({type(exc).__name__}: {_first_line(exc)})")
    except Exception as exc:  # a bug: say so without a traceback; committed batches stay
        _fail(
            f"the import stopped ({type(exc).__name__}: {_first_line(exc)}); "
            "activities stored before this are kept, running it again finishes the rest"
        )
    if failed:
        # Like cp or rsync: the good files are in, but a script must see that some were not.
        raise typer.Exit(1)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else "no details"


def _fail(message: str) -> NoReturn:
    err().print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(2)


def _import(paths: list[Path], athlete: str | None, workers: int | None) -> bool:
    """Run the import (or restore an export folder); True when some files failed."""
    exports = [p for p in paths if export_service.is_export_dir(p)]
    if exports:
        if len(exports) != len(paths):
            raise InputError("a runstrong export folder must be imported on its own")
        for folder in exports:
            restore_export(folder)
        return False
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
    return bool(report.failed)


def _unused_sqlite_name() -> str:
    """A SQLite file name in the current folder that does not exist yet."""
    for n in range(1, 1000):
        name = "restored.sqlite3" if n == 1 else f"restored-{n}.sqlite3"
        if not Path(name).exists():
            return name
    return "restored-new.sqlite3"


def restore_export(folder: Path, database: str | None = None) -> None:
    """Load a ``runstrong export`` folder into ``database`` (default: the configured one)."""
    factory = open_database(database)
    target = shown_url(database)
    with transaction(factory) as session:
        before = [a.name for a in athlete_service.list_athletes(session)]
        try:
            counts = export_service.restore(session, folder, now=now_utc())
        except InputError as exc:
            if not before:
                raise
            held = ", ".join(repr(n) for n in before)
            example = _unused_sqlite_name()
            raise InputError(
                f"{exc}. The database {target} is not empty (athletes: {held}); restore into "
                f"another one with --database URL, e.g. --database sqlite:///{example}, "
                "or with RUNSTRONG_DATABASE_URL"
            ) from None
    summary = ", ".join(f"{n} {what}" for what, n in counts.items())
    out().print(f"Restored export {folder} into {target}: {summary}.", markup=False, soft_wrap=True)
    if before:
        held = ", ".join(repr(n) for n in before)
        out().print(
            f"Note: {target} was not empty; its athletes ({held}) stay beside the restored ones.",
            markup=False,
            soft_wrap=True,
        )


def import_export_command(
    folder: Annotated[Path, typer.Argument(help="A folder written by runstrong export.")],
    database: Annotated[
        str | None,
        typer.Option(
            "--database",
            help="Database URL to restore into, e.g. sqlite:///restored.sqlite3 "
            "(default: RUNSTRONG_DATABASE_URL, else the default database file).",
        ),
    ] = None,
) -> None:
    """Load a runstrong export (JSON or CSV) into a database whose athletes have other names.

    Restore a backup into a new database with --database (or RUNSTRONG_DATABASE_URL); a
    target that is not empty is named in the output.
    """
    restore_export(folder, database)


def register(app: typer.Typer) -> None:
    """Add ``import`` and ``import-export``."""
    app.command("import")(import_command)
    app.command("import-export")(import_export_command)
