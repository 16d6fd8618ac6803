"""Background jobs: the ``jobs`` rows the web's pages follow, and running one.

A job is a row of ``jobs`` (kind, status, progress/total, payload, result):
what the pages show. The web process creates the row, commits, and hands its
id to a :class:`JobRunner`:

- :class:`ThreadJobRunner` (SQLite, one process): a small thread pool in the
  web process runs the job at once.
- On PostgreSQL, :mod:`runstrong.web.job_queue` defers the job to
  procrastinate, which claims, locks and retries it for ``runstrong worker``
  processes on any machine (docs/web.md "Background jobs").

Either way :func:`run_job` runs the handler and records its outcome in the
row. Handlers are plain functions ``(JobContext) -> dict`` registered by kind
(:mod:`runstrong.services.job_handlers`); they report progress through the
context and never touch the request. The web reaches the ``jobs`` table only
through this module (issue 11 part 6: web routes reach storage through services);
like every service it imports nothing of ``runstrong.web``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import NotFoundError, RunstrongError
from runstrong.storage.tables import JobRow

log = logging.getLogger("runstrong.web.jobs")  # the name log settings know

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
ENDED = (DONE, FAILED, CANCELLED)
"""Statuses a job never leaves."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class JobContext:
    """What a handler gets: its job id, payload, and a way to report progress."""

    factory: sessionmaker[Session]
    job_id: int
    athlete_id: int | None
    payload: dict[str, Any]
    user_id: int | None = None
    """Who queued the job (None: a job of the system)."""

    def progress(self, done: int, total: int | None) -> None:
        """Record progress: in memory for this process, and in the row unless on SQLite
        (where a second writer would wait on the import's open write transaction)."""
        LIVE_PROGRESS[self.job_id] = (done, total)
        bind = self.factory.kw.get("bind")
        if bind is not None and bind.dialect.name == "sqlite":
            return
        with self.factory() as db, db.begin():
            row = db.get(JobRow, self.job_id)
            if row is not None:
                row.progress, row.total = done, total
                row.updated_at = row.heartbeat_at = _now()


LIVE_PROGRESS: dict[int, tuple[int, int | None]] = {}
"""Progress of jobs running in this process (job id → (done, total))."""

Handler = Callable[[JobContext], dict[str, Any]]
HANDLERS: dict[str, Handler] = {}
Cleanup = Callable[[dict[str, Any]], None]
CLEANUPS: dict[str, Cleanup] = {}
"""Per kind: what to remove when a job is cancelled before it ran (its payload's files)."""


def handler(kind: str, *, on_cancel: Cleanup | None = None) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        if on_cancel is not None:
            CLEANUPS[kind] = on_cancel
        return fn

    return register


