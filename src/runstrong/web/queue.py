"""A durable job queue on the ``jobs`` table for PostgreSQL deployments.

Several web processes enqueue jobs (a ``jobs`` row with status ``queued``) and
any number of workers, on any machine that reaches the database, run them:

- **Claiming.** A worker takes the oldest claimable row with
  ``SELECT … FOR UPDATE SKIP LOCKED`` in a short transaction and marks it
  ``running`` with its own name and a fresh ``heartbeat_at``. Two workers
  never claim the same row: the second one's ``SKIP LOCKED`` passes over the
  row the first holds locked, and once committed the row is no longer
  ``queued``.
- **Lease.** While the handler runs, a heartbeat thread renews
  ``heartbeat_at`` every ``lease_s / 3`` seconds. A ``running`` row whose
  heartbeat is older than ``lease_s`` belongs to a worker that died (killed,
  machine lost, network cut): the next claim takes it over.
- **Bounded retries.** Each claim counts an attempt (kept in the payload
  under ``_attempts``, so the schema needs no change); a job whose worker
  died ``max_attempts`` times is marked ``failed`` instead of being run again.
  A handler that raises is *not* retried: its error is recorded once.
- **Exactly one outcome.** The result is written only while the row is still
  ``running`` under the same worker name, so a worker that lost its lease
  (and whose job was taken over) cannot overwrite the newer run's outcome.
  Handlers therefore run *at least once* and must be idempotent; the import
  handler is (activities are deduplicated by content hash).
- **Wake-up.** Enqueuing sends ``NOTIFY runstrong_jobs``; idle workers
  ``LISTEN`` on it and also poll every ``poll_s`` seconds, so a lost
  notification only delays a job.

The worker loop, the web process's runner and the choice between runners
are in :mod:`runstrong.web.queue_worker`; on SQLite the web app keeps
:class:`runstrong.web.jobs.ThreadJobRunner` (one process).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, or_, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import InputError, RunstrongError
from runstrong.storage.tables import JobRow
from runstrong.web.jobs import (
    DONE,
    FAILED,
    HANDLERS,
    LIVE_PROGRESS,
    QUEUED,
    RUNNING,
    JobContext,
)

log = logging.getLogger("runstrong.web.queue")

NOTIFY_CHANNEL = "runstrong_jobs"
ATTEMPTS_KEY = "_attempts"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class QueuePolicy:
    """Timing of the queue. Every worker of one database should use the same values."""

    lease_s: float = 30.0
    max_attempts: int = 3
    poll_s: float = 2.0

    def __post_init__(self) -> None:
        if self.lease_s < 0.3:
            raise InputError(f"lease of {self.lease_s} s is too short; use at least 0.3 s")
        if self.max_attempts < 1:
            raise InputError(f"max attempts {self.max_attempts} must be at least 1")
        if self.poll_s <= 0:
            raise InputError(f"poll interval {self.poll_s} s must be positive")


@dataclass(frozen=True)
class Claim:
    """A job a worker has claimed: what the handler needs, and the attempt number (1-based)."""

    job_id: int
    kind: str
    athlete_id: int | None
    payload: dict[str, Any]
    attempt: int


def default_worker_name() -> str:
    """``host:pid:random`` — unique per worker process, readable in the ``jobs`` table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def claim_next(
    factory: sessionmaker[Session],
    worker: str,
    policy: QueuePolicy,
    *,
    now: Callable[[], dt.datetime] = _now,
) -> Claim | None:
    """Claim the oldest queued job, or one whose worker's lease expired; None if none.

    A job whose lease expired after ``policy.max_attempts`` attempts is marked
    failed (with a message saying so) and the search goes on.
    """
    while True:
        with factory() as db, db.begin():
            moment = now()
            cutoff = moment - dt.timedelta(seconds=policy.lease_s)
            last_sign_of_life = func.coalesce(JobRow.heartbeat_at, JobRow.updated_at)
            row = db.scalars(
                select(JobRow)
                .where(
                    or_(
                        JobRow.status == QUEUED,
                        and_(JobRow.status == RUNNING, last_sign_of_life < cutoff),
                    )
                )
                .order_by(JobRow.created_at, JobRow.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return None
            payload = dict(row.payload or {})
            attempts = int(payload.get(ATTEMPTS_KEY, 0))
            if attempts >= policy.max_attempts:
                row.status = FAILED
                row.error = (
                    f"the job was interrupted {attempts} times (its worker stopped "
                    f"answering); it was not started again"
                )
                row.updated_at = moment
                log.warning("job %s failed after %s interrupted attempts", row.id, attempts)
                continue
            if row.status == RUNNING:
                log.warning(
                    "job %s: worker %s lost its lease; %s takes over", row.id, row.worker, worker
                )
            payload[ATTEMPTS_KEY] = attempts + 1
            row.payload = payload
            row.status, row.worker = RUNNING, worker
            row.heartbeat_at = row.updated_at = moment
            handler_payload = {k: v for k, v in payload.items() if k != ATTEMPTS_KEY}
            return Claim(row.id, row.kind, row.athlete_id, handler_payload, attempts + 1)


def renew_lease(factory: sessionmaker[Session], job_id: int, worker: str) -> bool:
    """Refresh the heartbeat of a job this worker runs; False if the job is no longer ours."""
    with factory() as db, db.begin():
        result = db.execute(
            update(JobRow)
            .where(JobRow.id == job_id, JobRow.worker == worker, JobRow.status == RUNNING)
            .values(heartbeat_at=_now())
        )
        return bool(getattr(result, "rowcount", 0))


def finish(
    factory: sessionmaker[Session],
    job_id: int,
    worker: str,
    *,
    status: str,
    result: dict[str, Any] | None,
    error: str | None,
) -> bool:
    """Record the outcome if the job is still ours; False (nothing written) otherwise."""
    with factory() as db, db.begin():
        row = db.scalars(
            select(JobRow)
            .where(JobRow.id == job_id, JobRow.worker == worker, JobRow.status == RUNNING)
            .with_for_update()
        ).first()
        if row is None:
            LIVE_PROGRESS.pop(job_id, None)
            return False
        done, total = LIVE_PROGRESS.pop(job_id, (row.progress, row.total))
        row.status, row.result, row.error = status, result, error
        row.progress, row.total = done, total
        if status == DONE and row.total is not None:
            row.progress = row.total
        row.updated_at = _now()
        return True


class _Heartbeat:
    """Renews one job's lease on a thread until stopped."""

    def __init__(self, factory: sessionmaker[Session], job_id: int, worker: str, every_s: float):
        self._factory, self._job_id, self._worker, self._every_s = factory, job_id, worker, every_s
        self._stop = threading.Event()
        self.lost = False
        self._thread = threading.Thread(
            target=self._loop, name=f"runstrong-heartbeat-{job_id}", daemon=True
        )

    def __enter__(self) -> _Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(self._every_s):
            try:
                if not renew_lease(self._factory, self._job_id, self._worker):
                    self.lost = True
                    log.warning("job %s: lease lost by %s", self._job_id, self._worker)
                    return
            except Exception:  # a database hiccup: try again at the next beat
                log.exception("job %s: heartbeat failed", self._job_id)


def execute(factory: sessionmaker[Session], claim: Claim, worker: str, policy: QueuePolicy) -> bool:
    """Run a claimed job's handler under a heartbeat; True if its outcome was recorded."""
    ctx = JobContext(factory, claim.job_id, claim.athlete_id, dict(claim.payload))
    fn = HANDLERS.get(claim.kind)
    with _Heartbeat(factory, claim.job_id, worker, policy.lease_s / 3):
        try:
            if fn is None:
                raise RunstrongError(f"unknown job kind {claim.kind!r}")
            result: dict[str, Any] | None = fn(ctx)
            status, error = DONE, None
        except RunstrongError as exc:
            result, status, error = None, FAILED, str(exc)
        except Exception:  # a job must never die silently: record it
            log.exception("job %s failed", claim.job_id)
            result, status, error = (
                None,
                FAILED,
                "The job failed unexpectedly; the error was logged.",
            )
    recorded = finish(factory, claim.job_id, worker, status=status, result=result, error=error)
    if not recorded:
        log.warning(
            "job %s: outcome of %s discarded (another worker took over)", claim.job_id, worker
        )
    return recorded


def notify(factory: sessionmaker[Session]) -> None:
    """Wake idle workers (PostgreSQL ``NOTIFY``); a no-op elsewhere."""
    bind = factory.kw.get("bind")
    if bind is None or bind.dialect.name != "postgresql":
        return
    with factory() as db, db.begin():
        db.execute(text("SELECT pg_notify(:channel, '')"), {"channel": NOTIFY_CHANNEL})
