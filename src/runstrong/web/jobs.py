"""Background jobs of the web app: archive/file imports with progress the page can follow.

A job is a row of ``jobs`` (kind, status, progress/total, payload, result).
The web process creates the row and hands its id to a runner:

- ``ThreadJobRunner`` (SQLite, one process): a small thread pool in the web
  process runs the job at once.
- For PostgreSQL deployments with several web processes and workers, see
  docs/web.md: jobs are claimed from the same table by ``runstrong worker``
  processes (not part of this module yet).

Handlers are plain functions ``(JobContext) -> dict`` registered by kind;
they report progress through the context and never touch the request.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from runstrong.core.errors import NotFoundError, RunstrongError
from runstrong.storage.tables import JobRow

log = logging.getLogger("runstrong.web.jobs")

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class JobContext:
    """What a handler gets: its job id, payload, and a way to report progress."""

    factory: sessionmaker[Session]
    job_id: int
    athlete_id: int | None
    payload: dict[str, Any]

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


def handler(kind: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return register


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


def run_job(factory: sessionmaker[Session], job_id: int, worker: str = "web") -> None:
    """Run one job to completion, recording the result or a friendly error."""
    with factory() as db, db.begin():
        row = db.get(JobRow, job_id)
        if row is None or row.status not in (QUEUED, RUNNING):
            return
        row.status, row.worker = RUNNING, worker
        row.updated_at = row.heartbeat_at = _now()
        ctx = JobContext(factory, row.id, row.athlete_id, dict(row.payload or {}))
        kind = row.kind
    fn = HANDLERS.get(kind)
    try:
        if fn is None:
            raise RunstrongError(f"unknown job kind {kind!r}")
        result = fn(ctx)
        status, error = DONE, None
    except RunstrongError as exc:
        result, status, error = None, FAILED, str(exc)
    except Exception:  # a job must never die silently: record it
        log.exception("job %s failed", job_id)
        result, status, error = None, FAILED, "The job failed unexpectedly; the error was logged."
    with factory() as db, db.begin():
        row = db.get(JobRow, job_id)
        if row is not None:
            row.status, row.result, row.error = status, result, error
            done, total = LIVE_PROGRESS.pop(job_id, (row.progress, row.total))
            row.progress, row.total = done, total
            if status == DONE and row.total is not None:
                row.progress = row.total
            row.updated_at = _now()


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


# ---------------------------------------------------------------------------
# Import job
# ---------------------------------------------------------------------------


@handler("import")
def import_job(ctx: JobContext) -> dict[str, Any]:
    """Import the uploaded files of ``payload["dir"]`` into the athlete's log."""
    from runstrong.services.imports import estimate_file_count, import_paths

    folder = Path(str(ctx.payload["dir"]))
    if ctx.athlete_id is None:
        raise RunstrongError("an import job needs an athlete")
    paths = sorted(p for p in folder.iterdir() if p.is_file())
    total = estimate_file_count(paths)
    ctx.progress(0, total)
    try:
        report = import_paths(
            ctx.factory,
            paths,
            athlete_id=ctx.athlete_id,
            now=_now(),
            workers=0,
            files_total=total,
            on_progress=lambda p: ctx.progress(p.files_done, p.files_total or p.files_done),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ctx.progress(report.files, report.files)
    return {
        "files": report.files,
        "imported": report.imported,
        "duplicates": report.duplicates,
        "imported_ids": report.imported_ids[:500],
        "not_activities": [[p.name, p.reason] for p in report.not_activities],
        "failed": [[p.name, p.reason] for p in report.failed],
    }


# ---------------------------------------------------------------------------
# Re-plan a squad
# ---------------------------------------------------------------------------


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


@handler("replan")
def replan_job(ctx: JobContext) -> dict[str, Any]:
    """Rebuild, from ``payload["start"]``, the plan of every athlete in ``payload["athlete_ids"]``
    (each in its own transaction, so one athlete's failure does not undo the others)."""
    from runstrong.storage.tables import AthleteRow
    from runstrong.web.planning import build_and_store_plan
    from runstrong.web.profile_form import load_profile

    ids = [int(i) for i in ctx.payload.get("athlete_ids", [])]
    start = dt.date.fromisoformat(str(ctx.payload["start"]))
    results: list[dict[str, Any]] = []
    ctx.progress(0, len(ids))
    for done, athlete_id in enumerate(ids, start=1):
        with ctx.factory() as db, db.begin():
            row = db.get(AthleteRow, athlete_id)
            if row is None:
                continue
            loaded = load_profile(row.profile_toml)
            if loaded is None:
                message = "no valid profile: complete it in Settings first"
            else:
                message = build_and_store_plan(db, athlete_id, loaded[1], start)
            results.append({"athlete_id": athlete_id, "athlete": row.name, "message": message})
        ctx.progress(done, len(ids))
    return {"athletes": results}
