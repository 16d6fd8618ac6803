"""Background jobs on PostgreSQL through procrastinate: deferring, workers, dead workers.

The PostgreSQL tests skip ("RUNSTRONG_TEST_DATABASE_URL is not set") unless
that variable names a scratch database; each test gets its own schema,
migrated with ``runstrong.storage.migrate.upgrade`` (which also creates
procrastinate's schema). Worker subprocesses run ``runstrong worker`` with the
``test.steps`` handler of ``queue_handlers.py``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import queue_handlers  # noqa: F401  (registers the test.steps handler in this process)
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from runstrong import cli
from runstrong.core.errors import InputError
from runstrong.services.jobs import DONE, FAILED, QUEUED, RUNNING, ThreadJobRunner, create_job
from runstrong.storage import repository
from runstrong.storage.db import make_engine, make_session_factory
from runstrong.storage.migrate import upgrade
from runstrong.storage.tables import JobRow
from runstrong.web.job_queue import (
    QueueJobRunner,
    QueueOptions,
    make_job_runner,
    procrastinate_app,
    recover_stalled_jobs,
    serve,
)
from runstrong.web.settings import WebSettings

PG_ENV = "RUNSTRONG_TEST_DATABASE_URL"
HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
NO_PG = f"no PostgreSQL: set {PG_ENV} to run it"
needs_pg = pytest.mark.skipif(not os.environ.get(PG_ENV), reason=NO_PG)


# ---------------------------------------------------------------------------
# Without PostgreSQL: runner selection, the worker's refusal on SQLite, laziness
# ---------------------------------------------------------------------------


def test_sqlite_keeps_the_in_process_runner(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    factory = make_session_factory(engine)
    runner = make_job_runner(factory, "auto", 2)
    assert isinstance(runner, ThreadJobRunner)
    runner.shutdown()
    with pytest.raises(InputError) as info:
        make_job_runner(factory, "queue", 2)
    assert str(info.value) == (
        "job runner 'queue' needs PostgreSQL; this database is sqlite (use 'auto' or 'thread')"
    )
    engine.dispose()


def test_sqlite_web_app_never_loads_procrastinate(tmp_path: Path) -> None:
    """The default install (SQLite) runs jobs on threads and never imports the queue library."""
    code = (
        "import sys; from runstrong.web.app import create_app; "
        "from runstrong.web.settings import WebSettings; "
        f"app = create_app(WebSettings(database_url='sqlite:///{tmp_path / 'w.sqlite3'}', "
        "secret_key='k' * 32)); app.state.jobs.shutdown(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'procrastinate'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_worker_refuses_sqlite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", f"sqlite:///{tmp_path / 'w.sqlite3'}")
    assert cli.run(["worker", "--burst"]) == 1
    assert capsys.readouterr().err.strip() == (
        "Error: runstrong worker needs a PostgreSQL database; RUNSTRONG_DATABASE_URL points "
        "to sqlite (with SQLite the web app runs jobs itself)"
    )


def test_job_runner_settings_come_from_the_environment() -> None:
    env = {"RUNSTRONG_JOB_RUNNER": "external", "RUNSTRONG_JOB_THREADS": "4"}
    settings = WebSettings.from_env(env)
    assert (settings.job_runner, settings.job_threads) == ("external", 4)


def test_options_reject_nonsense() -> None:
    with pytest.raises(InputError) as info:
        QueueOptions(max_attempts=0)
    assert str(info.value) == "max attempts 0 must be at least 1"
    with pytest.raises(InputError) as info:
        QueueOptions(stalled_after_s=0.1)
    assert str(info.value) == "stalled-after of 0.1 s is too short; use at least 0.3 s"


# ---------------------------------------------------------------------------
# PostgreSQL fixtures
# ---------------------------------------------------------------------------


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A freshly migrated schema of the test PostgreSQL database, dropped afterwards."""
    if not os.environ.get(PG_ENV):
        pytest.skip(NO_PG)
    schema = f"q_{uuid.uuid4().hex[:12]}"
    admin = create_engine(os.environ[PG_ENV])
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = (
        make_url(os.environ[PG_ENV])
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def factory(pg_url: str) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(pg_url)
    yield make_session_factory(engine)
    engine.dispose()


def enqueue(
    factory: sessionmaker[Session], payloads: list[dict[str, Any]], kind: str = "test.steps"
) -> list[int]:
    """Create the rows and defer them as the web does (commit, then the runner's submit)."""
    with factory() as db, db.begin():
        rows = [create_job(db, kind, athlete_id=None, user_id=None, payload=p) for p in payloads]
        ids = [r.id for r in rows]
    runner = QueueJobRunner(factory, threads=0)
    for job_id in ids:
        runner.submit(job_id)
    runner.shutdown()
    return ids


def queue_jobs(factory: sessionmaker[Session]) -> dict[int, tuple[str, int]]:
    """procrastinate's view: ``jobs`` id → (status, attempts) of every queue job left."""
    with factory() as db:
        rows = db.execute(text("SELECT args, status, attempts FROM procrastinate_jobs")).all()
    return {int(args["job_id"]): (status, attempts) for args, status, attempts in rows}


def job(factory: sessionmaker[Session], job_id: int) -> JobRow:
    with factory() as db:
        row = db.get(JobRow, job_id)
        assert row is not None
        return row


def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout_s} s waiting for {what}")
        time.sleep(0.05)


