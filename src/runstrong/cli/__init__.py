"""The ``runstrong`` command line: a thin shell over the services.

Each command module under ``runstrong.cli`` exposes ``register(app)``; the
root group (:mod:`runstrong.cli.lazy`) imports a module only when one of its
commands runs, so ``runstrong --help`` and ``runstrong paces`` start fast and
only commands that open the database import SQLAlchemy. This module
translates errors: a ``RunstrongError`` prints ``Error: …`` and exits 1, a
usage error exits 2, and no traceback ever reaches the user.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

try:  # newer typer vendors click as ``typer._click``: its exceptions are not click's
    from typer._click import exceptions as _click_exceptions
except ImportError:  # pragma: no cover - older typer raises click's own exceptions
    from click import exceptions as _click_exceptions  # type: ignore[no-redef]

from runstrong import __version__
from runstrong.cli.console import consoles, err, out
from runstrong.cli.lazy import LazyGroup, import_help_renderer
from runstrong.core.errors import RunstrongError, cli_message
from runstrong.gc_threshold import raise_young_threshold

if TYPE_CHECKING:
    from rich.console import Console


app = typer.Typer(
    name="runstrong",
    help="A self-hosted coach for runners who also lift.",
    cls=LazyGroup,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    if value:
        out().print(f"runstrong {__version__}", markup=False, highlight=False)
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print runstrong's version and exit.",
            is_eager=True,
            callback=_print_version,
        ),
    ] = False,
) -> None:
    """A self-hosted coach for runners who also lift."""


def run(
    argv: Sequence[str] | None = None,
    *,
    stdout: Console | None = None,
    stderr: Console | None = None,
) -> int:
    """Run the CLI with ``argv`` and return the exit status (0 ok, 1 error, 2 usage).

    ``stdout`` and ``stderr`` replace the consoles results and errors are
    printed to (fresh consoles on the process's streams by default).
    """
    args = list(sys.argv[1:] if argv is None else argv)
    with consoles(stdout, stderr):
        try:
            return _run(args)
        finally:
            _close_databases()


def _close_databases() -> None:
    """Dispose of the engines a command opened (none if no command imported the database)."""
    db = sys.modules.get("runstrong.cli.db")
    if db is not None:
        db.close_databases()


def _run(args: list[str]) -> int:
    if not args or "--help" in args:
        import_help_renderer()  # Typer's, without the Markdown and traceback it never uses
    try:
        result = app(args=args, prog_name="runstrong", standalone_mode=False)
    except RunstrongError as exc:
        err().print(f"Error: {cli_message(exc)}", markup=False, highlight=False, soft_wrap=True)
        return 1
    except _click_exceptions.UsageError as exc:
        if exc.ctx is not None:
            err().print(exc.ctx.get_usage(), markup=False, highlight=False)
        err().print(f"Error: {exc.format_message()}", markup=False, highlight=False)
        return 2
    except typer.Exit as exc:
        return int(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err().print("Aborted.", markup=False)
        return 1
    except _click_exceptions.ClickException as exc:
        err().print(f"Error: {exc.format_message()}", markup=False, highlight=False)
        return 1
    return result if isinstance(result, int) else 0


def main() -> None:
    """Run the command line and exit (the console script, ``runstrong.entry.main``,
    calls it).

    When the command is done the process ends, and the interpreter's last garbage
    collections would free every module, class and object one by one: about as long
    as importing them (0.1-0.2 s once SQLAlchemy is loaded, docs/benchmarks.md) for
    memory the OS takes back at once. ``gc.freeze()`` leaves them out of those
    collections. Nothing relies on them: ``run`` disposed the database engines,
    files are written in ``with`` blocks, and the interpreter still runs ``atexit``
    and flushes stdout and stderr.

    While it runs, the young generation is collected every 50,000 allocations instead
    of every 700 (``runstrong.gc_threshold``): a command makes its objects once and
    keeps most of them (a plan, its rows, its table), so those collections found
    little garbage and walked the survivors again; a saved ``plan new`` made 75 of
    them, ~14 ms of CPU under load (docs/benchmarks.md). Cycles are still collected,
    every 50,000 allocations.
    """
    raise_young_threshold()  # the console script (``runstrong.entry``) did so before import
    code = run()
    gc.freeze()
    sys.exit(code)
