"""``runstrong worker``: run background jobs (imports, re-planning) from the PostgreSQL queue."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from types import FrameType

import typer

from runstrong.cli.console import err, out
from runstrong.cli.db import open_database
from runstrong.core.errors import InputError


def register(app: typer.Typer) -> None:
    """Add the ``worker`` command to ``app``."""

    @app.command("worker")
    def worker(
        concurrency: int = typer.Option(
            2, "--concurrency", "-c", min=1, max=64, help="Jobs run at the same time."
        ),
        stalled_after_s: float = typer.Option(
            30.0,
            "--stalled-seconds",
            min=0.3,
            help="A worker without a heartbeat for this long is taken for dead and its "
            "jobs are run again by another worker (use the same value on every worker).",
        ),
        max_attempts: int = typer.Option(
            3, "--max-attempts", min=1, help="Give up on a job whose worker died this many times."
        ),
        poll_s: float = typer.Option(
            2.0, "--poll-seconds", min=0.05, help="How often an idle worker looks for jobs."
        ),
        burst: bool = typer.Option(
            False, "--burst", help="Exit once the queue is empty instead of waiting for jobs."
        ),
        name: str | None = typer.Option(
            None, "--name", help="Worker name shown in the jobs table (default host:pid:random)."
        ),
    ) -> None:
        """Run background jobs from the database's queue (PostgreSQL, procrastinate).

        Start as many workers as you like, on any machine that reaches the
        database (RUNSTRONG_DATABASE_URL). A job whose worker dies is run again
        by another worker once the dead one has sent no heartbeat for
        --stalled-seconds. Ctrl+C or SIGTERM stops taking jobs and lets running
        jobs finish; a second one exits at once (the unfinished jobs are run
        again later).
        """
        _run_worker(
            concurrency=concurrency,
            stalled_after_s=stalled_after_s,
            max_attempts=max_attempts,
            poll_s=poll_s,
            burst=burst,
            name=name,
        )


def _run_worker(
    *,
    concurrency: int,
    stalled_after_s: float,
    max_attempts: int,
    poll_s: float,
    burst: bool,
    name: str | None,
) -> None:
    """The ``worker`` command's work: check the database, then serve the queue until
    stopped (the first signal lets running jobs finish, the second exits at once)."""
    from runstrong.web.job_queue import QueueOptions, default_worker_name, dialect_of, serve

    factory = open_database()
    dialect = dialect_of(factory)
    if dialect != "postgresql":
        raise InputError(
            f"runstrong worker needs a PostgreSQL database; RUNSTRONG_DATABASE_URL points "
            f"to {dialect} (with SQLite the web app runs jobs itself)"
        )
    options = QueueOptions(
        stalled_after_s=stalled_after_s, max_attempts=max_attempts, poll_s=poll_s
    )
    worker_name = name or default_worker_name()
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    out().print(
        f"runstrong worker {worker_name}: {concurrency} at a time, "
        f"stalled after {stalled_after_s:g} s"
    )

    def exit_now(_signum: int, _frame: FrameType | None) -> None:
        """The second Ctrl+C/SIGTERM (procrastinate took the first): stop like a kill."""
        err().print(
            f"worker {worker_name} stopped at once; its unfinished jobs run again "
            f"once it has been silent for {stalled_after_s:g} s"
        )
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(1)

    previous = {s: signal.signal(s, exit_now) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        asyncio.run(
            serve(
                factory,
                name=worker_name,
                concurrency=concurrency,
                options=options,
                wait=not burst,
            )
        )
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    out().print(f"worker {worker_name} stopped")
