"""Background jobs on PostgreSQL through procrastinate, and the choice of runner.

The web process commits a ``jobs`` row (what the pages show) and then
*defers* a procrastinate job ``runstrong.run_job(job_id=…)``; procrastinate
claims it for one worker (``FOR UPDATE SKIP LOCKED`` inside its
``procrastinate_fetch_job`` function), wakes idle workers with
``LISTEN/NOTIFY``, keeps a heartbeat per worker and records each job's
state. The task runs :func:`runstrong.services.jobs.run_job`, which records
progress and the outcome in the ``jobs`` row.

A worker that dies (SIGKILL, machine lost) leaves its jobs in procrastinate's
``doing`` state with a heartbeat that stops. procrastinate *finds* such jobs
(``JobManager.get_stalled_jobs``) but leaves re-queueing them to the
application: :func:`recover_stalled_jobs` is that loop. Every worker runs it
every ``stalled_after_s / 3`` seconds, but only one at a time (a PostgreSQL
advisory lock), because two passes racing could re-queue a job that a third
worker had just picked up again. A stalled job is re-queued with
``retry_job`` until it has been interrupted ``max_attempts`` times; then it
is marked failed, in procrastinate and in the ``jobs`` row.

procrastinate is imported inside the functions that use it, so the CLI and
an SQLite web app never load it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import InputError
from runstrong.services import job_handlers as _handlers  # noqa: F401  (registers the job kinds)
from runstrong.services.jobs import JobRunner, ThreadJobRunner, fail_job, run_job

if TYPE_CHECKING:
    import procrastinate
    import procrastinate.worker

log = logging.getLogger("runstrong.web.job_queue")

TASK_NAME = "runstrong.run_job"
RECOVERY_LOCK = 7_235_412_117_001
"""Key of the advisory lock that lets one recovery pass run at a time (any bigint)."""


@dataclass(frozen=True)
class QueueOptions:
    """Timing of the queue. Every worker of one database should use the same values."""

    stalled_after_s: float = 30.0
    max_attempts: int = 3
    poll_s: float = 2.0

    def __post_init__(self) -> None:
        if self.stalled_after_s < 0.3:
            raise InputError(
                f"stalled-after of {self.stalled_after_s} s is too short; use at least 0.3 s"
            )
        if self.max_attempts < 1:
            raise InputError(f"max attempts {self.max_attempts} must be at least 1")
        if self.poll_s <= 0:
            raise InputError(f"poll interval {self.poll_s} s must be positive")

    @property
    def heartbeat_s(self) -> float:
        """How often a worker renews its heartbeat: three beats per stalled-after period."""
        return self.stalled_after_s / 3


def default_worker_name() -> str:
    """``host:pid:random`` — unique per worker process, readable in the ``jobs`` table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def dialect_of(factory: sessionmaker[Session]) -> str:
    bind = factory.kw.get("bind")
    return bind.dialect.name if bind is not None else "unknown"


def conninfo(factory: sessionmaker[Session]) -> str:
    """The libpq URL of the factory's database, for procrastinate's psycopg pool."""
    bind = factory.kw["bind"]
    url: str = bind.url.set(drivername="postgresql").render_as_string(hide_password=False)
    return url


def procrastinate_app(
    factory: sessionmaker[Session], *, asynchronous: bool, pool_size: int = 2
) -> procrastinate.App:
    """A procrastinate app on the factory's database with the ``runstrong.run_job`` task.

    ``asynchronous`` picks the connector: a worker's event loop needs the async
    one, the web process (which only defers) the synchronous one.
    """
    import procrastinate

    connector: procrastinate.BaseConnector
    if asynchronous:
        connector = procrastinate.PsycopgConnector(
            conninfo=conninfo(factory), min_size=1, max_size=pool_size
        )
    else:
        connector = procrastinate.SyncPsycopgConnector(
            conninfo=conninfo(factory), min_size=1, max_size=pool_size
        )
    app = procrastinate.App(connector=connector)
    app.task(name=TASK_NAME, pass_context=True)(_run_task)
    return app


def _run_task(context: procrastinate.JobContext, job_id: int) -> None:
    """The one procrastinate task: run the ``jobs`` row ``job_id`` (in a worker thread)."""
    factory: sessionmaker[Session] = context.additional_context["factory"]
    run_job(factory, job_id, context.worker_name or "worker")


