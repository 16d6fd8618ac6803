"""Workers of the PostgreSQL job queue, and the runner the web app hands jobs to.

:class:`QueueWorker` is ``concurrency`` threads that claim and run jobs with
the primitives of :mod:`runstrong.web.queue` (``runstrong worker`` runs one in
the foreground). :class:`QueueJobRunner` is the web process's side: it
notifies workers of a new job and may help run jobs itself.
:func:`make_job_runner` picks the runner for the ``job_runner`` setting.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import InputError
from runstrong.web.jobs import ThreadJobRunner
from runstrong.web.queue import (
    NOTIFY_CHANNEL,
    QueuePolicy,
    claim_next,
    default_worker_name,
    execute,
    notify,
)

log = logging.getLogger("runstrong.web.queue")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class QueueWorker:
    """``concurrency`` threads that claim and run jobs until stopped.

    ``burst`` stops each thread when it finds the queue empty.
    ``idle_exit_s`` stops a thread after that long without work (used by the
    web process's helper threads); None keeps it waiting.
    """

    def __init__(
        self,
        factory: sessionmaker[Session],
        *,
        concurrency: int = 1,
        policy: QueuePolicy | None = None,
        name: str | None = None,
        idle_exit_s: float | None = None,
        listen: bool = True,
    ) -> None:
        if concurrency < 1:
            raise InputError(f"concurrency {concurrency} must be at least 1")
        self.factory = factory
        self.concurrency = concurrency
        self.policy = policy or QueuePolicy()
        self.name = name or default_worker_name()
        self.idle_exit_s = idle_exit_s
        self.listen = listen
        self.stop_event = threading.Event()
        self._wake = threading.Condition()
        self._threads: list[threading.Thread] = []
        self.jobs_run = 0
        self._count_lock = threading.Lock()

    # -- lifecycle ---------------------------------------------------------
    def start(self, *, burst: bool = False) -> None:
        """Start the worker threads (and a LISTEN thread on PostgreSQL) in the background."""
        for i in range(self.concurrency):
            thread = threading.Thread(
                target=self._loop, args=(burst,), name=f"runstrong-worker-{i}", daemon=True
            )
            self._threads.append(thread)
            thread.start()
        if self.listen and not burst:
            listener = threading.Thread(target=self._listen, name="runstrong-listen", daemon=True)
            listener.start()

    def run(self, *, burst: bool = False) -> int:
        """Run in the foreground until :meth:`stop` (or, with ``burst``, an empty queue)."""
        self.start(burst=burst)
        self.join()
        return self.jobs_run

    def join(self) -> None:
        for thread in self._threads:
            while thread.is_alive():
                thread.join(0.2)

    def alive(self) -> bool:
        return any(t.is_alive() for t in self._threads)

    def stop(self) -> None:
        """Claim nothing more; running jobs finish first."""
        self.stop_event.set()
        self.wake()

    def wake(self) -> None:
        with self._wake:
            self._wake.notify_all()

    # -- internals ---------------------------------------------------------
    def _loop(self, burst: bool) -> None:
        idle_since = _now()
        while not self.stop_event.is_set():
            try:
                claim = claim_next(self.factory, self.name, self.policy)
            except Exception as exc:  # database unreachable: wait and try again
                if burst or self.idle_exit_s is not None:
                    # a web helper thread stops; the next submit starts a new one
                    log.warning("worker %s stops: cannot claim a job (%s)", self.name, type(exc))
                    return
                log.exception("worker %s could not claim a job", self.name)
                claim = None
            if claim is not None:
                log.info(
                    "worker %s runs job %s (%s, attempt %s)",
                    self.name,
                    claim.job_id,
                    claim.kind,
                    claim.attempt,
                )
                execute(self.factory, claim, self.name, self.policy)
                with self._count_lock:
                    self.jobs_run += 1
                idle_since = _now()
                continue
            if burst:
                return
            idle_s = (_now() - idle_since).total_seconds()
            if self.idle_exit_s is not None and idle_s >= self.idle_exit_s:
                return
            with self._wake:
                self._wake.wait(self.policy.poll_s)

    def _listen(self) -> None:
        """Turn ``NOTIFY runstrong_jobs`` into wake-ups (PostgreSQL only)."""
        bind = self.factory.kw.get("bind")
        if not isinstance(bind, Engine) or bind.dialect.name != "postgresql":
            return
        import psycopg

        url = bind.url.set(drivername="postgresql").render_as_string(hide_password=False)
        while not self.stop_event.is_set():
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    while not self.stop_event.is_set():
                        for _ in conn.notifies(timeout=1.0, stop_after=1):
                            self.wake()
            except Exception:  # connection lost: polling still works; retry shortly
                log.exception("worker %s: LISTEN connection failed", self.name)
                self.stop_event.wait(self.policy.poll_s)


class JobRunner(Protocol):
    """What the web app calls: hand over a job id once its row is committed."""

    def submit(self, job_id: int) -> None: ...

    def shutdown(self) -> None: ...


class QueueJobRunner:
    """The web process's side of the queue: notify workers, optionally help run jobs.

    With ``threads`` > 0 the web process also runs that many worker threads,
    started on the first submit and stopped after a minute without work, so a
    single ``runstrong serve`` on PostgreSQL works without a separate worker.
    With ``threads`` = 0 it only enqueues; ``runstrong worker`` runs the jobs.
    """

    def __init__(
        self,
        factory: sessionmaker[Session],
        *,
        threads: int,
        policy: QueuePolicy | None = None,
        idle_exit_s: float = 60.0,
    ) -> None:
        self._factory = factory
        self._threads = threads
        self._policy = policy or QueuePolicy()
        self._idle_exit_s = idle_exit_s
        self._lock = threading.Lock()
        self._worker: QueueWorker | None = None

    def submit(self, job_id: int) -> None:
        try:
            notify(self._factory)
        except Exception:  # workers still poll: the job is only delayed
            log.exception("could not notify workers of job %s", job_id)
        if self._threads <= 0:
            return
        with self._lock:
            if self._worker is None or not self._worker.alive():
                self._worker = QueueWorker(
                    self._factory,
                    concurrency=self._threads,
                    policy=self._policy,
                    name=f"web:{default_worker_name()}",
                    idle_exit_s=self._idle_exit_s,
                    listen=False,
                )
                self._worker.start()
            else:
                self._worker.wake()

    def shutdown(self) -> None:
        with self._lock:
            worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop()
            worker.join()


def make_job_runner(factory: sessionmaker[Session], job_runner: str, threads: int) -> JobRunner:
    """The runner for the ``job_runner`` setting.

    ``auto``: the queue on PostgreSQL (web threads help), threads on SQLite.
    ``thread``: always in-process threads. ``queue``: the queue, web threads
    help. ``external``: the queue, only ``runstrong worker`` processes run jobs.
    """
    bind = factory.kw.get("bind")
    dialect = bind.dialect.name if bind is not None else "sqlite"
    if job_runner in ("queue", "external") and dialect != "postgresql":
        raise InputError(
            f"job runner {job_runner!r} needs PostgreSQL; this database is {dialect} "
            "(use 'auto' or 'thread')"
        )
    if job_runner == "external":
        return QueueJobRunner(factory, threads=0)
    if job_runner == "queue" or (job_runner == "auto" and dialect == "postgresql"):
        return QueueJobRunner(factory, threads=threads)
    return ThreadJobRunner(factory, threads)
