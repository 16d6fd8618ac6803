"""``runstrong worker``: run background jobs (imports, re-planning) from the PostgreSQL queue."""

from __future__ import annotations

import logging
import signal
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
        lease_s: float = typer.Option(
            30.0,
            "--lease-seconds",
            min=0.3,
            help="A running job whose worker sent no heartbeat for this long is taken over "
            "(use the same value on every worker).",
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
        """Run background jobs from the database's queue (PostgreSQL).

        Start as many workers as you like, on any machine that reaches the
        database (RUNSTRONG_DATABASE_URL). A job whose worker dies is taken over
        by another worker after the lease expires. Ctrl+C or SIGTERM stops
        claiming and lets running jobs finish; a second one exits at once (the
        unfinished jobs are taken over later).
        """
        from runstrong.web import jobs as _jobs  # noqa: F401  (registers the job handlers)
        from runstrong.web.queue import QueuePolicy
        from runstrong.web.queue_worker import QueueWorker

        factory = open_database()
        bind = factory.kw.get("bind")
        dialect = bind.dialect.name if bind is not None else "unknown"
        if dialect != "postgresql":
            raise InputError(
                f"runstrong worker needs a PostgreSQL database; RUNSTRONG_DATABASE_URL points "
                f"to {dialect} (with SQLite the web app runs jobs itself)"
            )
        policy = QueuePolicy(lease_s=lease_s, max_attempts=max_attempts, poll_s=poll_s)
        runner = QueueWorker(factory, concurrency=concurrency, policy=policy, name=name)
        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            if runner.stop_event.is_set():
                err().print("Stopping now; unfinished jobs will be taken over.")
                raise SystemExit(1)
            err().print("Stopping after the running jobs (again to stop at once).")
            runner.stop()

        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            out().print(
                f"runstrong worker {runner.name}: {concurrency} at a time, lease {lease_s:g} s"
            )
            done = runner.run(burst=burst)
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        out().print(f"worker {runner.name} stopped after {done} job(s)")