def log_lines(path: Path) -> list[tuple[str, int, int]]:
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        event, job_id, pid = line.split()
        out.append((event, int(job_id), int(pid)))
    return out


class Worker:
    """A ``runstrong worker`` subprocess with the test handler loaded."""

    def __init__(self, url: str, name: str, tmp: Path, *extra: str) -> None:
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import queue_handlers; "
            "from runstrong.cli import run; sys.exit(run(sys.argv[2:]))"
        )
        args = ["worker", "--name", name, "--stalled-seconds", "1.5", "--poll-seconds", "0.1"]
        env = {**os.environ, "RUNSTRONG_DATABASE_URL": url, "COLUMNS": "200"}
        self.name = name
        self.out = tmp / f"{name}.out"
        self._out_file = self.out.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code, str(HERE), *args, *extra],
            env=env,
            stdout=self._out_file,
            stderr=subprocess.STDOUT,
        )

    def ready(self) -> bool:
        return f"runstrong worker {self.name}" in self.out.read_text()

    def stop(self, sig: int = signal.SIGTERM, timeout_s: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        code = self.proc.wait(timeout_s)
        self._out_file.close()
        return code


@pytest.fixture
def workers(pg_url: str, tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def start(name: str, *extra: str) -> Worker:
        worker = Worker(pg_url, name, tmp_path, *extra)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        if worker.proc.poll() is None:
            worker.proc.kill()
            worker.proc.wait(10)
        if not worker._out_file.closed:
            worker._out_file.close()


# ---------------------------------------------------------------------------
# In-process: deferring, the web's worker, recovery of stalled jobs
# ---------------------------------------------------------------------------


@needs_pg
def test_burst_worker_records_results_and_handler_errors(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    log = tmp_path / "log.txt"
    ok, bad = enqueue(
        factory,
        [
            {"steps": 3, "step_s": 0.0, "log": str(log)},
            {"steps": "three", "step_s": 0.0, "log": str(log)},
        ],
    )
    assert queue_jobs(factory) == {ok: ("todo", 0), bad: ("todo", 0)}
    asyncio.run(serve(factory, name="burst", concurrency=1, options=QueueOptions(), wait=False))
    good = job(factory, ok)
    assert (good.status, good.result, good.progress, good.total, good.worker) == (
        DONE,
        {"steps": 3, "sum": 6},
        3,
        3,
        "burst",
    )
    failed = job(factory, bad)
    assert failed.status == FAILED
    assert failed.error == "The job failed unexpectedly; the error was logged."
    assert queue_jobs(factory) == {}  # procrastinate deletes the jobs it has run


@needs_pg
def test_web_runner_helps_run_jobs_and_external_only_defers(
    factory: sessionmaker[Session], tmp_path: Path
) -> None:
    runner = make_job_runner(factory, "auto", 2)
    assert isinstance(runner, QueueJobRunner)
    with factory() as db, db.begin():
        payload = {"steps": 2, "step_s": 0.01, "log": str(tmp_path / "l")}
        job_id = create_job(db, "test.steps", athlete_id=None, user_id=None, payload=payload).id
    runner.submit(job_id)
    wait_until(lambda: job(factory, job_id).status == DONE, 20, "the web's worker to run the job")
    runner.shutdown()
    assert job(factory, job_id).result == {"steps": 2, "sum": 3}
    assert job(factory, job_id).worker.startswith("web:")
    external = make_job_runner(factory, "external", 2)
    with factory() as db, db.begin():
        other = create_job(db, "test.steps", athlete_id=None, user_id=None, payload=payload).id
    external.submit(other)
    time.sleep(0.5)
    assert job(factory, other).status == QUEUED  # external: only workers run jobs
    assert queue_jobs(factory) == {other: ("todo", 0)}
    external.shutdown()


@needs_pg
def test_a_job_that_cannot_be_queued_fails_with_a_message(factory: sessionmaker[Session]) -> None:
    with factory() as db, db.begin():
        job_id = create_job(db, "test.steps", athlete_id=None, user_id=None, payload={}).id
        db.execute(text("DROP TABLE procrastinate_jobs CASCADE"))
    QueueJobRunner(factory, threads=0).submit(job_id)
    row = job(factory, job_id)
    assert (row.status, row.error) == (
        FAILED,
        "the job could not be queued: the job queue in the database did not answer; "
        "try again in a minute",
    )


async def _claim_as_dead_worker(factory: sessionmaker[Session]) -> int:
    """Register a worker, let it take the next job, and never send a heartbeat again."""
    app = procrastinate_app(factory, asynchronous=True)
    async with app.open_async():
        worker_id = await app.job_manager.register_worker()
        fetched = await app.job_manager.fetch_job(queues=None, worker_id=worker_id)
        assert fetched is not None and fetched.id is not None
        return fetched.id


async def _recover(factory: sessionmaker[Session], options: QueueOptions) -> list[int]:
    app = procrastinate_app(factory, asynchronous=True)
    async with app.open_async():
        return await recover_stalled_jobs(app, factory, options)


@needs_pg
def test_stalled_job_is_queued_again_until_max_attempts(factory: sessionmaker[Session]) -> None:
    (job_id,) = enqueue(factory, [{"steps": 1, "step_s": 0.0, "log": "/dev/null"}])
    options = QueueOptions(stalled_after_s=0.3, max_attempts=3)
    asyncio.run(_claim_as_dead_worker(factory))
    assert asyncio.run(_recover(factory, options)) == []  # its heartbeat is still fresh
    assert queue_jobs(factory) == {job_id: ("doing", 0)}
    for attempt in (1, 2):
        time.sleep(0.5)
        assert asyncio.run(_recover(factory, options)) == [job_id]
        assert queue_jobs(factory) == {job_id: ("todo", attempt)}
        asyncio.run(_claim_as_dead_worker(factory))
    time.sleep(0.5)
    assert asyncio.run(_recover(factory, options)) == []  # third interruption: given up
    assert queue_jobs(factory) == {job_id: ("failed", 3)}
    row = job(factory, job_id)
    assert (row.status, row.error) == (
        FAILED,
        "the job was interrupted 3 times (its worker stopped answering); it was not started again",
    )


@needs_pg
def test_concurrent_recovery_passes_queue_a_stalled_job_once(
    factory: sessionmaker[Session],
) -> None:
    ids = enqueue(factory, [{"steps": 1, "step_s": 0.0, "log": "/dev/null"} for _ in range(5)])
    for _ in ids:
        asyncio.run(_claim_as_dead_worker(factory))
    time.sleep(0.5)
    options = QueueOptions(stalled_after_s=0.3)

    async def four_at_once() -> list[list[int]]:
        return list(await asyncio.gather(*(_recover(factory, options) for _ in range(4))))

    passes = asyncio.run(four_at_once())
    assert sorted(i for requeued in passes for i in requeued) == sorted(ids)
    assert queue_jobs(factory) == dict.fromkeys(ids, ("todo", 1))


# ---------------------------------------------------------------------------
# Worker processes
# ---------------------------------------------------------------------------


@needs_pg
def test_killed_worker_job_finishes_once_on_the_other_worker(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    log = tmp_path / "events.txt"
    pool = {w.name: w for w in (workers("alpha"), workers("beta"))}
    for w in pool.values():
        wait_until(w.ready, 60, f"worker {w.name} to start")
    (job_id,) = enqueue(factory, [{"steps": 15, "step_s": 0.2, "log": str(log)}])
    wait_until(lambda: job(factory, job_id).progress >= 2, 60, "a worker to get going")
    row = job(factory, job_id)
    victim = pool.pop(row.worker)
    (survivor,) = pool.values()
    victim.proc.send_signal(signal.SIGKILL)
    assert victim.proc.wait(10) == -signal.SIGKILL
    assert job(factory, job_id).progress < 15  # killed mid-job

    wait_until(lambda: job(factory, job_id).status == DONE, 60, "the survivor to finish")
    assert survivor.stop() == 0
    row = job(factory, job_id)
    assert (row.worker, row.result) == (survivor.name, {"steps": 15, "sum": 120})
    events = log_lines(log)
    starts = [pid for event, _, pid in events if event == "start"]
    ends = [pid for event, _, pid in events if event == "end"]
    assert starts == [victim.proc.pid, survivor.proc.pid]
    assert ends == [survivor.proc.pid]  # finished exactly once, by the survivor
    assert queue_jobs(factory) == {}  # and procrastinate holds no copy to run again


@needs_pg
def test_two_workers_never_run_the_same_job(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    log = tmp_path / "events.txt"
    pool = [workers("left", "--concurrency", "2"), workers("right", "--concurrency", "2")]
    for w in pool:
        wait_until(w.ready, 60, f"worker {w.name} to start")
    ids = enqueue(factory, [{"steps": 3, "step_s": 0.05, "log": str(log)} for _ in range(24)])

    def all_done() -> bool:
        with factory() as db:
            statuses = db.scalars(select(JobRow.status).where(JobRow.id.in_(ids))).all()
        return set(statuses) == {DONE}

    wait_until(all_done, 60, "all 24 jobs to finish")
    assert [w.stop() for w in pool] == [0, 0]
    events = log_lines(log)
    started = Counter(job_id for event, job_id, _ in events if event == "start")
    assert started == Counter(dict.fromkeys(ids, 1))  # each job ran exactly once
    by_worker = Counter(pid for event, _, pid in events if event == "start")
    assert set(by_worker) == {w.proc.pid for w in pool}  # and both shared the load
    with factory() as db:
        rows = db.scalars(select(JobRow).where(JobRow.id.in_(ids))).all()
    assert all(r.result == {"steps": 3, "sum": 6} for r in rows)
    assert {r.worker for r in rows} == {"left", "right"}


@needs_pg
def test_a_long_job_stays_with_its_live_worker(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    """A job three stalled-after periods long is not run again while its worker lives."""
    log = tmp_path / "events.txt"
    pool = [workers("steady"), workers("rival")]
    for w in pool:
        wait_until(w.ready, 60, f"worker {w.name} to start")
    payload = {"steps": 15, "step_s": 0.3, "log": str(log), "quiet": True}
    (job_id,) = enqueue(factory, [payload])
    wait_until(lambda: job(factory, job_id).status in (DONE, FAILED), 60, "the job to end")
    assert [w.stop() for w in pool] == [0, 0]
    assert job(factory, job_id).status == DONE
    assert [event for event, _, _ in log_lines(log)] == ["start", "end"]


@needs_pg
def test_worker_runs_real_imports_idempotently(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    """The import handler through ``runstrong worker``: the same files twice import once."""
    now = dt.datetime.now(dt.UTC)
    with factory() as db, db.begin():
        athlete_id = repository.add_athlete(db, "Queue Runner", now=now).id
    fit_files = sorted((DATA / "activities" / "FITfileR").glob("*.fit"))[:2]
    ids = []
    for copy in ("first", "second"):
        spool = tmp_path / "spool" / copy
        spool.mkdir(parents=True)
        for f in fit_files:
            shutil.copyfile(f, spool / f.name)
        with factory() as db, db.begin():
            ids.append(
                create_job(
                    db, "import", athlete_id=athlete_id, user_id=None, payload={"dir": str(spool)}
                ).id
            )
    runner = QueueJobRunner(factory, threads=0)
    for job_id in ids:
        runner.submit(job_id)
    runner.shutdown()
    worker = workers("importer", "--burst", "--concurrency", "1")
    assert worker.proc.wait(120) == 0, worker.out.read_text()
    first, second = job(factory, ids[0]), job(factory, ids[1])
    assert (first.status, second.status) == (DONE, DONE)
    assert first.result is not None and second.result is not None
    assert first.result["files"] == second.result["files"] == 2
    assert first.result["imported"] >= 2 and first.result["failed"] == []
    assert (second.result["imported"], second.result["duplicates"]) == (
        0,
        first.result["imported"],
    )
    with factory() as db:
        assert repository.count_activities(db, athlete_id) == first.result["imported"]
    assert not (tmp_path / "spool" / "first").exists()  # the handler cleans its spool


def test_server_shutdown_stops_the_job_runner(tmp_path: Path) -> None:
    """The app's lifespan ends the runner when the server stops (running jobs finish first)."""
    from fastapi.testclient import TestClient

    from runstrong.web.app import create_app

    settings = WebSettings(database_url=f"sqlite:///{tmp_path / 's.sqlite3'}", secret_key="k" * 32)
    app = create_app(settings)
    with TestClient(app):
        pass
    with pytest.raises(RuntimeError) as info:
        app.state.jobs.submit(1)
    assert str(info.value) == "cannot schedule new futures after shutdown"


@needs_pg
def test_second_interrupt_stops_a_worker_at_once(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    log = tmp_path / "events.txt"
    worker = workers("hasty")
    wait_until(worker.ready, 60, "the worker to start")
    (job_id,) = enqueue(factory, [{"steps": 100, "step_s": 0.2, "log": str(log)}])
    wait_until(lambda: job(factory, job_id).progress >= 1, 60, "the job to start")
    worker.proc.send_signal(signal.SIGINT)
    time.sleep(0.5)
    worker.proc.send_signal(signal.SIGINT)
    started = time.monotonic()
    assert worker.proc.wait(15) == 1
    assert time.monotonic() - started < 5  # not after the 20 s job
    assert "worker hasty stopped at once; its unfinished jobs run again once it has been " in (
        worker.out.read_text()
    )
    assert job(factory, job_id).status == RUNNING  # left for the recovery pass


@needs_pg
def test_graceful_stop_keeps_a_long_job_from_running_twice(
    factory: sessionmaker[Session], workers: Callable[..., Worker], tmp_path: Path
) -> None:
    """SIGTERM lets the running job finish; its heartbeat goes on meanwhile, so the other
    worker does not take the job for stalled (procrastinate alone stops beating at once)."""
    log = tmp_path / "events.txt"
    pool = {w.name: w for w in (workers("calm"), workers("eager"))}
    for w in pool.values():
        wait_until(w.ready, 60, f"worker {w.name} to start")
    (job_id,) = enqueue(factory, [{"steps": 20, "step_s": 0.2, "log": str(log)}])
    wait_until(lambda: job(factory, job_id).progress >= 1, 60, "a worker to get going")
    stopping = pool.pop(job(factory, job_id).worker)
    (other,) = pool.values()
    assert stopping.stop(timeout_s=60) == 0  # 4 s of job left: 2.7 stalled-after periods
    row = job(factory, job_id)
    assert (row.status, row.worker, row.result) == (DONE, stopping.name, {"steps": 20, "sum": 210})
    assert other.stop() == 0
    assert log_lines(log) == [
        ("start", job_id, stopping.proc.pid),
        ("end", job_id, stopping.proc.pid),
    ]