def interrupted_message(attempts: int) -> str:
    return (
        f"the job was interrupted {attempts} times (its worker stopped answering); "
        "it was not started again"
    )


async def recover_stalled_jobs(
    app: procrastinate.App, factory: sessionmaker[Session], options: QueueOptions
) -> list[int]:
    """One recovery pass: re-queue the jobs of dead workers; returns the ``jobs`` ids re-queued.

    Runs only if no other worker's pass is running (advisory lock; the lock
    goes with the connection if this process dies). Jobs already interrupted
    ``options.max_attempts`` times are failed instead.
    """
    import procrastinate.jobs
    import psycopg

    requeued: list[int] = []
    async with await psycopg.AsyncConnection.connect(conninfo(factory), autocommit=True) as conn:
        cursor = await conn.execute("SELECT pg_try_advisory_lock(%s)", (RECOVERY_LOCK,))
        got = await cursor.fetchone()
        if not got or not got[0]:
            return requeued
        manager = app.job_manager
        stalled = await manager.get_stalled_jobs(
            task_name=TASK_NAME, seconds_since_heartbeat=options.stalled_after_s
        )
        for job in stalled:
            job_id = int(str(job.task_kwargs["job_id"]))
            attempts = job.attempts + 1  # this interrupted run included
            if attempts >= options.max_attempts:
                log.warning("job %s failed after %s interrupted attempts", job_id, attempts)
                await manager.finish_job(
                    job, status=procrastinate.jobs.Status.FAILED, delete_job=False
                )
                await asyncio.to_thread(fail_job, factory, job_id, interrupted_message(attempts))
                continue
            log.warning("job %s: its worker stopped answering; queued again", job_id)
            await manager.retry_job(job)
            requeued.append(job_id)
        await manager.prune_stalled_workers(options.stalled_after_s)
    return requeued  # closing the connection released the lock


async def _recovery_loop(
    app: procrastinate.App, factory: sessionmaker[Session], options: QueueOptions
) -> None:
    while True:
        await asyncio.sleep(options.heartbeat_s)
        try:
            await recover_stalled_jobs(app, factory, options)
        except Exception:  # the database is away: the next pass tries again
            log.exception("recovering stalled jobs failed")


async def serve(
    factory: sessionmaker[Session],
    *,
    name: str,
    concurrency: int,
    options: QueueOptions,
    wait: bool = True,
    install_signal_handlers: bool = True,
) -> None:
    """Run a procrastinate worker and the stalled-job recovery loop until stopped.

    ``wait=False`` returns once the queue is empty (after one recovery pass,
    so jobs of dead workers are drained too). With ``install_signal_handlers``
    SIGINT/SIGTERM stop taking jobs and let running ones finish; for the
    second signal procrastinate restores the handlers it found, so the caller
    decides (``runstrong worker`` exits at once, like a kill).
    """
    from procrastinate.worker import Worker

    app = procrastinate_app(factory, asynchronous=True, pool_size=concurrency + 3)
    async with app.open_async():
        await recover_stalled_jobs(app, factory, options)
        worker = Worker(
            app=app,
            name=name,
            concurrency=concurrency,
            wait=wait,
            fetch_job_polling_interval=options.poll_s,
            update_heartbeat_interval=options.heartbeat_s,
            stalled_worker_timeout=options.stalled_after_s,
            install_signal_handlers=install_signal_handlers,
            additional_context={"factory": factory},
            delete_jobs="successful",
        )
        side = [
            asyncio.create_task(_recovery_loop(app, factory, options)),
            asyncio.create_task(_heartbeat_until_unregistered(app, worker, options)),
        ]
        try:
            await worker.run()  # type: ignore[no-untyped-call]  # (procrastinate 3.10)
        finally:
            for task in side:
                task.cancel()
            for task in side:
                with contextlib.suppress(asyncio.CancelledError):
                    await task


