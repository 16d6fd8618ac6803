"""The ``runstrong`` command line: a thin shell over the services.

Each command module under ``runstrong.cli`` exposes ``register(app)``; this
module wires them into one Typer app and translates errors: a
``RunstrongError`` prints ``Error: …`` and exits 1, a usage error exits 2, and
no traceback ever reaches the user.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import click
import typer

try:  # newer typer vendors click as ``typer._click``: its exceptions are not click's
    from typer._click.exceptions import ClickException as _VendoredClickException
    from typer._click.exceptions import UsageError as _VendoredUsageError
except ImportError:  # pragma: no cover - older typer raises click's own exceptions
    _VendoredClickException = click.ClickException  # type: ignore[misc, assignment]
    _VendoredUsageError = click.exceptions.UsageError  # type: ignore[misc, assignment]

from runstrong.cli import athlete as _athlete
from runstrong.cli import athletes as _athletes
from runstrong.cli import check as _check
from runstrong.cli import db as _db
from runstrong.cli import exercises as _exercises
from runstrong.cli import export as _export
from runstrong.cli import importcmd as _importcmd
from runstrong.cli import log as _log
from runstrong.cli import paces as _paces
from runstrong.cli import plan as _plan
from runstrong.cli import plan_changes as _plan_changes
from runstrong.cli import science as _science
from runstrong.cli import serve as _serve
from runstrong.cli import stats as _stats
from runstrong.cli import today as _today
from runstrong.cli import worker as _worker
from runstrong.cli.console import err_console
from runstrong.cli.db import close_databases
from runstrong.core.errors import RunstrongError

app = typer.Typer(
    name="runstrong",
    help="A self-hosted coach for runners who also lift.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """A self-hosted coach for runners who also lift."""


for _module in (
    _paces,
    _check,
    _serve,
    _athletes,
    _db,
    _importcmd,
    _athlete,
    _plan,
    _plan_changes,
    _log,
    _exercises,
    _science,
    _export,
    _worker,
    _today,
    _stats,
):
    _module.register(app)


def run(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` and return the exit status (0 ok, 1 error, 2 usage)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    finally:
        close_databases()


def _run(args: list[str]) -> int:
    try:
        result = app(args=args, prog_name="runstrong", standalone_mode=False)
    except RunstrongError as exc:
        err_console.print(f"Error: {exc}", markup=False, highlight=False, soft_wrap=True)
        return 1
    except (click.exceptions.UsageError, _VendoredUsageError) as exc:
        if exc.ctx is not None:
            err_console.print(exc.ctx.get_usage(), markup=False, highlight=False)
        err_console.print(f"Error: {exc.format_message()}", markup=False, highlight=False)
        return 2
    except (click.exceptions.Exit, typer.Exit) as exc:
        return int(exc.exit_code)
    except (click.exceptions.Abort, typer.Abort, KeyboardInterrupt):
        err_console.print("Aborted.", markup=False)
        return 1
    except (click.ClickException, _VendoredClickException) as exc:
        err_console.print(f"Error: {exc.format_message()}", markup=False, highlight=False)
        return 1
    return result if isinstance(result, int) else 0


def main() -> None:
    """Console-script entry point."""
    sys.exit(run())