class JobCancelled(RunstrongError):
    """Raised by a handler that stopped at its commit point because its user lost access
    while it ran: :func:`run_job` records the job ``cancelled`` with ``reason``."""

    def __init__(self, reason: str, result: dict[str, Any] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.result = result


def may_act_for(db: Session, user_id: int, athlete_id: int, *, lock: bool = False) -> bool:
    """Whether the user owns the athlete or coaches it with access not revoked (the rule
    of :func:`runstrong.services.accounts.visible_athlete`, as one query).

    ``lock``: the check of a job at its commit point (issue 14). On PostgreSQL the
    grant row is then locked ``FOR SHARE`` until the job's transaction ends, so a
    revocation either came first (and is seen here) or waits for the commit; on
    SQLite the job's transaction already holds the database's write lock.
    """
    from runstrong.storage.tables import AthleteAccessRow, AthleteRow

    owner = db.scalar(select(AthleteRow.owner_user_id).where(AthleteRow.id == athlete_id))
    if owner is None:
        return False
    if owner == user_id:
        return True
    query = select(AthleteAccessRow.id).where(
        AthleteAccessRow.athlete_id == athlete_id,
        AthleteAccessRow.coach_user_id == user_id,
        AthleteAccessRow.revoked_at.is_(None),
    )
    if lock:
        query = query.with_for_update(read=True)
    return db.scalar(query) is not None


def _access_ended(db: Session, row: JobRow) -> str | None:
    """Why a queued athlete job must not run: the user who queued it lost access."""
    if row.athlete_id is None or row.user_id is None:
        return None
    if may_act_for(db, row.user_id, row.athlete_id):
        return None
    return access_ended_reason(row.user_id, row.athlete_id)


def access_ended_reason(user_id: int, athlete_id: int) -> str:
    return (
        f"cancelled before it ran: the user who queued it (user {user_id}) no longer has "
        f"access to athlete {athlete_id} (coach access revoked); nothing of it was done"
    )


def access_lost_reason(user_id: int, athlete_id: int, kept: str) -> str:
    """Why a running job stopped at its commit point; ``kept`` says what stays stored."""
    return (
        f"cancelled while it ran: the user who queued it (user {user_id}) lost access to "
        f"athlete {athlete_id} (coach access revoked); the work in progress was rolled "
        f"back, nothing of it was stored; {kept}"
    )


def create_job(
    db: Session, kind: str, *, athlete_id: int | None, user_id: int | None, payload: dict[str, Any]
) -> JobRow:
    now = _now()
    row = JobRow(
        kind=kind,
        status=QUEUED,
        progress=0,
        athlete_id=athlete_id,
        user_id=user_id,
        payload=payload,
        created_at=now,
        updated_at=now,
    )
    db.add(row)
    db.flush()
    return row


def live_progress(row: JobRow) -> tuple[int, int | None]:
    """The freshest progress known for a job (this process's memory, else the row)."""
    return LIVE_PROGRESS.get(row.id, (row.progress, row.total))


def job_for_athlete(db: Session, job_id: int, athlete_id: int) -> JobRow:
    """The job if it belongs to the athlete; ``NotFoundError`` otherwise."""
    row = db.scalar(select(JobRow).where(JobRow.id == job_id, JobRow.athlete_id == athlete_id))
    if row is None:
        raise NotFoundError(f"no job with id {job_id} for this athlete")
    return row


def job_for_user(db: Session, job_id: int, user_id: int) -> JobRow:
    """A job the user started that belongs to no single athlete; ``NotFoundError`` otherwise."""
    row = db.scalar(
        select(JobRow).where(
            JobRow.id == job_id, JobRow.user_id == user_id, JobRow.athlete_id.is_(None)
        )
    )
    if row is None:
        raise NotFoundError(f"no job with id {job_id} of yours")
    return row


def run_job(factory: sessionmaker[Session], job_id: int, worker: str = "web") -> str | None:
    """Run one job to completion, recording the result or a friendly error.

    Returns the status recorded, or None when there was nothing to run (no
    such row, or it already ended: a job retried after its worker died
    between recording the outcome and telling the queue does not run again).
    A row still ``running`` is run again from the start: that is a retry.
    A job whose user no longer owns or coaches its athlete is ``cancelled``
    instead, never run (issue 14: a revoked coach's queued import); a handler
    that finds so at its commit point raises :class:`JobCancelled` (cancelled too).
    """
    with factory() as db, db.begin():
        claim = _claim(db, factory, job_id, worker)
    if claim is None:
        return None
    ctx, kind, status = claim
    if status != RUNNING:  # cancelled: remove its files, never run it
        _clean_up(kind, ctx.payload)
        return status
    fn = HANDLERS.get(kind)
    result: dict[str, Any] | None
    try:
        if fn is None:
            raise RunstrongError(f"unknown job kind {kind!r}")
        result = fn(ctx)
        status, error = DONE, None
    except JobCancelled as exc:
        log.info("job %s: %s", job_id, exc.reason)
        result, status, error = exc.result, CANCELLED, exc.reason
    except RunstrongError as exc:
        result, status, error = None, FAILED, str(exc)
    except Exception:  # a job must never die silently: record it
        log.exception("job %s failed", job_id)
        result, status, error = None, FAILED, "The job failed unexpectedly; the error was logged."
    _record(factory, job_id, status, result, error)
    return status


def _claim(
    db: Session, factory: sessionmaker[Session], job_id: int, worker: str
) -> tuple[JobContext, str, str | None] | None:
    """Mark the job running, or cancelled if its user lost access; None: nothing to do.

    The status returned is RUNNING (run it), CANCELLED (cancelled now) or None
    (cancelled earlier, while queued: only its files are left to remove).
    """
    row = db.get(JobRow, job_id, with_for_update=True)
    if row is None or row.status not in (QUEUED, RUNNING, CANCELLED):
        return None
    ctx = JobContext(factory, row.id, row.athlete_id, dict(row.payload or {}), row.user_id)
    if row.status == CANCELLED:
        return ctx, row.kind, None
    reason = _access_ended(db, row)
    if reason is not None:
        log.info("job %s: %s", job_id, reason)
        row.status, row.result, row.error = CANCELLED, None, reason
        row.updated_at = _now()
        return ctx, row.kind, CANCELLED
    row.status, row.worker = RUNNING, worker
    row.updated_at = row.heartbeat_at = _now()
    return ctx, row.kind, RUNNING


def _clean_up(kind: str, payload: dict[str, Any]) -> None:
    cleanup = CLEANUPS.get(kind)
    if cleanup is not None:
        try:
            cleanup(payload)
        except OSError:  # leftovers in the spool folder are harmless; say so in the log
            log.warning("could not clean up after the cancelled %s job", kind, exc_info=True)


def cancel_jobs_of(db: Session, athlete_id: int, user_id: int) -> list[int]:
    """Cancel the user's queued jobs for the athlete (in the caller's transaction) when
    the user's access ends; returns their ids. :func:`run_job` re-checks access when a
    job starts, so a job queued by a user who lost access never runs, and removes a
    cancelled job's files when its turn comes; a job already running re-checks at its
    commit point (``may_act_for(..., lock=True)``) and cancels itself there."""
    rows = db.scalars(
        select(JobRow)
        .where(JobRow.athlete_id == athlete_id, JobRow.user_id == user_id, JobRow.status == QUEUED)
        .with_for_update()
    ).all()
    for row in rows:
        row.status, row.result = CANCELLED, None
        row.error = access_ended_reason(user_id, athlete_id)
        row.updated_at = _now()
    return [row.id for row in rows]


def fail_job(factory: sessionmaker[Session], job_id: int, error: str) -> bool:
    """Mark a job that will not run (again) as failed with ``error``; False if it had ended."""
    with factory() as db, db.begin():
        row = db.get(JobRow, job_id, with_for_update=True)
        if row is None or row.status not in (QUEUED, RUNNING):
            return False
        row.status, row.result, row.error = FAILED, None, error
        row.updated_at = _now()
        LIVE_PROGRESS.pop(job_id, None)
        return True


def _record(
    factory: sessionmaker[Session],
    job_id: int,
    status: str,
    result: dict[str, Any] | None,
    error: str | None,
) -> None:
    with factory() as db, db.begin():
        row = db.get(JobRow, job_id)
        if row is None:
            return
        row.status, row.result, row.error = status, result, error
        done, total = LIVE_PROGRESS.pop(job_id, (row.progress, row.total))
        row.progress, row.total = done, total
        if status == DONE and row.total is not None:
            row.progress = row.total
        row.updated_at = _now()


class JobRunner(Protocol):
    """What the web app calls: hand over a job id once its row is committed."""

    def submit(self, job_id: int) -> None: ...

    def shutdown(self) -> None: ...


class ThreadJobRunner:
    """Runs jobs on a small thread pool inside the web process (SQLite default)."""

    def __init__(self, factory: sessionmaker[Session], threads: int = 2) -> None:
        self._factory = factory
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="runstrong-job")
        self._lock = threading.Lock()

    def submit(self, job_id: int) -> None:
        self._pool.submit(run_job, self._factory, job_id, f"thread:{threading.get_ident()}")

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