async def _heartbeat_until_unregistered(
    app: procrastinate.App, worker: procrastinate.worker.Worker, options: QueueOptions
) -> None:
    """Keep the worker's heartbeat going while it stops gracefully.

    procrastinate stops its own heartbeat as soon as a stop is requested, then
    waits for the running jobs; a job longer than ``stalled_after_s`` would be
    taken for stalled and run a second time elsewhere. This beat runs until the
    worker unregisters (a redundant update while procrastinate's own still runs).
    """
    while True:
        await asyncio.sleep(options.heartbeat_s)
        worker_id = worker.worker_id
        if worker_id is None:
            continue
        try:
            await app.job_manager.update_heartbeat(worker_id)
        except Exception:  # the database is away: procrastinate's own beat reports it
            log.warning("heartbeat of worker %s failed", worker.worker_name)


class _WorkerThread:
    """:func:`serve` on its own event loop in a daemon thread of the web process."""

    def __init__(self, factory: sessionmaker[Session], concurrency: int, options: QueueOptions):
        self.name = f"web:{default_worker_name()}"
        self._args = (factory, concurrency, options)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[None] | None = None
        self._started = threading.Event()
        self._thread = threading.Thread(target=self._main, name="runstrong-queue", daemon=True)
        self._thread.start()
        self._started.wait(10)

    def _main(self) -> None:
        try:
            asyncio.run(self._run())
        except Exception:  # the web keeps serving; jobs wait for a worker
            log.exception("the web process's job worker stopped")

    async def _run(self) -> None:
        factory, concurrency, options = self._args
        self._loop = asyncio.get_running_loop()
        self._task = asyncio.create_task(
            serve(
                factory,
                name=self.name,
                concurrency=concurrency,
                options=options,
                install_signal_handlers=False,
            )
        )
        self._started.set()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    def alive(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        """Take no more jobs, let running ones finish, end the thread."""
        if self._loop is not None and self._task is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join()


class QueueJobRunner:
    """The web process's side: defer each job to procrastinate; optionally run jobs too.

    With ``threads`` > 0 the web process also runs a worker of that
    concurrency (started on the first submit), so a single ``runstrong serve``
    on PostgreSQL works without ``runstrong worker``. With 0 it only defers.
    """

    def __init__(
        self, factory: sessionmaker[Session], *, threads: int, options: QueueOptions | None = None
    ) -> None:
        self._factory = factory
        self._threads = threads
        self._options = options or QueueOptions()
        self._lock = threading.Lock()
        self._app: procrastinate.App | None = None
        self._worker: _WorkerThread | None = None

    def submit(self, job_id: int) -> None:
        try:
            with self._lock:
                if self._app is None:
                    self._app = procrastinate_app(self._factory, asynchronous=False).open()
                app = self._app
            app.configure_task(TASK_NAME, lock=f"runstrong-job-{job_id}").defer(job_id=job_id)
        except Exception:
            log.exception("could not queue job %s", job_id)
            fail_job(
                self._factory,
                job_id,
                "the job could not be queued: the job queue in the database did not answer; "
                "try again in a minute",
            )
            return
        if self._threads > 0:
            with self._lock:
                if self._worker is None or not self._worker.alive():
                    self._worker = _WorkerThread(self._factory, self._threads, self._options)

    def shutdown(self) -> None:
        with self._lock:
            worker, self._worker = self._worker, None
            app, self._app = self._app, None
        if worker is not None:
            worker.stop()
        if app is not None:
            app.close()


def make_job_runner(
    factory: sessionmaker[Session],
    job_runner: str,
    threads: int,
    options: QueueOptions | None = None,
) -> JobRunner:
    """The runner for the ``job_runner`` setting.

    ``auto``: the queue on PostgreSQL (the web process helps run jobs),
    threads on SQLite. ``thread``: always in-process threads. ``queue``: the
    queue, the web process helps. ``external``: the queue, only
    ``runstrong worker`` processes run jobs.
    """
    dialect = dialect_of(factory)
    if job_runner in ("queue", "external") and dialect != "postgresql":
        raise InputError(
            f"job runner {job_runner!r} needs PostgreSQL; this database is {dialect} "
            "(use 'auto' or 'thread')"
        )
    if job_runner == "external":
        return QueueJobRunner(factory, threads=0, options=options)
    if job_runner == "queue" or (job_runner == "auto" and dialect == "postgresql"):
        return QueueJobRunner(factory, threads=threads, options=options)
    return ThreadJobRunner(factory, threads)
